"""Kiosk links: a clerk turns a tablet or phone into one session's check-in door.

The link carries a random secret; only its SHA-256 is stored. Through it the device may read what
the door needs (the session's title, place and time; each registration's check-in code, name and
institution, so that it can answer and search offline), send check-ins, and take back the one it
just made — nothing else: no participant list page, no export, no other session, no clerk page
(it holds no login). It acts for the clerk who opened it, within that clerk's rights, until the
session's end plus ``NETRAL_TRAINING_KIOSK_HOURS_AFTER_END`` or until a clerk closes it.
"""

import hashlib
import secrets
from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from apps.core.errors import Conflict, NotFound
from apps.training import door as doors
from apps.training.authority import require_manage, require_not_cancelled
from apps.training.models import KioskToken, Session, TrainingEvent


def _hash(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()


@transaction.atomic
def kiosk_open(*, session: Session, actor, label: str = "") -> tuple[KioskToken, str]:
    """Open a kiosk link for ``session``; returns the token and its secret (shown once)."""
    require_manage(actor, session)
    require_not_cancelled(session)
    expires_at = session.ends_at + timedelta(hours=settings.NETRAL_TRAINING_KIOSK_HOURS_AFTER_END)
    if expires_at <= timezone.now():
        raise Conflict(_("Sesi ini sudah lama selesai; kios tidak dapat dibuka lagi."))
    secret = secrets.token_urlsafe(24)
    token = KioskToken.objects.create(
        session=session,
        key_hash=_hash(secret),
        label=" ".join(label.split())[:60],
        created_by=actor,
        expires_at=expires_at,
    )
    TrainingEvent.objects.create(
        action=TrainingEvent.Action.KIOSK_OPENED,
        actor=actor,
        kiosk=token,
        session=session,
        data={"label": token.label, "expires_at": expires_at.isoformat()},
    )
    return token, secret


@transaction.atomic
def kiosk_close(*, token: KioskToken, actor) -> KioskToken:
    """Close a kiosk link at once (a lost tablet): it answers nothing from then on."""
    require_manage(actor, token.session)
    locked = KioskToken.objects.select_for_update().get(pk=token.pk)
    if locked.revoked_at is None:
        locked.revoked_at = timezone.now()
        locked.save(update_fields=["revoked_at"])
        TrainingEvent.objects.create(
            action=TrainingEvent.Action.KIOSK_CLOSED,
            actor=actor,
            kiosk=locked,
            session_id=locked.session_id,
        )
    return locked


def kiosk_for_secret(secret: str) -> KioskToken:
    """The open kiosk of this secret; NotFound when unknown, closed or expired."""
    token = (
        KioskToken.objects.select_related("created_by", "session")
        .filter(key_hash=_hash(secret or ""))
        .first()
    )
    if token is None or token.revoked_at is not None or token.expires_at <= timezone.now():
        raise NotFound(_("Tautan kios tidak berlaku (ditutup atau kedaluwarsa)."))
    return token


def kiosk_door(token: KioskToken) -> doors.Door:
    """The session's door as the kiosk's clerk sees it, with the kiosk noted on each check-in."""
    door = doors.door_open(actor=token.created_by, session_id=token.session_id)
    door.kiosk = token
    return door


def kiosks_open_for(session: Session):
    return KioskToken.objects.filter(
        session=session, revoked_at__isnull=True, expires_at__gt=timezone.now()
    ).select_related("created_by")
