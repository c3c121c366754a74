"""Who may act on a session: the one rule shared by every training service.

A superuser acts everywhere; a camat clerk on the sessions of their own kecamatan; Bawaslu and
BKPSDM see every session (selectors) but act on none. ``attendance.door_open`` answers the same
question inside the check-in's one query; ``tests/training/test_permissions.py`` holds both to it.
"""

from django.utils.translation import gettext as _

from apps.core import permissions
from apps.core.errors import Conflict, Forbidden, InvalidInput
from apps.training.models import Session


def can_manage_session(user, session: Session) -> bool:
    """A superuser, or the camat clerk of the session's kecamatan."""
    if not user.is_authenticated:
        return False
    if user.is_superuser:
        return True
    kecamatan_id = permissions.clerk_kecamatan_id(user)
    return kecamatan_id is not None and kecamatan_id == session.kecamatan_id


def forbidden_here(session: Session) -> Forbidden:
    return Forbidden(
        _("Hanya petugas kecamatan %(kecamatan)s yang dapat mengubah sesi ini.")
        % {"kecamatan": session.kecamatan.name}
    )


def require_manage(actor, session: Session) -> None:
    if not can_manage_session(actor, session):
        raise forbidden_here(session)


def require_not_cancelled(session: Session) -> None:
    if session.status == Session.Status.CANCELLED:
        raise Conflict(_("Sesi ini dibatalkan; peserta dan kehadiran tidak dapat dicatat."))


def require_coordinator(actor) -> None:
    """Voiding a record is a coordinator's act (a superuser counts as one)."""
    if not permissions.is_coordinator(actor):
        raise Forbidden(_("Hanya koordinator Bawaslu yang dapat membatalkan catatan."))


def require_void_reason(reason: str) -> str:
    reason = " ".join((reason or "").split())
    if len(reason) < 10:
        raise InvalidInput(
            fields={"reason": [_("Tulis alasan pembatalan (paling sedikit 10 karakter).")]}
        )
    return reason[:500]
