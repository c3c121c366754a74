"""Template helpers shared by the staff pages: the one date format and the unread count."""

from django import template
from django.urls import reverse

from apps.core import formatting
from apps.notifications.selectors import unread_count

register = template.Library()


@register.filter
def wita(moment) -> str:
    """``{{ case.next_due_at|wita }}`` → ``12-11-2024 23.59 WITA``."""
    return formatting.wita(moment)


@register.inclusion_tag("core/_unread_notifications.html", takes_context=True)
def unread_notifications(context):
    """A link to the user's notifications with how many are unread (staff pages only: one
    query on the partial index of unread notifications)."""
    request = context.get("request")
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated or not user.is_staff:
        return {"show": False}
    return {
        "show": True,
        "count": unread_count(user),
        "url": reverse("admin:notifications_notification_changelist") + "?read_at__isempty=1",
    }
