"""Factories for sessions, registrations and pledges (synthetic people only)."""

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import factory

from apps.training.models import IntegrityPledge, ParticipantType, Registration, Session
from apps.training.services import new_code, normalise_name
from tests.factories import CivilServantFactory, kecamatan

WITA = ZoneInfo("Asia/Makassar")


def wita(*args) -> datetime:
    return datetime(*args, tzinfo=WITA)


class SessionFactory(factory.django.DjangoModelFactory):
    """A session in Loa Janan on Friday 22 November 2024, 09:00–12:00 WITA."""

    class Meta:
        model = Session

    class Params:
        tenggarong = factory.Trait(kecamatan=factory.LazyFunction(lambda: kecamatan("64.02.06")))
        cancelled = factory.Trait(status=Session.Status.CANCELLED)

    title = factory.Sequence(lambda n: f"Sosialisasi Netralitas ASN #{n}")
    starts_at = factory.LazyFunction(lambda: wita(2024, 11, 22, 9, 0))
    ends_at = factory.LazyAttribute(lambda s: s.starts_at + timedelta(hours=3))
    venue = "Aula Kantor Camat"
    kecamatan = factory.LazyFunction(lambda: kecamatan("64.02.03"))


class RegistrationFactory(factory.django.DjangoModelFactory):
    """An ASN registration; pass ``attended_at`` to have them present."""

    class Meta:
        model = Registration

    session = factory.SubFactory(SessionFactory)
    civil_servant = factory.SubFactory(CivilServantFactory)
    participant_type = ParticipantType.ASN
    name = factory.LazyAttribute(lambda r: r.civil_servant.name)
    nip = factory.LazyAttribute(lambda r: r.civil_servant.nip)
    name_normalised = factory.LazyAttribute(lambda r: normalise_name(r.name))
    institution = factory.LazyAttribute(lambda r: r.civil_servant.agency.name)
    code = factory.LazyFunction(new_code)
    # The registry's place, as registration_add copies it (apps.training.registry_copy).
    asn_agency_id = factory.LazyAttribute(lambda r: getattr(r.civil_servant, "agency_id", None))
    asn_kecamatan_id = factory.LazyAttribute(
        lambda r: getattr(r.civil_servant, "kecamatan_id", None)
    )
    asn_active = factory.LazyAttribute(lambda r: getattr(r.civil_servant, "is_active", False))


class PledgeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = IntegrityPledge

    civil_servant = factory.SubFactory(CivilServantFactory)
    signed_on = factory.LazyFunction(lambda: wita(2024, 11, 22, 0, 0).date())
