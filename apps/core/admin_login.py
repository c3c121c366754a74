"""The admin's login form: a camat clerk who signs in here is sent to the clerks' login page.

Django's own form answers a correct password of a non-staff user with "enter the correct
username and password for a staff account", which a clerk reads as a wrong password.
"""

from django.contrib.admin.forms import AdminAuthenticationForm
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext as _

from apps.core import permissions


class NetralAdminAuthenticationForm(AdminAuthenticationForm):
    def confirm_login_allowed(self, user):
        if user.is_active and not user.is_staff and permissions.is_camat_clerk(user):
            raise ValidationError(
                format_html(
                    _("Akun petugas kecamatan masuk melalui halaman {}, bukan halaman admin."),
                    format_html('<a href="{}">{}</a>', reverse("login"), _("masuk petugas")),
                ),
                code="camat_clerk",
            )
        super().confirm_login_allowed(user)
