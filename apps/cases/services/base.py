"""What every case service shares: the locked, authorised case; the one event; errors."""

from datetime import date, datetime
from decimal import Decimal

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext as _

from apps.cases import deadlines, policy
from apps.cases.models import Case, CaseEvent
from apps.core import clock
from apps.core.errors import InvalidInput, NotFound

Errors = dict[str, list[str]]


def add_error(errors: Errors, key: str, message) -> None:
    errors.setdefault(key, []).append(str(message))


def raise_if(errors: Errors) -> None:
    if errors:
        raise InvalidInput(
            _("Data belum lengkap atau tidak valid: %(count)d isian perlu diperbaiki.")
            % {"count": sum(len(m) for m in errors.values())},
            fields=errors,
        )


def unknown_keys(errors: Errors, prefix: str, item: dict, known) -> None:
    for key in sorted(set(item) - set(known)):
        add_error(errors, f"{prefix}.{key}" if prefix else key, _("Isian tidak dikenal."))


def case_lock(case_id, operation: str, actor) -> Case:
    """The case row locked for this transaction, once the policy allows ``operation``."""
    try:
        case = Case.objects.select_for_update().select_related("election").get(pk=case_id)
    except (Case.DoesNotExist, ValueError, TypeError):
        raise NotFound(_("Kasus tidak ditemukan.")) from None
    policy.case_authorize(operation, case, actor)
    return case


def case_check(case_id, operation: str, actor) -> Case:
    """The case as stored now, once the policy allows ``operation`` (no lock: for failing fast
    before slow work; the writing transaction asks again with :func:`case_lock`)."""
    try:
        case = Case.objects.select_related("election").get(pk=case_id)
    except (Case.DoesNotExist, ValueError, TypeError):
        raise NotFound(_("Kasus tidak ditemukan.")) from None
    policy.case_authorize(operation, case, actor)
    return case


def event_value(value):
    """A value as the event log keeps it: JSON, readable, without model instances."""
    if isinstance(value, datetime):
        return deadlines.iso_utc(value)
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, models.Model):
        code = getattr(value, "code", None)
        return f"{code} {value}" if code and str(code) != str(value) else str(value)
    if isinstance(value, list | tuple | set | frozenset):
        return sorted(event_value(v) for v in value)
    return value


def changes(before: dict, after: dict) -> dict[str, list]:
    """``{field: [old, new]}`` for every field whose value differs."""
    return {
        name: [event_value(before.get(name)), event_value(after.get(name))]
        for name in after
        if event_value(before.get(name)) != event_value(after.get(name))
    }


def due_dates(case: Case) -> dict:
    """The case's legal due dates (the derived ``next_due_at`` is not an event's business)."""
    return {name: getattr(case, name) for name in deadlines.LEGAL_DEADLINE_FIELDS}


def event_write(
    case: Case, *, actor, action: str, from_status="", to_status="", note="", data=None
) -> CaseEvent:
    """The one event a write leaves on the case's append-only timeline; the case's
    ``updated_at`` moves with it, also when the write was to a row of its own (a respondent's
    PPK decision, an objection, evidence): ``updated_after`` pulls see every change."""
    case.updated_at = timezone.now()  # as ``auto_now`` would
    Case.objects.filter(pk=case.pk).update(updated_at=case.updated_at)
    return CaseEvent.objects.create(
        case=case,
        actor=actor,
        at=clock.now(),
        action=action,
        from_status=from_status,
        to_status=to_status,
        note=note,
        data=data or {},
    )
