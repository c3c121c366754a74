from datetime import UTC, date, timedelta

import pytest

from apps.cases import deadlines
from apps.cases.deadlines import DeadlineState, HolidayCalendar, add_days, end_of_day
from apps.cases.models import Case, DayType
from apps.cases.services import case_transition, election_update, holiday_add, holiday_remove
from apps.core.errors import Forbidden, InvalidInput
from tests.cases.factories import CaseFactory, election, wita

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
        case_id=case.pk,
        action="extend",
        actor=coordinator,
        fields={"reason": "Perlu keterangan tambahan."},
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


# --- working days: weekends and holidays (Pemilu) ---------------------------------------------


def test_one_working_day_after_a_friday_is_the_monday():
    assert add_days(date(2024, 11, 1), 1, DayType.WORKING, NO_EXTRA) == date(2024, 11, 4)
    assert add_days(date(2024, 11, 9), 1, DayType.WORKING, NO_EXTRA) == date(2024, 11, 11)


def test_calendar_days_ignore_weekends_and_holidays():
    # Wed 27 Nov 2024 is the Pilkada voting day, a national holiday: calendar days still count it.
    assert add_days(date(2024, 11, 20), 7, DayType.CALENDAR, NO_EXTRA) == date(2024, 11, 27)


def test_working_days_skip_the_voting_day_holiday():
    # Tue 26 Nov 2024 + 1 working day: Wed 27 Nov is the Pilkada voting day (national holiday).
    assert add_days(date(2024, 11, 26), 1, DayType.WORKING, NO_EXTRA) == date(2024, 11, 28)


def test_the_pemilu_reporting_window_skips_weekends_and_two_national_holidays(reference_data):
    # Known Fri 2 Feb 2024. Seven working days: Mon 5, Tue 6, Wed 7, (Thu 8 Isra Mi'raj),
    # Fri 9, (Sat 10, Sun 11), Mon 12, Tue 13, (Wed 14 voting day), Thu 15.
    case = CaseFactory(
        election=election("pemilu-2024"),
        known_on=date(2024, 2, 2),
        received_at=wita(2024, 2, 15, 16, 0),
        incident_on=date(2024, 2, 1),
    )
    assert case.reporting_due_at == wita(2024, 2, 15, 23, 59, 59)
    assert deadlines.is_within_reporting_window(case)
    reporting = by_name(deadlines.case_deadlines(case, now=wita(2024, 2, 16, 9, 0)))["reporting"]
    assert reporting.basis == (
        "7 hari kerja sejak pelanggaran diketahui — UU 7/2017 Pasal 454 ayat (5); Perbawaslu 7/2022"
    )


def pemilu_case_registered_before_lebaran(status=Case.Status.REGISTERED):
    return CaseFactory(
        election=election("pemilu-2024"),
        status=status,
        known_on=date(2024, 4, 3),
        incident_on=date(2024, 4, 2),
        received_at=wita(2024, 4, 4, 9, 0),
        registered_at=wita(2024, 4, 5, 10, 0),
    )


def test_the_pemilu_decision_counts_working_days_from_registration_over_lebaran(reference_data):
    # Registered Fri 5 Apr 2024; Eid al-Fitr Wed 10 and Thu 11 Apr are national holidays:
    # Mon 8, Tue 9, Fri 12, Mon 15, Tue 16, Wed 17, Thu 18.
    case = pemilu_case_registered_before_lebaran()
    assert case.decision_due_at == wita(2024, 4, 18, 23, 59, 59)
    decision = by_name(deadlines.case_deadlines(case, now=wita(2024, 4, 8, 9, 0)))["decision"]
    assert decision.basis == (
        "7 hari kerja sejak laporan diregistrasi — UU 7/2017 Pasal 454 ayat (6); Perbawaslu 7/2022"
    )


