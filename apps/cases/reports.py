"""Report aggregates over cases: one SQL ``GROUP BY`` per report, on whatever cases it is given.

The caller passes the cases the user may see, already filtered (``cases_visible_to`` and the
case-list filters); these functions only count. ``count`` is always a number of distinct cases:
a case with two violation forms counts once under each, so for the many-valued groupings
(violation form, severity, agency, sanction type) the groups may add up to more than ``total``.
"""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime

from django.db.models import Count, F, Func, IntegerField, Q, QuerySet, Subquery
from django.db.models.functions import TruncMonth
from django.utils import timezone
from django.utils.dates import MONTHS
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from apps.cases import basis
from apps.cases import deadlines as clock
from apps.cases import report_pairs as pairs
from apps.cases.models import (
    Case,
    Respondent,
    Sanction,
    SanctionType,
    Severity,
    ViolationForm,
)
from apps.personnel.models import Agency


@dataclass(frozen=True)
class Grouping:
    label: str
    key: str = ""  # the ORM path of the group's key (one-valued groupings)
    name: str | None = None  # the ORM path of the key's label, when stored
    describe: Callable[[object], str] | None = None  # the label of a key, when not stored
    rows: pairs.Rows | None = None  # many-valued: the related rows that hold the keys

    @property
    def many(self) -> bool:
        """A case can be in several groups (counted once in each, and once in the total)."""
        return self.rows is not None


def _month_label(value) -> str:
    return f"{MONTHS[value.month]} {value.year}"


def _forms():
    return Case.violation_forms.through.objects.all()


def _forms_of_category(severity: str) -> Q:
    # by a subquery, not a join: the forms stay in the order of their index on the case
    return Q(violationform__in=ViolationForm.objects.filter(default_severity=severity))


def _respondents():
    return Respondent.objects.all()


def _without_sanction_in_force() -> Q:
    in_force = Sanction.objects.filter(state=Sanction.State.IN_FORCE)
    return ~Q(pk__in=in_force.values("respondent_id"))


GROUPINGS: dict[str, Grouping] = {
    "status": Grouping(gettext_lazy("Status"), "status", describe=lambda v: Case.Status(v).label),
    "kind": Grouping(gettext_lazy("Jenis"), "kind", describe=lambda v: Case.Kind(v).label),
    "violation_form": Grouping(
        gettext_lazy("Bentuk pelanggaran"),
        # (case, form) is unique in the many-to-many table
        rows=pairs.Rows(_forms, "violationform_id", lookup=ViolationForm, duplicates=False),
    ),
    "severity": Grouping(
        gettext_lazy("Kategori pelanggaran"),
        describe=lambda v: Severity(v).label,
        rows=pairs.Rows(
            _forms,
            "violationform__default_severity",
            values=tuple(Severity.values),
            having=_forms_of_category,
        ),
    ),
    "agency": Grouping(
        gettext_lazy("Perangkat daerah terlapor"),
        rows=pairs.Rows(
            _respondents, "agency_id", lookup=Agency, keyless=lambda: Q(agency__isnull=True)
        ),
    ),
    "kecamatan": Grouping(gettext_lazy("Kecamatan"), "kecamatan__code", "kecamatan__name"),
    "month": Grouping(gettext_lazy("Bulan diterima"), "month", describe=_month_label),
    # Only the sanctions still in force (not those changed or annulled on objection); a
    # respondent without one puts the case under "no sanction in force".
    "sanction_type": Grouping(
        gettext_lazy("Jenis sanksi (yang berlaku)"),
        rows=pairs.Rows(
            _respondents,
            "final_sanction__sanction_type_id",
            lookup=SanctionType,
            only=("final_sanction", "sanctions", Q(sanctions__state="in_force")),
            missing="final_sanction__respondent_id",
            keyless=_without_sanction_in_force,
        ),
    ),
}
NO_VALUE = {
    "violation_form": gettext_lazy("Tanpa bentuk pelanggaran"),
    "severity": gettext_lazy("Tanpa bentuk pelanggaran"),
    "agency": gettext_lazy("Unit kerja tidak diketahui"),
    "kecamatan": gettext_lazy("Kecamatan tidak diketahui"),
    "sanction_type": gettext_lazy("Tanpa sanksi yang berlaku"),
}


