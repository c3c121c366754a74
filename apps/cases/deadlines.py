"""Legal deadlines of a case (DESIGN §2): the arithmetic, the stored columns, and their states.

Every clock counts whole days from a start date: calendar days, or working days that skip
weekends, Indonesian public holidays (the ``holidays`` package) and the holidays an administrator
added (:class:`~apps.cases.models.Holiday`). A deadline ends at 23:59:59 WITA of its last day.

The functions over dates are pure; :func:`case_deadlines` takes an injectable ``now`` so that
tests and the deadline watch can run on a controlled clock.
"""

from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy

from apps.cases.basis import DECISION, FOLLOW_UP, INITIAL_REVIEW, REPORTING, basis_texts
from apps.cases.models import Case, Election
from apps.cases.states import DECISION_PENDING, OPEN_STATES
from apps.cases.workdays import WITA, HolidayCalendar, add_days, end_of_day, local_date

OPEN_STATUSES = OPEN_STATES


@dataclass(frozen=True)
class Clock:
    """A deadline someone must act on: its stored column, and the states in which it runs."""

    name: str
    column: str
    running_in: frozenset[str]


# The clocks that run while a case waits for someone (the reporting window is not one: it is met
# or missed once, at receipt). A case's next deadline is the earliest clock running in its state;
# it is stored as ``Case.next_due_at`` so that the list's sort, the "overdue" filters, the badge
# and the deadline watch all read one value.
CLOCKS = (
    Clock(INITIAL_REVIEW, "initial_review_due_at", frozenset({Case.Status.RECEIVED})),
    Clock(DECISION, "decision_due_at", DECISION_PENDING),
    Clock("follow_up", "follow_up_due_at", frozenset({Case.Status.FORWARDED})),
)


class DeadlineState(models.TextChoices):
    OK = "ok", gettext_lazy("berjalan")
    DUE_SOON = "due_soon", gettext_lazy("segera berakhir")
    OVERDUE = "overdue", gettext_lazy("terlewat")
    MET = "met", gettext_lazy("terpenuhi")


@dataclass(frozen=True)
class Deadline:
    """One legal deadline of a case as shown anywhere: when, in what state, and on what basis."""

    name: str
    label: str
    due_at: datetime
    state: str
    basis: str
    met_at: datetime | None = None

    @property
    def is_late(self) -> bool:
        """Met, but after the deadline (e.g. a decision taken on day 4 of 3)."""
        return self.met_at is not None and self.met_at > self.due_at

    @property
    def state_label(self) -> str:
        return str(DeadlineState(self.state).label)

    @property
    def due_at_local(self) -> datetime:
        return self.due_at.astimezone(WITA)


def decision_anchor(case: Case) -> datetime | None:
    """When the decision clock starts: at receipt or at registration, per the election."""
    if case.election.decision_clock_anchor == Election.ClockAnchor.REGISTRATION:
        return case.registered_at
    return case.received_at


def reporting_due(case: Case, calendar: HolidayCalendar) -> datetime:
    """A laporan's window from when the violation became known; a temuan's from when it was
    found (UU 7/2017 Pasal 454 ayat (5) and (6) differ; under UU 10/2016 both are ayat (4))."""
    election, calendar = case.election, calendar.for_election(case.election)
    if case.kind == Case.Kind.FINDING:
        days, day_type = election.finding_window_days, election.finding_day_type
    else:
        days, day_type = election.reporting_window_days, election.reporting_day_type
    return end_of_day(add_days(case.known_on, days, day_type, calendar))


def initial_review_due(case: Case, calendar: HolidayCalendar) -> datetime | None:
    """The initial review (kajian awal) of a received report, where the regime has one."""
    election = case.election
    if election.initial_review_days is None:
        return None
    calendar = calendar.for_election(election)
    start = local_date(case.received_at)
    days, day_type = election.initial_review_days, election.initial_review_day_type
    return end_of_day(add_days(start, days, day_type, calendar))


