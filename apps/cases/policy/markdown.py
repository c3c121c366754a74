"""The policy table as Markdown: ``python manage.py policy`` prints it, docs/cases.md carries it."""

from django.utils import translation

from apps.cases.models import Case
from apps.cases.policy.table import ALL_STATES, CAPACITIES, OPERATIONS, Operation

S = Case.Status
BEGIN = "<!-- policy:begin (python manage.py policy) -->"
END = "<!-- policy:end -->"
HEAD = {
    "coordinator": "coordinator",
    "investigator": "investigator (assigned)",
    "bkpsdm": "BKPSDM officer",
    "administrator": "administrator (superuser)",
}


def _states(states: frozenset[str]) -> str:
    if not states:
        return "—"
    if states == ALL_STATES:
        return "all"
    return ", ".join(f"`{s}`" for s in S.values if s in states)


def _checks(op: Operation) -> str:
    checks = [*op.guards, *op.preconditions]
    texts = [
        " ".join((check.__doc__ or check.__name__).strip().split("\n\n")[0].split())
        for check in checks
    ]
    required = [f"`{name}`" for name in op.required]
    if required:
        texts.insert(0, "needs " + ", ".join(required))
    return "; ".join(text.rstrip(".") for text in texts) or "—"


def _row(op: Operation) -> str:
    who = [_states(op.who.get(capacity, frozenset())) for capacity in CAPACITIES]
    target = f" → `{op.target}`" if op.target else ""
    event = f"`{op.event}`" if op.event else "—"
    cells = [f"`{op.name}`{target}", str(op.label), *who, event, _checks(op)]
    return "| " + " | ".join(cell.replace("|", "\\|") for cell in cells) + " |"


def policy_markdown() -> str:
    """Operation × capacity → the states in which it is allowed, with its event and checks."""
    with translation.override("id"):
        head = ["operation", "label", *(HEAD[c] for c in CAPACITIES), "event", "checks"]
        lines = [
            "| " + " | ".join(head) + " |",
            "| " + " | ".join("---" for _ in head) + " |",
            *(_row(op) for op in OPERATIONS.values()),
        ]
    return "\n".join(lines) + "\n"


def embedded_in(text: str) -> str:
    """The table a document carries between the :data:`BEGIN` and :data:`END` markers."""
    start = text.index(BEGIN) + len(BEGIN)
    return text[start : text.index(END)].strip("\n") + "\n"
