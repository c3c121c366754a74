from datetime import date

import pytest

from apps.cases import deadlines
from apps.cases.deadlines import DeadlineState, HolidayCalendar
from apps.cases.models import Case
from apps.cases.services import case_transition
from tests.cases.factories import CaseFactory, wita

pytestmark = pytest.mark.django_db
NO_EXTRA = HolidayCalendar()


def by_name(items):
    return {d.name: d for d in items}


# --- the worked example of the issue (Pilkada, calendar days) --------------------------------


def test_a_pilkada_report_received_on_the_last_day_is_within_the_window(reference_data):
    case = CaseFactory(known_on=date(2024, 11, 2), received_at=wita(2024, 11, 9, 10, 0))
    assert case.reporting_due_at == wita(2024, 11, 9, 23, 59, 59)
    assert deadlines.is_within_reporting_window(case)
    reporting = by_name(deadlines.case_deadlines(case, now=wita(2024, 11, 9, 12, 0)))["reporting"]
    assert reporting.state == DeadlineState.MET
    assert reporting.met_at == case.received_at


def test_a_pilkada_report_received_a_day_later_is_expired(reference_data):
    case = CaseFactory(known_on=date(2024, 11, 2), received_at=wita(2024, 11, 10, 8, 0))
    assert not deadlines.is_within_reporting_window(case)
    reporting = by_name(deadlines.case_deadlines(case, now=wita(2024, 11, 10, 9, 0)))["reporting"]
    assert reporting.state == DeadlineState.OVERDUE


def test_the_pilkada_decision_is_due_three_days_after_receipt_at_2359_wita(reference_data):
    case = CaseFactory(status=Case.Status.REGISTERED, received_at=wita(2024, 11, 9, 10, 0))
    assert case.decision_due_at == wita(2024, 11, 12, 23, 59, 59)
    assert case.decision_due_at.astimezone(deadlines.WITA).strftime("%a %d %b %Y %H:%M") == (
        "Tue 12 Nov 2024 23:59"
    )


def test_extend_moves_the_pilkada_decision_to_thursday(reference_data, coordinator):
    case = CaseFactory(status=Case.Status.REGISTERED, received_at=wita(2024, 11, 9, 10, 0))
    case = case_transition(
        case_id=case.pk, action="extend", actor=coordinator, reason="Perlu keterangan tambahan."
    )
    assert case.decision_due_at == wita(2024, 11, 14, 23, 59, 59)
    decision = by_name(deadlines.case_deadlines(case, now=wita(2024, 11, 13, 9, 0)))["decision"]
    assert decision.basis == (
        "3 hari kalender sejak laporan diterima, diperpanjang 2 hari kalender — "
        "UU 10/2016 Pasal 134 ayat (5); perpanjangan UU 10/2016 Pasal 134 ayat (6)"
    )


def test_the_decision_basis_is_one_line_naming_the_law(reference_data):
    case = CaseFactory()
    decision = by_name(deadlines.case_deadlines(case, now=wita(2024, 11, 9, 12, 0)))["decision"]
    assert (
        decision.basis == "3 hari kalender sejak laporan diterima — UU 10/2016 Pasal 134 ayat (5)"
    )
    assert decision.label == "Batas waktu keputusan"
