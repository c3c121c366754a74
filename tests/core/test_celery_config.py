"""The Celery wiring: JSON only, time limits, the schedule, and timing that fits the broker."""

import pytest
from django.conf import settings as django_settings
from django.core.checks import run_checks

from apps.core.task_utils import retry_countdown
from config.celery import app


def test_tasks_travel_as_json_only():
    assert app.conf.task_serializer == "json"
    assert app.conf.accept_content == ["json"]


def test_every_task_has_a_soft_and_a_hard_time_limit_under_the_visibility_timeout():
    visibility = app.conf.broker_transport_options["visibility_timeout"]
    assert 0 < app.conf.task_soft_time_limit < app.conf.task_time_limit < visibility


def test_no_retry_waits_longer_than_the_visibility_timeout():
    visibility = app.conf.broker_transport_options["visibility_timeout"]
    assert max(retry_countdown(n) for n in range(20)) == django_settings.NETRAL_TASK_MAX_COUNTDOWN
    assert visibility > django_settings.NETRAL_TASK_MAX_COUNTDOWN


def test_the_scan_runs_every_15_minutes_and_the_digest_at_7_wita():
    app.loader.import_default_modules()
    schedule = app.conf.beat_schedule
    assert app.conf.timezone == "Asia/Makassar"
    scan = schedule["deadline-scan"]["schedule"]
    assert scan.minute == {0, 15, 30, 45}
    digest = schedule["deadline-digest"]["schedule"]
    assert (digest.hour, digest.minute) == ({7}, {0})
    for entry in schedule.values():
        assert entry["task"] in app.tasks


def test_only_resumable_tasks_acknowledge_late():
    app.loader.import_default_modules()
    late = sorted(name for name, task in app.tasks.items() if task.acks_late)
    assert late == ["core.run_export", "personnel.run_import"]
    assert all(app.tasks[name].reject_on_worker_lost for name in late)


@pytest.mark.parametrize(
    ("overrides", "ids"),
    [
        ({}, []),
        ({"CELERY_TASK_TIME_LIMIT": 4000}, ["netral.W102"]),
        ({"NETRAL_TASK_MAX_COUNTDOWN": 3600}, ["netral.W103"]),
    ],
)
def test_the_deploy_check_warns_when_timing_does_not_fit_the_broker(settings, overrides, ids):
    settings.CELERY_BROKER_URL = "redis://redis.invalid:6379/0"
    for name, value in overrides.items():
        setattr(settings, name, value)
    found = [
        m.id for m in run_checks(include_deployment_checks=True) if m.id.startswith("netral.W1")
    ]
    assert found == ids


def python_error(code: str, **env) -> str:
    import os
    import subprocess
    import sys

    result = subprocess.run(
        [sys.executable, "-c", code],
        env={"PATH": os.environ["PATH"], **env},
        capture_output=True,
        text=True,
        cwd=django_settings.BASE_DIR,
    )
    return result.stderr if result.returncode else result.stdout


def test_a_celery_process_without_a_settings_module_fails_with_a_clear_message():
    error = python_error("from config.celery import app; print(app.conf.broker_url)")
    assert "DJANGO_SETTINGS_MODULE is not set" in error
    assert "config.settings.production" in error


def test_the_web_application_falls_back_to_production_settings_not_development():
    out = python_error(
        "import config.wsgi; from django.conf import settings; print(settings.SETTINGS_MODULE)",
        SECRET_KEY="k" * 50,
        ALLOWED_HOSTS="x",
        DATABASE_URL="postgres://h/db",
    )
    assert out.strip() == "config.settings.production"


def test_beat_scans_the_deadlines_as_soon_as_it_starts(monkeypatch):
    from types import SimpleNamespace

    from config.celery import scan_deadlines_at_start

    sent = []
    monkeypatch.setattr(app, "send_task", lambda name, **options: sent.append(name))
    scan_deadlines_at_start(sender=SimpleNamespace(app=app))
    assert sent == ["notifications.deadline_scan"]
