"""The door of a session: the check-in's hot path and the offline kiosk's sync (issue 22).

A check-in is one conditional ``UPDATE … WHERE attended_at IS NULL`` (``attendance``); what
surrounds it here is kept as small as the UPDATE itself, because the door is Netral's load peak:

- ``door_open`` reads the session, the actor's right to check in there and the scanned
  registration in **one** query; a repeat scan is that one read and nothing else. On
  PostgreSQL a first scan's UPDATE goes in the same statement (``door_sql.door_mark_sql``).
- ``check_ins_sync`` applies a kiosk's queue of offline check-ins in a constant number of queries
  (one read, one UPDATE, one more read only when another door won a race), each exactly once:
  a check-in carries the id its kiosk made for it, and the row keeps the id of the check-in that
  marked it present, so a queue sent twice changes nothing and answers the same.
"""

import re
import uuid
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.conf import settings
from django.db import connection, transaction
from django.db.models import Case, CharField, DateTimeField, UUIDField, Value, When
from django.utils import timezone
from django.utils.translation import gettext as _

from apps.core import roles
from apps.core.errors import Conflict, InvalidInput, NotFound
from apps.personnel.models import Region
from apps.training import door_sql
from apps.training.attendance import (
    ALREADY_CHECKED_IN,
    CHECKED_IN,
    MARK_FIELDS,
    NOT_REGISTERED,
    UNDO_MINUTES,
    _attendance_snapshot,
    _check_in,
    _clean_scan,
    _clear_attendance,
    _method,
    mark_values,
    split_scan,
)
from apps.training.authority import forbidden_here, require_not_cancelled
from apps.training.models import (
    AttendanceMethod,
    KioskToken,
    Registration,
    Session,
    TrainingEvent,
)

SYNC_MAX_CHECK_INS = 500


# --- the door: session, right and registration in one read ---


@dataclass
class Door:
    """A session as seen from its door by one actor, with the registration just scanned.

    ``mark``: when ``door_open`` was asked to check the scanned person in and did it in its own
    statement (PostgreSQL), what that statement wrote — or ``{}`` when it wrote nothing (not
    allowed, not registered, already present, another door first)."""

    session: Session
    actor_id: int
    may_check_in: bool
    registration: Registration | None = None
    kiosk: KioskToken | None = None
    mark: dict | None = None


def door_open(
    *,
    actor,
    session_id: int,
    code: str | None = None,
    nip: str | None = None,
    check_in: bool = False,
    method: str | None = None,
) -> Door:
    """The session ``session_id`` as its door sees it, for ``actor``: NotFound (404) when the
    actor may not see it; ``may_check_in`` when they may act on it (a superuser, or the clerk of
    its kecamatan); with ``code`` or ``nip``, the registration scanned (None when not registered).

    One query: the check-in's whole read (issue 22). The rule is ``authority``'s, and the
    permission table tests hold this query to it. With ``check_in`` (the scan is to be checked
    in at once, by ``method`` unless that is a paper list), PostgreSQL also does the
    check-in's UPDATE in that statement when the actor may (``door_check_in`` then writes
    nothing more): a first scan is one round trip too.
    """
    code = (code or "").strip().upper() or None
    nip = re.sub(r"[\s.\-]", "", nip or "") or None
    scan_column, scan = ("code", code) if code else (("nip", nip) if nip else (None, None))
    params = [roles.CAMAT_CLERK, *door_sql.SEES_ALL_ROLES, actor.pk, actor.pk]
    if scan_column is not None:
        params.append(scan)
    params.append(session_id)
    values = None
    if check_in:
        values = _mark_values(actor, scan_column, method or _default_method(scan_column))
    if values is None:
        row = door_sql.execute(door_sql.door_sql(scan_column, connection.vendor), params)
    else:
        params += [_db_value(name, values[name]) for name in MARK_FIELD_ATTNAMES]
        params += [Session.Status.CANCELLED, actor.is_superuser]
        row = door_sql.execute(door_sql.door_mark_sql(scan_column, connection.vendor), params)
    if row is None:
        raise NotFound(_("Sesi tidak ditemukan."))
    door = _door_from_row(actor, row, with_registration=scan_column is not None)
    if values is not None:
        door.mark = values if row[-1] else {}
    return door


MARK_FIELD_ATTNAMES = [Registration._meta.get_field(name).attname for name in MARK_FIELDS]


def _mark_values(actor, scan_column: str | None, method: str | None) -> dict | None:
    """What a first scan writes, when this door's statement can write it (see ``door_open``)."""
    if scan_column is None or method is None or connection.vendor != "postgresql":
        return None
    if method not in AttendanceMethod.values or method == AttendanceMethod.PAPER:
        return None  # refused, or dated from the paper list: the two-step path decides
    return mark_values(actor=actor, method=method, attended_at=timezone.now(), client_id=None)


