"""Factories for cases. ``CaseFactory(status=...)`` gives a case consistent with that state.

Traits and switches:
- ``registered`` (default: derived from ``status``) gives a real register number (numbering);
- ``reporter``/``respondents``/``witnesses``/``evidence``: pass ``False`` or ``0`` to leave out;
  by default a case meets every registration requirement;
- ``followed_up=True`` records a follow-up for every respondent (forwarded cases);
- ``assigned_to=[user, ...]`` assigns investigators.
"""

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import factory
from django.db import transaction

from apps.cases import deadlines, numbering
from apps.cases.models import (
    Case,
    Election,
    Evidence,
    FollowUp,
    Forwarding,
    ForwardingRecipient,
    Reporter,
    Respondent,
    Sanction,
    SanctionType,
    Severity,
    Witness,
)
from apps.personnel.models import Region
from tests.factories import CivilServantFactory, UserFactory

WITA = ZoneInfo("Asia/Makassar")
S = Case.Status
NOT_REGISTERED_STATES = {S.RECEIVED, S.NOT_REGISTERED}
DECIDED_STATES = {S.NOT_REGISTERED, S.DISMISSED, S.FORWARDED, S.CLOSED}
FORWARDED_STATES = {S.FORWARDED, S.CLOSED}
REPORTER_NIK = "6402031204900001"  # synthetic: Loa Janan, born 12-04-1990, male


def wita(*args) -> datetime:
    return datetime(*args, tzinfo=WITA)


def election(code: str = "pilkada-kukar-2024") -> Election:
    return Election.objects.get(code=code)


class CaseFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Case
        skip_postgeneration_save = True

    kind = Case.Kind.REPORT
    election = factory.LazyFunction(election)
    status = S.RECEIVED
    received_at = wita(2024, 11, 9, 10, 0)
    known_on = date(2024, 11, 2)
    incident_on = date(2024, 11, 1)
    incident_place = "Balai Desa Loa Janan Ulu"
    kecamatan = factory.LazyFunction(lambda: Region.objects.get(code="64.02.03"))
    chronology = "Terlapor mengunggah ajakan memilih salah satu pasangan calon di media sosial."
    decided_at = factory.LazyAttribute(
        lambda o: o.received_at + timedelta(days=2) if o.status in DECIDED_STATES else None
    )
    forwarded_at = factory.LazyAttribute(
        lambda o: o.received_at + timedelta(days=2) if o.status in FORWARDED_STATES else None
    )
    closed_at = factory.LazyAttribute(
        lambda o: o.received_at + timedelta(days=10) if o.status == S.CLOSED else None
    )
    closing_reason = factory.LazyAttribute(
        lambda o: "Alasan uji." if o.status in {S.NOT_REGISTERED, S.DISMISSED} else ""
    )

    @factory.post_generation
    def registered(case, create, extracted, **kwargs):
        wanted = extracted if extracted is not None else case.status not in NOT_REGISTERED_STATES
        if create and wanted:
            case.registered_at = case.registered_at or case.received_at + timedelta(hours=2)
            with transaction.atomic():
                numbering.assign_number(
                    case, registered_on=deadlines.local_date(case.registered_at)
                )
                case.save()

    @factory.post_generation
    def reporter(case, create, extracted, **kwargs):
        if create and extracted is not False and case.kind == Case.Kind.REPORT:
            Reporter.objects.create(
                case=case,
                name=kwargs.get("name", "Pelapor Sintetis"),
                nik=kwargs.get("nik", REPORTER_NIK),
                phone="+6281234567890",
                address="Jl. Uji No. 1, Loa Janan",
            )

    @factory.post_generation
    def respondents(case, create, extracted, **kwargs):
        count = 1 if extracted is None else int(extracted)
        for _ in range(count if create else 0):
            servant = CivilServantFactory()
            Respondent.objects.create(
                case=case,
                civil_servant=servant,
                name=servant.name,
                nip=servant.nip,
                position=servant.position,
                golongan=servant.golongan,
                agency=servant.agency,
                agency_name=servant.agency.name,
            )

    @factory.post_generation
    def witnesses(case, create, extracted, **kwargs):
        count = 1 if extracted is None else int(extracted)
        for i in range(count if create else 0):
            Witness.objects.create(
                case=case, name=f"Saksi Sintetis {i + 1}", phone="+6281200000000"
            )

    @factory.post_generation
    def evidence(case, create, extracted, **kwargs):
        count = 1 if extracted is None else int(extracted)
        for i in range(count if create else 0):
            Evidence.objects.create(
                case=case,
                kind=Evidence.Kind.LINK,
                url=f"https://media-sosial.invalid/unggahan/{case.pk}-{i}",
                description="Tangkapan unggahan ajakan memilih",
            )

    @factory.post_generation
    def forwarding(case, create, extracted, **kwargs):
        if create and case.status in FORWARDED_STATES:
            row = Forwarding.objects.create(
                case=case,
                letter_number=f"{case.pk}/PP.01.02/K.KT-05/XI/2024",
                letter_date=deadlines.local_date(case.forwarded_at),
                recommended_sanction=Severity.HEAVY,
                forwarded_by=UserFactory(username="koordinator-pabrik"),
            )
            row.recipients.set(ForwardingRecipient.objects.filter(is_default=True))

    @factory.post_generation
    def followed_up(case, create, extracted, **kwargs):
        if create and (extracted or (extracted is None and case.status == S.CLOSED)):
            sanction = SanctionType.objects.get(code="teguran-tertulis")
            recorder = UserFactory(username="bkpsdm-pabrik")
            for respondent in case.respondents.all():
                FollowUp.objects.create(
                    respondent=respondent,
                    outcome=FollowUp.Outcome.SANCTIONED,
                    recorded_by=recorder,
                )
                Sanction.objects.create(
                    respondent=respondent,
                    sanction_type=sanction,
                    decree_number=f"800/{respondent.pk}/BKPSDM/2024",
                    decree_date=date(2024, 11, 20),
                    recorded_by=recorder,
                )

    @factory.post_generation
    def assigned_to(case, create, extracted, **kwargs):
        if create and extracted:
            case.assigned_investigators.set(extracted)

    @factory.post_generation
    def compute_deadlines(case, create, extracted, **kwargs):
        if create:
            deadlines.recompute_case_deadlines(case)
