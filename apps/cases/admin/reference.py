"""Reference data of the case rules: elections, violation forms, sanction types, recipients,
holidays. Edits are audited (django-auditlog: who, when, old -> new), and shown under
"Perubahan data referensi"; edits that move deadlines go through their services."""

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext as _

from apps.cases import services
from apps.cases.models import Election, ForwardingRecipient, Holiday, SanctionType, ViolationForm
from apps.core.errors import DomainError


@admin.register(Election)
class ElectionAdmin(admin.ModelAdmin):
    list_display = [
        "name",
        "regime",
        "voting_on",
        "decision_days",
        "decision_day_type",
        "is_active",
    ]
    list_filter = ["regime", "is_active"]
    search_fields = ["code", "name"]

    def save_model(self, request, obj, form, change):
        if not change:
            return super().save_model(request, obj, form, change)
        changes = {name: form.cleaned_data[name] for name in form.changed_data}
        services.election_update(election=obj, actor=request.user, **changes)
        messages.info(request, _("Batas waktu kasus terbuka pada pemilihan ini dihitung ulang."))
        return None


@admin.register(ViolationForm)
class ViolationFormAdmin(admin.ModelAdmin):
    list_display = ["position", "name", "default_severity", "is_active"]
    list_display_links = ["name"]
    list_filter = ["default_severity", "is_active"]
    search_fields = ["code", "name"]


@admin.register(SanctionType)
class SanctionTypeAdmin(admin.ModelAdmin):
    list_display = ["position", "name", "category", "regulation", "is_active"]
    list_display_links = ["name"]
    list_filter = ["category", "is_active"]
    search_fields = ["code", "name"]


@admin.register(ForwardingRecipient)
class ForwardingRecipientAdmin(admin.ModelAdmin):
    list_display = ["position", "name", "is_default", "is_active"]
    list_display_links = ["name"]
    list_filter = ["is_active"]


class HolidayForm(forms.ModelForm):
    class Meta:
        model = Holiday
        fields = ["date", "name"]


@admin.register(Holiday)
class HolidayAdmin(admin.ModelAdmin):
    """Added days off; adding or removing one recomputes the open cases' deadlines."""

    form = HolidayForm
    list_display = ["date", "name", "created_by", "created_at"]
    list_select_related = ["created_by"]
    search_fields = ["name"]
    date_hierarchy = "date"

    def has_change_permission(self, request, obj=None):
        return False

    def get_readonly_fields(self, request, obj=None):
        return ["date", "name"] if obj else []

    def save_model(self, request, obj, form, change):
        try:
            holiday = services.holiday_add(date=obj.date, name=obj.name, actor=request.user)
        except DomainError as refused:
            raise PermissionDenied(refused.message) from refused
        obj.pk = holiday.pk

    def delete_model(self, request, obj):
        services.holiday_remove(holiday=obj, actor=request.user)

    def delete_queryset(self, request, queryset):
        for holiday in queryset:
            services.holiday_remove(holiday=holiday, actor=request.user)
