from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "apps.core"
    verbose_name = _("Inti")

    def ready(self) -> None:
        from apps.core import session_activity  # noqa: F401  (its signal receiver)
