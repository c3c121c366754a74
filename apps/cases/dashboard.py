"""Selectors of the home pages (issue 17): what is late or due today, what waits for whom, and
the counts behind them. Every function takes the cases a user may see (``cases_visible_to``) and
costs a fixed number of queries whatever the number of cases.

"Late" is :func:`apps.cases.deadlines.overdue_q` (``next_due_at`` has passed), the one
definition the case list's *Terlambat* filter, its badge and the daily digest also read.
"""

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from django.db.models import Count, Exists, F, Min, OuterRef, Q, QuerySet
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from apps.cases import basis, deadlines
from apps.cases.models import (
    Case,
    DataBlock,
    FollowUp,
    Objection,
    Respondent,
    Sanction,
    SanctionType,
)
from apps.cases.states import OPEN_STATES
from apps.personnel.models import Agency

S = Case.Status
# "Today" on the home pages: every deadline passed or ending within this many hours.
HORIZON = timedelta(hours=48)
LIMIT = 50  # rows a home page lists; the counts (and the links to the full list) say the rest

ACTIONS = {
    (deadlines.INITIAL_REVIEW, S.RECEIVED): gettext_lazy("Kajian awal: registrasi atau tolak"),
    (deadlines.DECISION, S.RECEIVED): gettext_lazy("Registrasi atau tolak laporan"),
    (deadlines.DECISION, S.REGISTERED): gettext_lazy("Mulai klarifikasi"),
    (deadlines.DECISION, S.CLARIFICATION): gettext_lazy("Selesaikan klarifikasi, mulai kajian"),
    (deadlines.DECISION, S.REVIEW): gettext_lazy("Putuskan dalam pleno: teruskan atau hentikan"),
    (deadlines.FOLLOW_UP, S.FORWARDED): gettext_lazy(
        "Catat keputusan PPK, atau minta pemblokiran data ke BKN"
    ),
}
REPORTING_IN_TIME = gettext_lazy("Registrasi sebelum batas pelaporan berakhir")
REPORTING_EXPIRED = gettext_lazy("Daluwarsa: tolak laporan")
# The action due, by (deadline, status) of a running clock or (reporting window, came in late).
_ACTIONS = {
    **ACTIONS,
    (deadlines.REPORTING, False): REPORTING_IN_TIME,
    (deadlines.REPORTING, True): REPORTING_EXPIRED,
}


def pleno_q() -> Q:
    """Waiting for the pleno: the review (kajian) is written and no decision is taken yet."""
    return Q(status=S.REVIEW) & ~Q(conclusion="")


def due_within_horizon_q(now: datetime) -> Q:
    """A running deadline that has not passed and ends within :data:`HORIZON`: what the home
    page counts as *berakhir dalam 48 jam* and the case list's filter of that name lists."""
    return Q(next_due_at__gte=now, next_due_at__lt=now + HORIZON)


def unassigned_q() -> Q:
    """An open case no investigator is assigned to."""
    assigned = Case.assigned_investigators.through.objects.filter(case_id=OuterRef("pk"))
    return Q(status__in=OPEN_STATES) & ~Q(Exists(assigned))


def reporting_q(now: datetime) -> Q:
    """A received report whose reporting window ends within :data:`HORIZON`, or that came in
    after its window (daluwarsa: late for good, until it is rejected). A window that ended after
    the report came in is met, as the case page shows it, and is not due any more."""
    running = Q(reporting_due_at__gte=now, reporting_due_at__lt=now + HORIZON)
    expired = Q(received_at__gt=F("reporting_due_at"))
    return Q(status=S.RECEIVED) & (running | expired)


@dataclass
class DueRow:
    """One deadline due today: the case, the deadline, and what must be done."""

    case_id: int
    number: str
    status: str
    deadline: str
    action: str
    due_at: datetime
    overdue: bool
    # The badge's state as the case list shows it (``deadlines.deadline_state``): "overdue",
    # "due_soon" (within NETRAL_DEADLINE_DUE_SOON_HOURS) or "ok" (later, within the 48 hours).
    state: str
    respondents: list[str] = field(default_factory=list)

    @property
    def status_label(self) -> str:
        return str(S(self.status).label)


