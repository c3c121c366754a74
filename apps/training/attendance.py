"""Check-in: every write of attendance (DESIGN §6). The door's hot path and the kiosk's sync,
which share these rules, are in ``apps.training.door``.

A check-in is one conditional ``UPDATE … WHERE attended_at IS NULL``: of two simultaneous scans
exactly one writes, and a repeat scan writes nothing. What surrounds it is kept as small as the
UPDATE itself, because the door of a session is Netral's load peak (issue 22, docs/training.md):

- ``door_open`` reads the session, the actor's right to check in there and the scanned
  registration in **one** query; a repeat scan is that one read and nothing else. On
  PostgreSQL a first scan's UPDATE goes in the same statement (``door_sql.door_mark_sql``).
- ``check_ins_sync`` applies a kiosk's queue of offline check-ins in a constant number of queries
  (one read, one UPDATE, one more read only when another door won a race), each exactly once:
  a check-in carries the id its kiosk made for it, and the row keeps the id of the check-in that
  marked it present, so a queue sent twice changes nothing and answers the same.
"""

import functools
import re
import uuid
from collections.abc import Iterable
from datetime import datetime, timedelta

from django.conf import settings
from django.db import connection, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from apps.core.errors import Conflict, InvalidInput
from apps.training.authority import (
    require_coordinator,
    require_manage,
    require_not_cancelled,
    require_void_reason,
)
from apps.training.models import (
    AttendanceMethod,
    Registration,
    Session,
    TrainingEvent,
)

CHECKED_IN = "checked_in"
ALREADY_CHECKED_IN = "already_checked_in"
NOT_REGISTERED = "not_registered"

SYNC_MAX_CHECK_INS = 500


def split_scan(value: str) -> tuple[str | None, str | None]:
    """What a kiosk received: an 18-digit NIP typed by hand, or a check-in code from a QR scan."""
    cleaned = re.sub(r"[\s.\-]", "", value or "")
    if cleaned.isdigit() and len(cleaned) == 18:
        return None, cleaned
    return (cleaned.upper() or None), None


def _clean_scan(code: str | None, nip: str | None) -> tuple[str | None, str | None]:
    code = (code or "").strip().upper() or None
    nip = re.sub(r"[\s.\-]", "", nip or "") or None
    if not code and not nip:
        raise InvalidInput(fields={"code": [_("Pindai kode QR atau ketik NIP peserta.")]})
    return code, nip


def _method(code: str | None, method: str | None) -> str:
    method = method or (AttendanceMethod.QR if code else AttendanceMethod.KIOSK_NIP)
    if method not in AttendanceMethod.values:
        raise InvalidInput(fields={"method": [_("Cara pencatatan hadir tidak dikenal.")]})
    return method


def mark_values(*, actor, method: str, attended_at: datetime, client_id, kiosk=None) -> dict:
    """What a check-in writes on the registration (its attnames and values)."""
    return {
        "attended_at": attended_at,
        "attendance_method": method,
        "attendance_recorded_by_id": actor.pk,
        "attendance_recorded_at": timezone.now(),
        "attendance_client_id": client_id,
        "attendance_kiosk_id": kiosk.pk if kiosk else None,
    }


def _mark_present(registration: Registration, values: dict) -> bool:
    """The conditional UPDATE; on success the instance is given the values written."""
    sql, fields = _mark_sql(connection.vendor)
    params = [field.get_db_prep_save(values[field.attname], connection) for field in fields]
    with connection.cursor() as cursor:
        cursor.execute(sql, [*params, registration.pk])
        changed = cursor.rowcount
    if changed:
        _set_values(registration, values)
    return bool(changed)


def _set_values(registration: Registration, values: dict) -> None:
    for attname, value in values.items():
        setattr(registration, attname, value)


MARK_FIELDS = (
    "attended_at",
    "attendance_method",
    "attendance_recorded_by",
    "attendance_recorded_at",
    "attendance_client_id",
    "attendance_kiosk",
)


@functools.cache
def _mark_sql(vendor: str) -> tuple[str, list]:
    """``UPDATE … SET … WHERE id = %s AND attended_at IS NULL``, written once per process: the
    ORM compiled it anew for each check-in, a quarter of the check-in's own CPU time."""
    q = connection.ops.quote_name
    meta = Registration._meta
    fields = [meta.get_field(name) for name in MARK_FIELDS]
    assignments = ", ".join(f"{q(field.column)} = %s" for field in fields)
    sql = (
        f"UPDATE {q(meta.db_table)} SET {assignments} "
        f"WHERE {q(meta.pk.column)} = %s AND {q(meta.get_field('attended_at').column)} IS NULL"
    )
    return sql, fields


def _check_in(
    session: Session,
    registration: Registration | None,
    *,
    actor,
    method: str,
    attended_at: datetime | None,
    client_id: uuid.UUID | None,
    kiosk=None,
    written: dict | None = None,
) -> tuple[str, Registration | None]:
    """``written``: the door's own statement already tried the UPDATE (``door.door_open``) and
    wrote these values, or nothing (``{}``); None: the UPDATE is to be done here."""
    if registration is None:
        return NOT_REGISTERED, None
    if registration.attended_at is not None:
        return _answer_for_present(registration, client_id), registration
    if written is None:
        late = method == AttendanceMethod.PAPER
        attended_at = paper_time(session, attended_at) if late else timezone.now()
        values = mark_values(
            actor=actor, method=method, attended_at=attended_at, client_id=client_id, kiosk=kiosk
        )
        marked = _mark_present(registration, values)
    else:
        marked = bool(written)
        if marked:
            _set_values(registration, written)
    if marked:
        return CHECKED_IN, registration
    registration.refresh_from_db()
    return _answer_for_present(registration, client_id), registration


