"""Celery tasks of the training app: invitations by e-mail. Tasks take ids, are safe to run
twice (``invitations.invitation_send_one`` claims each invitation first) and retry only
temporary failures (the mail server refusing or unreachable)."""

import smtplib

from celery import shared_task
from django.utils.translation import gettext as _

from apps.core.task_utils import retry_countdown
from apps.training.invitations import invitation_send_one
from apps.training.participant_imports import participant_import_fail, participant_import_run

TEMPORARY_MAIL_ERRORS = (smtplib.SMTPException, ConnectionError, TimeoutError)


@shared_task(name="training.send_invitations", bind=True, max_retries=5)
def send_invitations(self, registration_ids: list[int]) -> int:
    sent, failed = 0, []
    for registration_id in registration_ids:
        try:
            sent += invitation_send_one(registration_id)
        except TEMPORARY_MAIL_ERRORS:
            failed.append(registration_id)
    if failed:
        raise self.retry(
            args=[failed], countdown=retry_countdown(self.request.retries), max_retries=5
        )
    return sent


@shared_task(name="training.run_participant_import", bind=True, max_retries=0)
def run_participant_import(self, import_id: int) -> str:
    """A participant list's import; a crash marks it failed (the clerk uploads it again: rows
    already registered are reported as such, never registered twice)."""
    try:
        return participant_import_run(import_id).status
    except Exception as exc:
        participant_import_fail(
            import_id=import_id,
            message=_("Impor berhenti karena kesalahan sistem (%(error)s).")
            % {"error": type(exc).__name__},
        )
        raise
