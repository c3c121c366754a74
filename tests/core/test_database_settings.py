"""The app's PostgreSQL connections: JIT off (issue 17), the door's prepared statements (22)."""

import subprocess
import sys

import pytest
from django.db import connection

pytestmark = pytest.mark.django_db


@pytest.mark.postgres
def test_the_apps_postgresql_connections_run_without_jit():
    # JIT compiled the report and home aggregates for longer than it saved (docs/dashboards.md).
    with connection.cursor() as cursor:
        cursor.execute("SHOW jit")
        assert cursor.fetchone()[0] == "off"


@pytest.mark.parametrize(("value", "expected"), [("", "-c jit=off"), ("False", None)])
def test_jit_is_turned_off_unless_told_not_to(value, expected):
    # Behind PgBouncer the startup option is refused: NETRAL_PG_JIT_OFF=False leaves it out.
    code = (
        "import django, os; django.setup(); from django.conf import settings; "
        "print(settings.DATABASES['default'].get('OPTIONS', {}).get('options'))"
    )
    env = {
        "DJANGO_SETTINGS_MODULE": "config.settings.production",
        "SECRET_KEY": "test-only-" + "x" * 50,
        "ALLOWED_HOSTS": "netral.example.invalid",
        "DATABASE_URL": "postgres://netral@db.example.invalid/netral",
        "PATH": "/usr/bin:/bin",
    }
    if value:
        env["NETRAL_PG_JIT_OFF"] = value
    out = subprocess.run(
        [sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True
    ).stdout.strip()
    assert out == str(expected)
