"""The registry's place of duty of each registered ASN, copied onto their registrations.

``Registration.asn_agency``, ``asn_kecamatan`` and ``asn_active`` are the registry's values: the
training coverage report counts registrations per agency or kecamatan from them, without joining
the 200k registrations to the 1M ASN of the registry. They are set when a registration is made
(``services.registration_add``, from :func:`place_of`) and follow the registry by a trigger on its
table (migration ``training 0008``) whatever updates it: an import, the admin, a bulk update.
"""

from apps.personnel.models import CivilServant


def place_of(civil_servant: CivilServant) -> dict:
    """The copied fields of a new registration of ``civil_servant``."""
    return {
        "asn_agency_id": civil_servant.agency_id,
        "asn_kecamatan_id": civil_servant.kecamatan_id,
        "asn_active": civil_servant.is_active,
    }
