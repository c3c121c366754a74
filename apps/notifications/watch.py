"""The deadline watch: warnings when a case's legal deadline is near or past, and a daily digest.

``deadline_scan`` runs every 15 minutes (config/celery.py). For every open case whose decision
or PPK follow-up deadline is *due soon* (less than ``NETRAL_DEADLINE_DUE_SOON_HOURS`` left) or
*overdue*, it notifies the people who must act, once per (case, deadline, level):

- decision deadline: the assigned investigators and the coordinators;
- PPK follow-up deadline: BKPSDM officers and the coordinators.

Exactly once, however often the scan runs: each (case, deadline, level) is claimed with
``INSERT … ON CONFLICT`` in the transaction that writes its notifications, so of two overlapping
scans only one wins the row, and a scan that dies half-way rolls its claims back with their
notifications. A deadline that moves (an extension, a new holiday) is notified again for its new
due time. The reporting window is the reporter's deadline, not Bawaslu's, and is not watched.

``daily_digest`` (07:00 WITA) lists each user's open deadlines, once per user and day.
"""

from collections import defaultdict
from dataclasses import asdict, dataclass
from datetime import datetime

from django.contrib.auth import get_user_model
from django.db import connection, transaction
from django.db.models import Q
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from apps.cases.deadlines import (
    CLOCKS,
    FOLLOW_UP,
    OPEN_STATUSES,
    WITA,
    Deadline,
    DeadlineState,
    HolidayCalendar,
    case_deadlines,
    due_soon_window,
    local_date,
)
from apps.cases.models import Case
from apps.core import roles
from apps.notifications.models import DeadlineClaim, DigestClaim, Level, Notification
from apps.notifications.services import Draft, absolute_url, case_link, notifications_create

WATCHED = tuple(clock.name for clock in CLOCKS)
LEVEL_OF_STATE = {DeadlineState.DUE_SOON: Level.DUE_SOON, DeadlineState.OVERDUE: Level.OVERDUE}
# Cases per transaction: one commit per case would make a scan of thousands wait on the disk.
SCAN_CHUNK = 100


@dataclass
class ScanResult:
    cases: int = 0
    claims: int = 0
    notifications: int = 0

    def as_dict(self) -> dict:
        return asdict(self)


class Audience:
    """Who is told about which deadline; the role members are read once per scan."""

    def __init__(self):
        users = get_user_model().objects.filter(is_active=True)
        self.coordinators = list(users.filter(groups__name=roles.COORDINATOR).distinct())
        self.bkpsdm = list(users.filter(groups__name=roles.BKPSDM_OFFICER).distinct())

    def for_deadline(self, case: Case, deadline: str) -> list:
        if deadline == FOLLOW_UP:
            people = [*self.bkpsdm, *self.coordinators]
        else:
            assigned = [u for u in case.assigned_investigators.all() if u.is_active]
            people = [*assigned, *self.coordinators]
        return list({user.pk: user for user in people}.values())


def wita(moment: datetime) -> str:
    return moment.astimezone(WITA).strftime("%d-%m-%Y %H.%M WITA")


def case_label(case: Case) -> str:
    return case.number or str(case)


def _open_cases():
    return (
        Case.objects.filter(status__in=OPEN_STATUSES)
        .select_related("election")
        .prefetch_related("assigned_investigators")
        .order_by("pk")
    )


def _candidates(now: datetime):
    """Open cases whose next deadline is inside the due-soon window or past (or not stored)."""
    horizon = now + due_soon_window()
    return _open_cases().filter(Q(next_due_at__lte=horizon) | Q(next_due_at__isnull=True))


def _claims_of(case_ids: list[int]) -> dict[tuple, datetime]:
    rows = DeadlineClaim.objects.filter(case_id__in=case_ids).values_list(
        "case_id", "deadline", "level", "due_at"
    )
    return {(case_id, name, level): due_at for case_id, name, level, due_at in rows}


def claim_deadline(case_id: int, deadline: str, level: str, due_at: datetime, now: datetime):
    """Claim the notification of (case, deadline, level) for ``due_at``; True for the one winner.

    A row already there for the same due time wins nothing; one for an earlier due time (the
    deadline moved) is moved by the one scan whose conditional update finds it unchanged.
    """
    table = connection.ops.quote_name(DeadlineClaim._meta.db_table)
    adapt = connection.ops.adapt_datetimefield_value
    sql = (
        f"INSERT INTO {table} (case_id, deadline, level, due_at, claimed_at) "
        "VALUES (%s, %s, %s, %s, %s) "
        "ON CONFLICT (case_id, deadline, level) DO UPDATE "
        "SET due_at = EXCLUDED.due_at, claimed_at = EXCLUDED.claimed_at "
        f"WHERE {table}.due_at <> EXCLUDED.due_at "
        "RETURNING id"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, [case_id, deadline, level, adapt(due_at), adapt(now)])
        return cursor.fetchone() is not None


