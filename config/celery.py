"""Celery application.

The broker is Redis from ``CELERY_BROKER_URL`` (or ``REDIS_URL``). Without one, production settings
run tasks eagerly in the calling process, and ``config.settings.local`` (``make run``) uses kombu's
filesystem transport under ``var/celery/`` so that a worker and beat run as they do in production
with no server to install. Every other setting lives in Django's settings under the ``CELERY_``
prefix (config/settings/base.py); the periodic schedule is here, in code, so that beat needs no
database table.

``DJANGO_SETTINGS_MODULE`` must be set: ``manage.py`` defaults it to the local settings and
``config/wsgi.py`` to production, but a ``celery`` command has no such default, and a worker of a
production deployment that silently loaded the development settings would write to a SQLite file
beside the code. The first use of the app's configuration fails with a clear message instead.

Rules every task follows (docs/operations.md): it takes ids, is sent with
``transaction.on_commit``, retries only temporary failures with a countdown shorter than the
broker's visibility timeout, and claims its work before any side effect so that running it twice
does no harm.
"""

import os

from celery import Celery
from celery.schedules import crontab
from celery.signals import beat_init
from django.core.exceptions import ImproperlyConfigured

app = Celery("netral")


def __getattr__(name: str):
    # Celery reads its configuration from ``django_settings`` the first time it needs it (not at
    # import: `import config` must work before any settings are chosen). Receivers of Celery's
    # own ``on_configure`` signal cannot stop it, their exceptions are only logged.
    if name != "django_settings":
        raise AttributeError(name)
    if not os.environ.get("DJANGO_SETTINGS_MODULE"):
        raise ImproperlyConfigured(
            "DJANGO_SETTINGS_MODULE is not set. Set it to config.settings.production in "
            "production, or config.settings.local on a development machine (make run does)."
        )
    from django.conf import settings

    return settings


app.config_from_object("config.celery:django_settings", namespace="CELERY")
app.autodiscover_tasks()


@app.on_after_configure.connect
def add_periodic_tasks(sender, **kwargs) -> None:
    from django.conf import settings

    minutes = settings.NETRAL_DEADLINE_SCAN_MINUTES
    sender.conf.beat_schedule = {
        "deadline-scan": {
            "task": "notifications.deadline_scan",
            "schedule": crontab(minute=f"*/{minutes}"),
            # A scan that waited longer than the next one is useless: drop it, the next one covers it.
            "options": {"expires": max(minutes * 60 - 60, 50)},
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
        "personal-data-retention": {
            # 02:30 WITA, when nobody works: pseudonymise what has been kept long enough.
            "task": "core.apply_retention",
            "schedule": crontab(hour=2, minute=30),
            "options": {"expires": 6 * 60 * 60},
        },
    }


@beat_init.connect
def scan_deadlines_at_start(sender, **kwargs) -> None:
    """A beat that starts (a deployment, ``make run``) scans at once instead of at the next slot.

    A second scan, from a second beat started by mistake, notifies nothing twice: each deadline is
    claimed in the database (apps.notifications.watch).
    """
    sender.app.send_task("notifications.deadline_scan", expires=10 * 60)
