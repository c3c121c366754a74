"""Integrity pledges (pakta integritas): recorded with a date nobody can push into the past,
within the recorder's reach, with a scan kept like evidence, and voided only by a coordinator.

- At a session: the ASN is registered for it, only the session's clerk records it, and the date
  lies within the session's days (widened by the attendance grace).
- Outside a session: a camat clerk only for an ASN whose place of duty is in their kecamatan, and
  no further back than ``NETRAL_TRAINING_BACKDATE_DAYS``; a BKPSDM officer (the registry's keeper)
  for any ASN and date up to today.
- A scan's real type is detected (PDF, JPEG, PNG); images are re-encoded without EXIF/GPS after a
  pixel-count check made before decoding (``apps.training.documents``).
"""

from datetime import date, timedelta

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from apps.core import permissions
from apps.core.errors import Conflict, Forbidden, InvalidInput
from apps.personnel.models import CivilServant
from apps.training import documents, selectors
from apps.training.authority import (
    require_coordinator,
    require_manage,
    require_not_cancelled,
    require_void_reason,
)
from apps.training.models import IntegrityPledge, Session, TrainingEvent


def can_record_pledges(user) -> bool:
    """Camat clerks (at their sessions or in their kecamatan), BKPSDM officers, superusers."""
    return user.is_authenticated and (
        user.is_superuser
        or permissions.is_bkpsdm(user)
        or permissions.clerk_kecamatan_id(user) is not None
    )


def session_days(session: Session) -> tuple[date, date]:
    """The first and last day (WITA) on which a pledge or attendance of ``session`` may be dated."""
    grace = timedelta(minutes=settings.NETRAL_TRAINING_ATTENDANCE_GRACE_MINUTES)
    first = timezone.localtime(session.starts_at - grace).date()
    last = timezone.localtime(session.ends_at + grace).date()
    return first, last


def backdate_limit() -> date:
    return timezone.localdate() - timedelta(days=settings.NETRAL_TRAINING_BACKDATE_DAYS)


def _date_error(message: str) -> InvalidInput:
    return InvalidInput(fields={"signed_on": [message]})


def _at_session(actor, civil_servant: CivilServant, session: Session, signed_on: date | None):
    require_manage(actor, session)
    require_not_cancelled(session)
    if not session.registrations.filter(civil_servant=civil_servant).exists():
        raise InvalidInput(
            fields={
                "nip": [
                    _("%(name)s belum terdaftar pada sesi ini; daftarkan dulu sebagai peserta.")
                    % {"name": civil_servant.name}
                ]
            }
        )
    first, last = session_days(session)
    signed_on = signed_on or timezone.localtime(session.starts_at).date()
    if not first <= signed_on <= last:
        raise _date_error(
            _("Pakta pada sesi ini hanya dapat bertanggal %(first)s s.d. %(last)s.")
            % {"first": f"{first:%d-%m-%Y}", "last": f"{last:%d-%m-%Y}"}
        )
    return signed_on, session.kecamatan_id


def _outside_session(actor, civil_servant: CivilServant, signed_on: date | None):
    if not can_record_pledges(actor):
        raise Forbidden(_("Anda tidak berwenang mencatat pakta integritas."))
    signed_on = signed_on or timezone.localdate()
    kecamatan_id = permissions.clerk_kecamatan_id(actor)
    if kecamatan_id is not None and not actor.is_superuser:
        if civil_servant.kecamatan_id != kecamatan_id:
            raise Forbidden(
                _(
                    "%(name)s tidak bertugas di kecamatan Anda; pakta di luar sesi hanya dapat "
                    "dicatat untuk ASN di kecamatan Anda (atau oleh BKPSDM)."
                )
                % {"name": civil_servant.name}
            )
        if signed_on < backdate_limit() and not permissions.is_coordinator(actor):
            raise _date_error(
                _("Tanggal tanda tangan paling lama %(days)d hari yang lalu (%(limit)s).")
                % {
                    "days": settings.NETRAL_TRAINING_BACKDATE_DAYS,
                    "limit": f"{backdate_limit():%d-%m-%Y}",
                }
            )
    return signed_on, kecamatan_id


def pledge_record(
    *,
    actor,
    nip: str | None = None,
    civil_servant: CivilServant | None = None,
    session: Session | None = None,
    signed_on: date | None = None,
    document=None,
    note: str = "",
) -> tuple[IntegrityPledge, bool]:
    """Record an ASN's integrity pledge; returns ``(pledge, created)``.

    Signed at a session: the ASN must be registered for it, the date defaults to the session's day
    and must lie within it, and only that session's clerk may record it. Signed separately: a camat
    clerk for an ASN of their kecamatan, dated at most ``NETRAL_TRAINING_BACKDATE_DAYS`` back, or
    a BKPSDM officer. The same pledge again (same session, or same day without a session) returns
    the existing one. A voided pledge does not count.
    """
    if civil_servant is None:
        civil_servant = selectors.civil_servant_by_nip(nip or "")
    if session is not None:
        signed_on, kecamatan_id = _at_session(actor, civil_servant, session, signed_on)
    else:
        signed_on, kecamatan_id = _outside_session(actor, civil_servant, signed_on)
    if signed_on > timezone.localdate():
        raise _date_error(_("Tanggal tanda tangan belum terjadi."))
    same = IntegrityPledge.objects.filter(civil_servant=civil_servant, voided_at__isnull=True)
    same = same.filter(session=session) if session else same.filter(session__isnull=True)
    if session is None:
        same = same.filter(signed_on=signed_on)
    existing = same.first()
    if existing is not None:
        return existing, False
    fields = documents.pledge_document_fields(document)
    try:
        with transaction.atomic():
            pledge = IntegrityPledge.objects.create(
                civil_servant=civil_servant,
                signed_on=signed_on,
                session=session,
                kecamatan_id=kecamatan_id,
                note=note.strip(),
                recorded_by=actor,
                **fields,
            )
    except IntegrityError:
        return same.get(), False
    return pledge, True


@transaction.atomic
def pledge_void(*, pledge: IntegrityPledge, actor, reason: str) -> IntegrityPledge:
    """A coordinator voids a pledge with a reason: it stays on record, no longer counts, and one
    ``pledge_voided`` event keeps who, when, why and what the pledge said."""
    require_coordinator(actor)
    reason = require_void_reason(reason)
    locked = IntegrityPledge.objects.select_for_update().get(pk=pledge.pk)
    if locked.voided_at is not None:
        raise Conflict(_("Pakta ini sudah dibatalkan."))
    locked.voided_at, locked.voided_by, locked.void_reason = timezone.now(), actor, reason
    locked.save(update_fields=["voided_at", "voided_by", "void_reason"])
    TrainingEvent.objects.create(
        action=TrainingEvent.Action.PLEDGE_VOIDED,
        actor=actor,
        session_id=locked.session_id,
        pledge=locked,
        reason=reason,
        data={
            "civil_servant_id": locked.civil_servant_id,
            "signed_on": locked.signed_on.isoformat(),
            "recorded_by_id": locked.recorded_by_id,
            "recorded_at": locked.recorded_at.isoformat(),
        },
    )
    return locked
