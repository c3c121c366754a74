"""Every write on cases. The admin, the API and the tasks call these; nothing else writes.

The one transition service is :func:`case_transition`: it performs any action of the workflow
table (``apps.cases.workflow``) under a row lock and writes exactly one event. After the commit it
sends :data:`case_transitioned` (case id, event id, action) for side effects such as
notifications; receivers must only schedule work (e.g. a Celery task taking the ids).
"""

from collections.abc import Iterable, Sequence
from datetime import date, datetime
from functools import partial
from typing import Any

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.dispatch import Signal
from django.utils import timezone
from django.utils.translation import gettext as _

from apps.cases import deadlines, numbering, selectors, workflow
from apps.cases.models import (
    Case,
    CaseEvent,
    Clarification,
    Election,
    FollowUp,
    Forwarding,
    Holiday,
    Reporter,
    Respondent,
    SanctionType,
    ViolationForm,
    Witness,
)
from apps.core import permissions
from apps.core.errors import Conflict, Forbidden, InvalidInput, NotFound
from apps.personnel import identifiers
from apps.personnel.models import CivilServant, Region

# Sent after a transition commits: sender=Case, case_id, event_id, action, from_status, to_status.
case_transitioned = Signal()

Errors = dict[str, list[str]]


def _add(errors: Errors, key: str, message) -> None:
    errors.setdefault(key, []).append(str(message))


def _raise_if(errors: Errors) -> None:
    if errors:
        raise InvalidInput(
            _("Data belum lengkap atau tidak valid: %(count)d isian perlu diperbaiki.")
            % {"count": sum(len(m) for m in errors.values())},
            fields=errors,
        )


def _event(
    case: Case, *, actor, action: str, from_status="", to_status="", note="", data=None
) -> CaseEvent:
    return CaseEvent.objects.create(
        case=case,
        actor=actor,
        action=action,
        from_status=from_status,
        to_status=to_status,
        note=note,
        data=data or {},
    )


def _lock_case(case_id: int) -> Case:
    try:
        return Case.objects.select_for_update().get(pk=case_id)
    except (Case.DoesNotExist, ValueError, TypeError):
        raise NotFound(_("Kasus tidak ditemukan.")) from None


def _lock_visible_case(case_id: int, actor) -> Case:
    case = _lock_case(case_id)
    if not selectors.case_visible(actor, case):
        raise NotFound(_("Kasus tidak ditemukan."))
    return case


# --- intake -----------------------------------------------------------------------------------

REPORTER_KEYS = {"name", "nik", "address", "phone", "email", "occupation"}
RESPONDENT_KEYS = {"nip", "civil_servant", "name", "position", "golongan", "agency", "agency_name"}
WITNESS_KEYS = {"name", "phone", "address", "statement"}


def _unknown_keys(errors: Errors, prefix: str, item: dict, known: set[str]) -> None:
    for key in sorted(set(item) - known):
        _add(errors, f"{prefix}.{key}", _("Isian tidak dikenal."))


def _clean_reporter(data: dict, errors: Errors) -> dict:
    _unknown_keys(errors, "reporter", data, REPORTER_KEYS)
    row = {key: str(data.get(key) or "").strip() for key in REPORTER_KEYS}
    if not row["name"]:
        _add(errors, "reporter.name", _("Nama pelapor wajib diisi."))
    if row["nik"]:
        try:
            identifiers.parse_nik(row["nik"])
            row["nik"] = "".join(ch for ch in row["nik"] if ch.isdigit())
        except ValidationError as exc:
            for message in exc.messages:
                _add(errors, "reporter.nik", message)
    row["phone"] = _clean_phone(row["phone"], "reporter.phone", errors)
    if row["email"]:
        try:
            validate_email(row["email"])
        except ValidationError:
            _add(errors, "reporter.email", _("Alamat e-mail tidak valid."))
    return row


def _clean_phone(value: str, key: str, errors: Errors) -> str:
    try:
        return identifiers.normalize_phone(value)
    except ValidationError as exc:
        for message in exc.messages:
            _add(errors, key, message)
        return value


def _check_employee_number(nip: str) -> list[str]:
    try:
        identifiers.parse_nip(nip)
        return []
    except ValidationError as nip_error:
        try:
            identifiers.parse_pppk_number(nip)
            return []
        except ValidationError:
            return list(nip_error.messages)


