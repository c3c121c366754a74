from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CasesConfig(AppConfig):
    name = "apps.cases"
    verbose_name = _("Kasus")

    def ready(self):
        from apps.cases import numbering  # noqa: F401  (registers the template system check)
