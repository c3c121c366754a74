import os
import subprocess
import sys

import pytest
from django.conf import settings
from django.test import Client
from django.urls import path

from config import urls as project_urls


def boom(request):
    raise RuntimeError("rahasia-internal 6402031403850001")


urlpatterns = [
    path("api/v1/boom/", boom),
    path("boom/", boom),
    *project_urls.urlpatterns,
]
handler500 = project_urls.handler500


@pytest.mark.urls("tests.core.test_security")
@pytest.mark.parametrize("url", ["/api/v1/boom/", "/boom/"])
def test_a_crash_shows_no_traceback(db, url):
    client = Client(raise_request_exception=False)
    response = client.get(url)
    assert response.status_code == 500
    body = response.content.decode()
    assert "Traceback" not in body
    assert "rahasia-internal" not in body
    assert "6402031403850001" not in body


@pytest.mark.urls("tests.core.test_security")
def test_an_api_crash_uses_the_api_error_shape(db):
    response = Client(raise_request_exception=False).get("/api/v1/boom/")
    assert response.json()["error"]["code"] == "server_error"


def test_sessions_expire_after_a_working_day_of_inactivity():
    assert settings.SESSION_COOKIE_AGE == 8 * 60 * 60
    # Counted by apps.core.session_activity (tests/core/test_session_activity.py), not by
    # writing the session on every request.
    assert "apps.core.session_activity.SessionActivityMiddleware" in settings.MIDDLEWARE
    assert not settings.SESSION_SAVE_EVERY_REQUEST


def production_settings_error(**env) -> str:
    result = subprocess.run(
        [sys.executable, "-c", "import config.settings.production"],
        env={"PATH": os.environ["PATH"], **env},
        capture_output=True,
        text=True,
        cwd=settings.BASE_DIR,
    )
    return result.stderr if result.returncode else ""


def test_production_refuses_to_start_without_a_secret_key():
    error = production_settings_error(ALLOWED_HOSTS="x", DATABASE_URL="postgres://h/db")
    assert "SECRET_KEY" in error


def test_production_refuses_to_start_without_allowed_hosts():
    error = production_settings_error(SECRET_KEY="k" * 50, DATABASE_URL="postgres://h/db")
    assert "ALLOWED_HOSTS" in error


def test_production_starts_with_its_environment():
    assert not production_settings_error(
        SECRET_KEY="k" * 50, ALLOWED_HOSTS="x", DATABASE_URL="postgres://h/db"
    )


def test_input_the_database_cannot_hold_is_a_400_not_a_500():
    from django.db import DataError

    from apps.core.api.errors import exception_handler

    response = exception_handler(DataError("text fields cannot contain NUL (0x00) bytes"), {})
    assert response.status_code == 400
    assert "NUL" in response.data["error"]["fields"]["non_field_errors"][0]
