from django.contrib import admin
from django.contrib.auth import get_user_model
from django.contrib.auth.admin import UserAdmin
from django.utils.translation import gettext_lazy as _

from apps.core.models import Profile

admin.site.site_header = _("Netral — Netralitas ASN Kutai Kartanegara")
admin.site.site_title = _("Netral")
admin.site.index_title = _("Administrasi")


class ProfileInline(admin.StackedInline):
    model = Profile
    can_delete = False
    autocomplete_fields = ["kecamatan"]


admin.site.unregister(get_user_model())


@admin.register(get_user_model())
class NetralUserAdmin(UserAdmin):
    inlines = [ProfileInline]
    list_display = ["username", "first_name", "last_name", "email", "is_active", "is_staff"]
