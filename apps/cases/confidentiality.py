"""What of a case is for Bawaslu's eyes only, applied to every output (DESIGN §5).

Perbawaslu 1/2022 requires withholding whatever would reveal a reporter; UU 27/2022 protects NIKs.
Who may see it is the policy's ``view_confidential`` row (Bawaslu coordinators and
investigators); this module says *what* is withheld from everyone else, and every screen,
response and export asks it:

- the reporter's identity (a Bawaslu user who sees it leaves a ``ReporterAccess`` row);
- the people heard in clarifications as reporter or witness: their name and statement;
- Bawaslu's staff in the timeline: who acted is shown as the office, and the assignment's names
  are left out of the event data;
- evidence files: their original names (a photo named after the reporter and their phone), shown
  as ``bukti-<number>-<n>.<ext>``; files whose metadata was not removed at upload (documents,
  videos: an author or a device name) are withheld, with the reason.
"""

from collections.abc import Collection
from pathlib import PurePath

from django.db import connection
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from apps.cases import policy
from apps.cases.models import Case, CaseEvent, Clarification, Evidence, Reporter, ReporterAccess

CHANNEL_ADMIN = "admin"
CHANNEL_API = "api"

WITHHELD = _("Pelapor (identitas dirahasiakan)")
WITNESS_WITHHELD = _("Saksi (identitas dirahasiakan)")
OFFICE = _("Bawaslu Kabupaten Kutai Kartanegara")
FILE_WITHHELD = _(
    "Berkas ini dapat memuat metadata (penulis, perangkat) yang mengungkap pelapor; hanya dapat "
    "diunduh oleh Bawaslu."
)
# Event data that names Bawaslu's staff (the assignment), left out for everyone else.
STAFF_DATA_KEYS = frozenset({"investigators"})
# Images are re-encoded without EXIF/GPS at upload (apps.cases.evidence); nothing else is cleaned.
CLEANED_TYPES = frozenset({"image/jpeg", "image/png", "image/webp"})


def may_see_reporter(user) -> bool:
    """The policy's ``view_confidential``: Bawaslu coordinators and investigators only; a
    superuser without a Bawaslu role does not."""
    return policy.may(user, "view_confidential")


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


CONFIDENTIAL_ROLES = {
    Clarification.Role.REPORTER: WITHHELD,
    Clarification.Role.WITNESS: WITNESS_WITHHELD,
}


def clarification_person(user, clarification: Clarification) -> str:
    """The name of who was heard; a reporter's or witness's only for those who may see them."""
    if clarification.role in CONFIDENTIAL_ROLES and not may_see_reporter(user):
        return str(CONFIDENTIAL_ROLES[clarification.role])
    return clarification.person_name


def clarification_summary(user, clarification: Clarification) -> str:
    """What a reporter or witness said is withheld with their name."""
    if clarification.role in CONFIDENTIAL_ROLES and not may_see_reporter(user):
        return ""
    return clarification.summary


def event_actor(user, event: CaseEvent) -> str | None:
    """Who acted: the person for Bawaslu, the office for everyone else (None: the system)."""
    if event.actor is None:
        return None
    if not may_see_reporter(user):
        return str(OFFICE)
    return event.actor.get_full_name() or event.actor.get_username()


def event_data(user, event: CaseEvent) -> dict:
    """The event's data without Bawaslu staff names for those outside Bawaslu."""
    if may_see_reporter(user):
        return event.data
    data = {k: v for k, v in event.data.items() if k not in STAFF_DATA_KEYS}
    if isinstance(data.get("changes"), dict):
        data["changes"] = {k: v for k, v in data["changes"].items() if k not in STAFF_DATA_KEYS}
    return data


def evidence_name(user, evidence: Evidence, case: Case, position: int) -> str:
    """The file's name as ``user`` sees it: the original for Bawaslu, else a neutral one."""
    if may_see_reporter(user):
        return evidence.original_name
    if not evidence.file:
        return ""
    extension = PurePath(evidence.file.name).suffix
    number = (case.number or str(case.pk)).replace("/", "-")
    return f"bukti-{number}-{position}{extension}"


def evidence_withheld(user, evidence: Evidence) -> str:
    """Why ``user`` may not download this file ("" when they may)."""
    if not evidence.file or may_see_reporter(user) or evidence.content_type in CLEANED_TYPES:
        return ""
    return str(FILE_WITHHELD)


def evidence_positions(case: Case, evidence=None) -> dict[int, int]:
    """Each evidence file's place among the case's files (1, 2, ...), for neutral names;
    ``evidence`` is the case's list when it is already in hand."""
    if evidence is None:
        evidence = Evidence.objects.filter(case=case).only("id", "file")
    ids = sorted(e.pk for e in evidence if e.file)
    return {pk: n for n, pk in enumerate(ids, start=1)}
