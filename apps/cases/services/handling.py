"""Handling data of a case before the decision: its fields, the people, clarifications, and who
handles it. Each service locks the case, asks the policy, and writes one event."""

from collections.abc import Iterable
from datetime import datetime
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from apps.cases import deadlines, policy
from apps.cases.models import Case, Clarification, Reporter, Respondent, Witness
from apps.cases.services.base import (
    Errors,
    add_error,
    case_lock,
    changes,
    due_dates,
    event_write,
    raise_if,
)
from apps.cases.services.intake import (
    REPORTER_KEYS,
    check_dates,
    check_place,
    clean_reporter,
    clean_respondent,
    clean_witness,
    resolve_forms,
)
from apps.core import clock, permissions
from apps.core.errors import InvalidInput
from apps.notifications import handoffs

EDITABLE_FIELDS = frozenset(
    f for op in policy.OPERATIONS.values() if op.kind == "change" for f in op.fields
)


def _operations_for(names: Iterable[str]) -> list[str]:
    """The policy's change operations that edit ``names`` (each authorised on its own)."""
    return sorted({policy.field_operation(name).name for name in names})


def _field_values(case: Case) -> dict[str, Any]:
    values = {name: getattr(case, name) for name in EDITABLE_FIELDS - {"violation_forms"}}
    values["violation_forms"] = list(case.violation_forms.all()) if case.pk else []
    return values


def case_update(*, case: Case, actor, **changed: Any) -> Case:
    """Correct a case's data; each group of fields is its own operation of the policy
    (intake dates while RECEIVED, the incident and the conclusion until the decision).

    Deadlines follow the new dates. Writes one ``update`` event with every changed field's old
    and new value, and the due dates it moved.
    """
    errors: Errors = {}
    for name in sorted(set(changed) - EDITABLE_FIELDS):
        add_error(errors, name, _("Isian ini tidak dapat diubah di sini."))
    raise_if(errors)
    with transaction.atomic():
        case = case_lock(case.pk, "view", actor)
        for operation in _operations_for(changed):
            policy.case_authorize(operation, case, actor)
        before = _field_values(case)
        after = {**before, **changed}
        if "violation_forms" in changed:
            after["violation_forms"] = resolve_forms(changed["violation_forms"] or [], errors)
        check_dates(after["received_at"], after["known_on"], after["incident_on"], errors)
        check_place(after["kecamatan"], after["village"], errors)
        raise_if(errors)
        diff = changes(before, {k: _strip(v) for k, v in after.items()})
        if not diff:
            return case
        for name in diff.keys() - {"violation_forms"}:
            setattr(case, name, _strip(after[name]))
        if "violation_forms" in diff:
            case.violation_forms.set(after["violation_forms"])
        due_before = due_dates(case)
        deadlines.recompute_case_deadlines(case, save=False)
        case.save()
        data = {"changes": diff}
        if moved := changes(due_before, due_dates(case)):
            data["deadlines"] = moved
        event_write(case, actor=actor, action="update", data=data)
    return case


def _strip(value):
    return value.strip() if isinstance(value, str) else value


def reporter_set(*, case: Case, actor, **fields: Any) -> Reporter:
    """Record or correct the reporter's identity of a laporan (the fields given; the others keep
    their value).

    The event names the fields that changed but never their values: the reporter's identity is
    confidential and stays out of the event log (Perbawaslu 1/2022, DESIGN §5).
    """
    with transaction.atomic():
        case = case_lock(case.pk, "reporter_set", actor)
        errors: Errors = {}
        if case.kind != Case.Kind.REPORT:
            add_error(
                errors, "reporter", _("Temuan tidak memiliki pelapor; catat sebagai laporan.")
            )
        existing = Reporter.objects.filter(case=case).first()
        before = {k: getattr(existing, k) for k in REPORTER_KEYS} if existing else {}
        row = clean_reporter({**before, **fields}, errors)
        raise_if(errors)
        changed = sorted(k for k in REPORTER_KEYS if before.get(k, "") != row[k])
        if existing is not None and not changed:
            return existing
        reporter, created = Reporter.objects.update_or_create(case=case, defaults=row)
        event_write(
            case,
            actor=actor,
            action="reporter_set" if created else "reporter_update",
            data={"fields": changed},
        )
    return reporter