def _answer_for_present(registration: Registration, client_id: uuid.UUID | None) -> str:
    # The same check-in sent again (its answer was lost on the way) is answered as it was.
    if client_id is not None and registration.attendance_client_id == client_id:
        return CHECKED_IN
    return ALREADY_CHECKED_IN


def participant_check_in(
    *,
    session: Session,
    actor,
    code: str | None = None,
    nip: str | None = None,
    method: str | None = None,
    attended_at: datetime | None = None,
    client_id: uuid.UUID | None = None,
) -> tuple[str, Registration | None]:
    """Mark a registered participant present; returns ``(status, registration)``.

    ``status`` is ``checked_in`` the first time, ``already_checked_in`` afterwards (nothing is
    written), ``not_registered`` when no registration of this session has that code or NIP.
    ``method`` defaults to QR for a code and NIP-at-the-kiosk for a NIP; ``paper`` is a late entry
    from a paper attendance list, dated ``attended_at`` (default: the session's start).
    ``client_id``, the id a kiosk gave this check-in, makes sending it again answer the same.
    """
    require_manage(actor, session)
    require_not_cancelled(session)
    code, nip = _clean_scan(code, nip)
    method = _method(code, method)
    lookup = {"code": code} if code else {"nip": nip}
    registration = Registration.objects.filter(session=session, **lookup).first()
    return _check_in(
        session,
        registration,
        actor=actor,
        method=method,
        attended_at=attended_at,
        client_id=client_id,
    )


# --- paper lists ---


def attendance_window(session: Session) -> tuple[datetime, datetime]:
    """When anyone can have attended ``session``: its start and end widened by the grace."""
    grace = timedelta(minutes=settings.NETRAL_TRAINING_ATTENDANCE_GRACE_MINUTES)
    return session.starts_at - grace, session.ends_at + grace


def paper_time(session: Session, attended_at: datetime | None) -> datetime:
    """The time of a late entry from a paper list: within the session's window, and only once
    the session has begun (a paper list of a session still to come is not a record)."""
    first, last = attendance_window(session)
    if timezone.now() < first:
        raise InvalidInput(
            fields={
                "attended_at": [_("Sesi belum dimulai; daftar hadir kertas belum dapat dicatat.")]
            }
        )
    attended_at = attended_at or session.starts_at
    if not first <= attended_at <= last:
        window = f"{timezone.localtime(first):%d-%m-%Y %H:%M}–{timezone.localtime(last):%H:%M}"
        if timezone.localtime(first).date() != timezone.localtime(last).date():
            window = (
                f"{timezone.localtime(first):%d-%m-%Y %H:%M} – "
                f"{timezone.localtime(last):%d-%m-%Y %H:%M}"
            )
        raise InvalidInput(
            fields={
                "attended_at": [
                    _("Waktu hadir harus dalam jam sesi (%(window)s WITA).") % {"window": window}
                ]
            }
        )
    return attended_at


def attendance_record_paper(
    *, session: Session, actor, registration_ids: Iterable[int], attended_at: datetime | None = None
) -> int:
    """Late entry from a paper attendance list: mark these registrations present (method paper).

    Returns how many were newly marked; those already present are left as they are.
    """
    require_manage(actor, session)
    require_not_cancelled(session)
    attended_at = paper_time(session, attended_at)
    now = timezone.now()
    return Registration.objects.filter(
        session=session, pk__in=list(registration_ids), attended_at__isnull=True
    ).update(
        attended_at=attended_at,
        attendance_method=AttendanceMethod.PAPER,
        attendance_recorded_by=actor,
        attendance_recorded_at=now,
    )


# --- taking a check-in back ---

UNDO_MINUTES = 15  # the kiosk offers "Batalkan" for the check-in just made, not for history
ATTENDANCE_FIELDS = (
    "attended_at",
    "attendance_method",
    "attendance_recorded_by",
    "attendance_recorded_at",
    "attendance_client_id",
    "attendance_kiosk",
)


def _attendance_snapshot(registration: Registration) -> dict:
    return {
        "attended_at": registration.attended_at.isoformat(),
        "attendance_method": registration.attendance_method,
        "attendance_recorded_by_id": registration.attendance_recorded_by_id,
        "attendance_recorded_at": (
            registration.attendance_recorded_at.isoformat()
            if registration.attendance_recorded_at
            else None
        ),
        "attendance_client_id": str(registration.attendance_client_id or ""),
        "attendance_kiosk_id": registration.attendance_kiosk_id,
    }


def _clear_attendance(registration: Registration) -> None:
    for name in ATTENDANCE_FIELDS:
        setattr(registration, name, "" if name == "attendance_method" else None)
    registration.save(update_fields=list(ATTENDANCE_FIELDS))


@transaction.atomic
def attendance_void(*, registration: Registration, actor, reason: str) -> Registration:
    """A coordinator voids an attendance with a reason (a paper entry nobody can vouch for):
    the person is no longer present, and one ``attendance_voided`` event keeps who recorded it,
    how and when, with the reason."""
    require_coordinator(actor)
    reason = require_void_reason(reason)
    locked = Registration.objects.select_for_update().get(pk=registration.pk)
    if locked.attended_at is None:
        raise Conflict(_("Peserta ini tidak tercatat hadir."))
    snapshot = _attendance_snapshot(locked)
    _clear_attendance(locked)
    TrainingEvent.objects.create(
        action=TrainingEvent.Action.ATTENDANCE_VOIDED,
        actor=actor,
        session_id=locked.session_id,
        registration=locked,
        reason=reason,
        data=snapshot,
    )
    return locked
