"""The door's statements (issue 22): written once per process, prepared once per connection.

- ``door_sql``: the session, the actor's right to check in there and the scanned registration,
  in one SELECT (the door's whole read).
- ``door_mark_sql`` (PostgreSQL): that SELECT and, in the same statement (a data-modifying
  ``WITH``), the check-in's conditional ``UPDATE … WHERE attended_at IS NULL`` — done only when
  the actor may check in at this door (the rule ``door._door_from_row`` applies, written in SQL)
  and the session is not cancelled. A first scan is then one round trip, as a repeat scan is.
- ``execute``: runs them through a cursor PostgreSQL prepares once per connection: planning the
  door's SELECT took four times as long as running it. ``NETRAL_DOOR_PREPARED_STATEMENTS=False``
  turns that off (a pooler in transaction mode, e.g. PgBouncer before 1.21, cannot keep them).

Rows come back as the ORM's instances through the ORM's own converters (``instance``).
"""

import functools
from collections.abc import Sequence

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.db import connection

from apps.core import roles
from apps.core.models import Profile
from apps.personnel.models import Region
from apps.training.attendance import MARK_FIELDS
from apps.training.models import Registration, Session

SEES_ALL_ROLES = (roles.COORDINATOR, roles.INVESTIGATOR, roles.BKPSDM_OFFICER)
CLERK_FLAG, SEES_ALL_FLAG = 2, 1


def fields(model) -> list:
    return list(model._meta.concrete_fields)


def _columns(model, alias: str) -> str:
    return ", ".join(f"{alias}.{connection.ops.quote_name(f.column)}" for f in fields(model))


@functools.cache
def _converters(model, vendor: str) -> list[tuple]:
    """What the ORM applies to each column it reads (SQLite's dates and UUIDs are text)."""
    found = []
    for field in fields(model):
        col = field.get_col(model._meta.db_table)
        found.append(
            (connection.ops.get_db_converters(col) + col.get_db_converters(connection), col)
        )
    return found


def instance(model, values: Sequence):
    converted = []
    for value, (converters, col) in zip(values, _converters(model, connection.vendor), strict=True):
        for convert in converters:
            value = convert(value, col, connection)
        converted.append(value)
    return model.from_db(connection.alias, [f.attname for f in fields(model)], converted)


@functools.cache
def door_sql(scan_column: str | None, vendor: str, *, marking: bool = False) -> str:
    """Parameters: clerk role, sees-all roles…, actor, actor, [scan], session.

    Columns: the session's, its kecamatan's name, the actor's roles as one number (2: camat
    clerk, 1: sees every session, 3: both — one subquery: PostgreSQL plans each statement anew,
    and planning two EXISTS took longer than running the whole query), the actor's kecamatan;
    with a scan, the registration's columns; for ``door_mark_sql``, aliased columns it reads.
    """
    q = connection.ops.quote_name
    user_groups = get_user_model()._meta.get_field("groups").remote_field.through._meta.db_table
    sees_all = ", ".join(["%s"] * len(SEES_ALL_ROLES))
    select = [
        _columns(Session, "s"),
        "k.name",
        f"(SELECT SUM(DISTINCT CASE WHEN g.name = %s THEN 2 WHEN g.name IN ({sees_all}) THEN 1 "
        f"ELSE 0 END) FROM {q(user_groups)} ug JOIN {q(Group._meta.db_table)} g "
        "ON g.id = ug.group_id WHERE ug.user_id = %s) AS door_flags",
        f"(SELECT p.kecamatan_id FROM {q(Profile._meta.db_table)} p WHERE p.user_id = %s) "
        "AS door_clerk_kecamatan_id",
    ]
    tables = (
        f"{q(Session._meta.db_table)} s JOIN {q(Region._meta.db_table)} k ON k.id = s.kecamatan_id"
    )
    order = ""
    if scan_column is not None:
        select.append(_columns(Registration, "r"))
        tables += (
            f" LEFT JOIN {q(Registration._meta.db_table)} r ON r.{q(scan_column)} = %s "
            "AND r.session_id = s.id"
        )
        if scan_column != "code":  # codes are unique; a NIP is one person per session too,
            order = "ORDER BY r.name_normalised, r.id "  # but the oldest row answers, as before
    if marking:
        meta = Session._meta
        select.append(
            f"r.{q(Registration._meta.pk.column)} AS door_registration_id, "
            f"s.{q(meta.get_field('status').column)} AS door_session_status, "
            f"s.{q(meta.get_field('kecamatan').column)} AS door_session_kecamatan_id"
        )
    return f"SELECT {', '.join(select)} FROM {tables} WHERE s.id = %s {order}LIMIT 1"


@functools.cache
def door_mark_sql(scan_column: str, vendor: str) -> str:
    """``door_sql`` and the conditional UPDATE in one statement (PostgreSQL only).

    Parameters: those of ``door_sql``, then the values of ``MARK_FIELDS``, the cancelled
    status, whether the actor is a superuser. The row is ``door_sql``'s, three columns the
    UPDATE reads, and last 1 when this statement marked the registration present, else 0. The
    SELECT sees the registration as it was before the UPDATE.
    """
    q = connection.ops.quote_name
    meta = Registration._meta
    assignments = ", ".join(f"{q(meta.get_field(name).column)} = %s" for name in MARK_FIELDS)
    allowed = (
        f"door_session_status <> %s AND (%s OR (door_flags & {CLERK_FLAG} = {CLERK_FLAG} "
        "AND door_clerk_kecamatan_id = door_session_kecamatan_id))"
    )
    # The session's and the registration's columns share names ("id"): the UPDATE reads only
    # the aliased ones, and ``door.*`` keeps them all in order.
    return (
        f"WITH door AS ({door_sql(scan_column, vendor, marking=True)}), "
        f"mark AS (UPDATE {q(meta.db_table)} SET {assignments} WHERE {q(meta.pk.column)} = "
        f"(SELECT door_registration_id FROM door WHERE {allowed}) "
        f"AND {q(meta.get_field('attended_at').column)} IS NULL RETURNING 1) "
        "SELECT door.*, (SELECT COUNT(*) FROM mark) FROM door"
    )


def execute(sql: str, params: Sequence) -> tuple | None:
    """Run a door statement and return its one row (None when the session does not exist)."""
    with _cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchone()


def _cursor():
    if connection.vendor != "postgresql" or not settings.NETRAL_DOOR_PREPARED_STATEMENTS:
        return connection.cursor()
    connection.ensure_connection()
    raw = connection.connection
    if raw.prepare_threshold is None:
        # Django turns psycopg's prepared statements off (None) for the sake of poolers. Django's
        # own cursors bind on the client and never prepare whatever this number, so a number no
        # query reaches turns them back on for the cursors that ask: this module's.
        raw.prepare_threshold = ONLY_WHEN_ASKED
    return connection._prepare_cursor(_prepared_cursor_class()(raw))


ONLY_WHEN_ASKED = 2**31 - 1


@functools.cache
def _prepared_cursor_class():
    from django.db.backends.postgresql.base import ServerBindingCursor

    class PreparedCursor(ServerBindingCursor):
        """Binds on the server and prepares each statement once per connection."""

        def execute(self, query, params=None, *, prepare=None, binary=None):
            return super().execute(query, params, prepare=True, binary=binary)

    return PreparedCursor
