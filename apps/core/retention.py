"""Retention of personal data (UU 27/2022): which kinds, when, and the daily job.

Each kind has its retention period in ``NETRAL_RETENTION_DAYS`` (days after its case or session
ended) and lives with its app: reporters and witnesses in ``apps.cases.retention``,
participants' phone numbers in ``apps.training.retention``. ``retention_preview`` tells what a
run would pseudonymise now without changing anything (``manage.py retention``);
``retention_apply`` does it, one case or session per transaction (the ``core.apply_retention``
task, daily at 02:30 WITA, or ``manage.py retention --apply``).
"""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

from django.conf import settings
from django.db.models import Count, Q, QuerySet
from django.utils import timezone

from apps.cases import retention as cases_retention
from apps.training import retention as training_retention


@dataclass(frozen=True)
class Kind:
    name: str
    label: str
    due: Callable[[datetime], QuerySet]
    apply: Callable[..., int]
    people: Count  # the people of one case or session that a run would pseudonymise


KINDS = (
    Kind(
        "reporters",
        "identitas pelapor",
        cases_retention.reporters_due,
        lambda pk, now: cases_retention.reporter_pseudonymise(case_id=pk, now=now),
        Count("reporter"),
    ),
    Kind(
        "witnesses",
        "identitas saksi",
        cases_retention.witnesses_due,
        lambda pk, now: cases_retention.witnesses_pseudonymise(case_id=pk, now=now),
        Count("witnesses"),
    ),
    Kind(
        "participant_phones",
        "nomor telepon peserta sosialisasi",
        training_retention.phones_due,
        lambda pk, now: training_retention.participant_phones_pseudonymise(session_id=pk, now=now),
        Count("registrations", filter=~Q(registrations__phone="")),
    ),
)


def retention_preview(now: datetime | None = None) -> list[dict]:
    """Per kind: its period and the cases or sessions a run would pseudonymise now."""
    now = now or timezone.now()
    report = []
    for kind in KINDS:
        subjects = kind.due(now).annotate(people=kind.people)
        report.append(
            {
                "kind": kind.name,
                "label": kind.label,
                "days": settings.NETRAL_RETENTION_DAYS[kind.name],
                "subjects": [(s.pk, str(s), s.people) for s in subjects.order_by("pk")],
            }
        )
    return report


def retention_apply(now: datetime | None = None) -> dict[str, int]:
    """Pseudonymise everything due now; returns the number of people per kind."""
    now = now or timezone.now()
    done = {}
    for kind in KINDS:
        ids = list(kind.due(now).values_list("pk", flat=True).order_by("pk"))
        done[kind.name] = sum(kind.apply(pk, now) for pk in ids)
    return done
