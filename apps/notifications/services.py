"""Writes on notifications: create (with their deliveries), deliver, mark read."""

from dataclasses import dataclass
from datetime import datetime, timedelta

from django.conf import settings
from django.db import transaction
from django.db.models import F, Q
from django.urls import NoReverseMatch, reverse
from django.utils import timezone

from apps.notifications.channels import PermanentFailure, TemporaryFailure, get_channel
from apps.notifications.channels import enabled_channels as _enabled_channels
from apps.notifications.models import Delivery, Notification

# How long a worker may take to send one message before another may try again.
DELIVERY_LEASE = timedelta(minutes=5)


@dataclass(frozen=True)
class Draft:
    """A notification about to be written: to whom and what it says."""

    recipient: object
    kind: str
    level: str
    title: str
    body: str
    link: str = ""
    case: object = None
    deadline: str = ""
    due_at: datetime | None = None


def absolute_url(path: str) -> str:
    return settings.SITE_URL.rstrip("/") + path


def case_link(case) -> str:
    """The case's page in the admin, where investigators and BKPSDM work on it."""
    try:
        path = reverse("admin:cases_case_change", args=[case.pk])
    except NoReverseMatch:  # a deployment without the case admin still links somewhere useful
        path = reverse("admin:index")
    return absolute_url(path)


def notifications_create(*, drafts: list[Draft]) -> list[Notification]:
    """Write ``drafts`` and one delivery per channel the recipient can be reached on.

    Runs inside the caller's transaction: the deliveries are sent only after it commits.
    """
    notifications = Notification.objects.bulk_create(
        [
            Notification(
                recipient=d.recipient,
                kind=d.kind,
                level=d.level,
                title=d.title[:255],
                body=d.body,
                link=d.link,
                case=d.case,
                deadline=d.deadline,
                due_at=d.due_at,
            )
            for d in drafts
        ]
    )
    deliveries = [
        Delivery(notification=n, channel=name, address=address)
        for n in notifications
        for name, channel in _enabled_channels().items()
        if (address := channel.recipient_address(n.recipient))
    ]
    deliveries = Delivery.objects.bulk_create(deliveries)
    if deliveries:
        ids = [d.pk for d in deliveries]
        transaction.on_commit(lambda: _send_deliveries(ids), robust=True)
    return notifications


def _send_deliveries(ids: list[int]) -> None:
    from apps.notifications.tasks import deliver

    for delivery_id in ids:
        deliver.delay(delivery_id)


def _claim(delivery_id: int, now: datetime) -> bool:
    """Take the delivery for this worker; False when it is sent, failed or another has it."""
    return bool(
        Delivery.objects.filter(pk=delivery_id, sent_at__isnull=True, failed_at__isnull=True)
        .filter(Q(claimed_until__isnull=True) | Q(claimed_until__lt=now))
        .update(claimed_until=now + DELIVERY_LEASE, attempts=F("attempts") + 1)
    )


def delivery_send(*, delivery_id: int, now: datetime | None = None, final: bool = False) -> str:
    """Send one delivery on its channel, at most once at a time; returns what happened.

    ``"sent"``, ``"failed"`` (permanently, or a temporary failure on the ``final`` attempt) or
    ``"skipped"`` (already sent, failed, or being sent by another worker). A temporary failure
    otherwise releases the claim and raises :class:`TemporaryFailure` for the task to retry.
    """
    now = now or timezone.now()
    if not _claim(delivery_id, now):
        return "skipped"
    delivery = Delivery.objects.select_related("notification__recipient").get(pk=delivery_id)
    channel = get_channel(delivery.channel)
    try:
        if channel is None:
            raise PermanentFailure(f"channel {delivery.channel!r} is not configured")
        channel.send(delivery.notification, delivery.address)
    except PermanentFailure as exc:
        _finish(delivery_id, failed_at=timezone.now(), last_error=str(exc))
        return "failed"
    except TemporaryFailure as exc:
        if final:
            _finish(delivery_id, failed_at=timezone.now(), last_error=str(exc))
            return "failed"
        _finish(delivery_id, claimed_until=None, last_error=str(exc))
        raise
    _finish(delivery_id, sent_at=timezone.now(), last_error="")
    return "sent"


def _finish(delivery_id: int, **fields) -> None:
    Delivery.objects.filter(pk=delivery_id).update(**fields)


def deliveries_pending(*, now: datetime | None = None, older_than=timedelta(minutes=5)):
    """Ids of deliveries neither sent nor failed nor being sent: their task was lost."""
    now = now or timezone.now()
    return list(
        Delivery.objects.filter(
            sent_at__isnull=True, failed_at__isnull=True, created_at__lt=now - older_than
        )
        .filter(Q(claimed_until__isnull=True) | Q(claimed_until__lt=now))
        .values_list("pk", flat=True)[:1000]
    )


def notification_mark_read(*, notification: Notification, actor) -> Notification:
    """Mark one of ``actor``'s notifications read; reading it again changes nothing."""
    if notification.read_at is None:
        now = timezone.now()
        Notification.objects.filter(
            pk=notification.pk, recipient=actor, read_at__isnull=True
        ).update(read_at=now)
        notification.read_at = now
    return notification


def notifications_mark_all_read(*, actor) -> int:
    """Mark every unread notification of ``actor`` read; returns how many changed."""
    return Notification.objects.filter(recipient=actor, read_at__isnull=True).update(
        read_at=timezone.now()
    )
