"""Retention of participants' phone numbers (UU 27/2022).

A set time (``NETRAL_RETENTION_DAYS["participant_phones"]``) after a session ended, its
participants' phone numbers are emptied. Names, NIP, institution and attendance stay: they are
what the coverage reports count and what a case's training history shows. Each session is done
in its own transaction under its row lock; a second run finds nothing left to empty.
"""

import logging
from datetime import datetime, timedelta

from django.conf import settings
from django.db import transaction
from django.db.models import Exists, OuterRef, QuerySet
from django.utils import timezone

from apps.training.models import Registration, Session

logger = logging.getLogger(__name__)


def phones_due(now: datetime | None = None) -> QuerySet[Session]:
    """Sessions that ended before the cut-off and still hold a participant's phone number."""
    days = settings.NETRAL_RETENTION_DAYS["participant_phones"]
    cutoff = (now or timezone.now()) - timedelta(days=days)
    with_phone = Registration.objects.filter(session=OuterRef("pk")).exclude(phone="")
    return Session.objects.filter(Exists(with_phone), ends_at__lt=cutoff)


@transaction.atomic
def participant_phones_pseudonymise(*, session_id: int, now: datetime | None = None) -> int:
    """Empty the phone numbers of one session's participants if due; returns how many."""
    session = Session.objects.select_for_update().filter(pk=session_id).first()
    if session is None or not phones_due(now).filter(pk=session_id).exists():
        return 0
    emptied = Registration.objects.filter(session=session).exclude(phone="").update(phone="")
    logger.info(
        "retention: %d participant phone numbers emptied in session %d", emptied, session.pk
    )
    return emptied
