"""Read-only admin views of sessions and pledges for Bawaslu and BKPSDM staff.

Sessions, participants and attendance are written on the camat-office pages (and the API), which
call the services; the admin only shows them, so no write can skip a service's checks.
"""

from django.contrib import admin
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from apps.training.models import (
    IntegrityPledge,
    Registration,
    Session,
    Speaker,
    TrainingEvent,
)


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
    fields = [
        "name",
        "nip",
        "participant_type",
        "institution",
        "attended_at",
        "attendance_method",
        "attendance_recorded_by",
        "attendance_recorded_at",
        "attendance_kiosk",
    ]
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
    list_display = [
        "civil_servant",
        "signed_on",
        "session",
        "kecamatan",
        "recorded_by",
        "voided_at",
    ]
    # The scan is a private file: no public URL (MEDIA_URL is None), only the checked view.
    exclude = ["document"]
    readonly_fields = ["scan"]

    @admin.display(description=_("pindaian dokumen"))
    def scan(self, pledge):
        if not pledge.document:
            return "—"
        return format_html(
            '<a href="{}">{}</a> <small>SHA-256 {}</small>',
            reverse("training:pledge-document", args=[pledge.pk]),
            _("Unduh pindaian"),
            pledge.document_sha256,
        )

    list_filter = ["kecamatan"]
    search_fields = ["civil_servant__name", "civil_servant__nip"]
    date_hierarchy = "signed_on"
    list_select_related = ["civil_servant", "session", "kecamatan"]
    raw_id_fields = ["civil_servant", "session"]


@admin.register(TrainingEvent)
class TrainingEventAdmin(ReadOnlyMixin, admin.ModelAdmin):
    """The training audit trail: read only, for everyone who may see it."""

    list_display = ["at", "action", "actor", "session", "registration", "pledge", "reason"]
    list_filter = ["action"]
    date_hierarchy = "at"
    list_select_related = ["actor", "session", "registration", "pledge"]
