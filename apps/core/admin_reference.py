"""Reference data changes (django-auditlog): who changed which rules' table, when, old → new."""

from auditlog.models import LogEntry
from django.contrib import admin
from django.utils.html import format_html_join
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _

from apps.core import permissions
from apps.core.models import ReferenceChange

ACTION_LABELS = {
    LogEntry.Action.CREATE: _("ditambahkan"),
    LogEntry.Action.UPDATE: _("diubah"),
    LogEntry.Action.DELETE: _("dihapus"),
}


admin.site.unregister(LogEntry)


@admin.register(ReferenceChange)
class ReferenceChangeAdmin(admin.ModelAdmin):
    """Who changed which reference data, when, old → new; read-only for everyone."""

    list_display = ["timestamp", "content_type", "object_repr", "action_label", "actor"]
    list_filter = ["content_type", "action"]
    search_fields = ["object_repr"]
    list_select_related = ["content_type", "actor"]
    fields = ["timestamp", "content_type", "object_repr", "action_label", "actor", "changed"]
    readonly_fields = fields
    show_full_result_count = False
    actions = None

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def has_view_permission(self, request, obj=None):
        return request.user.is_active and (
            request.user.is_superuser
            or permissions.is_bawaslu(request.user)
            or permissions.is_bkpsdm(request.user)
        )

    def has_module_permission(self, request):
        return self.has_view_permission(request)

    @admin.display(description=_("tindakan"), ordering="action")
    def action_label(self, entry):
        return ACTION_LABELS.get(entry.action, entry.action)

    @admin.display(description=_("perubahan (lama → baru)"))
    def changed(self, entry):
        # By the fields' names and the related rows' and choices' labels, not ids and codes.
        rows = [
            f"{field}: {values[0]} → {values[1]}"
            for field, values in (entry.changes_display_dict or {}).items()
        ]
        return format_html_join(mark_safe("<br>"), "{}", ((row,) for row in rows)) or "—"
