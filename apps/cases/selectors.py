"""Reads of cases, already filtered to what a user may see: the policy's ``view`` row (coordinators
and superusers every case, investigators the cases assigned to them, BKPSDM officers cases once
forwarded, everyone else none). A case outside a user's scope does not exist for them
(:class:`NotFound`, 404).
"""

from collections import defaultdict
from dataclasses import dataclass

from django.db.models import QuerySet
from django.utils.translation import gettext as _

from apps.cases import policy
from apps.cases.basis import BASIS_FIELDS
from apps.cases.models import Case, CaseEvent, Election, Respondent
from apps.core.errors import NotFound


def cases_visible_to(user) -> QuerySet[Case]:
    """The cases ``user`` may see, with their election (every list shows deadlines)."""
    cases = Case.objects.select_related("election")
    if not policy.capacities(user):
        return cases.none()
    scope = policy.visible_q(user)
    return cases if scope is None else cases.filter(scope)


def is_every_case(cases: QuerySet[Case]) -> bool:
    """``cases`` is every case: no condition, no slice, no union (a coordinator's
    ``cases_visible_to`` without filters). Every respondent, form or sanction then belongs to one
    of them, so a report can read those rows without matching them against the 100k case ids."""
    query = cases.query
    return not (query.has_filters() or query.is_sliced or query.combinator)


def case_get_for(user, case_id: int) -> Case:
    try:
        return cases_visible_to(user).get(pk=case_id)
    except (Case.DoesNotExist, ValueError, TypeError):
        raise NotFound(_("Kasus tidak ditemukan.")) from None


def case_events_for(user, case_id: int) -> QuerySet[CaseEvent]:
    """The timeline of a case the user may see, oldest first."""
    case = case_get_for(user, case_id)
    return CaseEvent.objects.filter(case=case).select_related("actor").order_by("at", "id")


# --- the rows of a page of cases ---------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class FormRow:
    """A violation form as a case row shows it (read-only, the model's attribute names)."""

    code: str
    name: str
    default_severity: str


@dataclass(frozen=True, slots=True)
class CodeNameRow:
    """A reference shown by code and name: a respondent's agency, a case's kecamatan."""

    code: str
    name: str


@dataclass(frozen=True, slots=True)
class RespondentRow:
    """A respondent (terlapor) as a case row shows it (read-only, the model's attribute names)."""

    pk: int
    name: str
    nip: str
    position: str
    golongan: str
    agency: CodeNameRow | None
    agency_name: str


@dataclass(frozen=True, slots=True)
class ReporterRow:
    """The reporter (pelapor) of a case row; only ever built for Bawaslu roles."""

    name: str
    nik: str
    address: str
    phone: str
    email: str
    occupation: str


REPORTER_COLUMNS = tuple(f"reporter__{name}" for name in ReporterRow.__slots__)


@dataclass(slots=True)
class CaseRow:
    """A case as a list shows it, with the attribute names of :class:`Case`: its columns, its
    election (for the deadlines), kecamatan, reporter, violation forms and respondents."""

    pk: int
    number: str
    kind: str
    status: str
    election_id: int
    received_at: object
    registered_at: object
    known_on: object
    incident_on: object
    extended_at: object
    reporting_due_at: object
    initial_review_due_at: object
    decision_due_at: object
    follow_up_due_at: object
    next_due_at: object
    decided_at: object
    forwarded_at: object
    closed_at: object
    updated_at: object
    kecamatan: CodeNameRow | None = None
    reporter: ReporterRow | None = None
    election: Election | None = None
    form_list: list[FormRow] | None = None
    respondent_list: list[RespondentRow] | None = None


# What a row shows of its election: code, name, and the rules its deadlines are read with.
ELECTION_FIELDS = ("code", "name", *BASIS_FIELDS)
ROW_FIELDS = CaseRow.__slots__[: CaseRow.__slots__.index("updated_at") + 1]
CASE_COLUMNS = (
    "id",
    *ROW_FIELDS[1:],
    "kecamatan__code",
    "kecamatan__name",
    *(f"election__{name}" for name in ELECTION_FIELDS),
)


def case_row_columns(*, with_reporter: bool) -> tuple[str, ...]:
    """The ``values_list()`` a page of :func:`case_rows` is read with, in this order."""
    return (*CASE_COLUMNS, *REPORTER_COLUMNS) if with_reporter else CASE_COLUMNS


def case_rows(page: list[tuple]) -> list[CaseRow]:
    """A page of cases read with ``.values_list(*case_row_columns(...))`` as :class:`CaseRow`s,
    with their violation forms and respondents (one query each).

    The list shows fifty of these a page: plain rows build no model instances (one
    :class:`Election` per election on the page, with the fields above), which is most of what
    rendering a page would otherwise cost.
    """
    kecamatan = len(ROW_FIELDS)  # the columns' positions in a row of CASE_COLUMNS
    election = kecamatan + 2
    reporter = election + len(ELECTION_FIELDS)
    elections: dict[int, Election] = {}
    rows = []
    for columns in page:
        row = CaseRow(*columns[:kecamatan])
        code, name = columns[kecamatan:election]
        row.kecamatan = CodeNameRow(code, name) if code is not None else None
        if row.election_id not in elections:
            values = zip(ELECTION_FIELDS, columns[election:reporter], strict=True)
            elections[row.election_id] = Election(id=row.election_id, **dict(values))
        row.election = elections[row.election_id]
        if len(columns) > reporter and columns[reporter] is not None:
            row.reporter = ReporterRow(*columns[reporter:])
        rows.append(row)
    return _attach_forms_and_respondents(rows)


# The two lists of a page of rows, built once: a page only adds the ids of its cases.
_FORM_LINKS = Case.violation_forms.through.objects.order_by(
    "violationform__position", "violationform__code"
).values_list(
    "case_id",
    "violationform__code",
    "violationform__name",
    "violationform__default_severity",
)
_RESPONDENTS = Respondent.objects.order_by("id").values_list(
    "case_id",
    "id",
    "name",
    "nip",
    "position",
    "golongan",
    "agency__code",
    "agency__name",
    "agency_name",
)


def _attach_forms_and_respondents(cases: list[CaseRow]) -> list[CaseRow]:
    """Give each row ``form_list`` and ``respondent_list`` from two flat queries: the lists a
    ``Prefetch(..., to_attr=...)`` gives (see ``apps.cases.api.views.row_prefetches``), in the
    same order, as plain rows."""
    ids = [case.pk for case in cases]
    forms, respondents = defaultdict(list), defaultdict(list)
    for case_id, *form in _FORM_LINKS.filter(case_id__in=ids):
        forms[case_id].append(FormRow(*form))
    people = _RESPONDENTS.filter(case_id__in=ids)
    for case_id, pk, name, nip, position, golongan, code, agency, agency_name in people:
        agency_row = CodeNameRow(code, agency) if code is not None else None
        respondents[case_id].append(
            RespondentRow(pk, name, nip, position, golongan, agency_row, agency_name)
        )
    for case in cases:
        case.form_list = forms.get(case.pk, [])
        case.respondent_list = respondents.get(case.pk, [])
    return cases