def _default_method(scan_column: str | None) -> str:
    return AttendanceMethod.QR if scan_column == "code" else AttendanceMethod.KIOSK_NIP


def _db_value(attname: str, value):
    return Registration._meta.get_field(attname).get_db_prep_save(value, connection)


def _door_from_row(actor, row: Sequence, *, with_registration: bool) -> Door:
    n = len(door_sql.fields(Session))
    session = door_sql.instance(Session, row[:n])
    session.kecamatan = Region.from_db(
        connection.alias, ["id", "name"], [session.kecamatan_id, row[n]]
    )
    flags, clerk_kecamatan_id = row[n + 1] or 0, row[n + 2]
    clerk_here = bool(flags & door_sql.CLERK_FLAG) and clerk_kecamatan_id == session.kecamatan_id
    if not (actor.is_superuser or flags & door_sql.SEES_ALL_FLAG or clerk_here):
        raise NotFound(_("Sesi tidak ditemukan."))
    registration = None
    values = row[n + 3 : n + 3 + len(door_sql.fields(Registration))]
    if with_registration and values[0] is not None:
        registration = door_sql.instance(Registration, values)
    return Door(session, actor.pk, actor.is_superuser or clerk_here, registration)


def _require_door(door: Door, actor) -> None:
    if door.actor_id != actor.pk or not door.may_check_in:
        raise forbidden_here(door.session)
    require_not_cancelled(door.session)


def door_check_in(
    *,
    door: Door,
    actor,
    code: str | None = None,
    nip: str | None = None,
    method: str | None = None,
    attended_at: datetime | None = None,
    client_id: uuid.UUID | None = None,
) -> tuple[str, Registration | None]:
    """``participant_check_in`` at a door opened by ``door_open`` with the same code or NIP:
    nothing more is read; a first scan adds the UPDATE, unless ``door_open`` did it."""
    _require_door(door, actor)
    code, nip = _clean_scan(code, nip)
    method = _method(code, method)
    if door.mark and door.mark["attendance_method"] != method:
        raise ValueError("door_open checked in by another method than the one asked here")
    return _check_in(
        door.session,
        door.registration,
        actor=actor,
        method=method,
        attended_at=attended_at,
        client_id=client_id,
        kiosk=door.kiosk,
        written=door.mark,
    )


# --- the offline kiosk's queue ---


@dataclass(frozen=True)
class QueuedCheckIn:
    """A check-in made at a kiosk, maybe offline: its own id, what was scanned, and when."""

    client_id: uuid.UUID
    code: str | None = None
    nip: str | None = None
    scanned_at: datetime | None = None
    by_name: bool = False  # picked from a name search at the kiosk


@dataclass
class SyncOutcome:
    client_id: uuid.UUID
    status: str
    registration: Registration | None = None


def attended_at_of(session: Session, scanned_at: datetime | None, now: datetime) -> datetime:
    """When a queued check-in happened: the kiosk's time when it is plausible (not in the future,
    not before the session's start less the grace), else the time it reached the server."""
    grace = timedelta(minutes=settings.NETRAL_TRAINING_ATTENDANCE_GRACE_MINUTES)
    if scanned_at is None or scanned_at > now or scanned_at < session.starts_at - grace:
        return now
    return scanned_at


def check_ins_sync(*, door: Door, actor, check_ins: Iterable[QueuedCheckIn]) -> list[SyncOutcome]:
    """Apply a kiosk's queued check-ins at once, each exactly once; one outcome per check-in.

    ``checked_in``: this check-in is the one that marked the person present (now, or when the
    same queue was sent before). ``already_checked_in``: someone else's check-in did (another
    door, an earlier scan): a conflict for the kiosk to show. ``not_registered``: unknown here.
    Two reads and one UPDATE whatever the number of check-ins; a third read after a race.
    """
    _require_door(door, actor)
    check_ins = list(check_ins)
    if len(check_ins) > SYNC_MAX_CHECK_INS:
        raise InvalidInput(
            fields={
                "check_ins": [
                    _("Paling banyak %(max)d check-in sekali kirim.") % {"max": SYNC_MAX_CHECK_INS}
                ]
            }
        )
    scans = [(item, *split_scan(item.nip or item.code or "")) for item in check_ins]
    found = _registrations_scanned(door.session, scans)
    now = timezone.now()
    outcomes, claims = _plan(door.session, scans, found, now)
    if claims:
        _apply_claims(claims, actor=actor, kiosk=door.kiosk, now=now)
    return outcomes


