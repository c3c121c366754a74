"""The deadline watch on a controllable clock (Celery eager)."""

from datetime import timedelta

import pytest
from django.core import mail

from apps.cases.models import Case
from apps.cases.services import case_transition
from apps.core import clock
from apps.notifications.models import DeadlineClaim, Delivery, Notification
from apps.notifications.watch import daily_digest, deadline_scan
from tests.cases.factories import CaseFactory, wita

pytestmark = pytest.mark.django_db

# Received Saturday 9 Nov 2024 10:00 WITA: the Pilkada decision is due Tue 12 Nov 23:59:59 WITA.
RECEIVED = wita(2024, 11, 9, 10, 0)
DECISION_DUE = wita(2024, 11, 12, 23, 59, 59)


@pytest.fixture
def registered_case(investigator, coordinator):
    return CaseFactory(
        status=Case.Status.REGISTERED, received_at=RECEIVED, assigned_to=[investigator]
    )


@pytest.fixture
def forwarded_case(investigator, coordinator, bkpsdm_officer):
    # Forwarded 11 Nov 10:00 WITA: the PPK follow-up is due 25 Nov 23:59:59 WITA (14 days).
    return CaseFactory(
        status=Case.Status.FORWARDED, received_at=RECEIVED, assigned_to=[investigator]
    )


def scan(now, capture):
    with capture(execute=True):
        return deadline_scan(now=now)


def recipients(**filters):
    return sorted(
        Notification.objects.filter(**filters).values_list("recipient__username", flat=True)
    )


def test_a_deadline_with_more_than_a_day_left_notifies_nobody(
    registered_case, django_capture_on_commit_callbacks
):
    result = scan(DECISION_DUE - timedelta(hours=25), django_capture_on_commit_callbacks)
    assert result.claims == 0
    assert not Notification.objects.exists()


def test_a_deadline_entering_due_soon_notifies_the_assigned_investigators_and_coordinators(
    registered_case, django_capture_on_commit_callbacks
):
    scan(DECISION_DUE - timedelta(hours=23), django_capture_on_commit_callbacks)
    assert recipients(level="due_soon") == ["investigator", "koordinator"]
    notification = Notification.objects.get(recipient__username="investigator")
    assert notification.case == registered_case
    assert notification.deadline == "decision"
    assert notification.due_at == DECISION_DUE
    assert registered_case.number in notification.title
    assert "12-11-2024 23.59 WITA" in notification.body
    assert "UU 10/2016 Pasal 134" in notification.body
    assert (
        notification.link.endswith(f"/{registered_case.pk}/change/")
        or "/admin/" in notification.link
    )


def test_it_emails_each_recipient_once_with_the_case_number_the_deadline_and_its_basis(
    registered_case, django_capture_on_commit_callbacks
):
    scan(DECISION_DUE - timedelta(hours=23), django_capture_on_commit_callbacks)
    assert sorted(m.to[0] for m in mail.outbox) == [
        "investigator@netral.invalid",
        "koordinator@netral.invalid",
    ]
    message = mail.outbox[0]
    assert registered_case.number in message.subject
    assert "Batas waktu keputusan" in message.body
    assert "Dasar: 3 hari kalender sejak laporan diterima" in message.body
    assert "http" in message.body
    assert Delivery.objects.filter(sent_at__isnull=False).count() == 2


def test_running_the_scan_twice_notifies_once(registered_case, django_capture_on_commit_callbacks):
    now = DECISION_DUE - timedelta(hours=23)
    first = scan(now, django_capture_on_commit_callbacks)
    second = scan(now + timedelta(minutes=15), django_capture_on_commit_callbacks)
    assert (first.claims, second.claims) == (1, 0)
    assert Notification.objects.count() == 2
    assert len(mail.outbox) == 2
    assert DeadlineClaim.objects.count() == 1


def test_an_overdue_deadline_notifies_once_more_and_shows_as_overdue(
    registered_case, django_capture_on_commit_callbacks
):
    scan(DECISION_DUE - timedelta(hours=23), django_capture_on_commit_callbacks)
    scan(DECISION_DUE + timedelta(minutes=1), django_capture_on_commit_callbacks)
    scan(DECISION_DUE + timedelta(hours=5), django_capture_on_commit_callbacks)
    assert recipients(level="due_soon") == ["investigator", "koordinator"]
    assert recipients(level="overdue") == ["investigator", "koordinator"]
    overdue = Notification.objects.filter(level="overdue").first()
    assert "terlewat" in overdue.title


def test_a_scan_that_first_sees_a_deadline_overdue_sends_only_the_overdue_warning(
    registered_case, django_capture_on_commit_callbacks
):
    scan(DECISION_DUE + timedelta(days=1), django_capture_on_commit_callbacks)
    assert set(Notification.objects.values_list("level", flat=True)) == {"overdue"}


def test_an_overdue_ppk_follow_up_notifies_bkpsdm_and_the_coordinators(
    forwarded_case, django_capture_on_commit_callbacks
):
    follow_up_due = wita(2024, 11, 25, 23, 59, 59)
    assert forwarded_case.follow_up_due_at == follow_up_due
    scan(follow_up_due + timedelta(hours=1), django_capture_on_commit_callbacks)
    assert recipients(deadline="follow_up", level="overdue") == ["bkpsdm", "koordinator"]
    assert (
        "tindak lanjut PPK belum dicatat"
        in Notification.objects.filter(deadline="follow_up").first().body
    )
    assert not Notification.objects.filter(deadline="decision").exists()


