"""The sets of case states the policy and the deadline clocks both speak of (DESIGN §2)."""

from apps.cases.models import Case

S = Case.Status
ALL_STATES = frozenset(S.values)
END_STATES = frozenset({S.CLOSED, S.NOT_REGISTERED, S.DISMISSED})
OPEN_STATES = ALL_STATES - END_STATES
# Until the decision (register/reject, then dismiss/forward) the handling data may change and
# the decision clock runs.
DECISION_PENDING = frozenset({S.RECEIVED, S.REGISTERED, S.CLARIFICATION, S.REVIEW})
REGISTERED_PENDING = frozenset({S.REGISTERED, S.CLARIFICATION, S.REVIEW})
AFTER_FORWARDING = frozenset({S.FORWARDED, S.CLOSED})
