"""Two overlapping scans on a real worker notify each (case, deadline, level) once."""

import re
import time
from datetime import timedelta

import pytest
from django.db.models import Count
from django.utils import timezone

from apps.cases.models import Case
from apps.notifications import tasks
from apps.notifications.models import DeadlineClaim, Delivery, Notification
from tests.cases.factories import CaseFactory
from tests.services.conftest import wait_for

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.redis,
    pytest.mark.django_db(transaction=True),
]
CASES = 40


def due_soon_cases(investigator):
    # Received three days ago: the Pilkada decision is due at 23:59:59 WITA today.
    received = timezone.now() - timedelta(days=3)
    return [
        CaseFactory(
            status=Case.Status.REGISTERED,
            received_at=received,
            known_on=timezone.localdate(received),
            assigned_to=[investigator],
            respondents=0,
            witnesses=0,
            evidence=0,
        )
        for _ in range(CASES)
    ]


def test_two_overlapping_scans_notify_each_deadline_once(worker, investigator, coordinator):
    due_soon_cases(investigator)
    worker.start(concurrency=2)
    tasks.deadline_scan.delay()
    tasks.deadline_scan.delay()

    expected = CASES * 2  # the assigned investigator and the coordinator
    wait_for(
        lambda: Delivery.objects.filter(sent_at__isnull=False).count() >= expected,
        timeout=90,
        what=f"{expected} e-mails to be sent",
    )
    time.sleep(2)  # a duplicate, if any, would arrive now
    assert DeadlineClaim.objects.count() == CASES
    assert Notification.objects.count() == expected
    per_key = Notification.objects.values("case", "deadline", "level", "recipient").annotate(
        n=Count("id")
    )
    assert {row["n"] for row in per_key} == {1}
    assert Delivery.objects.count() == expected
    assert not Delivery.objects.filter(attempts__gt=1).exists()
    # Both scans ran at once and split the claims between them (the worker logs their results).
    claims = [
        int(n) for n in re.findall(r"deadline_scan\[.*\] succeeded .*'claims': (\d+)", worker.log())
    ]
    assert len(claims) == 2
    assert sum(claims) == CASES