class _Count(Func):
    """``COUNT(*)`` as a plain expression, so that it can be a scalar subquery of the report."""

    template = "COUNT(*)"
    output_field = IntegerField()


def _key_text(value) -> str | None:
    if value is None:
        return None
    if isinstance(value, datetime | date):
        return f"{value:%Y-%m}"
    return str(value)


def cases_report(cases: QuerySet[Case], group_by: str) -> dict:
    """``{"total", "groups": [{"key", "label", "count"}]}`` for ``cases`` grouped by ``group_by``.

    One query: the groups, and the total as an uncorrelated scalar subquery beside them.
    """
    grouping = GROUPINGS[group_by]
    base = cases.order_by()
    total = Subquery(base.annotate(n=_Count()).values("n")[:1])
    if grouping.rows:
        result = pairs.count_per_group(base, grouping.rows, total)
    else:
        rows = base
        if group_by == "month":
            rows = rows.annotate(month=TruncMonth("received_at", tzinfo=clock.WITA))
        values = {"key": F(grouping.key)}
        if grouping.name:
            values["label"] = F(grouping.name)
        # COUNT(*), not of the key: an index alone can answer (status, month and kind)
        rows = rows.values(**values).annotate(count=Count("*"), total=total).order_by("key")
        result = list(rows)
    groups = [
        {
            "key": _key_text(row["key"]),
            "label": _group_label(group_by, grouping, row),
            "count": row["count"],
        }
        for row in result
    ]
    groups.sort(key=lambda g: (g["key"] is None, -g["count"] if group_by != "month" else 0))
    return {"total": result[0]["total"] if result else 0, "groups": groups}


def _group_label(group_by: str, grouping: Grouping, row: dict) -> str:
    if row["key"] is None:
        return str(NO_VALUE.get(group_by, _("Tidak diketahui")))
    if grouping.describe:
        return str(grouping.describe(row["key"]))
    return row.get("label") or str(row["key"])


STAGES = [
    (clock.REPORTING, "reporting_due_at", "received_at"),
    (clock.DECISION, "decision_due_at", "decided_at"),
    (clock.FOLLOW_UP, "follow_up_due_at", "closed_at"),
]


def deadlines_report(cases: QuerySet[Case], now: datetime | None = None) -> list[dict]:
    """Per stage (reporting, decision, PPK follow-up): met on time, met late, still open, and of
    the open ones how many are already past due. One query with conditional counts."""
    now = now or timezone.now()
    aggregates = {}
    for stage, due, met in STAGES:
        started = Q(**{f"{due}__isnull": False})
        done = Q(**{f"{met}__isnull": False})
        aggregates[f"{stage}__total"] = Count("pk", filter=started)
        aggregates[f"{stage}__on_time"] = Count(
            "pk", filter=started & done & Q(**{f"{met}__lte": F(due)})
        )
        aggregates[f"{stage}__late"] = Count(
            "pk", filter=started & done & Q(**{f"{met}__gt": F(due)})
        )
        aggregates[f"{stage}__open"] = Count("pk", filter=started & ~done)
        aggregates[f"{stage}__overdue"] = Count(
            "pk", filter=started & ~done & Q(**{f"{due}__lt": now})
        )
    counts = cases.order_by().aggregate(**aggregates)
    return [
        {
            "stage": stage,
            "label": str(basis.LABELS[stage]),
            **{
                measure: counts[f"{stage}__{measure}"]
                for measure in ("total", "on_time", "late", "open", "overdue")
            },
        }
        for stage, _due, _met in STAGES
    ]
