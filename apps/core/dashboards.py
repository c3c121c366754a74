"""The home page of each role (issue 17), in the admin's frame: what is late or due today, what
waits for whom, counts that link to the filtered case list, and charts with their tables.

Reads only through selectors (``apps.cases.selectors``, ``apps.cases.dashboard``,
``apps.core.charts``); a fixed number of queries whatever the number of cases.
"""

from urllib.parse import urlencode

from django.contrib import admin
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from apps.cases import dashboard
from apps.cases.selectors import cases_visible_to
from apps.core import charts

CASE_LIST = "admin:cases_case_changelist"
BY_DEADLINE = "2"  # the case list's second column: the next deadline, most urgent first


def case_list_url(**params) -> str:
    """The admin case list with its filters (the parameters of apps.cases.admin.filters)."""
    url = reverse(CASE_LIST)
    return f"{url}?{urlencode(params)}" if params else url


def admin_frame(request) -> dict:
    """What the admin's base template reads (``AdminSite.each_context``) without the list of
    every app and model, which only the admin's sidebar shows and these pages do not."""
    site = admin.site
    return {
        "site_title": site.site_title,
        "site_header": site.site_header,
        "site_url": site.site_url,
        "has_permission": site.has_permission(request),
        "available_apps": [],
        "is_popup": False,
        "is_nav_sidebar_enabled": False,
        "log_entries": None,
    }


def _page(request, template: str, title: str, context: dict) -> TemplateResponse:
    frame = {**admin_frame(request), "title": title, "case_list": reverse(CASE_LIST)}
    return TemplateResponse(request, template, {**frame, **context})


def bawaslu_home(request, *, investigator: bool):
    """Coordinator: every case; investigator: the cases assigned to them (their scope)."""
    now = timezone.now()
    cases = cases_visible_to(request.user)
    # An investigator sees only the cases assigned to them: none is unassigned.
    counts = dashboard.home_counts(cases, now, unassigned=not investigator)
    statuses = [
        (label, count, case_list_url(status__exact=value))
        for value, label, count in counts["statuses"]
    ]
    links = {
        "by_deadline": case_list_url(o=BY_DEADLINE),
        "overdue": case_list_url(batas="terlambat"),
        "due_soon": case_list_url(batas="48jam"),
        "pleno": case_list_url(tahap="pleno"),
        "unassigned": case_list_url(ditugaskan="belum"),
    }
    return _page(
        request,
        "core/dashboard/bawaslu.html",
        _("Beranda investigator") if investigator else _("Beranda koordinator"),
        {
            "investigator": investigator,
            "now": now,
            "due": dashboard.due_rows(cases, now),
            "counts": counts,
            "due_total": counts["due_clocks"] + counts["due_reporting"],
            "statuses": statuses,
            "links": links,
            "pleno": dashboard.pleno_cases(cases),
            # The other groupings are on the report pages: over every case, each is a scan.
            "charts": [charts.month_by_kind_chart(cases)],
        },
    )


def bkpsdm_home(request):
    """Forwarded cases waiting for the PPK per agency, objections and blocks in progress, and
    the sanctions of this year."""
    now = timezone.now()
    cases = cases_visible_to(request.user)
    year = timezone.localdate().year
    sanctions = dashboard.sanctions_in_year(cases, year)
    forwarded = cases.filter(status="forwarded")
    return _page(
        request,
        "core/dashboard/bkpsdm.html",
        _("Beranda BKPSDM"),
        {
            "now": now,
            "year": year,
            "due": dashboard.due_rows(forwarded, now),
            "due_total": dashboard.due_count(forwarded, now),
            "waiting": dashboard.waiting_for_ppk(cases, now),
            "objections": dashboard.objections_in_progress(cases),
            "blocks": dashboard.blocks_in_progress(cases),
            "outcome_counts": dashboard.outcome_counts(cases),
            "sanctions": sanctions,
            "sanctions_total": sum(row["count"] for row in sanctions),
            "forwarded_url": case_list_url(status__exact="forwarded"),
            "by_deadline_url": case_list_url(status__exact="forwarded", o=BY_DEADLINE),
            "charts": [charts.sanctions_by_type_chart(sanctions, year)],
        },
    )
