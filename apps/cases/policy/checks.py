"""The checks of the case policy: who a user is on a case, and whether the table lets them.

See :mod:`apps.cases.policy` for the table and the rules it follows.
"""

from django.db.models import Q
from django.utils.translation import gettext as _

from apps.cases import guards
from apps.cases.models import Case
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
    TRANSITION,
    TRANSITIONS,
    Operation,
    S,
)
from apps.core import permissions, roles
from apps.core.errors import Conflict, Forbidden, InvalidInput, NotFound

# --- who the user is on a case ----------------------------------------------------------------


def is_assigned(user, case: Case) -> bool:
    """Whether ``user`` handles ``case`` (from a prefetched assignment when there is one)."""
    prefetched = getattr(case, "_prefetched_objects_cache", {}).get("assigned_investigators")
    if prefetched is not None:
        return any(u.pk == user.pk for u in prefetched)
    return case.assigned_investigators.filter(pk=user.pk).exists()


def capacities(user, case: Case | None = None) -> frozenset[str]:
    """In which of the table's capacities ``user`` acts on ``case`` (on cases in general when
    ``case`` is None: an investigator then counts as one, assigned or not)."""
    if not user.is_authenticated or not user.is_active:
        return frozenset()
    names = permissions.role_names(user)
    found = set()
    if roles.COORDINATOR in names:
        found.add(COORDINATOR)
    if user.is_superuser:
        found.add(ADMINISTRATOR)
    if roles.INVESTIGATOR in names and (case is None or is_assigned(user, case)):
        found.add(INVESTIGATOR)
    if roles.BKPSDM_OFFICER in names:
        found.add(BKPSDM)
    return frozenset(found)


# --- the checks -------------------------------------------------------------------------------


def get_operation(name: str) -> Operation:
    try:
        return OPERATIONS[name]
    except KeyError:
        known = ", ".join(TRANSITIONS)
        raise InvalidInput(
            _("Tindakan '%(name)s' tidak dikenal; yang tersedia: %(known)s.")
            % {"name": name, "known": known},
            fields={"action": [_("Tindakan tidak dikenal.")]},
            code="unknown_action",
        ) from None


def _permits(op: Operation, held: frozenset[str], status: str) -> bool:
    return any(status in op.who.get(capacity, ()) for capacity in held)


def who_text(op: Operation) -> str:
    return ", ".join(str(CAPACITY_LABELS[c]) for c in CAPACITIES if op.who.get(c))


def states_text(states) -> str:
    return ", ".join(str(S(s).label) for s in S.values if s in states)


def case_authorize(operation: str, case: Case, actor, *, held: frozenset[str] | None = None):
    """Refuse ``operation`` on ``case`` by ``actor`` unless the table allows it now.

    ``NotFound`` when the actor may not see the case, ``Forbidden`` when their role may not do
    it, ``Conflict`` when the case's state does not allow it (naming the states that do).
    Call it with the case row locked, inside the transaction that writes.
    """
    op = get_operation(operation)
    held = capacities(actor, case) if held is None else held
    if not _permits(OPERATIONS["view"], held, case.status):
        raise NotFound(_("Kasus tidak ditemukan."))
    mine = [c for c in held if op.who.get(c)]
    if not mine:
        raise Forbidden(
            _("Tindakan '%(op)s' hanya dapat dilakukan oleh: %(who)s.")
            % {"op": op.label, "who": who_text(op)}
        )
    states = frozenset().union(*(op.who[c] for c in mine))
    if case.status not in states:
        if op.kind == TRANSITION:
            text = _(
                "Tindakan '%(op)s' tidak dapat dilakukan pada kasus berstatus %(status)s; "
                "hanya dari status: %(states)s."
            )
        else:
            text = _(
                "Tindakan '%(op)s' tidak dapat dilakukan pada kasus berstatus %(status)s; "
                "hanya pada status: %(states)s."
            )
        raise Conflict(
            text
            % {"op": op.label, "status": case.get_status_display(), "states": states_text(states)},
            code="invalid_transition" if op.kind == TRANSITION else "invalid_state",
        )
    for precondition in op.preconditions:
        if problem := precondition(case):
            raise Conflict(problem, code="invalid_transition")


