"""Cases of ASN neutrality violations (kasus netralitas ASN) and their reference data.

The policy lives in ``apps.cases.policy``, the deadline arithmetic in ``apps.cases.deadlines``
and every write in ``apps.cases.services``; models hold fields, constraints and derived values.
By what they hold: ``reference`` (the rules' tables), ``case``, ``people`` (reporter,
respondents, witnesses, clarifications) and ``records`` (evidence, forwarding, follow-up, the
event log).
"""

from apps.cases.models.case import Case, RegisterCounter
from apps.cases.models.gakkumdu import GakkumduReferral, GakkumduStage
from apps.cases.models.outcome import (
    BknRecommendation,
    DataBlock,
    FollowUp,
    Objection,
    Sanction,
)
from apps.cases.models.people import (
    Clarification,
    Employment,
    Reporter,
    ReporterAccess,
    Respondent,
    Witness,
)
from apps.cases.models.records import (
    CaseEvent,
    CaseEventQuerySet,
    Evidence,
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
    "BknRecommendation",
    "Case",
    "CaseEvent",
    "CaseEventQuerySet",
    "Clarification",
    "DataBlock",
    "DayType",
    "Election",
    "Employment",
    "Evidence",
    "FollowUp",
    "Forwarding",
    "ForwardingRecipient",
    "GakkumduReferral",
    "GakkumduStage",
    "Holiday",
    "Objection",
    "RegisterCounter",
    "Reporter",
    "ReporterAccess",
    "Respondent",
    "Sanction",
    "SanctionType",
    "Severity",
    "ViolationForm",
    "Witness",
    "evidence_path",
]
