"""The vocabulary of the policy table: capacities, an operation's row, and the helpers that
say who may do it (see :mod:`apps.cases.policy`)."""

from collections.abc import Mapping
from dataclasses import dataclass

from django.utils.translation import gettext_lazy

from apps.cases.guards import Guard, Precondition
from apps.cases.models import Case

S = Case.Status
COORDINATOR, INVESTIGATOR, BKPSDM, ADMINISTRATOR = (
    "coordinator",
    "investigator",
    "bkpsdm",
    "administrator",
)
CAPACITIES = (COORDINATOR, INVESTIGATOR, BKPSDM, ADMINISTRATOR)
CAPACITY_LABELS = {
    COORDINATOR: gettext_lazy("koordinator"),
    INVESTIGATOR: gettext_lazy("investigator yang ditugaskan"),
    BKPSDM: gettext_lazy("petugas BKPSDM"),
    ADMINISTRATOR: gettext_lazy("administrator"),
}

READ, CHANGE, TRANSITION = "read", "change", "transition"


@dataclass(frozen=True)
class Operation:
    """One row of the policy: an operation on a case and its rules."""

    name: str
    label: str
    kind: str
    who: Mapping[str, frozenset[str]]  # capacity -> the states in which it may
    event: str = ""  # the CaseEvent action written ("" for reads)
    target: str | None = None  # transitions: the new state (None: unchanged, e.g. extend)
    fields: tuple[str, ...] = ()  # changes: the case fields it edits
    required: tuple[str, ...] = ()  # transitions: the inputs it needs
    optional: tuple[str, ...] = ()
    guards: tuple[Guard, ...] = ()
    preconditions: tuple[Precondition, ...] = ()

    @property
    def states(self) -> frozenset[str]:
        return frozenset().union(*self.who.values())

    @property
    def accepted_fields(self) -> frozenset[str]:
        return frozenset(self.required) | frozenset(self.optional)


def bawaslu(states: frozenset[str]) -> dict[str, frozenset[str]]:
    """Coordinators, administrators and the investigators assigned to the case."""
    return {COORDINATOR: states, INVESTIGATOR: states, ADMINISTRATOR: states}


def pleno(states: frozenset[str]) -> dict[str, frozenset[str]]:
    """Coordinators and administrators: the plenary decision and the assignment."""
    return {COORDINATOR: states, ADMINISTRATOR: states}


def with_bkpsdm(states: frozenset[str]) -> dict[str, frozenset[str]]:
    """The PPK's follow-up: BKPSDM beside the coordinators."""
    return {**pleno(states), BKPSDM: states}


def confidential(states: frozenset[str]) -> dict[str, frozenset[str]]:
    """Coordinators and assigned investigators only (as ``view_confidential``): what names the
    reporter or the people heard."""
    return {COORDINATOR: states, INVESTIGATOR: states}


def document(kind, issue_label, read_label, issue_who, read_who, **rules) -> list[Operation]:
    """Issuing an official document of ``kind`` (apps.documents; event ``document_issued``)
    and reading its PDFs."""
    return [
        Operation(f"issue_{kind}", issue_label, CHANGE, issue_who, "document_issued", **rules),
        Operation(f"read_{kind}", read_label, READ, read_who),
    ]


def transition(name, label, sources, target, who, **rules) -> Operation:
    return Operation(
        name, label, TRANSITION, {c: sources & s for c, s in who.items()}, name, target, **rules
    )
