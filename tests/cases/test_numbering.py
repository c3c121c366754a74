import threading
import time
from datetime import date

import pytest
from django.core.management import call_command
from django.core.management.base import SystemCheckError
from django.db import connections, transaction

from apps.cases import numbering, policy
from apps.cases.deadlines import WITA
from apps.cases.models import Case, CaseEvent, RegisterCounter
from apps.cases.services import case_transition
from apps.core.errors import Conflict, InvalidInput
from tests.cases.factories import CaseFactory, wita

S = Case.Status


def render(**kwargs):
    values = {"seq": 1, "kind": Case.Kind.REPORT, "election_code": "PB", "on": date(2024, 11, 9)}
    values.update(kwargs)
    return numbering.render(numbering.number_template(), **values)


def test_the_default_template_gives_the_bawaslu_kukar_number():
    assert render() == "001/Reg/LP/PB/Kab/64.02/XI/2024"
    assert render(seq=12, kind=Case.Kind.FINDING, on=date(2025, 2, 3)) == (
        "012/Reg/TM/PB/Kab/64.02/II/2025"
    )


def test_the_office_code_and_the_template_are_settings(settings):
    settings.NETRAL_OFFICE_CODE = "64.02.KK"
    settings.NETRAL_REGISTER_NUMBER_TEMPLATE = "{year}/{kind_code}/{office_code}/{seq:04d}"
    assert render(seq=7) == "2024/LP/64.02.KK/0007"


@pytest.mark.parametrize(
    ("template", "message"),
    [
        (
            "{seq:03d}/{kind_code}/{year}/{kabupaten}",
            "Templat nomor register memuat {kabupaten} yang tidak dikenal; yang tersedia: "
            "election_code, kind_code, month, month_roman, office_code, seq, year.",
        ),
        ("{kind_code}/{year}", "Templat nomor register wajib memuat {seq}."),
        ("{seq:03d}/{year}", "Templat nomor register wajib memuat {kind_code}."),
        ("{seq:03d}/{kind_code}/{year", "Templat nomor register tidak valid: "),
        ("{seq:xyz}/{kind_code}/{year}", "Templat nomor register tidak valid: "),
    ],
)
def test_an_invalid_template_is_explained(template, message):
    errors = numbering.template_errors(template)
    assert errors and errors[0].startswith(message)


def test_an_invalid_template_fails_the_system_check(settings):
    settings.NETRAL_REGISTER_NUMBER_TEMPLATE = "{nomor}"
    with pytest.raises(SystemCheckError, match=r"cases\.E001"):
        call_command("check")


@pytest.mark.django_db
def test_registering_with_an_invalid_template_fails_and_uses_no_number(settings, coordinator):
    case = CaseFactory()
    settings.NETRAL_REGISTER_NUMBER_TEMPLATE = "{seq}/{tahun}"
    with pytest.raises(InvalidInput) as error:
        case_transition(case_id=case.pk, action="register", actor=coordinator)
    assert "{tahun}" in error.value.message
    assert not RegisterCounter.objects.exists()
    case.refresh_from_db()
    assert (case.status, case.number) == (S.RECEIVED, None)


@pytest.mark.django_db
def test_sequences_run_per_kind_and_per_year(coordinator):
    def give(kind, year):
        with transaction.atomic():
            return numbering.next_sequence(office="64.02", kind=kind, year=year)

    assert [give("laporan", 2024) for _ in range(3)] == [1, 2, 3]
    assert give("temuan", 2024) == 1
    assert give("laporan", 2025) == 1
    assert give("laporan", 2024) == 4


@pytest.mark.django_db
def test_a_rolled_back_registration_gives_its_number_back(coordinator):
    with pytest.raises(RuntimeError), transaction.atomic():
        numbering.next_sequence(office="64.02", kind="laporan", year=2024)
        raise RuntimeError("the registering transaction fails after the number was taken")
    with transaction.atomic():
        assert numbering.next_sequence(office="64.02", kind="laporan", year=2024) == 1


