"""Charts of the home and report pages, as ``templates/core/_chart.html`` draws them: a title,
the table's headers and its rows ``(label, [values…])``. The numbers come from the same report
functions the API answers with (``apps.cases.reports``, ``apps.training.selectors``), so a
chart's table is the report's output for the same filters."""

from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import Count, QuerySet
from django.db.models.functions import TruncMonth
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from apps.cases import deadlines, reports
from apps.cases.models import Case
from apps.training import selectors as training


@dataclass
class Chart:
    slug: str
    title: str
    headers: list[str]
    rows: list[tuple[str, list]] = field(default_factory=list)
    kind: str = "bar"
    stacked: bool = False
    horizontal: bool = False
    series: str = ""  # the table's columns the chart draws ("4": only the fourth); all if empty


TITLES = {
    "status": gettext_lazy("Kasus per status"),
    "kind": gettext_lazy("Kasus per jenis"),
    "violation_form": gettext_lazy("Kasus per bentuk pelanggaran"),
    "severity": gettext_lazy("Kasus per kategori bawaan bentuk pelanggaran"),
    "agency": gettext_lazy("Kasus per perangkat daerah terlapor"),
    "kecamatan": gettext_lazy("Kasus per kecamatan"),
    "month": gettext_lazy("Kasus per bulan diterima"),
    "sanction_type": gettext_lazy("Kasus per jenis sanksi yang berlaku"),
}
# Long labels read better on a horizontal bar.
HORIZONTAL = {"violation_form", "agency", "kecamatan", "sanction_type"}


def report_chart(cases: QuerySet[Case], group_by: str) -> tuple[Chart, dict]:
    """The chart of ``/api/v1/reports/cases/?group_by=…`` over ``cases``, and the report."""
    report = reports.cases_report(cases, group_by)
    chart = Chart(
        slug=group_by,
        title=str(TITLES[group_by]),
        headers=[str(reports.GROUPINGS[group_by].label), _("Jumlah kasus")],
        rows=[(g["label"], [g["count"]]) for g in report["groups"]],
        kind="line" if group_by == "month" and len(report["groups"]) > 12 else "bar",
        horizontal=group_by in HORIZONTAL,
    )
    return chart, report


def month_by_kind_chart(cases: QuerySet[Case]) -> Chart:
    """Cases per month received (WITA), one series per kind: the month report of
    ``apps.cases.reports`` split by kind, in one query (the API's ``group_by=month&kind=…``
    gives the same counts, kind by kind)."""
    rows = (
        cases.order_by()
        .annotate(month=TruncMonth("received_at", tzinfo=deadlines.WITA))
        .values_list("month", "kind")
        .annotate(count=Count("*"))  # off the index of month and kind alone
    )
    counts = defaultdict(dict)
    for month, kind, count in rows:
        counts[month][kind] = count
    return Chart(
        slug="month_by_kind",
        title=_("Kasus per bulan diterima, per jenis"),
        headers=[_("Bulan"), *(str(label) for label in Case.Kind.labels)],
        rows=[
            (
                reports.GROUPINGS["month"].describe(month),
                [by_kind.get(k, 0) for k in Case.Kind.values],
            )
            for month, by_kind in sorted(counts.items())
        ],
        stacked=True,
    )


def deadlines_chart(stages: list[dict]) -> Chart:
    """``/api/v1/reports/deadlines/`` as a stacked bar per stage."""
    return Chart(
        slug="deadlines",
        title=_("Kepatuhan batas waktu per tahap"),
        headers=[
            _("Tahap"),
            _("Tepat waktu"),
            _("Terlambat"),
            _("Masih berjalan, belum lewat"),
            _("Masih berjalan, lewat batas"),
        ],
        rows=[
            (s["label"], [s["on_time"], s["late"], s["open"] - s["overdue"], s["overdue"]])
            for s in stages
        ],
        stacked=True,
        horizontal=True,
    )


def coverage_chart(rows: list[dict], group_by: str) -> Chart:
    """``/api/v1/reports/training-coverage/`` as a bar of ASN attended per group."""
    return Chart(
        slug=f"coverage_{group_by}",
        title=_("Cakupan sosialisasi per perangkat daerah")
        if group_by == "agency"
        else _("Cakupan sosialisasi per kecamatan"),
        headers=[
            _("Perangkat daerah") if group_by == "agency" else _("Kecamatan"),
            _("ASN di data kepegawaian"),
            _("ASN terdaftar"),
            _("ASN hadir"),
            _("Cakupan (%)"),
        ],
        rows=[
            (
                r["name"],
                [
                    r["asn_in_registry"],
                    r["asn_registered"],
                    r["asn_attended"],
                    r["coverage_percent"],
                ],
            )
            for r in rows
        ],
        horizontal=True,
        series="4",  # the percentage; the counts stay in the table
    )


def trained_respondents_chart(cases: QuerySet[Case], coverage: list[dict]) -> Chart:
    """Per agency: its coverage beside the respondents among its staff, and how many of them
    had attended a session before the incident. Coverage from the coverage report's rows."""
    respondents = training.respondents_trained_by_agency(cases)
    rows = []
    for row in coverage:
        counts = respondents.get(row["code"], {"respondents": 0, "trained": 0})
        if counts["respondents"] or row["asn_attended"]:
            rows.append(
                (
                    row["name"],
                    [row["coverage_percent"], counts["respondents"], counts["trained"]],
                )
            )
    return Chart(
        slug="trained_respondents",
        title=_("Cakupan sosialisasi dan terlapor per perangkat daerah"),
        headers=[
            _("Perangkat daerah"),
            _("Cakupan (%)"),
            _("Terlapor"),
            _("Terlapor yang ikut sosialisasi sebelum kejadian"),
        ],
        rows=rows,
        horizontal=True,
        series="2,3",  # respondents and those trained before; the percentage is in the table
    )


def sanctions_by_type_chart(rows: list[dict], year: int) -> Chart:
    """The sanctions of ``year`` per type, from the rows of ``dashboard.sanctions_in_year``
    (per type and agency) summed per type: no query of its own."""
    totals: dict[str, int] = defaultdict(int)
    for row in rows:
        totals[row["sanction"]] += row["count"]
    return Chart(
        slug="sanctions_in_year",
        title=_("Sanksi yang dijatuhkan tahun %(year)s, per jenis") % {"year": year},
        headers=[_("Jenis sanksi"), _("Jumlah sanksi")],
        rows=[(name, [count]) for name, count in sorted(totals.items(), key=lambda t: -t[1])],
        horizontal=True,
    )