def _clean_respondent(item: dict, prefix: str, errors: Errors) -> dict:
    """A reported person; by NIP they are linked to the registry with a snapshot of their data."""
    _unknown_keys(errors, prefix, item, RESPONDENT_KEYS)
    nip = "".join(ch for ch in str(item.get("nip") or "") if ch.isdigit())
    servant = item.get("civil_servant")
    if servant is None and nip:
        servant = CivilServant.objects.select_related("agency").filter(nip=nip).first()
    if servant is not None:
        return {
            "civil_servant": servant,
            "nip": servant.nip,
            "name": str(item.get("name") or "").strip() or servant.name,
            "position": servant.position,
            "golongan": servant.golongan,
            "agency": servant.agency,
            "agency_name": str(item.get("agency_name") or "").strip() or servant.agency.name,
        }
    if nip:
        for message in _check_employee_number(nip):
            _add(errors, f"{prefix}.nip", message)
    name = str(item.get("name") or "").strip()
    if not name:
        _add(errors, f"{prefix}.name", _("Nama terlapor wajib diisi bila NIP tidak terdaftar."))
    agency = item.get("agency")
    return {
        "civil_servant": None,
        "nip": nip,
        "name": name,
        "position": str(item.get("position") or "").strip(),
        "golongan": str(item.get("golongan") or "").strip(),
        "agency": agency,
        "agency_name": str(item.get("agency_name") or "").strip()
        or (agency.name if agency else ""),
    }


def _clean_witness(item: dict, prefix: str, errors: Errors) -> dict:
    _unknown_keys(errors, prefix, item, WITNESS_KEYS)
    row = {key: str(item.get(key) or "").strip() for key in WITNESS_KEYS}
    if not row["name"]:
        _add(errors, f"{prefix}.name", _("Nama saksi wajib diisi."))
    row["phone"] = _clean_phone(row["phone"], f"{prefix}.phone", errors)
    return row


def _resolve_forms(items: Iterable, errors: Errors) -> list[ViolationForm]:
    forms = []
    for item in items:
        if isinstance(item, ViolationForm):
            forms.append(item)
            continue
        lookup = {"pk": int(item)} if str(item).isdigit() else {"code": str(item)}
        form = ViolationForm.objects.filter(**lookup).first()
        if form is None:
            _add(
                errors,
                "violation_forms",
                _("Bentuk pelanggaran '%(v)s' tidak dikenal.") % {"v": item},
            )
        else:
            forms.append(form)
    return forms


def _check_dates(received_at, known_on, incident_on, errors: Errors) -> None:
    if not isinstance(received_at, datetime) or timezone.is_naive(received_at):
        _add(errors, "received_at", _("Waktu diterima wajib diisi lengkap dengan zona waktunya."))
        return
    if received_at > timezone.now():
        _add(errors, "received_at", _("Waktu diterima tidak boleh di masa depan."))
    received_on = deadlines.local_date(received_at)
    if not isinstance(known_on, date):
        _add(errors, "known_on", _("Tanggal diketahui wajib diisi."))
    elif known_on > received_on:
        _add(errors, "known_on", _("Tanggal diketahui tidak boleh setelah laporan diterima."))
    if isinstance(incident_on, date) and incident_on > received_on:
        _add(errors, "incident_on", _("Tanggal kejadian tidak boleh setelah laporan diterima."))


def _check_place(kecamatan: Region | None, village: Region | None, errors: Errors) -> None:
    if kecamatan is not None and kecamatan.level != Region.Level.KECAMATAN:
        _add(errors, "kecamatan", _("Pilih sebuah kecamatan."))
    if village is not None:
        if village.level != Region.Level.VILLAGE:
            _add(errors, "village", _("Pilih sebuah desa/kelurahan."))
        elif kecamatan is not None and village.parent_id != kecamatan.pk:
            _add(errors, "village", _("Desa/kelurahan tidak berada di kecamatan yang dipilih."))


