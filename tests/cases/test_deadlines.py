from datetime import UTC, date, timedelta

import pytest

from apps.cases import deadlines
from apps.cases.deadlines import DeadlineState, HolidayCalendar, add_days, end_of_day
from apps.cases.models import Case, DayType
from apps.cases.services import case_transition, election_update, holiday_add, holiday_remove
from apps.core import clock
from apps.core.errors import Conflict, Forbidden, InvalidInput
from tests.cases.factories import CaseFactory, election, wita

pytestmark = pytest.mark.django_db
NO_EXTRA = HolidayCalendar()
CALENDAR_OF_OFFICES = "tanpa Sabtu, Minggu, libur nasional, cuti bersama dan libur tambahan"


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
    with clock.travel_to(wita(2024, 11, 12, 23, 0)):  # decided before the deadline ends
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


def test_no_extension_once_the_decision_deadline_has_passed(reference_data, coordinator):
    """UU 10/2016 Pasal 134 ayat (6): the extension is decided before the deadline; an overdue
    case does not become "on time" after the fact."""
    case = CaseFactory(status=Case.Status.REGISTERED, received_at=wita(2024, 11, 9, 10, 0))
    with clock.travel_to(wita(2024, 11, 13, 0, 0, 1)), pytest.raises(Conflict) as refused:
        case_transition(
            case_id=case.pk, action="extend", actor=coordinator, fields={"reason": "Terlambat."}
        )
    assert refused.value.message == (
        "Batas waktu keputusan 12-11-2024 23.59 WITA sudah lewat; perpanjangan harus diputuskan "
        "sebelum batas itu berakhir."
    )
    case.refresh_from_db()
    assert (case.extended_at, case.decision_due_at) == (None, wita(2024, 11, 12, 23, 59, 59))


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


def test_a_pemilu_report_received_on_friday_16_february_2024_is_in_time(reference_data):
    # Known Fri 2 Feb 2024. Seven working days on the offices' calendar: Mon 5, Tue 6, Wed 7,
    # (Thu 8 Isra Mi'raj, Fri 9 cuti bersama Imlek, Sat 10, Sun 11), Mon 12, Tue 13,
    # (Wed 14 voting day), Thu 15, Fri 16.
    case = CaseFactory(
        election=election("pemilu-2024"),
        known_on=date(2024, 2, 2),
        received_at=wita(2024, 2, 16, 9, 0),
        incident_on=date(2024, 2, 1),
    )
    assert case.reporting_due_at == wita(2024, 2, 16, 23, 59, 59)
    assert deadlines.is_within_reporting_window(case)
    reporting = by_name(deadlines.case_deadlines(case, now=wita(2024, 2, 16, 9, 0)))["reporting"]
    assert reporting.basis == (
        f"7 hari kerja ({CALENDAR_OF_OFFICES}) sejak pelanggaran diketahui — "
        "UU 7/2017 Pasal 454 ayat (6); Perbawaslu 7/2022"
    )


def test_an_election_may_count_cuti_bersama_as_working_days(reference_data, coordinator):
    pemilu = election_update(
        election=election("pemilu-2024"), actor=coordinator, cuti_bersama_off=False
    )
    case = CaseFactory(
        election=pemilu,
        known_on=date(2024, 2, 2),
        received_at=wita(2024, 2, 16, 9, 0),
        incident_on=date(2024, 2, 1),
    )
    assert case.reporting_due_at == wita(2024, 2, 15, 23, 59, 59)  # 9 Feb counted
    assert not deadlines.is_within_reporting_window(case)
    reporting = by_name(deadlines.case_deadlines(case, now=wita(2024, 2, 16, 9, 0)))["reporting"]
    assert "cuti bersama dihitung" in reporting.basis


def test_a_pemilu_finding_has_seven_calendar_days_from_when_it_was_found(reference_data):
    case = CaseFactory(
        election=election("pemilu-2024"),
        kind=Case.Kind.FINDING,
        reporter=False,
        known_on=date(2024, 2, 2),
        received_at=wita(2024, 2, 9, 9, 0),
        incident_on=date(2024, 2, 1),
    )
    assert case.reporting_due_at == wita(2024, 2, 9, 23, 59, 59)
    reporting = by_name(deadlines.case_deadlines(case, now=wita(2024, 2, 9, 9, 0)))["reporting"]
    assert reporting.basis == (
        "7 hari kalender sejak pelanggaran ditemukan — "
        "UU 7/2017 Pasal 454 ayat (5) (7 hari sejak ditemukan)"
    )