_ROW = ("id", "number", "kind", "status", "received_at", "next_due_at", "reporting_due_at")


def _case_label(number, kind, pk) -> str:
    return number or _("%(kind)s #%(id)s (belum diregistrasi)") % {
        "kind": Case.Kind(kind).label,
        "id": pk,
    }


def _clock_of(status: str, next_due_at: datetime, due: dict) -> str:
    """Which running clock ``next_due_at`` stands for (the earliest running in ``status``)."""
    for clock in deadlines.CLOCKS:
        if status in clock.running_in and due.get(clock.column) == next_due_at:
            return clock.name
    return next(c.name for c in deadlines.CLOCKS if status in c.running_in)


def due_rows(cases: QuerySet[Case], now: datetime, limit: int = LIMIT) -> list[DueRow]:
    """The deadlines passed or ending within :data:`HORIZON`, most urgent first: the running
    clock of each case (initial review, decision, PPK follow-up: ``next_due_at``, read off its
    index) and the reporting window of received reports. Three queries."""
    horizon = now + HORIZON
    columns = [c.column for c in deadlines.CLOCKS]
    base = cases.order_by()
    clocked = base.filter(next_due_at__lt=horizon).order_by("next_due_at", "id")
    reporting = base.filter(reporting_q(now)).order_by("reporting_due_at", "id")
    # (due_at, case id, number, kind, status, (deadline, what decides the action), late): the
    # labels are looked up once per kind of row, and only for the rows kept (up to twice the
    # limit are read).
    found = []
    for values in clocked.values_list(*_ROW, *columns)[:limit]:
        pk, number, kind, status, _received, next_due_at, _reporting, *due = values
        clock = _clock_of(status, next_due_at, dict(zip(columns, due, strict=True)))
        found.append((next_due_at, pk, number, kind, status, (clock, status), next_due_at < now))
    for pk, number, kind, status, received, _next, due_at in reporting.values_list(*_ROW)[:limit]:
        expired = received > due_at  # daluwarsa: the window had ended when it came in
        found.append((due_at, pk, number, kind, status, (deadlines.REPORTING, expired), expired))
    found.sort(key=lambda row: row[:2])
    labels: dict[tuple, tuple[str, str]] = {}
    rows = []
    for due_at, pk, number, kind, status, key, late in found[:limit]:
        if key not in labels:
            labels[key] = (str(basis.LABELS[key[0]]), str(_ACTIONS.get(key, "")))
        deadline, action = labels[key]
        label = _case_label(number, kind, pk)
        state = (
            deadlines.DeadlineState.OVERDUE if late else deadlines.deadline_state(due_at, None, now)
        )
        rows.append(DueRow(pk, label, status, deadline, action, due_at, late, state))
    names = defaultdict(list)
    respondents = Respondent.objects.filter(case_id__in={r.case_id for r in rows})
    for case_id, name in respondents.order_by("id").values_list("case_id", "name"):
        names[case_id].append(name)
    for row in rows:
        row.respondents = names[row.case_id]
    return rows


def home_counts(cases: QuerySet[Case], now: datetime, *, unassigned: bool = True) -> dict:
    """The numbers of a Bawaslu home page: deadlines due today (the case clocks and the
    reporting windows), overdue cases, cases due within :data:`HORIZON`, waiting for the pleno,
    the cases per status (``statuses``: ``(status, label, count)`` in the workflow's order) and
    the open cases no investigator is assigned to (None if ``unassigned`` is false: the
    investigator's home, over the cases assigned to them, does not show it).

    One pass over the cases with a conditional count per number, and one more count for the
    unassigned: at national scale a single scan of the cases costs about half of the five
    index-driven counts it replaces, and over an investigator's few hundred cases a third."""
    horizon = now + HORIZON
    per_status = {f"status_{value}": Count("pk", filter=Q(status=value)) for value in S.values}
    counts = cases.order_by().aggregate(
        due_clocks=Count("pk", filter=Q(next_due_at__lt=horizon)),
        overdue=Count("pk", filter=deadlines.overdue_q(now)),
        due_reporting=Count("pk", filter=reporting_q(now)),
        pleno=Count("pk", filter=pleno_q()),
        **per_status,
    )
    statuses = [(value, str(label), counts.pop(f"status_{value}")) for value, label in S.choices]
    return {
        **counts,
        "due_soon": counts["due_clocks"] - counts["overdue"],
        "statuses": statuses,
        "unassigned": cases.order_by().filter(unassigned_q()).count() if unassigned else None,
    }