def role_authorize(operation: str, actor) -> None:
    """Refuse an operation that needs no case yet (``create``) to a role the table leaves out."""
    op = get_operation(operation)
    if not capacities(actor) & {c for c, states in op.who.items() if states}:
        raise Forbidden(
            _("Tindakan '%(op)s' hanya dapat dilakukan oleh: %(who)s.")
            % {"op": op.label, "who": who_text(op)}
        )


def _blank(value) -> bool:
    if isinstance(value, str):
        return not value.strip()
    return value is None or (isinstance(value, list | tuple | set) and not value)


def check_input(op: Operation, case: Case, fields: dict) -> dict:
    """Every unmet requirement of a transition's input at once: unknown and missing fields,
    then the guards (``InvalidInput``); returns the input as the guards normalised it."""
    data = dict(fields)
    unmet: list[guards.Unmet] = [
        (name, _("Isian ini tidak dikenal untuk tindakan '%(action)s'.") % {"action": op.label})
        for name in sorted(set(data) - op.accepted_fields)
    ]
    unmet += [
        (name, _("%(label)s wajib diisi.") % {"label": FIELD_LABELS.get(name, name)})
        for name in op.required
        if _blank(data.get(name))
    ]
    for guard in op.guards:
        unmet += guard(case, data)
    if unmet:
        grouped: dict[str, list[str]] = {}
        for name, message in unmet:
            grouped.setdefault(name, []).append(message)
        raise InvalidInput(
            _("Tindakan '%(action)s' belum dapat dilakukan: %(count)d syarat belum terpenuhi.")
            % {"action": op.label, "count": len(unmet)},
            fields=grouped,
            code="requirements_unmet",
        )
    return data


def allowed_operations(case: Case, user) -> frozenset[str]:
    """The operations ``user`` may do on ``case`` now (role, assignment, state, preconditions;
    input guards are checked when the operation is tried)."""
    held = capacities(user, case)
    return frozenset(
        name
        for name, op in OPERATIONS.items()
        if _permits(op, held, case.status)
        and not any(pre(case) for pre in op.preconditions)
        and _permits(OPERATIONS["view"], held, case.status)
    )


def available_transitions(case: Case, user) -> list[str]:
    """The workflow actions ``user`` may try on ``case`` now, in the table's order."""
    allowed = allowed_operations(case, user)
    return [name for name in TRANSITIONS if name in allowed]


def editable_fields(case: Case, user) -> frozenset[str]:
    """The case fields ``user`` may change now (the ``fields`` of the allowed changes)."""
    allowed = allowed_operations(case, user)
    return frozenset(f for name in allowed for f in OPERATIONS[name].fields)


def field_operation(field: str) -> Operation:
    """The change that edits ``field`` of a case."""
    for op in OPERATIONS.values():
        if field in op.fields:
            return op
    raise KeyError(field)


def may(user, operation: str) -> bool:
    """Whether ``user``'s role may do ``operation`` on some case (lists, menus, columns)."""
    return bool(capacities(user) & set(OPERATIONS[operation].who))


def visible_q(user) -> Q | None:
    """The cases ``user`` may see, as a filter (None: every case), from the ``view`` row."""
    held = capacities(user)
    who = OPERATIONS["view"].who
    if any(who.get(c) == ALL_STATES for c in held - {INVESTIGATOR}):
        return None
    scope = Q(pk__in=[])
    if INVESTIGATOR in held:
        assigned = Case.assigned_investigators.through.objects.filter(user_id=user.pk)
        scope |= Q(pk__in=assigned.values("case_id"), status__in=who[INVESTIGATOR])
    for capacity in held - {INVESTIGATOR}:
        scope |= Q(status__in=who.get(capacity, ()))
    return scope
