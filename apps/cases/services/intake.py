"""Intake (penerimaan): logging a laporan or a temuan, and cleaning the people it names."""

from collections.abc import Iterable, Sequence
from datetime import date, datetime

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from apps.cases import deadlines, policy, tracking
from apps.cases.models import (
    Case,
    Election,
    Employment,
    Reporter,
    Respondent,
    ViolationForm,
    Witness,
)
from apps.cases.services.base import Errors, add_error, event_write, raise_if, unknown_keys
from apps.core import clock
from apps.personnel import identifiers
from apps.personnel.models import CivilServant, Region

REPORTER_KEYS = ("name", "nik", "address", "phone", "email", "occupation")
RESPONDENT_KEYS = (
    "nip",
    "civil_servant",
    "name",
    "position",
    "golongan",
    "agency",
    "agency_name",
    "employment",
    "nik",
)
WITNESS_KEYS = ("name", "phone", "address", "statement")


def clean_phone(value: str, key: str, errors: Errors) -> str:
    try:
        return identifiers.normalize_phone(value)
    except ValidationError as exc:
        for message in exc.messages:
            add_error(errors, key, message)
        return value


def clean_reporter(data: dict, errors: Errors) -> dict:
    unknown_keys(errors, "reporter", data, REPORTER_KEYS)
    row = {key: str(data.get(key) or "").strip() for key in REPORTER_KEYS}
    if not row["name"]:
        add_error(errors, "reporter.name", _("Nama pelapor wajib diisi."))
    if row["nik"]:
        try:
            identifiers.parse_nik(row["nik"])
            row["nik"] = "".join(ch for ch in row["nik"] if ch.isdigit())
        except ValidationError as exc:
            for message in exc.messages:
                add_error(errors, "reporter.nik", message)
    row["phone"] = clean_phone(row["phone"], "reporter.phone", errors)
    if row["email"]:
        try:
            validate_email(row["email"])
        except ValidationError:
            add_error(errors, "reporter.email", _("Alamat e-mail tidak valid."))
    return row


def check_employee_number(nip: str, employment: str) -> list[str]:
    """A NIP for a PNS, an NI PPPK for a PPPK. Without the employment the number must be a NIP: a
    NIP that fails (say month 13) is not quietly taken for an NI PPPK, whose layout it may fit."""
    try:
        if employment == Employment.PPPK:
            identifiers.parse_pppk_number(nip)
        else:
            identifiers.parse_nip(nip)
    except ValidationError as error:
        messages = list(error.messages)
        if not employment:
            messages.append(_("Bila nomor ini NI PPPK, pilih kepegawaian PPPK."))
        return messages
    return []


def clean_respondent_nik(nik: str, nip: str, prefix: str, errors: Errors) -> str:
    """The respondent's NIK when known; with a NIP, its birth date and sex must agree."""
    nik = "".join(ch for ch in nik if ch.isdigit())
    if not nik:
        return ""
    try:
        info = identifiers.parse_nik(nik)
        nip_info = _nip_or_none(nip)
        if nip_info is not None:
            identifiers.check_nik_matches_nip(info, nip_info)
    except ValidationError as error:
        for message in error.messages:
            add_error(errors, f"{prefix}.nik", message)
    return nik


def _nip_or_none(nip: str):
    """The NIP decoded, or None (a wrong NIP is named under ``nip``, not here)."""
    try:
        return identifiers.parse_nip(nip) if len(nip) == 18 else None
    except ValidationError:
        return None


def clean_respondent(item: dict, prefix: str, errors: Errors) -> dict:
    """A reported person; by NIP they are linked to the registry with a snapshot of their data."""
    row = _clean_respondent(item, prefix, errors)
    nip = row["nip"] if row["employment"] == Employment.PNS or not row["employment"] else ""
    row["nik"] = clean_respondent_nik(str(item.get("nik") or ""), nip, prefix, errors)
    return row


def _clean_respondent(item: dict, prefix: str, errors: Errors) -> dict:
    unknown_keys(errors, prefix, item, RESPONDENT_KEYS)
    nip = "".join(ch for ch in str(item.get("nip") or "") if ch.isdigit())
    servant = item.get("civil_servant")
    if servant is None and nip:
        servant = CivilServant.objects.select_related("agency").filter(nip=nip).first()
    employment = str(item.get("employment") or "").strip()
    if employment and employment not in Employment.values:
        add_error(errors, f"{prefix}.employment", _("Kepegawaian harus PNS, PPPK atau bukan ASN."))
        employment = ""
    if servant is not None:
        return {
            "civil_servant": servant,
            "employment": servant.employment_type.lower(),
            "nip": servant.nip,
            "name": str(item.get("name") or "").strip() or servant.name,
            "position": servant.position,
            "golongan": servant.golongan,
            "agency": servant.agency,
            "agency_name": str(item.get("agency_name") or "").strip() or servant.agency.name,
        }
    if nip and employment == Employment.NON_ASN:
        add_error(errors, f"{prefix}.nip", _("Terlapor bukan ASN tidak memiliki NIP/NI PPPK."))
    elif nip:
        for message in check_employee_number(nip, employment):
            add_error(errors, f"{prefix}.nip", message)
    name = str(item.get("name") or "").strip()
    if not name:
        add_error(
            errors, f"{prefix}.name", _("Nama terlapor wajib diisi bila NIP tidak terdaftar.")
        )
    agency = item.get("agency")
    return {
        "civil_servant": None,
        "employment": employment,
        "nip": nip,
        "name": name,
        "position": str(item.get("position") or "").strip(),
        "golongan": str(item.get("golongan") or "").strip(),
        "agency": agency,
        "agency_name": str(item.get("agency_name") or "").strip()
        or (agency.name if agency else ""),
    }


