"""The reports of ``/api/v1/reports/…`` as pages in Bahasa Indonesia (issue 17): filters, a chart
with its table, and *Unduh CSV* / *Unduh XLSX* links to the API's own export of the same report
with the same filters (one export code: ``apps.core.api.exports`` behind the API views).

The numbers come from the functions the API views call (``apps.cases.reports`` over
``cases_visible_to`` narrowed by ``CaseFilter``; ``apps.training.selectors.training_coverage``),
so a page's table and the API's answer agree for the same filters.
"""

from datetime import datetime, time, timedelta
from urllib.parse import urlencode

from django import forms
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import DateField, Value
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from apps.cases import policy, reports
from apps.cases.api.filters import CaseFilter
from apps.cases.models import Election
from apps.cases.selectors import cases_visible_to
from apps.core import charts
from apps.core.dashboards import _page
from apps.personnel.models import Agency, Region
from apps.training import selectors as training

GROUP_BY_CHOICES = [(key, charts.TITLES[key]) for key in reports.GROUPINGS]


def reference_choices() -> dict[str, list[tuple[str, str]]]:
    """The filters' lists as ``(code, label)``: the elections (the latest voting day first), the
    kecamatan (by name, the code before it) and the agencies (by name). One query, a ``UNION
    ALL`` of the three tables, ordered here: three queries, or a ``ModelChoiceField``'s model
    instance per choice read through a server-side cursor on PostgreSQL (DECLARE, FETCH, CLOSE
    per list), cost a report page more than the SQL of some of its reports."""
    no_day = Value(None, output_field=DateField())
    rows = (
        Election.objects.order_by()
        .values_list(Value("election"), "code", "name", "voting_on")
        .union(
            Region.objects.order_by()
            .filter(level="kecamatan")
            .values_list(Value("kecamatan"), "code", "name", no_day),
            Agency.objects.order_by().values_list(Value("agency"), "code", "name", no_day),
            all=True,
        )
    )
    lists = {"election": [], "kecamatan": [], "agency": []}
    for kind, code, name, voting_on in rows:
        lists[kind].append((voting_on, code, name))
    lists["election"].sort(key=lambda row: row[1])
    lists["election"].sort(key=lambda row: row[0], reverse=True)
    return {
        "election": [(code, name) for _day, code, name in lists["election"]],
        "kecamatan": [
            (code, f"{code} {name}") for _d, code, name in sorted(lists["kecamatan"], key=_name)
        ],
        "agency": [(code, name) for _d, code, name in sorted(lists["agency"], key=_name)],
    }


def _name(row) -> tuple[str, str]:
    return row[2], row[1]


