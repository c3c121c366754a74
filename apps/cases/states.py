"""The sets of case states the policy and the deadline clocks both speak of (DESIGN §2)."""

from apps.cases.models import Case

S = Case.Status
ALL_STATES = frozenset(S.values)
END_STATES = frozenset({S.CLOSED, S.NOT_REGISTERED, S.DISMISSED, S.JOINED})
OPEN_STATES = ALL_STATES - END_STATES
# Until the decision (register/reject, then dismiss/forward) the handling data may change and
# the decision clock runs.
DECISION_PENDING = frozenset({S.RECEIVED, S.REGISTERED, S.CLARIFICATION, S.REVIEW})
REGISTERED_PENDING = frozenset({S.REGISTERED, S.CLARIFICATION, S.REVIEW})
AFTER_FORWARDING = frozenset({S.FORWARDED, S.CLOSED})
# Registered and not ended by a decision not to handle it: where the criminal track can run.
AFTER_REGISTRATION = frozenset(
    {S.REGISTERED, S.CLARIFICATION, S.REVIEW, S.FORWARDED, S.CLOSED, S.DISMISSED}
)
