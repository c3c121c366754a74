"""Retention of the personal data in closed cases (UU 27/2022): reporters and witnesses.

A set time (``NETRAL_RETENTION_DAYS``) after a case ended — closed, not registered, or dismissed —
its reporter's and witnesses' identities are replaced by pseudonyms: names become "Pelapor kasus
<id>" / "Saksi <n>", NIK, address, phone and e-mail are emptied, and so is the name in their
clarification records. What the statistics count (the case, its kind, status, dates, forms,
place, respondents, outcome) is not touched, nor is the event trail, which gains one
``pseudonymised`` event per kind with the fields emptied and no personal value.

Each case is done in its own transaction under its row lock and re-checked there, so the job is
safe to run twice or in two workers at once. The orchestration (which kinds, the command and the
task) is ``apps.core.retention``.
"""

from datetime import datetime, timedelta

from django.conf import settings
from django.db import transaction
from django.db.models import Exists, OuterRef, QuerySet
from django.db.models.functions import Coalesce
from django.utils import timezone

from apps.cases.models import Case, CaseEvent, Clarification, Reporter, Witness

ENDED_STATUSES = (Case.Status.CLOSED, Case.Status.NOT_REGISTERED, Case.Status.DISMISSED)
ACTION = "pseudonymised"
REPORTER_FIELDS = ["name", "nik", "address", "phone", "email"]
WITNESS_FIELDS = ["name", "phone", "address"]


def _cutoff(kind: str, now: datetime) -> datetime:
    return now - timedelta(days=settings.NETRAL_RETENTION_DAYS[kind])


def _ended_before(cutoff: datetime) -> QuerySet[Case]:
    # Closed cases end at closed_at; rejected and dismissed ones at their decision.
    return (
        Case.objects.filter(status__in=ENDED_STATUSES)
        .annotate(ended_at=Coalesce("closed_at", "decided_at"))
        .filter(ended_at__lt=cutoff)
    )


def _not_yet(kind: str) -> Exists:
    done = CaseEvent.objects.filter(case=OuterRef("pk"), action=ACTION, data__kind=kind)
    return ~Exists(done)


def reporters_due(now: datetime | None = None) -> QuerySet[Case]:
    """Ended cases with a reporter whose retention has run out and who is not pseudonymised."""
    cutoff = _cutoff("reporters", now or timezone.now())
    return _ended_before(cutoff).filter(_not_yet("reporters"), reporter__isnull=False)


def witnesses_due(now: datetime | None = None) -> QuerySet[Case]:
    cutoff = _cutoff("witnesses", now or timezone.now())
    return _ended_before(cutoff).filter(
        _not_yet("witnesses"), Exists(Witness.objects.filter(case=OuterRef("pk")))
    )


def _lock_if_due(case_id: int, due: QuerySet[Case]) -> Case | None:
    case = Case.objects.select_for_update().filter(pk=case_id).first()
    return case if case and due.filter(pk=case_id).exists() else None


def _record(case: Case, kind: str, fields: list[str], people: int, now: datetime) -> None:
    CaseEvent.objects.create(
        case=case,
        actor=None,
        action=ACTION,
        data={
            "kind": kind,
            "fields": fields,
            "people": people,
            "retention_days": settings.NETRAL_RETENTION_DAYS[kind],
        },
    )
    # Incremental API pulls (`updated_after`) fetch the case again.
    Case.objects.filter(pk=case.pk).update(updated_at=now)


@transaction.atomic
def reporter_pseudonymise(*, case_id: int, now: datetime | None = None) -> int:
    """Pseudonymise the reporter of one case if still due; returns 1 if done, 0 if not."""
    now = now or timezone.now()
    case = _lock_if_due(case_id, reporters_due(now))
    if case is None:
        return 0
    Reporter.objects.filter(case=case).update(
        name=f"Pelapor kasus {case.pk}", nik="", address="", phone="", email=""
    )
    Clarification.objects.filter(case=case, role=Clarification.Role.REPORTER).update(
        person_name="Pelapor"
    )
    _record(case, "reporters", REPORTER_FIELDS, 1, now)
    return 1


@transaction.atomic
def witnesses_pseudonymise(*, case_id: int, now: datetime | None = None) -> int:
    """Pseudonymise every witness of one case if still due; returns how many."""
    now = now or timezone.now()
    case = _lock_if_due(case_id, witnesses_due(now))
    if case is None:
        return 0
    witnesses = list(Witness.objects.filter(case=case).order_by("id"))
    for number, witness in enumerate(witnesses, start=1):
        witness.name, witness.phone, witness.address = f"Saksi {number}", "", ""
    Witness.objects.bulk_update(witnesses, ["name", "phone", "address"])
    Clarification.objects.filter(case=case, role=Clarification.Role.WITNESS).update(
        person_name="Saksi"
    )
    _record(case, "witnesses", WITNESS_FIELDS, len(witnesses), now)
    return len(witnesses)
