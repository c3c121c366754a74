"""Every read of sessions, registrations, pledges and the training reports, already filtered to
what the user may see: Bawaslu (and superusers) and BKPSDM see every session, a camat clerk only
the sessions of their kecamatan, anyone else none.

By what they show: ``sessions`` (sessions, registrations, pledges and the NIP lookup),
``coverage`` (the training reports) and ``case_link`` (training before a case's incident).
"""

from apps.training.selectors.case_link import (
    case_training_history,
    respondent_training_history,
    respondents_trained_by_agency,
)
from apps.training.selectors.coverage import (
    COVERAGE_GROUPS,
    coverage_percent,
    coverage_totals,
    may_see_training_coverage,
    training_coverage,
)
from apps.training.selectors.sessions import (
    SESSION_STATES,
    civil_servant_by_nip,
    kiosk_registrations,
    pledges_visible_to,
    registrations_of,
    sees_all_sessions,
    session_counts,
    session_get,
    session_list,
    session_state,
    sessions_visible_to,
)

__all__ = [
    "COVERAGE_GROUPS",
    "SESSION_STATES",
    "case_training_history",
    "civil_servant_by_nip",
    "coverage_percent",
    "coverage_totals",
    "kiosk_registrations",
    "may_see_training_coverage",
    "pledges_visible_to",
    "registrations_of",
    "respondent_training_history",
    "respondents_trained_by_agency",
    "sees_all_sessions",
    "session_counts",
    "session_get",
    "session_list",
    "session_state",
    "sessions_visible_to",
    "training_coverage",
]
