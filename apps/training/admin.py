"""Read-only admin views of sessions and pledges for Bawaslu and BKPSDM staff.

Sessions, participants and attendance are written on the camat-office pages (and the API), which
call the services; the admin only shows them, so no write can skip a service's checks.
"""

from django.contrib import admin

from apps.training.models import IntegrityPledge, Registration, Session, Speaker


class ReadOnlyMixin:
    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class SpeakerInline(ReadOnlyMixin, admin.TabularInline):
    model = Speaker
    fields = ["name", "institution", "topic"]
    extra = 0


class RegistrationInline(ReadOnlyMixin, admin.TabularInline):
    model = Registration
    fields = ["name", "nip", "participant_type", "institution", "attended_at", "attendance_method"]
    extra = 0
    show_change_link = False


@admin.register(Session)
class SessionAdmin(ReadOnlyMixin, admin.ModelAdmin):
    list_display = ["title", "starts_at", "kecamatan", "status", "capacity"]
    list_filter = ["status", "kecamatan"]
    search_fields = ["title", "venue"]
    date_hierarchy = "starts_at"
    list_select_related = ["kecamatan"]
    inlines = [SpeakerInline, RegistrationInline]


@admin.register(IntegrityPledge)
class IntegrityPledgeAdmin(ReadOnlyMixin, admin.ModelAdmin):
    list_display = ["civil_servant", "signed_on", "session", "kecamatan"]
    list_filter = ["kecamatan"]
    search_fields = ["civil_servant__name", "civil_servant__nip"]
    date_hierarchy = "signed_on"
    list_select_related = ["civil_servant", "session", "kecamatan"]
    raw_id_fields = ["civil_servant", "session"]