def test_the_pemilu_extension_is_fourteen_working_days_in_all(reference_data, coordinator):
    case = pemilu_case_registered_before_lebaran()
    case = case_transition(
        case_id=case.pk, action="extend", actor=coordinator, fields={"reason": "Saksi."}
    )
    # 8, 9, 12, 15, 16, 17, 18, 19, 22, 23, 24, 25, 26, 29 April 2024.
    assert case.decision_due_at == wita(2024, 4, 29, 23, 59, 59)
    decision = by_name(deadlines.case_deadlines(case, now=wita(2024, 4, 8, 9, 0)))["decision"]
    assert decision.basis.startswith("diperpanjang menjadi paling lama 14 hari kerja")


def test_a_received_pemilu_report_has_no_decision_clock_before_registration(reference_data):
    case = CaseFactory(
        election=election("pemilu-2024"),
        known_on=date(2024, 4, 3),
        incident_on=date(2024, 4, 2),
        received_at=wita(2024, 4, 4, 9, 0),
    )
    assert case.decision_due_at is None
    names = [d.name for d in deadlines.case_deadlines(case, now=wita(2024, 4, 4, 10, 0))]
    assert names == ["reporting"]


def test_the_clock_can_start_at_registration_for_a_pilkada_too(reference_data):
    pilkada = election()
    pilkada.decision_clock_anchor = "registration"
    pilkada.save()
    case = CaseFactory(
        election=pilkada,
        status=Case.Status.REGISTERED,
        received_at=wita(2024, 11, 9, 10, 0),
        registered_at=wita(2024, 11, 11, 8, 0),
    )
    assert case.decision_due_at == wita(2024, 11, 14, 23, 59, 59)


# --- holidays added in the admin --------------------------------------------------------------


def test_adding_cuti_bersama_recomputes_the_open_cases(reference_data, coordinator):
    open_case = pemilu_case_registered_before_lebaran()
    dismissed = pemilu_case_registered_before_lebaran(status=Case.Status.DISMISSED)
    pilkada = CaseFactory(status=Case.Status.REGISTERED)
    untouched = (dismissed.decision_due_at, pilkada.decision_due_at)
    for day in (8, 9, 12, 15):  # cuti bersama Idul Fitri 2024
        holiday_add(date=date(2024, 4, day), name="Cuti bersama Idul Fitri", actor=coordinator)
    open_case.refresh_from_db()
    # 16, 17, 18, 19, 22, 23, 24 April.
    assert open_case.decision_due_at == wita(2024, 4, 24, 23, 59, 59)
    dismissed.refresh_from_db(), pilkada.refresh_from_db()
    assert (dismissed.decision_due_at, pilkada.decision_due_at) == untouched


def test_removing_a_holiday_recomputes_the_open_cases(reference_data, coordinator):
    case = pemilu_case_registered_before_lebaran()
    holiday = holiday_add(date=date(2024, 4, 15), name="Cuti bersama", actor=coordinator)
    case.refresh_from_db()
    assert case.decision_due_at == wita(2024, 4, 19, 23, 59, 59)
    assert holiday_remove(holiday=holiday, actor=coordinator) == 1
    case.refresh_from_db()
    assert case.decision_due_at == wita(2024, 4, 18, 23, 59, 59)


def test_a_holiday_moves_the_reporting_window_of_a_received_report(reference_data, coordinator):
    case = CaseFactory(
        election=election("pemilu-2024"),
        known_on=date(2024, 2, 2),
        received_at=wita(2024, 2, 16, 9, 0),
        incident_on=date(2024, 2, 1),
    )
    assert not deadlines.is_within_reporting_window(case)
    holiday_add(date=date(2024, 2, 9), name="Cuti bersama Tahun Baru Imlek", actor=coordinator)
    case.refresh_from_db()
    assert case.reporting_due_at == wita(2024, 2, 16, 23, 59, 59)
    assert deadlines.is_within_reporting_window(case)


def test_the_calendar_knows_national_and_added_holidays():
    calendar = HolidayCalendar([date(2024, 4, 8)])
    assert calendar.is_holiday(date(2024, 4, 10))  # Idul Fitri (holidays package)
    assert calendar.is_holiday(date(2024, 4, 8))  # added
    assert not calendar.is_working_day(date(2024, 4, 13))  # Saturday
    assert calendar.is_working_day(date(2024, 4, 16))


