"""Cases of ASN neutrality violations (kasus netralitas ASN) and their reference data.

The policy lives in ``apps.cases.policy``, the deadline arithmetic in ``apps.cases.deadlines``
and every write in ``apps.cases.services``; models hold fields, constraints and derived values.
By what they hold: ``reference`` (the rules' tables), ``case``, ``people`` (reporter,
respondents, witnesses, clarifications) and ``records`` (evidence, forwarding, follow-up, the
event log).
"""

from apps.cases.models.case import Case, RegisterCounter
from apps.cases.models.people import Clarification, Reporter, ReporterAccess, Respondent, Witness
from apps.cases.models.records import (
    CaseEvent,
    CaseEventQuerySet,
    Evidence,
    FollowUp,
    Forwarding,
    evidence_path,
)
from apps.cases.models.reference import (
    DayType,
    Election,
    ForwardingRecipient,
    Holiday,
    SanctionType,
    Severity,
    ViolationForm,
)

__all__ = [
    "Case",
    "CaseEvent",
    "CaseEventQuerySet",
    "Clarification",
    "DayType",
    "Election",
    "Evidence",
    "FollowUp",
    "Forwarding",
    "ForwardingRecipient",
    "Holiday",
    "RegisterCounter",
    "Reporter",
    "ReporterAccess",
    "Respondent",
    "SanctionType",
    "Severity",
    "ViolationForm",
    "Witness",
    "evidence_path",
]
