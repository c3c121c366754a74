"""The case list's filters; "overdue" and "due soon" are the deadlines module's one definition."""

from django.contrib import admin
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from apps.cases import dashboard, deadlines, policy
from apps.cases.models import Respondent
from apps.cases.selectors import cases_visible_to
from apps.personnel.models import Agency


class AssignedToMeFilter(admin.SimpleListFilter):
    title = gettext_lazy("penugasan")
    parameter_name = "ditugaskan"

    def lookups(self, request, model_admin):
        if policy.may(request.user, "create"):  # Bawaslu staff: the ones who take assignments
            return [
                ("saya", _("Ditugaskan kepada saya")),
                ("belum", _("Belum ditugaskan (kasus berjalan)")),
            ]
        return []

    def queryset(self, request, queryset):
        if self.value() == "saya":
            return queryset.filter(assigned_investigators=request.user)
        if self.value() == "belum":  # open and unassigned: what the home page counts
            return queryset.filter(dashboard.unassigned_q())
        return queryset


class StageFilter(admin.SimpleListFilter):
    title = gettext_lazy("tahap")
    parameter_name = "tahap"

    def lookups(self, request, model_admin):
        return [("pleno", _("Menunggu pleno (kajian selesai)"))]

    def queryset(self, request, queryset):
        if self.value() == "pleno":
            return queryset.filter(dashboard.pleno_q())
        return queryset


class DeadlineFilter(admin.SimpleListFilter):
    title = gettext_lazy("batas waktu")
    parameter_name = "batas"

    def lookups(self, request, model_admin):
        return [
            ("terlambat", _("Terlambat")),
            ("segera", _("Segera berakhir")),
            ("48jam", _("Berakhir dalam 48 jam")),  # what the home page counts
        ]

    def queryset(self, request, queryset):
        now = timezone.now()
        if self.value() == "terlambat":
            return queryset.filter(deadlines.overdue_q(now))
        if self.value() == "segera":
            return queryset.filter(deadlines.due_soon_q(now))
        if self.value() == "48jam":
            return queryset.filter(dashboard.due_within_horizon_q(now))
        return queryset


class AgencyFilter(admin.SimpleListFilter):
    title = gettext_lazy("unit kerja terlapor")
    parameter_name = "unit_kerja"

    def lookups(self, request, model_admin):
        visible = cases_visible_to(request.user)
        used = Respondent.objects.filter(case__in=visible).values("agency_id")
        return [(a.pk, a.name) for a in Agency.objects.filter(pk__in=used).order_by("name")]

    def queryset(self, request, queryset):
        if self.value():
            cases = Respondent.objects.filter(agency_id=self.value()).values("case_id")
            return queryset.filter(pk__in=cases)
        return queryset
