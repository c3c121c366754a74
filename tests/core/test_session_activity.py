"""A signed-in session ends after a working day of inactivity; the requests of a working session
read it and extend it at most once a minute (apps.core.session_activity)."""

import time
from datetime import timedelta

import pytest
from django.conf import settings
from django.contrib.sessions.models import Session as StoredSession
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from apps.core.session_activity import EXTENDED_AT


def stored(client) -> StoredSession:
    return StoredSession.objects.get(session_key=client.session.session_key)


def idle_for(client, hours: float) -> None:
    """As if the last extension was ``hours`` ago: the stored expiry that far behind too."""
    session = client.session
    session[EXTENDED_AT] = int(time.time() - hours * 3600)
    session.save()
    left = timedelta(seconds=settings.SESSION_COOKIE_AGE) - timedelta(hours=hours)
    StoredSession.objects.filter(session_key=session.session_key).update(
        expire_date=timezone.now() + left
    )


def session_writes(queries) -> list[str]:
    return [
        q["sql"]
        for q in queries
        if "django_session" in q["sql"] and not q["sql"].startswith("SELECT")
    ]


@pytest.mark.django_db
def test_activity_after_a_pause_gives_the_session_another_working_day(client, coordinator):
    client.force_login(coordinator)
    idle_for(client, hours=7)
    assert stored(client).expire_date < timezone.now() + timedelta(hours=1, minutes=1)

    response = client.get("/")

    assert response.status_code == 200
    expires = stored(client).expire_date
    assert expires > timezone.now() + timedelta(hours=7, minutes=59)
    assert response.cookies[settings.SESSION_COOKIE_NAME]["max-age"] == settings.SESSION_COOKIE_AGE


@pytest.mark.django_db
def test_the_pages_of_a_working_minute_only_read_the_session(client, coordinator):
    client.force_login(coordinator)
    idle_for(client, hours=1)
    client.get("/")  # extends it
    expires = stored(client).expire_date

    with CaptureQueriesContext(connection) as queries:
        for url in ("/", "/laporan/", "/laporan/kasus/?group_by=status"):
            assert client.get(url).status_code == 200

    assert session_writes(queries.captured_queries) == []
    assert stored(client).expire_date == expires


@pytest.mark.django_db
def test_a_session_idle_for_a_working_day_has_ended(client, coordinator):
    client.force_login(coordinator)
    idle_for(client, hours=8.1)

    response = client.get("/")

    assert response.status_code == 302
    assert response["Location"].startswith("/login/")


@pytest.mark.django_db
def test_a_visitor_without_a_session_gets_none(client):
    response = client.get("/login/")

    assert response.status_code == 200
    assert settings.SESSION_COOKIE_NAME not in response.cookies
    assert not StoredSession.objects.exists()
