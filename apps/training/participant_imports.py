"""A participant list registered in the worker, with progress (issue 19, rule 3).

A clerk's web request only stores the file and answers at once; the worker reads it (as
``apps.training.imports`` does: streamed, capped, within a time budget) and registers each row,
writing its progress as it goes, and the report when done. The import is claimed by a
conditional UPDATE from ``pending``, so a task delivered twice runs it once.
"""

from pathlib import PurePath

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from apps.core.errors import DomainError, InvalidInput
from apps.training import services
from apps.training.authority import require_manage, require_not_cancelled
from apps.training.models import ParticipantImport, Session

PROGRESS_EVERY = 20


def participant_import_start(*, session: Session, actor, file) -> ParticipantImport:
    """Keep the uploaded list and queue its import; InvalidInput for a file refused at once."""
    require_manage(actor, session)
    require_not_cancelled(session)
    limit = settings.NETRAL_TRAINING_IMPORT_MAX_BYTES
    if file.size > limit:
        raise InvalidInput(
            fields={"file": [_("Berkas lebih dari %(mb)d MB.") % {"mb": limit // 2**20}]}
        )
    suffix = PurePath(file.name or "").suffix.lower()
    if suffix not in (".csv", ".txt", ".xlsx"):
        raise InvalidInput(fields={"file": [_("Unggah berkas CSV atau XLSX.")]})
    with transaction.atomic():
        job = ParticipantImport(
            session=session, requested_by=actor, original_filename=PurePath(file.name).name
        )
        job.file.save(f"peserta{suffix}", file, save=False)
        job.save()
        from apps.training.tasks import run_participant_import

        transaction.on_commit(lambda: run_participant_import.delay(job.pk), robust=True)
    return job


def participant_import_run(import_id: int) -> ParticipantImport:
    """Run a queued import once; the report (row, status, message) goes on the row."""
    claimed = ParticipantImport.objects.filter(
        pk=import_id, status=ParticipantImport.Status.PENDING
    ).update(status=ParticipantImport.Status.RUNNING)
    job = ParticipantImport.objects.select_related("session", "requested_by").get(pk=import_id)
    if not claimed:
        return job

    def progress(rows: int) -> None:
        ParticipantImport.objects.filter(pk=import_id).update(rows_done=rows)

    try:
        with job.file.open("rb") as handle:
            report = services.registrations_import(
                session=job.session,
                actor=job.requested_by,
                file=handle,
                progress=progress,
                progress_every=PROGRESS_EVERY,
            )
    except DomainError as error:
        return _finish(job, failed=" ".join(error.messages()))
    job.outcomes = [
        {"row": o.row, "status": o.status, "message": o.message} for o in report.outcomes
    ]
    job.rows_done = len(report.outcomes)
    return _finish(job)


def participant_import_fail(*, import_id: int, message: str) -> None:
    ParticipantImport.objects.filter(pk=import_id).exclude(
        status=ParticipantImport.Status.DONE
    ).update(status=ParticipantImport.Status.FAILED, error=message, finished_at=timezone.now())


def _finish(job: ParticipantImport, failed: str = "") -> ParticipantImport:
    job.status = ParticipantImport.Status.FAILED if failed else ParticipantImport.Status.DONE
    job.error = failed
    job.finished_at = timezone.now()
    job.save(update_fields=["status", "error", "finished_at", "outcomes", "rows_done"])
    return job


def report_of(job: ParticipantImport) -> services.ImportReport:
    return services.ImportReport(
        [services.ImportOutcome(o["row"], o["status"], o["message"]) for o in job.outcomes]
    )
