from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from apps.personnel.models import Agency, CivilServant, Region


@admin.register(Region)
class RegionAdmin(admin.ModelAdmin):
    list_display = ["code", "name", "level", "parent"]
    list_filter = ["level"]
    search_fields = ["code", "name"]
    list_select_related = ["parent"]
    readonly_fields = ["code", "level", "parent"]

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Agency)
class AgencyAdmin(admin.ModelAdmin):
    list_display = ["code", "name", "kind", "parent", "kecamatan", "is_active"]
    list_filter = ["kind", "is_active"]
    search_fields = ["code", "name", "short_name"]
    list_select_related = ["parent", "kecamatan"]
    autocomplete_fields = ["parent", "kecamatan"]


class GradeFilter(admin.SimpleListFilter):
    title = _("golongan")
    parameter_name = "golongan"

    def lookups(self, request, model_admin):
        return CivilServant._meta.get_field("golongan").choices

    def queryset(self, request, queryset):
        return queryset.filter(golongan=self.value()) if self.value() else queryset


@admin.register(CivilServant)
class CivilServantAdmin(admin.ModelAdmin):
    list_display = [
        "nip",
        "name",
        "employment_type",
        "golongan",
        "position",
        "agency",
        "kecamatan",
        "is_active",
    ]
    list_filter = [
        "employment_type",
        GradeFilter,
        "position_type",
        "is_active",
        ("agency", admin.RelatedOnlyFieldListFilter),
        ("kecamatan", admin.RelatedOnlyFieldListFilter),
    ]
    search_fields = ["=nip", "name"]
    list_select_related = ["agency", "kecamatan"]
    autocomplete_fields = ["agency", "kecamatan"]
    readonly_fields = ["created_at", "updated_at"]
    show_full_result_count = False