def case_create(
    *,
    actor,
    kind: str,
    election: Election,
    received_at: datetime,
    known_on: date,
    incident_on: date | None = None,
    incident_place: str = "",
    kecamatan: Region | None = None,
    village: Region | None = None,
    chronology: str = "",
    reporter: dict | None = None,
    respondents: Sequence[dict] = (),
    witnesses: Sequence[dict] = (),
    violation_forms: Iterable = (),
) -> Case:
    """Log a laporan or a temuan (intake): status RECEIVED, deadlines computed, a ``create`` event.

    Respondents given by NIP are linked to the personnel registry with a snapshot of their name,
    position, agency and golongan; an investigator who logs a case is assigned to it.
    """
    if not permissions.is_bawaslu(actor):
        raise Forbidden(_("Hanya petugas Bawaslu yang dapat mencatat laporan atau temuan."))
    errors: Errors = {}
    if kind not in Case.Kind.values:
        _add(errors, "kind", _("Jenis harus laporan atau temuan."))
    _check_dates(received_at, known_on, incident_on, errors)
    _check_place(kecamatan, village, errors)
    reporter_row = None
    if reporter:
        if kind == Case.Kind.FINDING:
            _add(errors, "reporter", _("Temuan tidak memiliki pelapor; catat sebagai laporan."))
        else:
            reporter_row = _clean_reporter(reporter, errors)
    respondent_rows = [
        _clean_respondent(item, f"respondents[{i}]", errors) for i, item in enumerate(respondents)
    ]
    witness_rows = [
        _clean_witness(item, f"witnesses[{i}]", errors) for i, item in enumerate(witnesses)
    ]
    forms = _resolve_forms(violation_forms, errors)
    _raise_if(errors)

    with transaction.atomic():
        case = Case(
            kind=kind,
            election=election,
            received_at=received_at,
            known_on=known_on,
            incident_on=incident_on,
            incident_place=incident_place.strip(),
            kecamatan=kecamatan,
            village=village,
            chronology=chronology.strip(),
            created_by=actor,
        )
        deadlines.recompute_case_deadlines(case, save=False)
        case.save()
        if reporter_row:
            Reporter.objects.create(case=case, **reporter_row)
        Respondent.objects.bulk_create([Respondent(case=case, **row) for row in respondent_rows])
        Witness.objects.bulk_create([Witness(case=case, **row) for row in witness_rows])
        case.violation_forms.set(forms)
        if permissions.is_investigator(actor) and not permissions.is_coordinator(actor):
            case.assigned_investigators.add(actor)
        _event(case, actor=actor, action="create", to_status=case.status)
    return case


def case_assign(*, case: Case, investigators: Iterable, actor, note: str = "") -> Case:
    """Assign the investigators who handle ``case`` (replaces the previous assignment)."""
    users = list(investigators)
    with transaction.atomic():
        case = _lock_visible_case(case.pk, actor)
        if not permissions.is_coordinator(actor):
            raise Forbidden(_("Hanya koordinator yang dapat menugaskan investigator."))
        if case.status in workflow.END_STATES:
            raise Conflict(
                _("Kasus berstatus %(status)s sudah selesai; penugasan tidak dapat diubah.")
                % {"status": case.get_status_display()}
            )
        not_investigators = [u for u in users if not permissions.is_investigator(u)]
        if not_investigators:
            names = ", ".join(u.get_username() for u in not_investigators)
            raise InvalidInput(
                _("Bukan investigator: %(names)s.") % {"names": names},
                fields={"investigators": [_("Bukan investigator: %(names)s.") % {"names": names}]},
            )
        case.assigned_investigators.set(users)
        _event(
            case,
            actor=actor,
            action="assign",
            note=note,
            data={"investigators": sorted(u.get_username() for u in users)},
        )
    return case


# --- handling data (before the decision) ------------------------------------------------------

EDITABLE_FIELDS = {
    "received_at",
    "known_on",
    "incident_on",
    "incident_place",
    "kecamatan",
    "village",
    "chronology",
    "conclusion",
    "violation_forms",
}
# Receipt and knowledge dates decide the reporting window: fixed once the case is registered.
INTAKE_ONLY_FIELDS = {"received_at", "known_on"}


def _lock_for_handling(case: Case, actor, statuses=deadlines.DECISION_PENDING) -> Case:
    """Lock a case the actor handles (coordinator, or investigator assigned) in ``statuses``."""
    case = _lock_visible_case(case.pk, actor)
    kinds = workflow.actor_kinds(actor, case)
    if not kinds & {workflow.COORDINATOR, workflow.INVESTIGATOR}:
        raise Forbidden(
            _("Hanya koordinator atau investigator yang ditugaskan yang dapat mengubah kasus ini.")
        )
    if case.status not in statuses:
        allowed = ", ".join(str(Case.Status(s).label) for s in sorted(statuses))
        raise Conflict(
            _("Kasus berstatus %(status)s tidak dapat diubah; hanya pada status: %(allowed)s.")
            % {"status": case.get_status_display(), "allowed": allowed}
        )
    return case


