"""The event log and the reporter access log: read-only for everyone, superusers included."""

from django.contrib import admin
from django.db.models import Value
from django.db.models.functions import Coalesce, Concat, NullIf, Trim
from django.utils.translation import gettext_lazy

from apps.cases import confidentiality
from apps.cases.admin.display import event_label
from apps.cases.models import Case, CaseEvent, ReporterAccess
from apps.cases.selectors import cases_visible_to


class ReadOnlyAdmin(admin.ModelAdmin):
    actions = None

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class EventActionFilter(admin.SimpleListFilter):
    title = gettext_lazy("tindakan")
    parameter_name = "tindakan"

    def lookups(self, request, model_admin):
        events = model_admin.get_queryset(request).order_by()
        actions = events.values_list("action", flat=True).distinct()
        return sorted(((a, event_label(a)) for a in actions), key=lambda pair: pair[1])

    def queryset(self, request, queryset):
        return queryset.filter(action=self.value()) if self.value() else queryset


@admin.register(CaseEvent)
class CaseEventAdmin(ReadOnlyAdmin):
    list_display = ["at", "case_display", "action_label", "status_change", "actor_display", "note"]
    list_filter = [EventActionFilter]
    search_fields = ["case__number"]
    list_select_related = ["case", "actor"]
    ordering = ["-at", "-id"]
    fields = [
        "case_display",
        "at",
        "action_label",
        "status_change",
        "actor_display",
        "note",
        "data",
    ]
    readonly_fields = fields
    show_full_result_count = False
    show_facets = admin.ShowFacets.NEVER

    def get_queryset(self, request):
        events = super().get_queryset(request).filter(case__in=cases_visible_to(request.user))
        if not confidentiality.may_see_reporter(request.user):
            # Who acted is the office, not the person, outside Bawaslu (confidentiality).
            return events.annotate(shown_actor=Value(str(confidentiality.OFFICE)))
        name = Trim(Concat("actor__first_name", Value(" "), "actor__last_name"))
        return events.annotate(shown_actor=Coalesce(NullIf(name, Value("")), "actor__username"))

    def get_fields(self, request, obj=None):
        if confidentiality.may_see_reporter(request.user):
            return self.fields
        return [f for f in self.fields if f != "data"]  # may name Bawaslu's staff

    @admin.display(description=gettext_lazy("tindakan"), ordering="action")
    def action_label(self, event):
        return event_label(event.action)

    @admin.display(description=gettext_lazy("kasus"), ordering="case__number")
    def case_display(self, event):
        return str(event.case)

    @admin.display(description=gettext_lazy("oleh"))
    def actor_display(self, event):
        return event.shown_actor or gettext_lazy("sistem")

    @admin.display(description=gettext_lazy("status"))
    def status_change(self, event):
        before = Case.Status(event.from_status).label if event.from_status else ""
        after = Case.Status(event.to_status).label if event.to_status else ""
        if before and after and before != after:
            return f"{before} → {after}"
        return after or "—"


@admin.register(ReporterAccess)
class ReporterAccessAdmin(ReadOnlyAdmin):
    list_display = ["accessed_at", "case", "user", "channel"]
    list_filter = ["channel"]
    search_fields = ["case__number", "user__username"]
    list_select_related = ["case", "user"]
    fields = ["accessed_at", "case", "user", "channel"]
    readonly_fields = fields
    show_full_result_count = False
