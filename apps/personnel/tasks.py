"""Celery tasks of the personnel registry: the import of a registry file.

The import commits batch by batch with its progress (``apps.personnel.services``) and a rerun
resumes after the last committed batch, so the task may be delivered twice: it is acknowledged
only after it finished (``acks_late``), and a worker killed mid-import (SIGKILL, out of memory)
has its message handed back to Redis (``reject_on_worker_lost``) for another worker to resume.
"""

from celery import shared_task
from celery.exceptions import SoftTimeLimitExceeded
from django.db import transaction
from django.utils.translation import gettext as _

from apps.core.task_utils import TEMPORARY_DB_ERRORS, retry_countdown
from apps.personnel.services import personnel_import_fail, personnel_import_run


@shared_task(
    name="personnel.run_import",
    bind=True,
    acks_late=True,
    reject_on_worker_lost=True,
    max_retries=5,
)
def run_import(self, import_id: int) -> str:
    try:
        return personnel_import_run(import_id=import_id).state
    except SoftTimeLimitExceeded as exc:
        # The batch in progress was rolled back; a fresh run carries on after the last one.
        return _retry_or_fail(self, import_id, exc, countdown=0)
    except TEMPORARY_DB_ERRORS as exc:
        return _retry_or_fail(self, import_id, exc)
    except Exception as exc:
        personnel_import_fail(import_id=import_id, message=_failure_message(exc))
        raise


def _retry_or_fail(task, import_id: int, exc: Exception, countdown: int | None = None):
    if task.request.retries >= task.max_retries:
        personnel_import_fail(import_id=import_id, message=_failure_message(exc))
        raise exc
    countdown = retry_countdown(task.request.retries) if countdown is None else countdown
    raise task.retry(exc=exc, countdown=countdown)


def _failure_message(exc: Exception) -> str:
    return _(
        "Impor berhenti karena kesalahan sistem (%(error)s). Baris yang sudah tersimpan tetap "
        "tersimpan; unggah ulang berkasnya untuk melanjutkan atau hubungi administrator."
    ) % {"error": type(exc).__name__}


def enqueue_import(import_id: int) -> None:
    """Run the import in a worker once the current transaction commits (in place when eager)."""
    transaction.on_commit(lambda: run_import.delay(import_id), robust=True)
