from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PersonnelConfig(AppConfig):
    name = "apps.personnel"
    verbose_name = _("Kepegawaian")
