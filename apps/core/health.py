"""``GET /healthz``: is this instance able to serve? For load balancers and monitoring.

Checks the database, the broker (Redis, or the filesystem queue of ``make run``) and whether a
Celery worker answered a ping; 200 when every configured component is up, 503 otherwise. In eager
mode (no broker) tasks run in the web process, so no worker is needed.

Anyone may ask, but an anonymous caller only learns ``{"status": "ok"}`` or ``{"status":
"error"}``: the components, their errors and the workers' host names are for a staff user's
session or an API token. The worker ping is a broadcast every worker must answer, so its answer
is kept in the cache for ``NETRAL_HEALTH_WORKER_CACHE_SECONDS`` instead of being asked again by
every probe of every load balancer.
"""

from pathlib import Path

import redis
from django.conf import settings
from django.core.cache import cache
from django.db import connection
from django.http import JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET
from rest_framework.exceptions import AuthenticationFailed
from rest_framework.request import Request

from apps.core.api.authentication import ApiTokenAuthentication
from config.celery import app as celery_app

PING_TIMEOUT = 1.0
WORKER_CACHE_KEY = "netral:healthz:worker"
DOWN_CACHE_SECONDS = 5


def check_database() -> dict:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except Exception as exc:  # any failure means "down"; the type is enough to diagnose
        return {"status": "down", "error": type(exc).__name__}
    return {"status": "ok"}


def broker_transport() -> str:
    return settings.CELERY_BROKER_URL.partition("://")[0] if settings.CELERY_BROKER_URL else ""


def check_broker() -> dict:
    transport = broker_transport()
    if not transport or celery_app.conf.task_always_eager:
        return {"status": "not_configured"}
    try:
        if transport == "filesystem":
            folder = Path(settings.CELERY_BROKER_TRANSPORT_OPTIONS["data_folder_in"])
            if not folder.is_dir():
                raise FileNotFoundError(folder)
        else:
            client = redis.Redis.from_url(
                settings.CELERY_BROKER_URL, socket_timeout=PING_TIMEOUT, socket_connect_timeout=1
            )
            client.ping()
            client.close()
    except Exception as exc:
        return {"status": "down", "transport": transport, "error": type(exc).__name__}
    return {"status": "ok", "transport": transport}


def ping_workers() -> dict:
    try:
        replies = celery_app.control.ping(timeout=PING_TIMEOUT)
    except Exception as exc:
        return {"status": "down", "error": type(exc).__name__}
    workers = sorted(name for reply in replies for name in reply)
    return {"status": "ok" if workers else "down", "workers": workers}


def check_worker(broker_status: str) -> dict:
    if broker_status == "not_configured":
        return {"status": "not_needed"}
    if broker_status != "ok":
        return {"status": "unknown"}
    worker = cache.get(WORKER_CACHE_KEY)
    if worker is None:
        worker = ping_workers()
        cache.set(WORKER_CACHE_KEY, worker, worker_cache_seconds(worker))
    return worker


def worker_cache_seconds(worker: dict) -> int:
    # A worker that did not answer is asked again sooner: one that is starting up should not
    # keep the instance out of its load balancer for the whole period.
    seconds = settings.NETRAL_HEALTH_WORKER_CACHE_SECONDS
    return seconds if worker["status"] == "ok" else min(seconds, DOWN_CACHE_SECONDS)


def may_see_details(request) -> bool:
    """A staff user's session, or any valid API token (a monitoring account's)."""
    if request.user.is_authenticated and request.user.is_staff:
        return True
    try:
        return ApiTokenAuthentication().authenticate(Request(request)) is not None
    except AuthenticationFailed:
        return False


@never_cache
@require_GET
def healthz(request):
    database = check_database()
    broker = check_broker()
    worker = check_worker(broker["status"])
    healthy = (
        database["status"] == "ok"
        and broker["status"] in ("ok", "not_configured")
        and worker["status"] in ("ok", "not_needed")
    )
    body = {"status": "ok" if healthy else "error"}
    if may_see_details(request):
        body.update(database=database, broker=broker, worker=worker)
    return JsonResponse(body, status=200 if healthy else 503)