def decision_due(case: Case, calendar: HolidayCalendar) -> datetime | None:
    election, anchor = case.election, decision_anchor(case)
    if anchor is None:
        return None
    calendar = calendar.for_election(election)
    start = local_date(anchor)
    last = add_days(start, election.decision_days, election.decision_day_type, calendar)
    if case.extended_at is not None:
        if election.extension_mode == Election.ExtensionMode.TOTAL:
            last = add_days(start, election.extension_days, election.extension_day_type, calendar)
        else:
            last = add_days(last, election.extension_days, election.extension_day_type, calendar)
    return end_of_day(last)


def follow_up_anchor(case: Case) -> date | None:
    """When the PPK's clock starts: at forwarding, or at BKN's recommendation where the
    election's rules say so (None while BKN has not recommended yet)."""
    if case.forwarded_at is None:
        return None
    if case.election.follow_up_anchor == Election.FollowUpAnchor.BKN:
        recommendation = getattr(case, "bkn_recommendation", None)
        return recommendation.letter_date if recommendation else None
    return local_date(case.forwarded_at)


def follow_up_due(case: Case, calendar: HolidayCalendar) -> datetime | None:
    start = follow_up_anchor(case)
    if start is None:
        return None
    election = case.election
    calendar = calendar.for_election(election)
    return end_of_day(
        add_days(start, election.follow_up_days, election.follow_up_day_type, calendar)
    )


def compute_due_dates(case: Case, calendar: HolidayCalendar | None = None) -> dict[str, object]:
    """The stored deadline columns of ``case`` computed from its election's rules."""
    calendar = calendar or HolidayCalendar.from_db()
    due = {
        "reporting_due_at": reporting_due(case, calendar),
        "initial_review_due_at": initial_review_due(case, calendar),
        "decision_due_at": decision_due(case, calendar),
        "follow_up_due_at": follow_up_due(case, calendar),
    }
    return {**due, "next_due_at": next_due(case.status, due)}


def next_due(status: str, due: dict) -> datetime | None:
    """The earliest due time of the clocks running in ``status`` (None: nothing is waited for)."""
    running = [
        due[clock.column]
        for clock in CLOCKS
        if status in clock.running_in and due[clock.column] is not None
    ]
    return min(running, default=None)


LEGAL_DEADLINE_FIELDS = (
    "reporting_due_at",
    "initial_review_due_at",
    "decision_due_at",
    "follow_up_due_at",
)
DEADLINE_FIELDS = (*LEGAL_DEADLINE_FIELDS, "next_due_at")


@dataclass(frozen=True)
class Moved:
    """An open case whose due dates moved: ``{column: [old, new]}`` in ISO 8601."""

    case_id: int
    changes: dict[str, list]


def overdue_q(now: datetime) -> models.Q:
    """Cases with a running deadline that has passed (the one definition of *terlambat*)."""
    return models.Q(next_due_at__lt=now)


def due_soon_q(now: datetime) -> models.Q:
    """Cases whose running deadline ends within the due-soon window and has not passed."""
    return models.Q(next_due_at__gte=now, next_due_at__lt=now + due_soon_window())


def recompute_case_deadlines(
    case: Case, *, calendar: HolidayCalendar | None = None, save: bool = True
) -> list[str]:
    """Update ``case``'s stored deadline columns; return the names of those that changed."""
    changed = []
    for field, value in compute_due_dates(case, calendar).items():
        if getattr(case, field) != value:
            setattr(case, field, value)
            changed.append(field)
    if save and changed and case.pk:
        case.save(update_fields=[*changed, "updated_at"])
    return changed


def iso_utc(value: datetime | None) -> str | None:
    """A stored time as events keep it: ISO 8601 in UTC."""
    return value.astimezone(UTC).isoformat() if value else None


def recompute_open_cases(*, election: Election | None = None) -> list[Moved]:
    """Recompute the stored deadlines of every open case (after a holiday or rule change).

    ``election`` limits the work to one election (e.g. after its rules were edited). Returns the
    cases whose due dates moved, with the old and new dates, for the caller's events.
    """
    calendar = HolidayCalendar.from_db()
    cases = Case.objects.filter(status__in=OPEN_STATUSES).select_related("election")
    if election is not None:
        cases = cases.filter(election=election)
    changed, moves = [], []
    for case in cases.iterator(chunk_size=500):
        before = {name: getattr(case, name) for name in DEADLINE_FIELDS}
        fields = recompute_case_deadlines(case, calendar=calendar, save=False)
        if fields:
            changed.append(case)
            diff = {
                f: [iso_utc(before[f]), iso_utc(getattr(case, f))]
                for f in fields
                if f in LEGAL_DEADLINE_FIELDS
            }
            moves.append(Moved(case.pk, diff))
    Case.objects.bulk_update(changed, DEADLINE_FIELDS, batch_size=500)
    return moves