def due_count(cases: QuerySet[Case], now: datetime) -> int:
    """How many rows :func:`due_rows` would list without its limit. Two counts, each off its
    own index (the running clocks per status and next deadline; the reporting windows of
    received reports), rather than one pass over every case matching either: over forwarded
    cases only, PostgreSQL sees that the second asks for none."""
    horizon = now + HORIZON
    base = cases.order_by()
    return base.filter(next_due_at__lt=horizon).count() + base.filter(reporting_q(now)).count()


def pleno_cases(cases: QuerySet[Case], limit: int = LIMIT) -> list[dict]:
    """Cases waiting for the pleno, the longest waiting first. One query."""
    rows = cases.filter(pleno_q()).order_by("next_due_at", "id")
    return [
        {"id": pk, "label": _case_label(number, kind, pk), "due_at": due}
        for pk, number, kind, due in rows.values_list("id", "number", "kind", "next_due_at")[:limit]
    ]


# --- BKPSDM: forwarded and waiting for the PPK, objections, blocks, sanctions ---------------


def _of_visible_case(cases: QuerySet[Case], respondent: str) -> Exists:
    """The respondent at ``respondent`` (a path from the outer row) belongs to one of ``cases``.
    Asked per row of a small table (pending objections, unlifted blocks: a few thousand), so
    PostgreSQL looks each respondent and case up by its key instead of hashing every
    respondent of every case the user may see."""
    return Exists(cases.order_by().filter(respondents=OuterRef(respondent)))


def _agency_names(ids) -> dict[int, tuple[str, str]]:
    """``{agency id: (code, name)}`` of the agencies ``ids``, one query (none without ids): the
    groupings below count per agency id and look the names up afterwards, once per group,
    instead of joining the agency to every row they count."""
    ids = {pk for pk in ids if pk is not None}
    if not ids:
        return {}
    agencies = Agency.objects.filter(pk__in=ids).values_list("pk", "code", "name")
    return {pk: (code, name) for pk, code, name in agencies}


def waiting_for_ppk(cases: QuerySet[Case], now: datetime) -> list[dict]:
    """Per respondents' agency: respondents of forwarded cases with no PPK decision yet, how
    many of them are past the follow-up deadline or end within :data:`HORIZON`, and the
    earliest deadline; most urgent agency first. Two queries: the counts per agency id, from
    the forwarded cases to their respondents with no decision (an anti-join), then the names."""
    soon = Q(follow_up_due_at__gte=now, follow_up_due_at__lt=now + HORIZON)
    decided = FollowUp.objects.filter(respondent_id=OuterRef("respondent"))
    rows = (
        cases.order_by()
        .filter(status=S.FORWARDED)
        .alias(respondent=F("respondents__id"))
        .filter(~Exists(decided), respondent__isnull=False)
        .values("respondents__agency_id")
        .annotate(
            waiting=Count("*"),
            cases=Count("pk", distinct=True),
            overdue=Count("respondent", filter=Q(follow_up_due_at__lt=now)),
            due_soon=Count("respondent", filter=soon),
            first_due=Min("follow_up_due_at"),
        )
    )
    rows = list(rows)
    names = _agency_names(row["respondents__agency_id"] for row in rows)
    unknown = ("", _("Unit kerja tidak diketahui"))
    found = []
    for row in rows:
        code, name = names.get(row["respondents__agency_id"], unknown)
        found.append(
            {
                "code": code,
                "name": name,
                "respondents": row["waiting"],
                **{k: row[k] for k in ("cases", "overdue", "due_soon", "first_due")},
            }
        )
    # Most urgent first (no deadline last), then by name, as the grouped query ordered them.
    return sorted(found, key=lambda r: (r["first_due"] is None, r["first_due"] or now, r["name"]))


