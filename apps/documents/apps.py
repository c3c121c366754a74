from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DocumentsConfig(AppConfig):
    name = "apps.documents"
    verbose_name = _("Dokumen resmi")

    def ready(self):
        from apps.documents import checks  # noqa: F401  (registers the system checks)
