"""Celery tasks of the training app: invitations by e-mail. Tasks take ids, are safe to run
twice (``invitations.invitation_send_one`` claims each invitation first) and retry only
temporary failures (the mail server refusing or unreachable)."""

import smtplib

from celery import shared_task

from apps.core.task_utils import retry_countdown
from apps.training.invitations import invitation_send_one

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