def clean_witness(item: dict, prefix: str, errors: Errors) -> dict:
    unknown_keys(errors, prefix, item, WITNESS_KEYS)
    row = {key: str(item.get(key) or "").strip() for key in WITNESS_KEYS}
    if not row["name"]:
        add_error(errors, f"{prefix}.name", _("Nama saksi wajib diisi."))
    row["phone"] = clean_phone(row["phone"], f"{prefix}.phone", errors)
    return row


def resolve_forms(items: Iterable, errors: Errors) -> list[ViolationForm]:
    forms = []
    for item in items:
        if isinstance(item, ViolationForm):
            forms.append(item)
            continue
        lookup = {"pk": int(item)} if str(item).isdigit() else {"code": str(item)}
        form = ViolationForm.objects.filter(**lookup).first()
        if form is None:
            add_error(
                errors,
                "violation_forms",
                _("Bentuk pelanggaran '%(v)s' tidak dikenal.") % {"v": item},
            )
        else:
            forms.append(form)
    return forms


def check_dates(received_at, known_on, incident_on, errors: Errors) -> None:
    if not isinstance(received_at, datetime) or timezone.is_naive(received_at):
        add_error(
            errors, "received_at", _("Waktu diterima wajib diisi lengkap dengan zona waktunya.")
        )
        return
    if received_at > clock.now():
        add_error(errors, "received_at", _("Waktu diterima tidak boleh di masa depan."))
    received_on = deadlines.local_date(received_at)
    if not isinstance(known_on, date):
        add_error(errors, "known_on", _("Tanggal diketahui wajib diisi."))
    elif known_on > received_on:
        add_error(errors, "known_on", _("Tanggal diketahui tidak boleh setelah laporan diterima."))
    if isinstance(incident_on, date) and incident_on > received_on:
        add_error(
            errors, "incident_on", _("Tanggal kejadian tidak boleh setelah laporan diterima.")
        )


def check_place(kecamatan: Region | None, village: Region | None, errors: Errors) -> None:
    if kecamatan is not None and kecamatan.level != Region.Level.KECAMATAN:
        add_error(errors, "kecamatan", _("Pilih sebuah kecamatan."))
    if village is not None:
        if village.level != Region.Level.VILLAGE:
            add_error(errors, "village", _("Pilih sebuah desa/kelurahan."))
        elif kecamatan is not None and village.parent_id != kecamatan.pk:
            add_error(
                errors, "village", _("Desa/kelurahan tidak berada di kecamatan yang dipilih.")
            )


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

    Every case gets a tracking code; a laporan also a PIN for its reporter, stored hashed and
    returned once as ``case.reporter_pin`` (not a field) for the admin to show.
    """
    policy.role_authorize("create", actor)
    errors: Errors = {}
    if kind not in Case.Kind.values:
        add_error(errors, "kind", _("Jenis harus laporan atau temuan."))
    check_dates(received_at, known_on, incident_on, errors)
    check_place(kecamatan, village, errors)
    reporter_row = None
    if reporter:
        if kind == Case.Kind.FINDING:
            add_error(
                errors, "reporter", _("Temuan tidak memiliki pelapor; catat sebagai laporan.")
            )
        else:
            reporter_row = clean_reporter(reporter, errors)
    respondent_rows = [
        clean_respondent(item, f"respondents[{i}]", errors) for i, item in enumerate(respondents)
    ]
    witness_rows = [
        clean_witness(item, f"witnesses[{i}]", errors) for i, item in enumerate(witnesses)
    ]
    forms = resolve_forms(violation_forms, errors)
    raise_if(errors)

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
            created_at=clock.now(),
            tracking_code=tracking.unique_code(Case),
        )
        pin = tracking.new_pin() if kind == Case.Kind.REPORT else ""
        case.tracking_pin = tracking.hash_pin(pin) if pin else ""
        deadlines.recompute_case_deadlines(case, save=False)
        case.save()
        if reporter_row:
            Reporter.objects.create(case=case, **reporter_row)
        Respondent.objects.bulk_create([Respondent(case=case, **row) for row in respondent_rows])
        Witness.objects.bulk_create([Witness(case=case, **row) for row in witness_rows])
        case.violation_forms.set(forms)
        held = policy.capacities(actor)
        if policy.INVESTIGATOR in held and not held & {policy.COORDINATOR, policy.ADMINISTRATOR}:
            case.assigned_investigators.add(actor)
        event_write(case, actor=actor, action="create", to_status=case.status)
    case.reporter_pin = pin
    return case


def case_tracking_pin_issue(*, case: Case) -> str:
    """A fresh PIN for the reporter of a laporan (the receipt prints it); the earlier one stops
    working. Returns the PIN: it is not stored, only its hash. Runs in the caller's transaction
    (the receipt's issue, which locks the case)."""
    pin = tracking.new_pin()
    case.tracking_pin = tracking.hash_pin(pin)
    if not case.tracking_code:
        case.tracking_code = tracking.unique_code(Case)
    Case.objects.filter(pk=case.pk).update(
        tracking_pin=case.tracking_pin, tracking_code=case.tracking_code
    )
    return pin
