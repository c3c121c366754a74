"""The workflow: one service performs every transition of the policy table."""

from collections.abc import Mapping
from datetime import datetime, time
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from apps.cases import deadlines, numbering, policy
from apps.cases.models import Case, Forwarding, Respondent
from apps.cases.services.base import case_lock, changes, due_dates, event_write
from apps.core import clock
from apps.core.errors import InvalidInput
from apps.notifications import handoffs


def _register(case: Case, data: dict, now: datetime, actor) -> dict:
    registered_on = data.get("registered_on") or deadlines.local_date(now)
    case.registered_at = now
    if registered_on != deadlines.local_date(now):
        # Entered after the fact: the real day, at the hour of receipt if it was that day.
        case.registered_at = max(
            case.received_at,
            datetime.combine(registered_on, time(9, 0), tzinfo=deadlines.WITA),
        )
    number = numbering.assign_number(case, registered_on=registered_on)
    extra = {"number": number}
    if data.get("registration_reason"):
        extra["registered_on"] = registered_on.isoformat()
        extra["registration_reason"] = str(data["registration_reason"]).strip()
    return extra


def _reject(case: Case, data: dict, now: datetime, actor) -> dict:
    case.closing_reason = data["reason"].strip()
    case.reason_code = data.get("reason_code") or ""
    case.decided_at = now
    return {"reason_code": case.reason_code} if case.reason_code else {}


def _extend(case: Case, data: dict, now: datetime, actor) -> dict:
    case.extended_at = now
    return {}


def _dismiss(case: Case, data: dict, now: datetime, actor) -> dict:
    extra = _reject(case, data, now, actor)
    case.conclusion = str(data.get("conclusion") or case.conclusion).strip()
    return extra


def _forward(case: Case, data: dict, now: datetime, actor) -> dict:
    forwarding = Forwarding.objects.create(
        case=case,
        letter_number=str(data["letter_number"]).strip(),
        letter_date=data["letter_date"],
        recommended_sanction=data["recommended_sanction"],
        note=str(data.get("note") or "").strip(),
        forwarded_by=actor,
        forwarded_at=now,
    )
    forwarding.recipients.set(data["recipients"])
    per_respondent = data.get("recommendations") or {}
    recommended = {}
    for respondent in Respondent.objects.filter(case=case):
        category = per_respondent.get(str(respondent.pk), forwarding.recommended_sanction)
        respondent.recommended_severity = category
        respondent.save(update_fields=["recommended_severity"])
        recommended[str(respondent.pk)] = category
    case.conclusion = str(data.get("conclusion") or case.conclusion).strip()
    case.decided_at = now
    case.forwarded_at = now
    return {
        "letter_number": forwarding.letter_number,
        "letter_date": forwarding.letter_date.isoformat(),
        "recipients": [r.code for r in data["recipients"]],
        "recommended_sanction": forwarding.recommended_sanction,
        "recommendations": recommended,
    }


def _close(case: Case, data: dict, now: datetime, actor) -> dict:
    case.closed_at = now
    return {}


def _reopen(case: Case, data: dict, now: datetime, actor) -> dict:
    """An amendment after closing: the case is open again for the correction, on the record."""
    before = case.closed_at
    case.closed_at = None
    return {"changes": {"closed_at": [deadlines.iso_utc(before), None]}}


def _join(case: Case, data: dict, now: datetime, actor) -> dict:
    """Penggabungan: this report ends as joined; the other case carries the handling."""
    target = data["into"]
    case.joined_into = target
    case.decided_at = now
    case.closing_reason = str(data["reason"]).strip()
    return {"into": target.pk, "into_number": target.number or ""}


def _no_effect(case: Case, data: dict, now: datetime, actor) -> dict:
    return {}


EFFECTS = {
    "register": _register,
    "reject": _reject,
    "begin_clarification": _no_effect,
    "begin_review": _no_effect,
    "extend": _extend,
    "dismiss": _dismiss,
    "forward": _forward,
    "close": _close,
    "reopen": _reopen,
    "join": _join,
}


def case_transition(
    *, case_id: int, action: str, actor, fields: Mapping[str, Any] | None = None
) -> Case:
    """Perform one workflow action on a case: the only way a case changes state.

    ``fields`` is the action's input (a mapping, so that any key a caller sends is named in the
    400, reserved words such as ``actor`` included). In one transaction: lock the case row; ask
    the policy (404 / 403 / 409); run the guards (400 naming every unmet requirement); apply the
    change; recompute the deadlines; write exactly one event with the due dates it moved.
    """
    if not isinstance(action, str) or action not in policy.TRANSITIONS:
        raise InvalidInput(
            _("Tindakan '%(name)s' tidak dikenal; yang tersedia: %(known)s.")
            % {"name": action, "known": ", ".join(policy.TRANSITIONS)},
            fields={"action": [_("Tindakan tidak dikenal.")]},
            code="unknown_action",
        )
    op = policy.TRANSITIONS[action]
    with transaction.atomic():
        case = case_lock(case_id, action, actor)
        data = policy.check_input(op, case, dict(fields or {}))
        now = clock.now()
        from_status, due_before = case.status, due_dates(case)
        extra = EFFECTS[op.name](case, data, now, actor)
        if op.target:
            case.status = op.target
        deadlines.recompute_case_deadlines(case, save=False)
        case.save()
        if moved := changes(due_before, due_dates(case)):
            extra["deadlines"] = moved
        note = str(data.get("reason") or data.get("note") or "").strip()
        event_write(
            case,
            actor=actor,
            action=op.event,
            from_status=from_status,
            to_status=case.status,
            note=note,
            data=extra,
        )
        if op.name == "forward":
            handoffs.notify_forwarded(case=case, actor=actor)
    return case
