"""Every write on cases. The admin, the API, the pages and the tasks call these; nothing else
writes a case. Each service locks the case row, asks the policy (``apps.cases.policy``) whether
the actor may do the operation now, validates, writes, and leaves exactly one ``CaseEvent`` with
the old and the new values.
"""

from apps.cases.services.disputes import (
    block_request,
    block_update,
    objection_decide,
    objection_file,
)
from apps.cases.services.follow_up import bkn_recommendation_record, followup_record
from apps.cases.services.gakkumdu import gakkumdu_progress, gakkumdu_refer
from apps.cases.services.handling import (
    EDITABLE_FIELDS,
    case_assign,
    case_update,
    clarification_record,
    reporter_set,
    respondent_add,
    witness_add,
)
from apps.cases.services.intake import case_create, case_tracking_pin_issue
from apps.cases.services.rules import election_update, holiday_add, holiday_remove
from apps.cases.services.transitions import case_transition

__all__ = [
    "EDITABLE_FIELDS",
    "bkn_recommendation_record",
    "block_request",
    "block_update",
    "case_assign",
    "case_create",
    "case_tracking_pin_issue",
    "case_transition",
    "case_update",
    "clarification_record",
    "election_update",
    "followup_record",
    "gakkumdu_progress",
    "gakkumdu_refer",
    "holiday_add",
    "holiday_remove",
    "objection_decide",
    "objection_file",
    "reporter_set",
    "respondent_add",
    "witness_add",
]
