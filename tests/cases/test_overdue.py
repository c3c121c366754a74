"""One definition of "overdue" (terlambat): the admin filter, the list's red badges, the API
filter and the deadline watch always name the same cases.

Tried as a new user would: the "Terlambat" filter listed 3 cases while the list showed 4 red
badges (a report received after its window showed its reporting deadline as missed).
"""

from datetime import timedelta

import pytest
from django.utils import timezone
from rest_framework.test import APIClient

from apps.cases import deadlines
from apps.cases.admin.case import CaseAdmin
from apps.cases.models import Case
from apps.notifications.models import Notification
from apps.notifications.watch import deadline_scan
from tests.cases.factories import CaseFactory

pytestmark = pytest.mark.django_db
S = Case.Status


def received(ago: timedelta, known_before: timedelta = timedelta(days=1), **fields) -> Case:
    at = timezone.now() - ago
    known = timezone.localdate(at) - known_before
    return CaseFactory(received_at=at, known_on=known, incident_on=known, **fields)


@pytest.fixture
def cases(investigator):
    assigned = {"assigned_to": [investigator]}
    return {
        # received 30 days after it became known: daluwarsa, but its decision is still running
        "expired_report": received(timedelta(hours=2), timedelta(days=30), **assigned),
        "late_decision": received(timedelta(days=6), status=S.CLARIFICATION, **assigned),
        "late_follow_up": received(timedelta(days=20), status=S.FORWARDED, **assigned),
        "running": received(timedelta(hours=3), status=S.RECEIVED, **assigned),
        "dismissed_long_ago": received(timedelta(days=20), status=S.DISMISSED, **assigned),
        "closed_late": received(timedelta(days=40), status=S.CLOSED, **assigned),
    }


def red_badges(client) -> int:
    html = client.get("/admin/cases/case/").content.decode()
    return html.count('class="deadline deadline-overdue"')


def test_filter_badges_api_and_watch_agree_on_what_is_overdue(
    client, coordinator, investigator, cases
):
    late = {cases["late_decision"].pk, cases["late_follow_up"].pk}
    now = timezone.now()
    assert set(Case.objects.filter(deadlines.overdue_q(now)).values_list("pk", flat=True)) == late

    client.force_login(coordinator)
    filtered = client.get("/admin/cases/case/", {"batas": "terlambat"}).context["cl"].result_list
    assert {case.pk for case in filtered} == late
    assert red_badges(client) == len(late)

    api = APIClient()
    api.force_authenticate(coordinator)
    body = api.get("/api/v1/cases/", {"overdue": "true"}).json()
    assert {row["id"] for row in body["results"]} == late

    deadline_scan(now)
    told = Notification.objects.filter(recipient=coordinator, level="overdue")
    assert set(told.values_list("case_id", flat=True)) == late


def test_the_expired_report_shows_its_running_decision_not_a_red_badge(client, coordinator, cases):
    expired = cases["expired_report"]
    assert not deadlines.is_within_reporting_window(expired)
    assert expired.next_due_at == expired.decision_due_at
    client.force_login(coordinator)
    page = client.get(f"/admin/cases/case/{expired.pk}/change/").content.decode()
    assert "deadline-overdue" in page  # the reporting window, on the case's own page


def test_the_list_sorts_by_the_next_deadline(client, coordinator, cases):
    client.force_login(coordinator)
    by_deadline = CaseAdmin.list_display.index("next_deadline_display") + 1
    listed = client.get("/admin/cases/case/", {"o": str(by_deadline)}).context["cl"].result_list
    due = [case.next_due_at for case in listed if case.next_due_at is not None]
    assert due == sorted(due)
    assert [case.next_due_at for case in listed][-2:] == [None, None]
