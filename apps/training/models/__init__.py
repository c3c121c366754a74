"""Neutrality socialisation sessions (sosialisasi netralitas ASN), their participants, attendance
and integrity pledges (DESIGN §6).

Every write goes through ``apps.training.services``; the constraints on ``Registration`` are what
keeps a person to one registration per session even when two clerks add them at the same moment.

By what they hold: ``session`` (the session, its speakers and kiosk links), ``registration``
(participants, their attendance and bulk imports), ``pledge`` (integrity pledges) and ``event``
(the audit trail).
"""

from apps.training.models.event import TrainingEvent
from apps.training.models.pledge import IntegrityPledge, pledge_document_path
from apps.training.models.registration import (
    NON_ASN_TYPES,
    AttendanceMethod,
    ParticipantImport,
    ParticipantType,
    Registration,
    participant_import_path,
)
from apps.training.models.session import KioskToken, Session, Speaker

__all__ = [
    "NON_ASN_TYPES",
    "AttendanceMethod",
    "IntegrityPledge",
    "KioskToken",
    "ParticipantImport",
    "ParticipantType",
    "Registration",
    "Session",
    "Speaker",
    "TrainingEvent",
    "participant_import_path",
    "pledge_document_path",
]
