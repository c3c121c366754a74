"""The notice board announces registration decisions, and nothing personal, for a set time."""

from datetime import timedelta

import pytest
from django.test import Client
from rest_framework.test import APIClient

from apps.cases.models import Case
from apps.core import clock
from tests.cases.factories import CaseFactory

pytestmark = pytest.mark.django_db


def test_it_lists_registered_and_not_registered_reports_with_the_reason_category(settings):
    settings.NETRAL_NOTICE_BOARD_DAYS = 30
    now = clock.now()
    registered = CaseFactory(status=Case.Status.REGISTERED, received_at=now - timedelta(days=3))
    rejected = CaseFactory(
        status=Case.Status.NOT_REGISTERED,
        reason_code=Case.ReasonCode.EXPIRED,
        received_at=now - timedelta(days=3),
    )
    rows = APIClient().get("/api/v1/public/notices/").json()
    by_number = {row["register_number"]: row for row in rows}
    assert by_number[registered.number]["registered"] is True
    assert by_number[registered.number]["decision_label"] == "Diregistrasi"
    refused = by_number[""]
    assert refused["registered"] is False
    assert refused["reason_category"] == str(Case.ReasonCode.EXPIRED.label)
    assert set(refused) == {
        "register_number", "decided_on", "election", "kind", "kind_label", "registered",
        "decision_label", "reason_category",
    }  # fmt: skip
    assert rejected.closing_reason not in str(rows)


def test_an_entry_leaves_the_board_after_the_retention_days(settings):
    settings.NETRAL_NOTICE_BOARD_DAYS = 30
    old = CaseFactory(status=Case.Status.REGISTERED, received_at=clock.now() - timedelta(days=40))
    assert old.number not in str(APIClient().get("/api/v1/public/notices/").json())
    settings.NETRAL_NOTICE_BOARD_DAYS = 60
    assert old.number in str(APIClient().get("/api/v1/public/notices/").json())


def test_the_page_and_the_rss_feed_show_the_same_decisions():
    case = CaseFactory(status=Case.Status.REVIEW, received_at=clock.now() - timedelta(days=1))
    page = Client().get("/papan-pengumuman/")
    feed = Client().get("/papan-pengumuman/rss/")
    assert page.status_code == feed.status_code == 200
    assert feed["Content-Type"].startswith("application/rss+xml")
    assert case.number in page.content.decode()
    assert case.number in feed.content.decode()
