"""Delivery channels besides the in-app list, chosen by ``NETRAL_NOTIFICATION_CHANNELS``.

A channel is a class with a ``name``, ``recipient_address(user)`` (``""`` when the user cannot be
reached on it) and ``send(notification, address)``. ``send`` raises :class:`TemporaryFailure`
for what may work later (the server is down, a timeout) and :class:`PermanentFailure` for what
never will (the address is refused). Adding WhatsApp or SMS is a new class and a settings line;
the watch and the delivery task do not change.
"""

import smtplib
from functools import cache

from django.conf import settings
from django.core.mail import EmailMessage
from django.utils.module_loading import import_string


class TemporaryFailure(Exception):
    """Worth retrying later."""


class PermanentFailure(Exception):
    """Retrying will not help."""


class EmailChannel:
    """E-mail through Django's e-mail backend (console in development, SMTP in production)."""

    name = "email"

    def recipient_address(self, user) -> str:
        return user.email or ""

    def send(self, notification, address: str) -> None:
        message = EmailMessage(
            subject=f"[Netral] {notification.title}",
            body=notification.body + (f"\n\n{notification.link}" if notification.link else ""),
            from_email=settings.DEFAULT_FROM_EMAIL,
            to=[address],
        )
        try:
            message.send(fail_silently=False)
        except (smtplib.SMTPRecipientsRefused, smtplib.SMTPSenderRefused) as exc:
            raise PermanentFailure(str(exc)) from exc
        except smtplib.SMTPResponseException as exc:
            failure = TemporaryFailure if 400 <= exc.smtp_code < 500 else PermanentFailure
            raise failure(str(exc)) from exc
        except (smtplib.SMTPException, OSError) as exc:
            # Disconnected, connection refused, timeouts: the server may be back later.
            raise TemporaryFailure(str(exc)) from exc


@cache
def _load(paths: tuple[str, ...]) -> dict[str, object]:
    channels = {}
    for path in paths:
        channel = import_string(path)()
        channels[channel.name] = channel
    return channels


def enabled_channels() -> dict[str, object]:
    """The configured channels by name, e.g. ``{"email": EmailChannel()}``."""
    return _load(tuple(settings.NETRAL_NOTIFICATION_CHANNELS))


def get_channel(name: str):
    """The configured channel ``name``; ``None`` when it was removed from the settings since."""
    return enabled_channels().get(name)
