"""``GET /healthz``: is this instance able to serve? For load balancers and monitoring.

Reports the database, Redis (when a broker is configured) and whether a Celery worker answered a
ping. 200 when every configured component is up, 503 otherwise. In eager mode (no broker) tasks
run in the web process, so no worker is needed. No authentication, and nothing secret in it.
"""

import redis
from django.conf import settings
from django.db import connection
from django.http import JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from config.celery import app as celery_app

PING_TIMEOUT = 1.0


def check_database() -> dict:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except Exception as exc:  # any failure means "down"; the type is enough to diagnose
        return {"status": "down", "error": type(exc).__name__}
    return {"status": "ok"}


def check_redis() -> dict:
    if not settings.CELERY_BROKER_URL:
        return {"status": "not_configured"}
    try:
        client = redis.Redis.from_url(
            settings.CELERY_BROKER_URL, socket_timeout=PING_TIMEOUT, socket_connect_timeout=1
        )
        client.ping()
        client.close()
    except Exception as exc:
        return {"status": "down", "error": type(exc).__name__}
    return {"status": "ok"}


def check_worker(redis_status: str) -> dict:
    if celery_app.conf.task_always_eager or not settings.CELERY_BROKER_URL:
        return {"status": "not_needed"}
    if redis_status != "ok":
        return {"status": "unknown"}
    try:
        replies = celery_app.control.ping(timeout=PING_TIMEOUT)
    except Exception as exc:
        return {"status": "down", "error": type(exc).__name__}
    workers = sorted(name for reply in replies for name in reply)
    return {"status": "ok" if workers else "down", "workers": workers}


@never_cache
@require_GET
def healthz(request):
    database = check_database()
    redis_state = check_redis()
    worker = check_worker(redis_state["status"])
    healthy = (
        database["status"] == "ok"
        and redis_state["status"] in ("ok", "not_configured")
        and worker["status"] in ("ok", "not_needed")
    )
    body = {
        "status": "ok" if healthy else "error",
        "database": database,
        "redis": redis_state,
        "worker": worker,
    }
    return JsonResponse(body, status=200 if healthy else 503)