def case_update(*, case: Case, actor, **changes: Any) -> Case:
    """Correct a case's handling data before the decision; deadlines follow the new dates.

    ``received_at`` and ``known_on`` change only while the case is RECEIVED. Writes an
    ``update`` event naming the fields that changed (not their values).
    """
    errors: Errors = {}
    for name in sorted(set(changes) - EDITABLE_FIELDS):
        _add(errors, name, _("Isian ini tidak dapat diubah di sini."))
    _raise_if(errors)
    with transaction.atomic():
        case = _lock_for_handling(case, actor)
        if case.status != Case.Status.RECEIVED:
            for name in sorted(INTAKE_ONLY_FIELDS & set(changes)):
                _add(errors, name, _("Tidak dapat diubah setelah kasus diregistrasi."))
        forms = changes.pop("violation_forms", None)
        forms = _resolve_forms(forms, errors) if forms is not None else None
        merged = {
            f: changes.get(f, getattr(case, f)) for f in ("received_at", "known_on", "incident_on")
        }
        _check_dates(merged["received_at"], merged["known_on"], merged["incident_on"], errors)
        _check_place(
            changes.get("kecamatan", case.kecamatan), changes.get("village", case.village), errors
        )
        _raise_if(errors)
        changed = [name for name, value in changes.items() if getattr(case, name) != value]
        for name in changed:
            value = changes[name]
            setattr(case, name, value.strip() if isinstance(value, str) else value)
        if forms is not None and set(forms) != set(case.violation_forms.all()):
            case.violation_forms.set(forms)
            changed.append("violation_forms")
        if not changed:
            return case
        deadlines.recompute_case_deadlines(case, save=False)
        case.save()
        _event(case, actor=actor, action="update", data={"fields": sorted(changed)})
    return case


def reporter_set(*, case: Case, actor, **fields: Any) -> Reporter:
    """Record or correct the reporter's identity of a laporan (confidential: never in the log)."""
    with transaction.atomic():
        case = _lock_for_handling(case, actor)
        errors: Errors = {}
        if case.kind != Case.Kind.REPORT:
            _add(errors, "reporter", _("Temuan tidak memiliki pelapor; catat sebagai laporan."))
        row = _clean_reporter(fields, errors)
        _raise_if(errors)
        reporter, created = Reporter.objects.update_or_create(case=case, defaults=row)
        _event(case, actor=actor, action="reporter_set" if created else "reporter_update")
    return reporter


def respondent_add(*, case: Case, actor, **fields: Any) -> Respondent:
    """Add a reported person; by NIP linked to the registry with a snapshot (as at intake)."""
    with transaction.atomic():
        case = _lock_for_handling(case, actor)
        errors: Errors = {}
        row = _clean_respondent(fields, "respondent", errors)
        _raise_if(errors)
        respondent = Respondent.objects.create(case=case, **row)
        _event(
            case,
            actor=actor,
            action="respondent_add",
            data={"respondent_id": respondent.pk, "nip": respondent.nip},
        )
    return respondent


def witness_add(*, case: Case, actor, **fields: Any) -> Witness:
    """Add a witness (saksi) to a case under handling."""
    with transaction.atomic():
        case = _lock_for_handling(case, actor)
        errors: Errors = {}
        row = _clean_witness(fields, "witness", errors)
        _raise_if(errors)
        witness = Witness.objects.create(case=case, **row)
        _event(case, actor=actor, action="witness_add", data={"witness_id": witness.pk})
    return witness


CLARIFICATION_STATUSES = frozenset({Case.Status.CLARIFICATION, Case.Status.REVIEW})


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
        case = _lock_for_handling(case, actor, CLARIFICATION_STATUSES)
        errors: Errors = {}
        if not person_name.strip():
            _add(errors, "person_name", _("Nama yang diklarifikasi wajib diisi."))
        if role not in Clarification.Role.values:
            _add(errors, "role", _("Peran harus pelapor, saksi, terlapor atau ahli."))
        if not isinstance(held_at, datetime) or timezone.is_naive(held_at):
            _add(
                errors, "held_at", _("Waktu klarifikasi wajib diisi lengkap dengan zona waktunya.")
            )
        elif held_at > timezone.now():
            _add(errors, "held_at", _("Waktu klarifikasi tidak boleh di masa depan."))
        if respondent is not None and respondent.case_id != case.pk:
            _add(errors, "respondent", _("Terlapor tidak ada pada kasus ini."))
        _raise_if(errors)
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
        _event(
            case,
            actor=actor,
            action="clarification",
            data={"clarification_id": clarification.pk, "role": role, "attended": attended},
        )
    return clarification


