from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PublicConfig(AppConfig):
    name = "apps.public"
    verbose_name = _("Layanan publik")
