"""Reads of notifications: a user only ever sees their own."""

from django.db.models import QuerySet

from apps.notifications.models import Notification


def notifications_for(user, *, read: bool | None = None) -> QuerySet[Notification]:
    """``user``'s notifications, newest first; ``read`` keeps only the read or the unread ones."""
    if not user.is_authenticated:
        return Notification.objects.none()
    queryset = Notification.objects.filter(recipient=user).select_related("case")
    if read is not None:
        queryset = queryset.filter(read_at__isnull=not read)
    return queryset


def unread_count(user) -> int:
    """How many of ``user``'s notifications are unread (the partial index answers it)."""
    if not user.is_authenticated:
        return 0
    return Notification.objects.filter(recipient=user, read_at__isnull=True).count()