# --- the transition service -------------------------------------------------------------------


def _register(case: Case, actor, data: dict, now: datetime) -> dict:
    case.registered_at = now
    number = numbering.assign_number(case, registered_on=deadlines.local_date(now))
    return {"number": number}


def _reject(case: Case, actor, data: dict, now: datetime) -> dict:
    case.closing_reason = data["reason"].strip()
    case.reason_code = data.get("reason_code") or ""
    case.decided_at = now
    return {"reason_code": case.reason_code} if case.reason_code else {}


def _extend(case: Case, actor, data: dict, now: datetime) -> dict:
    before = case.decision_due_at
    case.extended_at = now
    return {"decision_due_at_before": before.isoformat() if before else None}


def _dismiss(case: Case, actor, data: dict, now: datetime) -> dict:
    _reject(case, actor, data, now)
    case.conclusion = str(data.get("conclusion") or case.conclusion).strip()
    return {"reason_code": case.reason_code} if case.reason_code else {}


def _forward(case: Case, actor, data: dict, now: datetime) -> dict:
    forwarding = Forwarding.objects.create(
        case=case,
        letter_number=str(data["letter_number"]).strip(),
        letter_date=data["letter_date"],
        recommended_sanction=data["recommended_sanction"],
        note=str(data.get("note") or "").strip(),
        forwarded_by=actor,
    )
    forwarding.recipients.set(data["recipients"])
    case.conclusion = str(data.get("conclusion") or case.conclusion).strip()
    case.decided_at = now
    case.forwarded_at = now
    return {
        "letter_number": forwarding.letter_number,
        "letter_date": forwarding.letter_date.isoformat(),
        "recipients": [r.code for r in data["recipients"]],
        "recommended_sanction": forwarding.recommended_sanction,
    }


def _close(case: Case, actor, data: dict, now: datetime) -> dict:
    case.closed_at = now
    return {}


def _no_effect(case: Case, actor, data: dict, now: datetime) -> dict:
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
}


def case_transition(*, case_id: int, action: str, actor, **fields: Any) -> Case:
    """Perform one workflow action on a case: the only way a case changes state.

    In one transaction: lock the case row; 404 if the actor may not see it; check the action
    exists (InvalidInput), the actor's role and assignment (Forbidden), the state (Conflict);
    run the guards (InvalidInput naming every unmet requirement); apply the change; recompute
    the deadlines; write exactly one event; and announce it after the commit.
    """
    spec = workflow.get_action(action)
    with transaction.atomic():
        case = _lock_visible_case(case_id, actor)
        workflow.check_actor(spec, case, actor)
        workflow.check_state(spec, case)
        data = workflow.check_input(spec, case, fields)
        now = timezone.now()
        from_status = case.status
        extra = EFFECTS[spec.name](case, actor, data, now)
        if spec.target:
            case.status = spec.target
        deadlines.recompute_case_deadlines(case, save=False)
        if spec.name == "extend":
            extra["decision_due_at"] = case.decision_due_at.isoformat()
        case.save()
        note = str(data.get("reason") or data.get("note") or "").strip()
        event = _event(
            case,
            actor=actor,
            action=spec.event_action,
            from_status=from_status,
            to_status=case.status,
            note=note,
            data=extra,
        )
        transaction.on_commit(
            partial(
                case_transitioned.send,
                sender=Case,
                case_id=case.pk,
                event_id=event.pk,
                action=spec.name,
                from_status=from_status,
                to_status=case.status,
            )
        )
    return case


# --- PPK follow-up ----------------------------------------------------------------------------


def _sanction(value) -> SanctionType | None:
    if isinstance(value, SanctionType):
        return value
    lookup = {"pk": int(value)} if str(value).isdigit() else {"code": str(value)}
    return SanctionType.objects.filter(is_active=True, **lookup).first()


def _check_follow_up(sanction, decree_number, decree_date, start, until, reason) -> Errors:
    errors: Errors = {}
    if sanction is None:
        _add(errors, "sanction_type", _("Jenis sanksi wajib dipilih dari daftar."))
    elif sanction.is_none:
        if not reason.strip():
            _add(errors, "reason", _("Alasan tidak dijatuhi sanksi wajib diisi."))
    else:
        if not decree_number.strip():
            _add(errors, "decree_number", _("Nomor keputusan sanksi wajib diisi."))
        if decree_date is None:
            _add(errors, "decree_date", _("Tanggal keputusan sanksi wajib diisi."))
    if decree_date and decree_date > timezone.localdate():
        _add(errors, "decree_date", _("Tanggal keputusan tidak boleh di masa depan."))
    if start and until and until < start:
        _add(errors, "effective_until", _("Berlaku sampai tidak boleh sebelum berlaku mulai."))
    return errors