def _registrations_scanned(session: Session, scans) -> dict[tuple[str, str], Registration]:
    codes = {code for _item, code, _nip in scans if code}
    nips = {nip for _item, _code, nip in scans if nip}
    if not codes and not nips:
        return {}
    found = {}
    rows = session.registrations.filter(code__in=codes) | session.registrations.filter(nip__in=nips)
    for registration in rows.order_by("-name_normalised", "-id"):
        found[("code", registration.code)] = registration
        if registration.nip:
            found[("nip", registration.nip)] = registration  # the first in order wins, as .first()
    return found


def _plan(session, scans, found, now):
    outcomes, claims = [], {}
    for item, code, nip in scans:
        registration = found.get(("code", code) if code else ("nip", nip))
        outcome = SyncOutcome(item.client_id, NOT_REGISTERED, registration)
        outcomes.append(outcome)
        if registration is None:
            continue
        claim = claims.get(registration.pk)
        if registration.attended_at is not None or claim is not None:
            claimed_by = claim[0].client_id if claim else registration.attendance_client_id
            same = claimed_by == item.client_id
            outcome.status = CHECKED_IN if same else ALREADY_CHECKED_IN
            if claim is not None and same:
                claim[1].append(outcome)
            continue
        method = AttendanceMethod.QR if code else AttendanceMethod.KIOSK_NIP
        if item.by_name:
            method = AttendanceMethod.NAME
        attended_at = attended_at_of(session, item.scanned_at, now)
        claims[registration.pk] = (item, [outcome], method, attended_at)
    return outcomes, claims


def _apply_claims(claims, *, actor, kiosk, now) -> None:
    def case(values: dict, output_field):
        whens = [When(pk=pk, then=Value(v, output_field=output_field)) for pk, v in values.items()]
        return Case(*whens, output_field=output_field)

    attended = {pk: claim[3] for pk, claim in claims.items()}
    changed = Registration.objects.filter(pk__in=list(claims), attended_at__isnull=True).update(
        attended_at=case(attended, DateTimeField()),
        attendance_method=case({pk: claim[2] for pk, claim in claims.items()}, CharField()),
        attendance_client_id=case(
            {pk: claim[0].client_id for pk, claim in claims.items()}, UUIDField()
        ),
        attendance_recorded_by=actor,
        attendance_recorded_at=now,
        attendance_kiosk=kiosk,
    )
    lost = set()
    if changed < len(claims):
        # Another door checked some of them in between our read and our UPDATE: read who won.
        current = Registration.objects.filter(pk__in=list(claims)).only(
            "attended_at", "attendance_client_id"
        )
        lost = {r.pk for r in current if r.attendance_client_id != claims[r.pk][0].client_id}
    for pk, (item, claim_outcomes, method, attended_at) in claims.items():
        for outcome in claim_outcomes:
            registration = outcome.registration
            if pk in lost:
                outcome.status = ALREADY_CHECKED_IN
                registration.refresh_from_db()
                continue
            outcome.status = CHECKED_IN
            registration.attended_at = attended_at
            registration.attendance_method = method
            registration.attendance_client_id = item.client_id
            registration.attendance_recorded_by = actor
            registration.attendance_recorded_at = now
            registration.attendance_kiosk = kiosk


@transaction.atomic
def check_in_undo(*, door: Door, actor, client_id: uuid.UUID) -> Registration:
    """Take back the check-in ``client_id`` just made at this door (a wrong person picked, a
    scan of the neighbour's card): only that check-in, only within ``UNDO_MINUTES``; one
    ``check_in_undone`` event keeps what it was. NotFound when there is no such check-in."""
    _require_door(door, actor)
    registration = (
        Registration.objects.select_for_update()
        .filter(session=door.session, attendance_client_id=client_id)
        .first()
    )
    if registration is None or registration.attended_at is None:
        raise NotFound(_("Check-in ini tidak ditemukan atau sudah dibatalkan."))
    age = timezone.now() - registration.attendance_recorded_at
    if age > timedelta(minutes=UNDO_MINUTES):
        raise Conflict(
            _("Check-in lebih dari %(minutes)d menit yang lalu tidak dapat dibatalkan di kios.")
            % {"minutes": UNDO_MINUTES}
        )
    snapshot = _attendance_snapshot(registration)
    _clear_attendance(registration)
    TrainingEvent.objects.create(
        action=TrainingEvent.Action.CHECK_IN_UNDONE,
        actor=actor,
        kiosk=door.kiosk,
        session=door.session,
        registration=registration,
        data=snapshot,
    )
    return registration
