"""/healthz with a real worker: 200 while it answers, 503 once it is gone."""

import pytest
from django.test import Client

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.redis,
    pytest.mark.django_db(transaction=True),
]


def test_healthz_is_ok_while_a_worker_answers_and_503_when_it_is_killed(worker, settings):
    settings.CELERY_BROKER_URL = worker.env["CELERY_BROKER_URL"]
    worker.start()
    response = Client().get("/healthz")
    assert response.status_code == 200, response.json()
    assert worker.name in response.json()["worker"]["workers"]
    worker.kill()
    response = Client().get("/healthz")
    assert response.status_code == 503
    assert response.json()["worker"]["status"] == "down"
