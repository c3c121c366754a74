"""Celery tasks of the core app: large exports, and the retention of personal data."""

from celery import shared_task
from celery.exceptions import SoftTimeLimitExceeded

from apps.core import export_jobs, retention
from apps.core.task_utils import TEMPORARY_DB_ERRORS, retry_countdown


@shared_task(
    name="core.run_export",
    bind=True,
    max_retries=3,
    # A worker killed mid-export leaves the message unacknowledged: Redis hands it to another
    # worker, which takes the job over once its lease expired and writes the file again.
    acks_late=True,
    reject_on_worker_lost=True,
)
def run_export(self, job_id: int) -> str:
    try:
        return export_jobs.export_job_run(job_id=job_id)
    except TEMPORARY_DB_ERRORS as exc:
        if self.request.retries >= self.max_retries:
            export_jobs.export_job_fail(job_id=job_id, error=str(exc))
            raise
        export_jobs.export_job_release(job_id=job_id)
        raise self.retry(exc=exc, countdown=retry_countdown(self.request.retries)) from exc
    except SoftTimeLimitExceeded:
        export_jobs.export_job_fail(job_id=job_id, error="time limit exceeded")
        raise
    except Exception as exc:
        export_jobs.export_job_fail(job_id=job_id, error=f"{type(exc).__name__}: {exc}")
        raise


@shared_task(name="core.apply_retention", bind=True, max_retries=3)
def apply_retention(self) -> dict:
    """Pseudonymise the personal data kept past its retention (safe to run twice)."""
    try:
        return retention.retention_apply()
    except TEMPORARY_DB_ERRORS as exc:
        raise self.retry(exc=exc, countdown=retry_countdown(self.request.retries)) from exc