def objections_in_progress(cases: QuerySet[Case], limit: int = LIMIT) -> list[dict]:
    """Objections and appeals not decided yet, the oldest first. One query."""
    rows = (
        Objection.objects.filter(
            _of_visible_case(cases, "sanction__respondent_id"),
            outcome=Objection.Outcome.PENDING,
        )
        .order_by("filed_on", "id")
        .values(
            "kind",
            "filed_on",
            "sanction__sanction_type__name",
            "sanction__respondent__name",
            "sanction__respondent__case_id",
            "sanction__respondent__case__number",
            "sanction__respondent__case__kind",
        )[:limit]
    )
    return [
        {
            "case_id": row["sanction__respondent__case_id"],
            "case": _case_label(
                row["sanction__respondent__case__number"],
                row["sanction__respondent__case__kind"],
                row["sanction__respondent__case_id"],
            ),
            "kind": str(Objection.Kind(row["kind"]).label),
            "filed_on": row["filed_on"],
            "sanction": row["sanction__sanction_type__name"],
            "respondent": row["sanction__respondent__name"],
        }
        for row in rows
    ]


def blocks_in_progress(cases: QuerySet[Case], limit: int = LIMIT) -> list[dict]:
    """Requests to BKN to block a respondent's data: requested and not yet lifted. One query."""
    rows = (
        DataBlock.objects.filter(_of_visible_case(cases, "respondent_id"), lifted_on__isnull=True)
        .order_by("requested_on", "id")
        .values(
            "requested_on",
            "blocked_on",
            "request_letter",
            "respondent__name",
            "respondent__case_id",
            "respondent__case__number",
            "respondent__case__kind",
        )[:limit]
    )
    return [
        {
            "case_id": row["respondent__case_id"],
            "case": _case_label(
                row["respondent__case__number"],
                row["respondent__case__kind"],
                row["respondent__case_id"],
            ),
            "respondent": row["respondent__name"],
            "letter": row["request_letter"],
            "requested_on": row["requested_on"],
            "blocked_on": row["blocked_on"],
        }
        for row in rows
    ]


def outcome_counts(cases: QuerySet[Case]) -> dict:
    """How many objections are pending and how many data blocks are not lifted. Two queries."""
    return {
        "objections": Objection.objects.filter(
            _of_visible_case(cases, "sanction__respondent_id"),
            outcome=Objection.Outcome.PENDING,
        ).count(),
        "blocks": DataBlock.objects.filter(
            _of_visible_case(cases, "respondent_id"), lifted_on__isnull=True
        ).count(),
    }


def sanctions_in_year(cases: QuerySet[Case], year: int) -> list[dict]:
    """Sanctions in force decided in ``year`` (decree date), per sanction type and respondents'
    agency, the most frequent first (then by name). Three queries: the counts per type id and
    agency id, then the names of the types and agencies counted."""
    rows = list(
        Sanction.objects.filter(
            state=Sanction.State.IN_FORCE,
            decree_date__year=year,
            respondent__case__in=cases.values("pk"),
        )
        .values_list("sanction_type_id", "respondent__agency_id")
        .annotate(count=Count("*"))
        .order_by()
    )
    if not rows:
        return []
    types = dict(
        SanctionType.objects.filter(pk__in={t for t, _a, _n in rows}).values_list("pk", "name")
    )
    agencies = _agency_names(agency for _t, agency, _n in rows)
    unknown = _("Unit kerja tidak diketahui")
    found = [
        {
            "sanction": types[type_id],
            "agency": agencies[agency_id][1] if agency_id in agencies else unknown,
            "count": count,
        }
        for type_id, agency_id, count in rows
    ]
    return sorted(found, key=lambda row: (-row["count"], row["sanction"], row["agency"]))