def test_a_received_pemilu_report_has_a_two_day_initial_review(reference_data):
    case = CaseFactory(
        election=election("pemilu-2024"),
        known_on=date(2024, 4, 3),
        incident_on=date(2024, 4, 2),
        received_at=wita(2024, 4, 4, 9, 0),
    )
    assert case.initial_review_due_at == wita(2024, 4, 6, 23, 59, 59)
    assert case.next_due_at == case.initial_review_due_at  # the only clock running yet
    review = by_name(deadlines.case_deadlines(case, now=wita(2024, 4, 7, 9, 0)))["initial_review"]
    assert (review.state, review.label) == (DeadlineState.OVERDUE, "Batas kajian awal")
    assert (
        review.basis == "2 hari kalender sejak laporan diterima — Perbawaslu 7/2022 (kajian awal)"
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
    # Registered Fri 5 Apr 2024; Idul Fitri Wed 10 and Thu 11 Apr and the cuti bersama of Mon 8,
    # Tue 9, Fri 12 and Mon 15 Apr are not working days: 16, 17, 18, 19, 22, 23, 24 April.
    case = pemilu_case_registered_before_lebaran()
    assert case.decision_due_at == wita(2024, 4, 24, 23, 59, 59)
    decision = by_name(deadlines.case_deadlines(case, now=wita(2024, 4, 8, 9, 0)))["decision"]
    assert decision.basis == (
        f"7 hari kerja ({CALENDAR_OF_OFFICES}) sejak laporan diregistrasi — "
        "UU 7/2017 Pasal 454 ayat (7); Perbawaslu 7/2022"
    )


def test_the_pemilu_extension_is_fourteen_working_days_in_all(reference_data, coordinator):
    case = pemilu_case_registered_before_lebaran()
    with clock.travel_to(wita(2024, 4, 22, 9, 0)):
        case = case_transition(
            case_id=case.pk, action="extend", actor=coordinator, fields={"reason": "Saksi."}
        )
    # 16, 17, 18, 19, 22, 23, 24, 25, 26, 29, 30 April, 1 (May Day is a holiday: 2), 2, 3 May.
    assert case.decision_due_at == wita(2024, 5, 6, 23, 59, 59)
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
    assert names == ["reporting", "initial_review"]


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


def test_adding_a_regional_holiday_recomputes_the_open_cases(reference_data, coordinator):
    open_case = pemilu_case_registered_before_lebaran()
    dismissed = pemilu_case_registered_before_lebaran(status=Case.Status.DISMISSED)
    pilkada = CaseFactory(status=Case.Status.REGISTERED)
    untouched = (dismissed.decision_due_at, pilkada.decision_due_at)
    holiday_add(date=date(2024, 4, 16), name="Hari jadi daerah (libur lokal)", actor=coordinator)
    open_case.refresh_from_db()
    # 17, 18, 19, 22, 23, 24, 25 April.
    assert open_case.decision_due_at == wita(2024, 4, 25, 23, 59, 59)
    dismissed.refresh_from_db(), pilkada.refresh_from_db()
    assert (dismissed.decision_due_at, pilkada.decision_due_at) == untouched
    event = open_case.events.get(action="deadlines_recomputed")
    assert event.data["deadlines"]["decision_due_at"] == [
        "2024-04-24T15:59:59+00:00",
        "2024-04-25T15:59:59+00:00",
    ]
    assert event.actor == coordinator and "Hari jadi daerah" in event.note


def test_removing_a_holiday_recomputes_the_open_cases(reference_data, coordinator):
    case = pemilu_case_registered_before_lebaran()
    holiday = holiday_add(date=date(2024, 4, 17), name="Libur lokal", actor=coordinator)
    case.refresh_from_db()
    assert case.decision_due_at == wita(2024, 4, 25, 23, 59, 59)
    assert holiday_remove(holiday=holiday, actor=coordinator) == 1
    case.refresh_from_db()
    assert case.decision_due_at == wita(2024, 4, 24, 23, 59, 59)
    assert case.events.filter(action="deadlines_recomputed").count() == 2


def test_a_holiday_moves_the_reporting_window_of_a_received_report(reference_data, coordinator):
    case = CaseFactory(
        election=election("pemilu-2024"),
        known_on=date(2024, 2, 2),
        received_at=wita(2024, 2, 19, 9, 0),
        incident_on=date(2024, 2, 1),
    )
    assert not deadlines.is_within_reporting_window(case)
    holiday_add(date=date(2024, 2, 16), name="Libur lokal", actor=coordinator)
    case.refresh_from_db()
    assert case.reporting_due_at == wita(2024, 2, 19, 23, 59, 59)
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
