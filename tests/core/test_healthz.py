"""GET /healthz: up or down for anyone, the components for staff or a token, 200 or 503."""

import pytest
from django.core.cache import cache
from django.db import OperationalError
from django.test import Client

from apps.core import health
from apps.core.tokens import api_token_create
from config.celery import app as celery_app
from tests.conftest import REDIS_URL

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def no_cached_worker_check():
    cache.delete(health.WORKER_CACHE_KEY)
    yield
    cache.delete(health.WORKER_CACHE_KEY)


@pytest.fixture
def eager(settings):
    settings.CELERY_BROKER_URL = ""


@pytest.fixture
def staff_client(coordinator):
    client = Client()
    client.force_login(coordinator)
    return client


def get(client=None, **headers):
    response = (client or Client()).get("/healthz", **headers)
    return response.status_code, response.json()


def test_an_anonymous_caller_learns_only_up_or_down(eager):
    assert get() == (200, {"status": "ok"})


def test_staff_see_every_component(eager, staff_client):
    status, body = get(staff_client)
    assert status == 200
    assert body == {
        "status": "ok",
        "database": {"status": "ok"},
        "broker": {"status": "not_configured"},
        "worker": {"status": "not_needed"},
    }


def test_an_api_token_sees_every_component(eager, bkpsdm_officer):
    _token, key = api_token_create(user=bkpsdm_officer, name="monitoring")
    status, body = get(HTTP_AUTHORIZATION=f"Token {key}")
    assert status == 200
    assert body["database"] == {"status": "ok"}


def test_a_wrong_token_is_answered_as_an_anonymous_caller(eager):
    assert get(HTTP_AUTHORIZATION="Token ntl_" + "0" * 64) == (200, {"status": "ok"})


def test_a_database_that_does_not_answer_is_a_503(eager, monkeypatch):
    def refuse():
        raise OperationalError("connection refused")

    monkeypatch.setattr(health.connection, "cursor", refuse)
    assert health.check_database() == {"status": "down", "error": "OperationalError"}
    assert get() == (503, {"status": "error"})


def test_a_configured_redis_that_does_not_answer_is_a_503(settings, staff_client):
    settings.CELERY_BROKER_URL = "redis://127.0.0.1:9/0"  # the discard port: nothing listens
    celery_app.conf.task_always_eager = False
    try:
        status, body = get(staff_client)
    finally:
        celery_app.conf.task_always_eager = True
    assert status == 503
    assert body["broker"] == {"status": "down", "transport": "redis", "error": "ConnectionError"}
    assert body["worker"] == {"status": "unknown"}


@pytest.fixture
def real_broker(settings):
    settings.CELERY_BROKER_URL = REDIS_URL
    celery_app.conf.task_always_eager = False
    yield
    celery_app.conf.task_always_eager = True


@pytest.mark.redis
def test_with_redis_and_no_worker_answering_it_is_a_503(real_broker, staff_client):
    status, body = get(staff_client)
    assert status == 503
    assert body["broker"] == {"status": "ok", "transport": "redis"}
    assert body["worker"] == {"status": "down", "workers": []}
    assert get() == (503, {"status": "error"})


def test_the_workers_are_pinged_once_per_cache_period_not_on_every_request(
    settings, monkeypatch, staff_client
):
    settings.NETRAL_HEALTH_WORKER_CACHE_SECONDS = 30
    pings = []

    def ping():
        pings.append(1)
        return {"status": "ok", "workers": ["worker@web-1"]}

    monkeypatch.setattr(health, "check_broker", lambda: {"status": "ok", "transport": "redis"})
    monkeypatch.setattr(health, "ping_workers", ping)
    for _ in range(5):
        assert get() == (200, {"status": "ok"})
    assert get(staff_client)[1]["worker"] == {"status": "ok", "workers": ["worker@web-1"]}
    assert len(pings) == 1


def test_a_worker_that_did_not_answer_is_asked_again_sooner(settings):
    settings.NETRAL_HEALTH_WORKER_CACHE_SECONDS = 30
    assert health.worker_cache_seconds({"status": "ok", "workers": ["w@h"]}) == 30
    assert health.worker_cache_seconds({"status": "down", "workers": []}) == 5
    assert health.worker_cache_seconds({"status": "down", "error": "ConnectionError"}) == 5


def test_it_needs_no_login_and_is_never_cached(eager):
    response = Client().get("/healthz")
    assert response.status_code == 200
    assert "no-cache" in response["Cache-Control"]
