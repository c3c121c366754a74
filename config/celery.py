"""Celery application.

The broker is Redis from ``CELERY_BROKER_URL`` (or ``REDIS_URL``); without one, tasks run eagerly
in the calling process, which is what ``make run`` uses. Every other setting lives in Django's
settings under the ``CELERY_`` prefix (config/settings/base.py); the periodic schedule is here,
in code, so that beat needs no database table.

Rules every task follows (docs/operations.md): it takes ids, is sent with
``transaction.on_commit``, retries only temporary failures with a countdown shorter than the
broker's visibility timeout, and claims its work before any side effect so that running it twice
does no harm.
"""

import os

from celery import Celery
from celery.schedules import crontab

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.local")

app = Celery("netral")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()

app.conf.beat_schedule = {
    "deadline-scan": {
        "task": "notifications.deadline_scan",
        "schedule": crontab(minute="*/15"),
        # A scan that waited longer than the next one is useless: drop it, the next one covers it.
        "options": {"expires": 14 * 60},
    },
    "deadline-digest": {
        # 07:00 in CELERY_TIMEZONE, which is Asia/Makassar (WITA).
        "task": "notifications.daily_digest",
        "schedule": crontab(hour=7, minute=0),
        "options": {"expires": 6 * 60 * 60},
    },
    "notification-redelivery": {
        "task": "notifications.redeliver_pending",
        "schedule": crontab(minute="7-59/15"),
        "options": {"expires": 14 * 60},
    },
}