def respondent_add(*, case: Case, actor, **fields: Any) -> Respondent:
    """Add a reported person; by NIP linked to the registry with a snapshot (as at intake)."""
    with transaction.atomic():
        case = case_lock(case.pk, "respondent_add", actor)
        errors: Errors = {}
        row = clean_respondent(fields, "respondent", errors)
        raise_if(errors)
        respondent = Respondent.objects.create(case=case, **row)
        event_write(
            case,
            actor=actor,
            action="respondent_add",
            data={
                "respondent_id": respondent.pk,
                "changes": {"respondents": [None, f"{respondent.name} {respondent.nip}".strip()]},
            },
        )
    return respondent


def witness_add(*, case: Case, actor, **fields: Any) -> Witness:
    """Add a witness (saksi); the event keeps the row's id, not the witness's identity."""
    with transaction.atomic():
        case = case_lock(case.pk, "witness_add", actor)
        errors: Errors = {}
        row = clean_witness(fields, "witness", errors)
        raise_if(errors)
        witness = Witness.objects.create(case=case, **row)
        event_write(case, actor=actor, action="witness_add", data={"witness_id": witness.pk})
    return witness


def _check_clarification(case, person_name, role, held_at, respondent) -> Errors:
    errors: Errors = {}
    if not person_name.strip():
        add_error(errors, "person_name", _("Nama yang diklarifikasi wajib diisi."))
    if role not in Clarification.Role.values:
        add_error(errors, "role", _("Peran harus pelapor, saksi, terlapor atau ahli."))
    if not isinstance(held_at, datetime) or timezone.is_naive(held_at):
        add_error(
            errors, "held_at", _("Waktu klarifikasi wajib diisi lengkap dengan zona waktunya.")
        )
    elif held_at > clock.now():
        add_error(errors, "held_at", _("Waktu klarifikasi tidak boleh di masa depan."))
    if respondent is not None and respondent.case_id != case.pk:
        add_error(errors, "respondent", _("Terlapor tidak ada pada kasus ini."))
    return errors


def clarification_record(
    *,
    case: Case,
    actor,
    person_name: str,
    role: str,
    held_at: datetime,
    attended: bool = True,
    summary: str = "",
    respondent: Respondent | None = None,
) -> Clarification:
    """Record a clarification (klarifikasi) held with a reporter, witness, respondent or expert."""
    with transaction.atomic():
        case = case_lock(case.pk, "clarification_record", actor)
        raise_if(_check_clarification(case, person_name, role, held_at, respondent))
        clarification = Clarification.objects.create(
            case=case,
            person_name=person_name.strip(),
            role=role,
            respondent=respondent,
            held_at=held_at,
            attended=attended,
            summary=summary.strip(),
            recorded_by=actor,
        )
        event_write(
            case,
            actor=actor,
            action="clarification",
            data={"clarification_id": clarification.pk, "role": role, "attended": attended},
        )
    return clarification


def case_assign(*, case: Case, investigators: Iterable, actor, note: str = "") -> Case:
    """Assign the investigators who handle ``case`` (replaces the previous assignment)."""
    users = list(investigators)
    with transaction.atomic():
        case = case_lock(case.pk, "assign", actor)
        not_investigators = [u for u in users if not permissions.is_investigator(u)]
        if not_investigators:
            names = ", ".join(u.get_username() for u in not_investigators)
            message = _("Bukan investigator: %(names)s.") % {"names": names}
            raise InvalidInput(message, fields={"investigators": [message]})
        before = sorted(u.get_username() for u in case.assigned_investigators.all())
        after = sorted(u.get_username() for u in users)
        if before == after:
            return case
        case.assigned_investigators.set(users)
        event_write(
            case,
            actor=actor,
            action="assign",
            note=note,
            data={"changes": {"investigators": [before, after]}},
        )
        newly = [u for u in users if u.get_username() not in before]
        handoffs.notify_assigned(case=case, investigators=newly, actor=actor)
    return case