class CaseReportFilters(forms.Form):
    """The page's filters, turned into the API's query parameters by :meth:`api_params`."""

    group_by = forms.ChoiceField(
        label=gettext_lazy("Kelompokkan"), choices=GROUP_BY_CHOICES, initial="month"
    )
    election = forms.ChoiceField(label=gettext_lazy("Pemilihan"), required=False)
    received_from = forms.DateField(
        label=gettext_lazy("Diterima dari"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    received_until = forms.DateField(
        label=gettext_lazy("Diterima sampai"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    kecamatan = forms.ChoiceField(label=gettext_lazy("Kecamatan"), required=False)
    agency = forms.ChoiceField(label=gettext_lazy("Perangkat daerah terlapor"), required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        everything = {
            "election": _("Semua pemilihan"),
            "kecamatan": _("Semua kecamatan"),
            "agency": _("Semua perangkat daerah"),
        }
        for name, choices in reference_choices().items():
            self.fields[name].choices = [("", everything[name]), *choices]

    def clean(self):
        data = super().clean()
        start, end = data.get("received_from"), data.get("received_until")
        if start and end and start > end:
            self.add_error(
                "received_until", _("Tanggal akhir tidak boleh sebelum tanggal awal periode.")
            )
        return data

    def api_params(self) -> dict[str, str]:
        """The API's filters for the same selection (a period of whole days in WITA)."""
        data, params = self.cleaned_data, {}
        for name in ("election", "kecamatan", "agency"):
            if data.get(name):
                params[name] = data[name]
        if data.get("received_from"):
            params["received_after"] = _start_of_day(data["received_from"]).isoformat()
        if data.get("received_until"):
            end = data["received_until"] + timedelta(days=1)
            params["received_before"] = _start_of_day(end).isoformat()
        return params


def _start_of_day(day) -> datetime:
    return datetime.combine(day, time.min, tzinfo=timezone.get_default_timezone())


def _cases(user, params: dict):
    """The cases of the report: what ``user`` may see, narrowed by the API's filters (the
    filter set only when there is a filter: building it costs a page without one ~1 ms)."""
    cases = cases_visible_to(user)
    return CaseFilter(params, queryset=cases).qs if params else cases


def _may_read_cases(user) -> bool:
    return user.is_staff and policy.may(user, "view")


def _downloads(url_name: str, params: dict) -> dict[str, str]:
    url = reverse(url_name)
    return {fmt: f"{url}?{urlencode({**params, 'format': fmt})}" for fmt in ("csv", "xlsx")}


@login_required
def index(request):
    if not _may_read_cases(request.user):
        raise PermissionDenied
    pages = [
        (reverse("reports:cases") + f"?group_by={key}", title) for key, title in GROUP_BY_CHOICES
    ]
    pages.append((reverse("reports:deadlines"), _("Kepatuhan batas waktu per tahap")))
    if training.may_see_training_coverage(request.user):
        pages.append((reverse("reports:training"), _("Cakupan sosialisasi dan terlapor")))
    return _page(request, "core/reports/index.html", _("Laporan dan grafik"), {"pages": pages})


@login_required
def case_report(request):
    """``/api/v1/reports/cases/`` as a page: one grouping, the filters, chart and table."""
    if not _may_read_cases(request.user):
        raise PermissionDenied
    form = CaseReportFilters(request.GET or {"group_by": "month"})
    context = {"form": form}
    if form.is_valid():
        params = form.api_params()
        group_by = form.cleaned_data["group_by"]
        cases = _cases(request.user, params)
        chart, report = charts.report_chart(cases, group_by)
        context.update(
            chart=chart,
            total=report["total"],
            downloads=_downloads("cases-api:report-cases", {"group_by": group_by, **params}),
        )
        if group_by == "month":
            context["extra_charts"] = [charts.month_by_kind_chart(cases)]
    return _page(request, "core/reports/report.html", _("Rekap kasus"), context)


class DeadlineReportFilters(CaseReportFilters):
    group_by = None


@login_required
def deadline_report(request):
    """``/api/v1/reports/deadlines/`` as a page."""
    if not _may_read_cases(request.user):
        raise PermissionDenied
    form = DeadlineReportFilters(request.GET or None)
    context = {"form": form}
    if not form.is_bound or form.is_valid():
        params = form.api_params() if form.is_bound else {}
        cases = _cases(request.user, params)
        stages = reports.deadlines_report(cases, timezone.now())
        context.update(
            chart=charts.deadlines_chart(stages),
            downloads=_downloads("cases-api:report-deadlines", params),
        )
    return _page(request, "core/reports/report.html", _("Kepatuhan batas waktu"), context)


class TrainingReportFilters(forms.Form):
    group_by = forms.ChoiceField(
        label=gettext_lazy("Kelompokkan"),
        choices=[
            ("agency", gettext_lazy("Perangkat daerah")),
            ("kecamatan", gettext_lazy("Kecamatan")),
        ],
        initial="agency",
    )
    starts_from = forms.DateField(
        label=gettext_lazy("Sosialisasi dari"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    starts_until = forms.DateField(
        label=gettext_lazy("Sosialisasi sampai"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
    )

    def clean(self):
        data = super().clean()
        start, end = data.get("starts_from"), data.get("starts_until")
        if start and end and start > end:
            self.add_error(
                "starts_until", _("Tanggal akhir tidak boleh sebelum tanggal awal periode.")
            )
        return data

    def period(self) -> dict[str, datetime]:
        """``starts_after`` / ``starts_before`` of the API: whole days in WITA."""
        data, period = self.cleaned_data, {}
        if data.get("starts_from"):
            period["starts_after"] = _start_of_day(data["starts_from"])
        if data.get("starts_until"):
            period["starts_before"] = _start_of_day(data["starts_until"] + timedelta(days=1))
        return period


@login_required
def training_report(request):
    """``/api/v1/reports/training-coverage/`` as a page; per agency, beside the respondents among
    its staff and how many of them had attended a session before the incident."""
    if not (request.user.is_staff and training.may_see_training_coverage(request.user)):
        raise PermissionDenied
    form = TrainingReportFilters(request.GET or {"group_by": "agency"})
    context = {"form": form}
    if form.is_valid():
        group_by, period = form.cleaned_data["group_by"], form.period()
        rows = training.training_coverage(request.user, group_by=group_by, **period)
        params = {"group_by": group_by, **{k: v.isoformat() for k, v in period.items()}}
        context.update(
            chart=charts.coverage_chart(rows, group_by),
            downloads=_downloads("report-training-coverage", params),
        )
        if group_by == "agency" and policy.may(request.user, "view"):
            cases = cases_visible_to(request.user)
            context["extra_charts"] = [charts.trained_respondents_chart(cases, rows)]
    return _page(request, "core/reports/report.html", _("Cakupan sosialisasi"), context)
