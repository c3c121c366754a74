"""GET /healthz: database, Redis and a worker, as JSON with 200 or 503."""

import pytest
from django.db import OperationalError
from django.test import Client

from apps.core import health
from config.celery import app as celery_app
from tests.conftest import REDIS_URL

pytestmark = pytest.mark.django_db


def get():
    response = Client().get("/healthz")
    return response.status_code, response.json()


def test_in_eager_mode_no_worker_is_needed(settings):
    settings.CELERY_BROKER_URL = ""
    status, body = get()
    assert status == 200
    assert body == {
        "status": "ok",
        "database": {"status": "ok"},
        "redis": {"status": "not_configured"},
        "worker": {"status": "not_needed"},
    }


def test_a_database_that_does_not_answer_is_a_503(settings, monkeypatch):
    settings.CELERY_BROKER_URL = ""

    def refuse():
        raise OperationalError("connection refused")

    monkeypatch.setattr(health.connection, "cursor", refuse)
    status, body = get()
    assert status == 503
    assert body["database"] == {"status": "down", "error": "OperationalError"}


def test_a_configured_redis_that_does_not_answer_is_a_503(settings):
    settings.CELERY_BROKER_URL = "redis://127.0.0.1:9/0"  # the discard port: nothing listens
    status, body = get()
    assert status == 503
    assert body["redis"]["status"] == "down"


@pytest.fixture
def real_broker(settings):
    settings.CELERY_BROKER_URL = REDIS_URL
    celery_app.conf.task_always_eager = False
    yield
    celery_app.conf.task_always_eager = True


@pytest.mark.redis
def test_with_redis_and_no_worker_answering_it_is_a_503(real_broker):
    status, body = get()
    assert status == 503
    assert body["redis"] == {"status": "ok"}
    assert body["worker"] == {"status": "down", "workers": []}


def test_it_needs_no_login_and_is_never_cached(settings):
    settings.CELERY_BROKER_URL = ""
    response = Client().get("/healthz")
    assert response.status_code == 200
    assert "no-cache" in response["Cache-Control"]
