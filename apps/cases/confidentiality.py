"""The reporter's identity (pelapor) is for Bawaslu roles only, and every view of it is logged.

Perbawaslu 1/2022 requires withholding whatever would reveal a reporter; UU 27/2022 protects NIKs
(DESIGN §5). Every screen and response that could show the reporter asks this module: BKPSDM
officers, camat clerks and system administrators outside Bawaslu get nothing, and a Bawaslu user
who does see it leaves a ``ReporterAccess`` row (who, when, which case, from where).
"""

from django.utils.translation import gettext_lazy as _

from apps.cases.models import Case, Clarification, Reporter, ReporterAccess
from apps.core import permissions, roles

CHANNEL_ADMIN = "admin"
CHANNEL_API = "api"

WITHHELD = _("Pelapor (identitas dirahasiakan)")


def may_see_reporter(user) -> bool:
    """Bawaslu coordinators and investigators only; a superuser without a Bawaslu role does not."""
    return (
        user.is_authenticated
        and user.is_active
        and permissions.has_role(user, *roles.BAWASLU_ROLES)
    )


def reporter_for(user, case: Case, channel: str) -> Reporter | None:
    """The reporter of ``case`` when ``user`` may see it (the view is logged), else None.

    The caller has already found ``case`` through ``cases_visible_to(user)``.
    """
    if not may_see_reporter(user):
        return None
    try:
        reporter = Reporter.objects.get(case_id=case.pk)
    except Reporter.DoesNotExist:
        return None
    ReporterAccess.objects.create(case_id=case.pk, user=user, channel=channel)
    return reporter


def log_reporter_access(user, case: Case, channel: str) -> None:
    """Record a view of the reporter shown by other means (e.g. an admin form of the reporter)."""
    if may_see_reporter(user):
        ReporterAccess.objects.create(case_id=case.pk, user=user, channel=channel)


def clarification_person(user, clarification: Clarification) -> str:
    """The name of who was heard; a reporter's name only for those who may see the reporter."""
    if clarification.role == Clarification.Role.REPORTER and not may_see_reporter(user):
        return str(WITHHELD)
    return clarification.person_name