def deadline_drafts(case: Case, deadline: Deadline, level: str, recipients: list) -> list[Draft]:
    number = case_label(case)
    context = {"deadline": deadline.label, "case": number, "due": wita(deadline.due_at)}
    if level == Level.DUE_SOON:
        title = _("%(deadline)s segera berakhir: %(case)s") % context
        lead = _(
            "%(deadline)s kasus %(case)s berakhir pada %(due)s, kurang dari %(hours)s jam lagi."
        )
        lead = lead % {**context, "hours": int(due_soon_window().total_seconds() // 3600)}
    elif deadline.name == FOLLOW_UP:
        title = _("%(deadline)s terlewat: %(case)s") % context
        lead = (
            _(
                "%(deadline)s kasus %(case)s berakhir pada %(due)s dan telah terlewat; "
                "tindak lanjut PPK belum dicatat."
            )
            % context
        )
    else:
        title = _("%(deadline)s terlewat: %(case)s") % context
        lead = _("%(deadline)s kasus %(case)s berakhir pada %(due)s dan telah terlewat.") % context
    link = case_link(case)
    body = "\n".join(
        [
            lead,
            _("Dasar: %(basis)s") % {"basis": deadline.basis},
            _("Buka kasus: %(link)s") % {"link": link},
        ]
    )
    return [
        Draft(
            recipient=user,
            kind=Notification.Kind.DEADLINE,
            level=level,
            title=title,
            body=body,
            link=link,
            case=case,
            deadline=deadline.name,
            due_at=deadline.due_at,
        )
        for user in recipients
    ]


def _notify(case: Case, deadline: Deadline, level: str, audience: Audience, now, result) -> None:
    if not claim_deadline(case.pk, deadline.name, level, deadline.due_at, now):
        return
    recipients = audience.for_deadline(case, deadline.name)
    notifications_create(drafts=deadline_drafts(case, deadline, level, recipients))
    result.claims += 1
    result.notifications += len(recipients)


def deadline_scan(now: datetime | None = None) -> ScanResult:
    """Notify every watched deadline that became due soon or overdue and was not notified yet.

    ``now`` is the clock (tests pass their own). Cases are claimed and notified in chunks of
    ``SCAN_CHUNK``, one transaction each, always in the order of their ids (so that two
    overlapping scans wait for each other instead of deadlocking): a scan interrupted half-way
    keeps the chunks it committed and the next scan does the rest.
    """
    now = now or timezone.now()
    result, audience, calendar = ScanResult(), Audience(), HolidayCalendar.from_db()
    cases = list(_candidates(now))
    result.cases = len(cases)
    claims = _claims_of([case.pk for case in cases])
    for start in range(0, len(cases), SCAN_CHUNK):
        with transaction.atomic():
            for case in cases[start : start + SCAN_CHUNK]:
                for deadline in case_deadlines(case, now, calendar=calendar):
                    level = LEVEL_OF_STATE.get(deadline.state)
                    if deadline.name not in WATCHED or level is None:
                        continue
                    if claims.get((case.pk, deadline.name, level)) == deadline.due_at:
                        continue
                    _notify(case, deadline, level, audience, now, result)
    return result


def claim_digest(user_id: int, day, now: datetime) -> bool:
    table = connection.ops.quote_name(DigestClaim._meta.db_table)
    sql = (
        f"INSERT INTO {table} (recipient_id, day, claimed_at) VALUES (%s, %s, %s) "
        "ON CONFLICT (recipient_id, day) DO NOTHING RETURNING id"
    )
    params = [
        user_id,
        connection.ops.adapt_datefield_value(day),
        connection.ops.adapt_datetimefield_value(now),
    ]
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchone() is not None


def _admin_link(name: str) -> str:
    try:
        return absolute_url(reverse(name))
    except NoReverseMatch:
        return absolute_url(reverse("admin:index"))


def digest_draft(user, day, items: list[tuple[Case, Deadline]]) -> Draft:
    items = sorted(items, key=lambda item: (item[1].due_at, item[0].pk))
    title = _("Ringkasan batas waktu %(day)s: %(count)s batas waktu terbuka") % {
        "day": day.strftime("%d-%m-%Y"),
        "count": len(items),
    }
    lines = []
    for case, deadline in items:
        lines.append(
            f"- {case_label(case)}: {deadline.label} — {wita(deadline.due_at)} "
            f"({deadline.state_label})"
        )
        lines.append("  " + _("Dasar: %(basis)s") % {"basis": deadline.basis})
        lines.append(f"  {case_link(case)}")
    link = _admin_link("admin:cases_case_changelist")
    return Draft(
        recipient=user,
        kind=Notification.Kind.DIGEST,
        level=Level.DIGEST,
        title=title,
        body="\n".join(lines),
        link=link,
    )


def daily_digest(now: datetime | None = None) -> int:
    """Write each user's digest of open deadlines for today (WITA); returns how many were new."""
    now = now or timezone.now()
    day = local_date(now)
    audience, calendar = Audience(), HolidayCalendar.from_db()
    per_user: dict[int, list] = defaultdict(list)
    users = {}
    for case in _open_cases().iterator(chunk_size=500):
        for deadline in case_deadlines(case, now, calendar=calendar):
            if deadline.name not in WATCHED or deadline.state == DeadlineState.MET:
                continue
            for user in audience.for_deadline(case, deadline.name):
                users[user.pk] = user
                per_user[user.pk].append((case, deadline))
    written = 0
    for user_id, items in per_user.items():
        with transaction.atomic():
            if claim_digest(user_id, day, now):
                notifications_create(drafts=[digest_draft(users[user_id], day, items)])
                written += 1
    return written
