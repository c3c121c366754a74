"""/healthz with a real worker: 200 while it answers, 503 once it is gone."""

import pytest
from django.core.cache import cache
from django.test import Client

from apps.core.health import WORKER_CACHE_KEY

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.redis,
    pytest.mark.django_db(transaction=True),
]


def test_healthz_is_ok_while_a_worker_answers_and_503_when_it_is_killed(
    worker, settings, superuser
):
    settings.CELERY_BROKER_URL = worker.env["CELERY_BROKER_URL"]
    client = Client()
    client.force_login(superuser)
    cache.delete(WORKER_CACHE_KEY)
    worker.start()
    response = client.get("/healthz")
    assert response.status_code == 200, response.json()
    assert worker.name in response.json()["worker"]["workers"]
    worker.kill()
    cache.delete(WORKER_CACHE_KEY)  # the answer is otherwise kept for 30 s
    response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json()["worker"]["status"] == "down"
