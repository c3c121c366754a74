"""The reporter's identity (pelapor) is for Bawaslu roles only, and every view of it is logged.

Perbawaslu 1/2022 requires withholding whatever would reveal a reporter; UU 27/2022 protects NIKs
(DESIGN §5). Every screen and response that could show the reporter asks this module: BKPSDM
officers, camat clerks and system administrators outside Bawaslu get nothing, and a Bawaslu user
who does see it leaves a ``ReporterAccess`` row (who, when, which case, from where).
"""

from collections.abc import Collection

from django.db import connection
from django.utils import timezone
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
    log_reporter_views(user, [case.pk], channel)
    return reporter


def log_reporter_views(user, case_ids: Collection[int], channel: str) -> None:
    """Record that ``user`` saw the reporters of ``case_ids`` (one case, or a page of a list), in
    one statement.

    A single ``INSERT`` commits on its own: no model instance per row and no transaction around
    it (``bulk_create`` would add both), as a list logs fifty views on every page it serves.
    """
    if not case_ids or not may_see_reporter(user):
        return
    meta = ReporterAccess._meta
    at = meta.get_field("accessed_at").get_db_prep_save(timezone.now(), connection)
    columns = ", ".join(
        connection.ops.quote_name(meta.get_field(name).column)
        for name in ("case", "user", "accessed_at", "channel")
    )
    if connection.vendor == "postgresql":  # the ids as one array parameter
        rows, params = (
            "SELECT UNNEST(%s::bigint[]), %s, %s, %s",
            [list(case_ids), user.pk, at, channel],
        )
    else:
        rows = "VALUES " + ", ".join(["(%s, %s, %s, %s)"] * len(case_ids))
        params = [value for case_id in case_ids for value in (case_id, user.pk, at, channel)]
    table = connection.ops.quote_name(meta.db_table)
    with connection.cursor() as cursor:
        cursor.execute(f"INSERT INTO {table} ({columns}) {rows}", params)


def clarification_person(user, clarification: Clarification) -> str:
    """The name of who was heard; a reporter's name only for those who may see the reporter."""
    if clarification.role == Clarification.Role.REPORTER and not may_see_reporter(user):
        return str(WITHHELD)
    return clarification.person_name
