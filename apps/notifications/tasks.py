"""Celery tasks of the notifications: the deadline watch, the digest, and one delivery each.

Each task takes ids (or nothing), and is safe to run twice: the watch and the digest claim their
work in the database before writing a notification, a delivery is claimed before it is sent.
"""

from celery import shared_task

from apps.core.task_utils import TEMPORARY_DB_ERRORS, retry_countdown
from apps.notifications import services, watch
from apps.notifications.channels import TemporaryFailure

DELIVERY_MAX_RETRIES = 6


@shared_task(name="notifications.deadline_scan", bind=True, max_retries=3)
def deadline_scan(self) -> dict:
    try:
        return watch.deadline_scan().as_dict()
    except TEMPORARY_DB_ERRORS as exc:
        raise self.retry(exc=exc, countdown=retry_countdown(self.request.retries)) from exc


@shared_task(name="notifications.daily_digest", bind=True, max_retries=3)
def daily_digest(self) -> int:
    try:
        return watch.daily_digest()
    except TEMPORARY_DB_ERRORS as exc:
        raise self.retry(exc=exc, countdown=retry_countdown(self.request.retries)) from exc


@shared_task(name="notifications.deliver", bind=True, max_retries=DELIVERY_MAX_RETRIES)
def deliver(self, delivery_id: int) -> str:
    final = self.request.retries >= self.max_retries
    try:
        return services.delivery_send(delivery_id=delivery_id, final=final)
    except (TemporaryFailure, *TEMPORARY_DB_ERRORS) as exc:
        raise self.retry(exc=exc, countdown=retry_countdown(self.request.retries)) from exc


@shared_task(name="notifications.redeliver_pending")
def redeliver_pending() -> int:
    """Send again the deliveries whose task was lost (a worker died, the broker was down)."""
    ids = services.deliveries_pending()
    for delivery_id in ids:
        deliver.delay(delivery_id)
    return len(ids)