# --- states -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("now", "state"),
    [
        (wita(2024, 11, 10, 9, 0), DeadlineState.OK),
        (wita(2024, 11, 11, 23, 59, 58), DeadlineState.OK),
        (wita(2024, 11, 12, 0, 0, 0), DeadlineState.DUE_SOON),
        (wita(2024, 11, 12, 23, 59, 59), DeadlineState.DUE_SOON),
        (wita(2024, 11, 13, 0, 0, 0), DeadlineState.OVERDUE),
    ],
)
def test_the_decision_deadline_state_follows_the_clock(reference_data, now, state):
    case = CaseFactory(status=Case.Status.REGISTERED)
    assert by_name(deadlines.case_deadlines(case, now=now))["decision"].state == state


def test_a_decided_case_has_met_its_decision_deadline_even_late(reference_data):
    case = CaseFactory(status=Case.Status.DISMISSED, decided_at=wita(2024, 11, 13, 10, 0))
    decision = by_name(deadlines.case_deadlines(case, now=wita(2024, 12, 1, 0, 0)))["decision"]
    assert (decision.state, decision.is_late, decision.met_at) == (
        DeadlineState.MET,
        True,
        wita(2024, 11, 13, 10, 0),
    )
    assert decision.state_label == "terpenuhi"


def test_the_follow_up_deadline_runs_fourteen_days_from_forwarding(reference_data):
    case = CaseFactory(status=Case.Status.FORWARDED, forwarded_at=wita(2024, 11, 11, 15, 0))
    assert case.follow_up_due_at == wita(2024, 11, 25, 23, 59, 59)
    follow_up = by_name(deadlines.case_deadlines(case, now=wita(2024, 11, 25, 8, 0)))["follow_up"]
    assert (follow_up.state, follow_up.label) == (DeadlineState.DUE_SOON, "Batas tindak lanjut PPK")
    assert follow_up.basis == (
        "14 hari kalender sejak rekomendasi diteruskan — "
        "SKB Netralitas ASN 22 September 2022 (dapat diatur)"
    )


def test_closing_meets_the_follow_up_deadline(reference_data):
    case = CaseFactory(
        status=Case.Status.CLOSED,
        forwarded_at=wita(2024, 11, 11, 15, 0),
        closed_at=wita(2024, 11, 20, 9, 0),
    )
    follow_up = by_name(deadlines.case_deadlines(case, now=wita(2024, 12, 30, 0, 0)))["follow_up"]
    assert (follow_up.state, follow_up.is_late) == (DeadlineState.MET, False)


def test_a_deadline_ends_at_2359_wita_which_is_1559_utc():
    assert end_of_day(date(2024, 11, 12)).astimezone(UTC).hour == 15
    assert end_of_day(date(2024, 11, 12)) - end_of_day(date(2024, 11, 11)) == timedelta(days=1)


def test_case_deadlines_computes_when_the_columns_are_empty(reference_data):
    case = CaseFactory.build(election=election())
    names = [(d.name, d.due_at) for d in deadlines.case_deadlines(case, now=wita(2024, 11, 9))]
    assert names == [
        ("reporting", wita(2024, 11, 9, 23, 59, 59)),
        ("decision", wita(2024, 11, 12, 23, 59, 59)),
    ]


def test_changing_an_elections_rules_recomputes_its_open_cases(reference_data, coordinator):
    case = CaseFactory(status=Case.Status.REGISTERED)
    closed = CaseFactory(status=Case.Status.CLOSED)
    election_update(election=election(), actor=coordinator, decision_days=5)
    case.refresh_from_db(), closed.refresh_from_db()
    assert case.decision_due_at == wita(2024, 11, 14, 23, 59, 59)
    assert closed.decision_due_at == wita(2024, 11, 12, 23, 59, 59)


def test_election_rules_are_validated_and_guarded(reference_data, coordinator, investigator):
    with pytest.raises(InvalidInput) as error:
        election_update(election=election(), actor=coordinator, decision_day_type="lunar")
    assert list(error.value.fields) == ["decision_day_type"]
    with pytest.raises(Forbidden):
        election_update(election=election(), actor=investigator, decision_days=5)