def due_soon_window() -> timedelta:
    return timedelta(hours=getattr(settings, "NETRAL_DEADLINE_DUE_SOON_HOURS", 24))


def deadline_state(due_at: datetime, met_at: datetime | None, now: datetime) -> str:
    if met_at is not None:
        return DeadlineState.MET
    if now > due_at:
        return DeadlineState.OVERDUE
    if due_at - now < due_soon_window():
        return DeadlineState.DUE_SOON
    return DeadlineState.OK


def _deadline(name, label, due_at, basis, met_at, now) -> Deadline:
    return Deadline(
        name=name,
        label=label,
        due_at=due_at,
        state=deadline_state(due_at, met_at, now),
        basis=basis,
        met_at=met_at,
    )


def case_deadlines(
    case: Case,
    now: datetime | None = None,
    *,
    calendar: HolidayCalendar | None = None,
    texts: dict[str, str] | None = None,
) -> list[Deadline]:
    """The case's deadlines that have started, in order: reporting, initial review (where the
    regime has one), decision, PPK follow-up.

    Due times come from the stored columns (computed when they are missing). A report received
    after its window is *daluwarsa*: the reporting deadline stays overdue for good. ``texts``
    (the election's :func:`basis_texts`) spares looking them up again for each case of a list.
    """
    now = now or timezone.now()
    due = dict(zip(DEADLINE_FIELDS, (getattr(case, f) for f in DEADLINE_FIELDS), strict=True))
    if (
        due["reporting_due_at"] is None
        or (due["initial_review_due_at"] is None and case.election.initial_review_days)
        or (due["decision_due_at"] is None and decision_anchor(case) is not None)
        or (due["follow_up_due_at"] is None and case.forwarded_at is not None)
    ):
        due = compute_due_dates(case, calendar)
    texts = texts or basis_texts(case.election)
    received_in_time = case.received_at <= due["reporting_due_at"]
    window = f"{REPORTING}_finding" if case.kind == Case.Kind.FINDING else REPORTING
    result = [
        Deadline(
            name=REPORTING,
            label=texts[f"label_{REPORTING}"],
            due_at=due["reporting_due_at"],
            state=DeadlineState.MET if received_in_time else DeadlineState.OVERDUE,
            basis=texts[window],
            met_at=case.received_at if received_in_time else None,
        )
    ]
    if due["initial_review_due_at"] is not None:
        reviewed = case.registered_at or (
            case.decided_at if case.status == Case.Status.NOT_REGISTERED else None
        )
        result.append(
            _deadline(
                INITIAL_REVIEW,
                texts[f"label_{INITIAL_REVIEW}"],
                due["initial_review_due_at"],
                texts[INITIAL_REVIEW],
                reviewed,
                now,
            )
        )
    if due["decision_due_at"] is not None:
        basis = texts[f"{DECISION}_extended" if case.extended_at is not None else DECISION]
        result.append(
            _deadline(
                DECISION,
                texts[f"label_{DECISION}"],
                due["decision_due_at"],
                basis,
                case.decided_at,
                now,
            )
        )
    if due["follow_up_due_at"] is not None:
        result.append(
            _deadline(
                FOLLOW_UP,
                texts[f"label_{FOLLOW_UP}"],
                due["follow_up_due_at"],
                texts[FOLLOW_UP],
                case.closed_at,
                now,
            )
        )
    return result


def is_within_reporting_window(case: Case, calendar: HolidayCalendar | None = None) -> bool:
    due = case.reporting_due_at or reporting_due(case, calendar or HolidayCalendar.from_db())
    return case.received_at <= due