def test_decided_and_closed_cases_are_not_watched(
    investigator, coordinator, django_capture_on_commit_callbacks
):
    CaseFactory(status=Case.Status.DISMISSED, received_at=RECEIVED, assigned_to=[investigator])
    CaseFactory(status=Case.Status.CLOSED, received_at=RECEIVED, assigned_to=[investigator])
    result = scan(wita(2024, 12, 31, 12, 0), django_capture_on_commit_callbacks)
    assert result.cases == 0
    assert not Notification.objects.exists()


def test_an_extended_deadline_is_notified_again_for_its_new_due_time(
    registered_case, coordinator, django_capture_on_commit_callbacks
):
    scan(DECISION_DUE - timedelta(hours=23), django_capture_on_commit_callbacks)
    with clock.travel_to(DECISION_DUE - timedelta(hours=22)):  # decided before the deadline
        case_transition(
            case_id=registered_case.pk,
            action="extend",
            actor=coordinator,
            fields={"reason": "Perlu keterangan."},
        )
    new_due = wita(2024, 11, 14, 23, 59, 59)
    scan(DECISION_DUE + timedelta(hours=1), django_capture_on_commit_callbacks)  # no longer overdue
    assert not Notification.objects.filter(level="overdue").exists()
    scan(new_due - timedelta(hours=2), django_capture_on_commit_callbacks)
    again = Notification.objects.filter(level="due_soon", due_at=new_due)
    assert sorted(again.values_list("recipient__username", flat=True)) == [
        "investigator",
        "koordinator",
    ]
    assert DeadlineClaim.objects.get(level="due_soon").due_at == new_due


def test_the_daily_digest_lists_each_users_open_deadlines(
    registered_case, forwarded_case, django_capture_on_commit_callbacks
):
    seven_wita = wita(2024, 11, 12, 7, 0)
    with django_capture_on_commit_callbacks(execute=True):
        written = daily_digest(now=seven_wita)
    assert written == 3
    digests = {n.recipient.username: n for n in Notification.objects.filter(kind="digest")}
    assert set(digests) == {"investigator", "koordinator", "bkpsdm"}
    assert registered_case.number in digests["investigator"].body
    assert forwarded_case.number not in digests["investigator"].body  # its decision is met
    assert registered_case.number in digests["koordinator"].body
    assert forwarded_case.number in digests["koordinator"].body
    assert forwarded_case.number in digests["bkpsdm"].body
    assert registered_case.number not in digests["bkpsdm"].body
    assert "12-11-2024" in digests["koordinator"].title
    assert "segera berakhir" in digests["koordinator"].body


def test_the_daily_digest_is_written_once_per_user_and_day(
    registered_case, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        assert daily_digest(now=wita(2024, 11, 11, 7, 0)) == 2
        assert daily_digest(now=wita(2024, 11, 11, 7, 5)) == 0
        assert daily_digest(now=wita(2024, 11, 12, 7, 0)) == 2
    assert Notification.objects.filter(kind="digest").count() == 4


def test_the_digest_skips_users_without_open_deadlines(
    coordinator, other_investigator, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        assert daily_digest(now=wita(2024, 11, 11, 7, 0)) == 0


def test_a_scan_that_dies_half_way_leaves_no_claim_and_the_next_scan_notifies(
    registered_case, monkeypatch, django_capture_on_commit_callbacks
):
    from apps.notifications import watch

    def worker_dies(**kwargs):
        raise SystemExit("worker killed")

    monkeypatch.setattr(watch, "notifications_create", worker_dies)
    with pytest.raises(SystemExit):
        scan(DECISION_DUE - timedelta(hours=23), django_capture_on_commit_callbacks)
    assert not DeadlineClaim.objects.exists()
    monkeypatch.undo()
    scan(DECISION_DUE - timedelta(hours=22), django_capture_on_commit_callbacks)
    assert recipients(level="due_soon") == ["investigator", "koordinator"]


def test_the_scan_task_runs_the_watch(
    registered_case, django_capture_on_commit_callbacks, monkeypatch
):
    from apps.notifications import tasks, watch

    real_scan = watch.deadline_scan
    monkeypatch.setattr(
        watch, "deadline_scan", lambda: real_scan(now=DECISION_DUE - timedelta(hours=3))
    )
    with django_capture_on_commit_callbacks(execute=True):
        result = tasks.deadline_scan.delay().get()
    assert result == {"cases": 1, "claims": 1, "notifications": 2}


def test_the_command_runs_the_scan_once_on_the_real_clock(registered_case):
    from io import StringIO

    from django.core.management import call_command

    out = StringIO()
    call_command("deadline_watch", stdout=out)
    call_command("deadline_watch", stdout=out)
    # Received in November 2024: its decision deadline is long past.
    assert "batas waktu diberitahukan: 1" in out.getvalue()
    assert "batas waktu diberitahukan: 0" in out.getvalue()
    assert recipients(level="overdue") == ["investigator", "koordinator"]
