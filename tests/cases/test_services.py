import re
from datetime import date

import pytest
from django.utils import timezone

from apps.cases.models import Case, CaseEvent, FollowUp
from apps.cases.services import case_create, case_transition, followup_record
from apps.core.errors import InvalidInput
from tests.cases.factories import REPORTER_NIK, election, wita
from tests.factories import CivilServantFactory

pytestmark = pytest.mark.django_db


def intake(actor, **overrides):
    servant = CivilServantFactory()
    fields = dict(
        actor=actor,
        kind=Case.Kind.REPORT,
        election=election(),
        received_at=wita(2024, 11, 9, 10, 0),
        known_on=date(2024, 11, 2),
        incident_on=date(2024, 11, 1),
        incident_place="Balai Desa Loa Janan Ulu",
        chronology="Terlapor mengajak warga memilih salah satu pasangan calon.",
        reporter={"name": "Pelapor Sintetis", "nik": REPORTER_NIK, "phone": "0812-3456-7890"},
        respondents=[{"nip": servant.nip}],
        witnesses=[{"name": "Saksi Sintetis", "phone": "628123450000"}],
    )
    fields.update(overrides)
    return case_create(**fields)


def test_a_case_goes_from_intake_to_closed_with_one_event_per_step(coordinator, bkpsdm_officer):
    case = intake(coordinator)
    steps = [
        ("register", {}),
        ("begin_clarification", {}),
        ("begin_review", {}),
        (
            "forward",
            {
                "recipients": ["bkn-wasdal"],
                "letter_number": "001/PP.01.02/K.KT-05/XI/2024",
                "letter_date": timezone.localdate(),
                "recommended_sanction": "berat",
            },
        ),
    ]
    for action, fields in steps:
        case = case_transition(case_id=case.pk, action=action, actor=coordinator, **fields)
    followup_record(
        respondent=case.respondents.get(),
        sanction_type="teguran-tertulis",
        decree_number="800/12/BKPSDM/2024",
        decree_date=date(2024, 11, 20),
        actor=bkpsdm_officer,
    )
    case = case_transition(case_id=case.pk, action="close", actor=bkpsdm_officer)
    assert case.status == Case.Status.CLOSED
    assert re.fullmatch(r"001/Reg/LP/PB/Kab/64\.02/[IVX]+/\d{4}", case.number)
    assert list(CaseEvent.objects.filter(case=case).values_list("action", flat=True)) == [
        "create",
        "register",
        "begin_clarification",
        "begin_review",
        "forward",
        "follow_up",
        "close",
    ]
    assert FollowUp.objects.filter(respondent__case=case).count() == 1


def test_register_names_every_unmet_requirement(coordinator):
    case = intake(
        coordinator,
        reporter={"name": "Pelapor Sintetis"},
        respondents=[],
        witnesses=[],
        chronology="",
        incident_place="",
        incident_on=None,
        received_at=wita(2024, 11, 10, 8, 0),
    )
    with pytest.raises(InvalidInput) as error:
        case_transition(case_id=case.pk, action="register", actor=coordinator)
    assert set(error.value.fields) == {
        "reporter.nik",
        "respondents",
        "received_at",
        "incident_on",
        "incident_place",
        "chronology",
        "evidence",
    }
    case.refresh_from_db()
    assert case.status == Case.Status.RECEIVED
