"""Who may do what to a case, and when: the one policy table (DESIGN §1, §2, §5).

Every operation on a case is one row of :data:`OPERATIONS`: reading it, each workflow
transition, and every other change (its fields, the reporter, respondents, witnesses,
clarifications, evidence, assignment, the PPK's follow-up). A row says in which states each
capacity may do it, what it needs (guards: 400 naming every unmet requirement; preconditions:
409) and which event it writes. ``python manage.py policy`` prints the table; docs/cases.md
carries that output.

Capacities, decided per user and case by :func:`capacities`:

- ``coordinator`` — a member of ``bawaslu_coordinator``;
- ``investigator`` — a member of ``bawaslu_investigator`` *assigned to the case* (an investigator
  who is not assigned does not see it: 404);
- ``bkpsdm`` — a member of ``bkpsdm_officer``;
- ``administrator`` — a superuser: what a coordinator may do, except the confidential reads
  (the reporter's and witnesses' identity is for Bawaslu roles only, Perbawaslu 1/2022).

Services call :func:`case_authorize` inside their transaction, with the case row locked; the
admin, the API and the pages call :func:`allowed_operations` to show buttons and editable fields.
Nothing else decides who may do what to a case.
"""

from apps.cases.policy.checks import (
    allowed_operations,
    available_transitions,
    capacities,
    case_authorize,
    check_input,
    editable_fields,
    field_operation,
    get_operation,
    is_assigned,
    may,
    role_authorize,
    visible_q,
    who_text,
)
from apps.cases.policy.table import (
    ADMINISTRATOR,
    ALL_STATES,
    BKPSDM,
    CAPACITIES,
    CAPACITY_LABELS,
    COORDINATOR,
    FIELD_LABELS,
    INVESTIGATOR,
    OPERATIONS,
    REASON_CODES,
    TRANSITIONS,
    Operation,
)
from apps.cases.states import DECISION_PENDING, END_STATES, OPEN_STATES

__all__ = [
    "ADMINISTRATOR",
    "ALL_STATES",
    "BKPSDM",
    "CAPACITIES",
    "CAPACITY_LABELS",
    "COORDINATOR",
    "DECISION_PENDING",
    "END_STATES",
    "FIELD_LABELS",
    "INVESTIGATOR",
    "OPEN_STATES",
    "OPERATIONS",
    "REASON_CODES",
    "TRANSITIONS",
    "Operation",
    "allowed_operations",
    "available_transitions",
    "capacities",
    "case_authorize",
    "check_input",
    "editable_fields",
    "field_operation",
    "get_operation",
    "is_assigned",
    "may",
    "role_authorize",
    "visible_q",
    "who_text",
]
