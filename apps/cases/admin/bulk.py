"""Bulk actions of the case list (issue 17): assign investigators to the selected cases, and
export the selection with the API's case export (its columns and its CSV/XLSX code)."""

from django.contrib import admin, messages
from django.contrib.admin import helpers
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from apps.cases import services
from apps.cases.admin.pages import AssignForm
from apps.cases.api.views import CASE_EXPORT_COLUMNS, visible_cases
from apps.core.api.exports import stream_export
from apps.core.errors import DomainError


def _export(request, queryset, export_format: str):
    cases = visible_cases(request.user).filter(pk__in=queryset.values("pk")).order_by("pk")
    rows = cases.iterator(chunk_size=2000)
    return stream_export(export_format, "kasus-terpilih", CASE_EXPORT_COLUMNS, rows)


@admin.action(description=gettext_lazy("Unduh CSV kasus terpilih"))
def export_csv(modeladmin, request, queryset):
    return _export(request, queryset, "csv")


@admin.action(description=gettext_lazy("Unduh XLSX kasus terpilih"))
def export_xlsx(modeladmin, request, queryset):
    return _export(request, queryset, "xlsx")


@admin.action(description=gettext_lazy("Tugaskan investigator ke kasus terpilih"))
def assign_investigators(modeladmin, request, queryset):
    """An intermediate page picks the investigators; each case gets them through
    ``case_assign`` (which replaces its assignment, checks the policy, writes its event)."""
    form = AssignForm(request.POST if "apply" in request.POST else None)
    cases = list(queryset.order_by("pk"))
    if form.is_bound and form.is_valid():
        done, refused = 0, []
        for case in cases:
            try:
                services.case_assign(
                    case=case,
                    investigators=form.cleaned_data["investigators"],
                    actor=request.user,
                    note=form.cleaned_data["note"],
                )
                done += 1
            except DomainError as error:
                refused.append(f"{case}: {error}")
        if done:
            message = ngettext(
                "Penugasan disimpan untuk %d kasus.", "Penugasan disimpan untuk %d kasus.", done
            )
            modeladmin.message_user(request, message % done, messages.SUCCESS)
        for text in refused:
            modeladmin.message_user(request, text, messages.ERROR)
        return None
    context = {
        **modeladmin.admin_site.each_context(request),
        "title": _("Tugaskan investigator ke %(count)d kasus") % {"count": len(cases)},
        "opts": modeladmin.model._meta,
        "form": form,
        "cases": cases,
        "action_checkbox_name": helpers.ACTION_CHECKBOX_NAME,
    }
    return TemplateResponse(request, "admin/cases/case/bulk_assign.html", context)