@pytest.mark.django_db
def test_registration_stores_the_number_parts(coordinator):
    case = case_transition(case_id=CaseFactory().pk, action="register", actor=coordinator)
    year = case.registered_at.astimezone(WITA).year
    assert (case.office_code, case.number_year, case.number_sequence) == ("64.02", year, 1)
    assert case.number.startswith("001/Reg/LP/PB/Kab/64.02/")
    assert case.events.last().data == {"number": case.number}


# --- PostgreSQL: concurrent transitions and registrations ------------------------------------


def run_concurrently(calls):
    """Start every call at the same moment, each in its own thread and database connection."""
    barrier = threading.Barrier(len(calls))
    results: list = [None] * len(calls)

    def worker(index, call):
        try:
            barrier.wait(timeout=30)
            results[index] = call()
        except Exception as exc:
            results[index] = exc
        finally:
            connections.close_all()

    threads = [threading.Thread(target=worker, args=item) for item in enumerate(calls)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    return results


def slow_guards(monkeypatch):
    """Hold the row lock a while, so that a missing lock would let both transitions through."""
    check_input = policy.check_input

    def slow(*args, **kwargs):
        time.sleep(0.3)
        return check_input(*args, **kwargs)

    monkeypatch.setattr(policy, "check_input", slow)


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize(
    "second", [("register", {}), ("reject", {"reason": "Syarat formal tidak terpenuhi."})]
)
def test_two_users_acting_on_one_case_at_once_one_wins(monkeypatch, coordinator, superuser, second):
    case = CaseFactory()
    slow_guards(monkeypatch)
    action, fields = second
    results = run_concurrently(
        [
            lambda: case_transition(case_id=case.pk, action="register", actor=coordinator),
            lambda: case_transition(
                case_id=case.pk, action=action, actor=superuser, fields={**fields}
            ),
        ]
    )
    winners = [r for r in results if isinstance(r, Case)]
    losers = [r for r in results if isinstance(r, Exception)]
    assert len(winners) == 1 and len(losers) == 1
    assert isinstance(losers[0], Conflict), losers
    case.refresh_from_db()
    assert case.status == winners[0].status
    events = list(CaseEvent.objects.filter(case=case))
    assert [(e.from_status, e.to_status) for e in events] == [(S.RECEIVED, case.status)]


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_twenty_concurrent_registrations_get_numbers_001_to_020(coordinator):
    cases = [CaseFactory() for _ in range(20)]
    results = run_concurrently(
        [
            lambda pk=case.pk: case_transition(case_id=pk, action="register", actor=coordinator)
            for case in cases
        ]
    )
    assert all(isinstance(r, Case) for r in results), [
        r for r in results if not isinstance(r, Case)
    ]
    numbers = sorted(Case.objects.values_list("number_sequence", flat=True))
    assert numbers == list(range(1, 21))
    prefixes = sorted(n[:3] for n in Case.objects.values_list("number", flat=True))
    assert prefixes == [f"{i:03d}" for i in range(1, 21)]
    assert RegisterCounter.objects.get().last_sequence == 20


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_concurrent_registrations_stay_gap_free_when_some_fail(coordinator):
    good = [CaseFactory() for _ in range(8)]
    bad = [
        CaseFactory(known_on=date(2024, 11, 2), received_at=wita(2024, 11, 12, 9)) for _ in range(4)
    ]
    calls = [
        lambda pk=case.pk: case_transition(case_id=pk, action="register", actor=coordinator)
        for case in good + bad
    ]
    results = run_concurrently(calls)
    assert sum(isinstance(r, Case) for r in results) == 8
    assert sum(isinstance(r, InvalidInput) for r in results) == 4
    numbers = sorted(n for n in Case.objects.values_list("number_sequence", flat=True) if n)
    assert numbers == list(range(1, 9))
