"""The registry's place of duty of each registered ASN, copied onto their registrations.

``Registration.asn_agency``, ``asn_kecamatan`` and ``asn_active`` are the registry's values: the
training coverage report counts registrations per agency or kecamatan from them, without joining
the 200k registrations to the 1M ASN of the registry. They are set when a registration is made
(``services.registration_add``) and follow the registry wherever it changes: a registry import
(at its end) and the admin's change of an ASN. :func:`follow_registry` is that one step.
"""

from collections.abc import Iterable

from django.db.models import F, OuterRef, Q, Subquery

from apps.personnel.models import CivilServant
from apps.training.models import Registration


def place_of(civil_servant: CivilServant) -> dict:
    """The copied fields of a new registration of ``civil_servant``."""
    return {
        "asn_agency_id": civil_servant.agency_id,
        "asn_kecamatan_id": civil_servant.kecamatan_id,
        "asn_active": civil_servant.is_active,
    }


def _same_as_registry() -> Q:
    same_kecamatan = Q(asn_kecamatan_id=F("civil_servant__kecamatan_id")) | Q(
        asn_kecamatan__isnull=True, civil_servant__kecamatan__isnull=True
    )
    return (
        Q(asn_agency_id=F("civil_servant__agency_id"))
        & Q(asn_active=F("civil_servant__is_active"))
        & same_kecamatan
    )


def follow_registry(civil_servant_ids: Iterable[int] | None = None) -> int:
    """Copy the registry's agency, kecamatan and active flag onto the registrations of these ASN
    (every ASN when None) where they differ; returns how many registrations changed. One
    UPDATE."""
    rows = Registration.objects.filter(civil_servant__isnull=False)
    if civil_servant_ids is not None:
        rows = rows.filter(civil_servant_id__in=list(civil_servant_ids))
    registry = CivilServant.objects.filter(pk=OuterRef("civil_servant_id"))
    return rows.exclude(_same_as_registry()).update(
        asn_agency_id=Subquery(registry.values("agency_id")[:1]),
        asn_kecamatan_id=Subquery(registry.values("kecamatan_id")[:1]),
        asn_active=Subquery(registry.values("is_active")[:1]),
    )