def followup_record(
    *,
    respondent: Respondent,
    sanction_type,
    decree_number: str = "",
    decree_date: date | None = None,
    effective_from: date | None = None,
    effective_until: date | None = None,
    reason: str = "",
    actor,
) -> FollowUp:
    """Record (or correct) the PPK's follow-up for one respondent of a forwarded case.

    A sanction needs the decree number and date; ``none`` ("tidak dijatuhi sanksi") a reason.
    BKPSDM officers and coordinators may record it; the case must be FORWARDED.
    """
    with transaction.atomic():
        case = _lock_visible_case(respondent.case_id, actor)
        if not (permissions.is_bkpsdm(actor) or permissions.is_coordinator(actor)):
            raise Forbidden(_("Hanya petugas BKPSDM atau koordinator yang mencatat tindak lanjut."))
        if case.status != Case.Status.FORWARDED:
            raise Conflict(
                _("Tindak lanjut hanya dapat dicatat pada kasus berstatus Diteruskan, bukan %(s)s.")
                % {"s": case.get_status_display()}
            )
        sanction = _sanction(sanction_type)
        _raise_if(
            _check_follow_up(
                sanction, decree_number, decree_date, effective_from, effective_until, reason
            )
        )
        follow_up, created = FollowUp.objects.update_or_create(
            respondent=respondent,
            defaults={
                "sanction_type": sanction,
                "decree_number": decree_number.strip(),
                "decree_date": decree_date,
                "effective_from": effective_from,
                "effective_until": effective_until,
                "reason": reason.strip(),
                "recorded_by": actor,
            },
        )
        _event(
            case,
            actor=actor,
            action="follow_up" if created else "follow_up_corrected",
            note=reason.strip(),
            data={
                "respondent_id": respondent.pk,
                "sanction_type": sanction.code,
                "decree_number": follow_up.decree_number,
                "decree_date": decree_date.isoformat() if decree_date else None,
            },
        )
    return follow_up


# --- elections and holidays ---------------------------------------------------------------------------------


def election_update(*, election: Election, actor, **changes: Any) -> Election:
    """Change an election's data or deadline rules; the open cases' deadlines follow."""
    if not permissions.is_coordinator(actor):
        raise Forbidden(_("Hanya koordinator atau administrator yang mengubah aturan pemilihan."))
    known = {f.name for f in Election._meta.concrete_fields} - {"id", "code"}
    errors: Errors = {}
    for name in sorted(set(changes) - known):
        _add(errors, name, _("Isian ini tidak dapat diubah di sini."))
    _raise_if(errors)
    with transaction.atomic():
        election = Election.objects.select_for_update().get(pk=election.pk)
        for name, value in changes.items():
            setattr(election, name, value)
        try:
            election.full_clean()
        except ValidationError as exc:
            raise InvalidInput(fields=exc.message_dict) from None
        election.save()
        deadlines.recompute_open_cases(election=election)
    return election


def _check_holiday_manager(actor) -> None:
    if not permissions.is_coordinator(actor):
        raise Forbidden(_("Hanya koordinator atau administrator yang mengelola hari libur."))


def holiday_add(*, date: date, name: str, actor) -> Holiday:
    """Add a day off (cuti bersama, regional holiday) and recompute the open cases' deadlines."""
    _check_holiday_manager(actor)
    errors: Errors = {}
    if not name.strip():
        _add(errors, "name", _("Keterangan hari libur wajib diisi."))
    if Holiday.objects.filter(date=date).exists():
        _add(
            errors,
            "date",
            _("Tanggal %(d)s sudah terdaftar sebagai hari libur.") % {"d": f"{date:%d-%m-%Y}"},
        )
    _raise_if(errors)
    with transaction.atomic():
        holiday = Holiday.objects.create(date=date, name=name.strip(), created_by=actor)
        deadlines.recompute_open_cases()
    return holiday


def holiday_remove(*, holiday: Holiday, actor) -> int:
    """Remove an added day off and recompute the open cases' deadlines; returns cases changed."""
    _check_holiday_manager(actor)
    with transaction.atomic():
        holiday.delete()
        return deadlines.recompute_open_cases()
