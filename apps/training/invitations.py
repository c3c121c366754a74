"""Invitations: a printable card per participant with their check-in QR code and the session's
date, time and place, and the same by e-mail where an address is known.

E-mail leaves through a Celery task sent after the transaction commits; each invitation is
claimed by a conditional ``UPDATE … WHERE invitation_sent_at IS NULL`` before it is sent, so a
task delivered twice sends nothing twice, and a failed send gives its claim back for a retry.
"""

import io

import segno
from django.conf import settings
from django.core.mail import EmailMessage
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import gettext as _

from apps.training.authority import require_manage, require_not_cancelled
from apps.training.models import Registration, Session, TrainingEvent


def invitations_pending(session: Session):
    """Registrations with an e-mail address that have not been sent their invitation."""
    return session.registrations.exclude(email="").filter(invitation_sent_at__isnull=True)


def invitations_send(*, session: Session, actor) -> int:
    """Send every pending invitation of ``session`` by e-mail (in the worker); how many."""
    require_manage(actor, session)
    require_not_cancelled(session)
    ids = list(invitations_pending(session).values_list("pk", flat=True))
    if not ids:
        return 0
    with transaction.atomic():
        TrainingEvent.objects.create(
            action=TrainingEvent.Action.INVITATIONS_SENT,
            actor=actor,
            session=session,
            data={"registration_ids": ids},
        )
        from apps.training.tasks import send_invitations

        transaction.on_commit(lambda: send_invitations.delay(ids), robust=True)
    return len(ids)


def qr_png(code: str) -> bytes:
    out = io.BytesIO()
    segno.make(code, error="m", micro=False).save(out, kind="png", scale=8, border=2)
    return out.getvalue()


def invitation_message(registration: Registration) -> EmailMessage:
    session = registration.session
    body = render_to_string(
        "training/invitation_email.txt",
        {"registration": registration, "session": session, "site": settings.SITE_URL},
    )
    message = EmailMessage(
        subject=_("Undangan: %(title)s") % {"title": session.title},
        body=body,
        to=[registration.email],
    )
    message.attach(f"kode-hadir-{registration.code}.png", qr_png(registration.code), "image/png")
    return message


def invitation_send_one(registration_id: int) -> bool:
    """Send one invitation if nobody has; True when this call sent it."""
    claimed = (
        Registration.objects.filter(pk=registration_id, invitation_sent_at__isnull=True)
        .exclude(email="")
        .update(invitation_sent_at=timezone.now())
    )
    if not claimed:
        return False
    registration = Registration.objects.select_related("session").get(pk=registration_id)
    try:
        invitation_message(registration).send()
    except Exception:
        Registration.objects.filter(pk=registration_id).update(invitation_sent_at=None)
        raise
    return True
