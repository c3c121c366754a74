from axes.admin import AccessAttemptAdmin
from axes.models import AccessAttempt
from django.contrib import admin
from django.contrib.auth import get_user_model
from django.contrib.auth.admin import UserAdmin
from django.utils.translation import gettext_lazy as _

from apps.core.admin_login import NetralAdminAuthenticationForm
from apps.core.lockout import login_unlock
from apps.core.models import ApiToken, Profile

admin.site.site_header = _("Netral — Netralitas ASN Kutai Kartanegara")
admin.site.site_title = _("Netral")
admin.site.index_title = _("Administrasi")
admin.site.login_form = NetralAdminAuthenticationForm


class ProfileInline(admin.StackedInline):
    model = Profile
    can_delete = False
    autocomplete_fields = ["kecamatan"]


admin.site.unregister(get_user_model())


@admin.register(get_user_model())
class NetralUserAdmin(UserAdmin):
    inlines = [ProfileInline]
    list_display = ["username", "first_name", "last_name", "email", "is_active", "is_staff"]


admin.site.unregister(AccessAttempt)


@admin.register(AccessAttempt)
class LoginLockoutAdmin(AccessAttemptAdmin):
    """Failed logins (django-axes); coordinators and admins lift a lockout with the action."""

    actions = ["unlock", *AccessAttemptAdmin.actions]

    @admin.action(description=_("Buka kunci masuk akun yang dipilih"), permissions=["delete"])
    def unlock(self, request, queryset):
        removed = login_unlock(
            usernames=queryset.values_list("username", flat=True), actor=request.user
        )
        self.message_user(
            request, _("Kunci dibuka: %(count)d catatan dihapus.") % {"count": removed}
        )


@admin.register(ApiToken)
class ApiTokenAdmin(admin.ModelAdmin):
    """Tokens are made with `manage.py api_token create` or at /api/v1/tokens/; here they are
    listed and revoked (deleted). The key itself is never stored."""

    list_display = ["name", "user", "token_key", "created", "expiry"]
    list_select_related = ["user"]
    search_fields = ["name", "user__username", "token_key"]
    readonly_fields = ["name", "user", "token_key", "created", "expiry"]
    fields = readonly_fields

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


from apps.core import admin_reference  # noqa: E402, F401  (the reference-change log)
