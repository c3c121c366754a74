"""Every write on sessions, registrations, attendance and pledges (DESIGN §6).

Services check who may act (a camat clerk on the sessions of their own kecamatan; a superuser
everywhere) and raise ``apps.core.errors`` with messages in Bahasa Indonesia. Which sessions a user
may *see* is the selectors' business: views look the session up through
``selectors.sessions_visible_to`` first (404), then call a service (403 when seen but not theirs).

Registrations, one by one or from a list, are written here; sessions in ``sessions``, attendance
in ``attendance`` and pledges in ``pledges``, each importable from here by its old address.
"""

import re
import secrets
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils.translation import gettext as _

from apps.core.errors import Conflict, InvalidInput
from apps.personnel.identifiers import normalize_phone, parse_nik
from apps.training import imports, registry_copy, selectors
from apps.training.attendance import (  # noqa: F401 (the attendance services, by their old address)
    ALREADY_CHECKED_IN,
    CHECKED_IN,
    NOT_REGISTERED,
    attendance_record_paper,
    participant_check_in,
    split_scan,
)
from apps.training.authority import (  # noqa: F401
    can_manage_session,
    require_manage,
    require_not_cancelled,
)
from apps.training.models import ParticipantType, Registration, Session
from apps.training.pledges import (  # noqa: F401 (the pledge services, by their old address)
    can_record_pledges,
    pledge_record,
    pledge_void,
)
from apps.training.sessions import (  # noqa: F401 (the session services, by their old address)
    SpeakerData,
    session_create,
    session_update,
)

CODE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"  # no 0/O, 1/I/L: read aloud and typed by hand
CODE_LENGTH = 8


# --- who may act (apps.training.authority) ---

_require_manage = require_manage
_require_not_cancelled = require_not_cancelled


# --- registrations ---


def normalise_name(name: str) -> str:
    """Lower case, punctuation to spaces, single spaces: "Budi  Santoso, S.Pd." ~ "budi santoso s pd"."""
    # casefold() can lengthen a name ("ß" → "ss"); the column holds 200 characters.
    return " ".join(re.sub(r"[^\w]+", " ", name.casefold()).split())[:200]


def new_code() -> str:
    return "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))


def _asn_person(nip: str) -> dict:
    civil_servant = selectors.civil_servant_by_nip(nip)
    if not civil_servant.is_active:
        raise InvalidInput(
            fields={
                "nip": [
                    _("%(name)s tercatat tidak aktif di data ASN; hubungi BKPSDM.")
                    % {"name": civil_servant.name}
                ]
            }
        )
    return {
        "participant_type": ParticipantType.ASN,
        "civil_servant": civil_servant,
        "name": civil_servant.name,
        "nip": civil_servant.nip,
        "institution": civil_servant.agency.name,
        "position": civil_servant.position,
        **registry_copy.place_of(civil_servant),
    }


def _non_asn_person(
    *, name: str, participant_type: str, institution: str, phone: str, nik: str, position: str
) -> dict:
    errors: dict[str, list[str]] = {}
    name = " ".join((name or "").split())
    if not name:
        errors["name"] = [_("Nama peserta wajib diisi.")]
    valid_types = {value for value, _label in ParticipantType.choices} - {ParticipantType.ASN}
    if participant_type not in valid_types:
        errors["participant_type"] = [
            _("Pilih jenis peserta non-ASN (mis. kepala desa, tokoh masyarakat, TNI/Polri).")
        ]
    phone = (phone or "").strip()
    if re.search(r"[^\d\s()+.\-]", phone):
        # phonenumbers reads letters as a keypad would ("0812abc"); people mean a typo.
        errors["phone"] = [
            _("Nomor telepon '%(value)s' hanya boleh berisi angka.") % {"value": phone}
        ]
    else:
        try:
            phone = normalize_phone(phone)
        except ValidationError as exc:
            errors["phone"] = exc.messages
    nik = re.sub(r"[\s.\-]", "", nik or "")
    if nik:
        try:
            parse_nik(nik)
        except ValidationError as exc:
            errors["nik"] = exc.messages
    if not errors.get("phone") and not phone and not nik:
        errors["phone"] = [
            _("Isi nomor telepon (atau NIK) agar peserta yang sama tidak terdaftar dua kali.")
        ]
    institution = " ".join((institution or "").split())
    position = " ".join((position or "").split())
    for field, value in (("name", name), ("institution", institution), ("position", position)):
        if len(value) > 200:
            errors.setdefault(field, []).append(
                _("Paling banyak 200 karakter (ada %(count)d).") % {"count": len(value)}
            )
    if errors:
        raise InvalidInput(fields=errors)
    return {
        "participant_type": participant_type,
        "civil_servant": None,
        "name": name,
        "nik": nik,
        "institution": institution,
        "position": position,
        "phone": phone,
    }


def _clean_email(email: str) -> str:
    email = (email or "").strip()
    if not email:
        return ""
    try:
        validate_email(email)
    except ValidationError:
        raise InvalidInput(
            fields={"email": [_("Alamat e-mail '%(value)s' tidak valid.") % {"value": email[:80]}]}
        ) from None
    return email


def _same_person(person: dict) -> Q:
    if person["civil_servant"] is not None:
        return Q(civil_servant=person["civil_servant"])
    same = Q(pk__in=[])
    if person.get("nik"):
        same |= Q(nik=person["nik"])
    if person.get("phone"):
        same |= Q(
            civil_servant__isnull=True,
            name_normalised=normalise_name(person["name"]),
            phone=person["phone"],
        )
    return same


def _existing(session: Session, person: dict) -> Registration | None:
    return session.registrations.filter(_same_person(person)).order_by("id").first()


def _check_capacity(session: Session) -> None:
    # The row lock serialises concurrent registrations so the count cannot be overtaken.
    locked = Session.objects.select_for_update().get(pk=session.pk)
    if locked.capacity is not None and locked.registrations.count() >= locked.capacity:
        raise Conflict(
            _("Kapasitas sesi (%(capacity)d peserta) sudah penuh.") % {"capacity": locked.capacity}
        )


def registration_add(
    *,
    session: Session,
    actor,
    nip: str | None = None,
    name: str = "",
    participant_type: str = "",
    institution: str = "",
    phone: str = "",
    nik: str = "",
    position: str = "",
    email: str = "",
) -> tuple[Registration, bool]:
    """Register a person for a session; returns ``(registration, created)``.

    ``email``, where known, is where their invitation goes (``apps.training.invitations``).

    With ``nip`` the person is the ASN of that NIP in the registry (name, agency and position are
    taken from it); otherwise a non-ASN participant with a type, name, institution and a phone or
    NIK. The same person again (same ASN, same NIK, or same name and phone) returns the existing
    registration with ``created=False`` — also when two clerks add them at the same moment: the
    database's unique constraints decide, and the loser reads the winner's row.
    """
    _require_manage(actor, session)
    _require_not_cancelled(session)
    if nip:
        person = _asn_person(nip)
    else:
        person = _non_asn_person(
            name=name,
            participant_type=participant_type,
            institution=institution,
            phone=phone,
            nik=nik,
            position=position,
        )
    person["email"] = _clean_email(email)
    existing = _existing(session, person)
    if existing is not None:
        return existing, False
    for _attempt in range(3):
        try:
            with transaction.atomic():
                if session.capacity is not None:
                    _check_capacity(session)
                registration = Registration.objects.create(
                    session=session,
                    name_normalised=normalise_name(person["name"]),
                    code=new_code(),
                    registered_by=actor,
                    **person,
                )
            return registration, True
        except IntegrityError:
            existing = _existing(session, person)
            if existing is not None:
                return existing, False
            # Otherwise the random check-in code collided: draw another one.
    raise Conflict(_("Peserta tidak dapat didaftarkan saat ini; coba lagi."))


# --- bulk registration ---


@dataclass
class ImportOutcome:
    row: int
    status: str  # "created", "existing" or "error"
    message: str = ""
    registration: Registration | None = None


@dataclass
class ImportReport:
    outcomes: list[ImportOutcome]

    def _with(self, status: str) -> list[ImportOutcome]:
        return [o for o in self.outcomes if o.status == status]

    @property
    def created(self) -> list[ImportOutcome]:
        return self._with("created")

    @property
    def existing(self) -> list[ImportOutcome]:
        return self._with("existing")

    @property
    def errors(self) -> list[ImportOutcome]:
        return self._with("error")


def registrations_import(
    *, session: Session, actor, file, progress=None, progress_every: int = 20
) -> ImportReport:
    """Register every row of a CSV or XLSX participant list (see ``apps.training.imports``).

    Each row is registered on its own: good rows are kept, each bad row is reported with its
    spreadsheet row number and what is wrong; people already registered are reported as such.
    A file that cannot be read at all raises InvalidInput and registers no one.
    """
    _require_manage(actor, session)
    _require_not_cancelled(session)
    outcomes = []
    for row in imports.read_rows(file):
        outcomes.append(_import_row(session, actor, row))
        if progress is not None and len(outcomes) % progress_every == 0:
            progress(len(outcomes))
    return ImportReport(outcomes)


def _import_row(session: Session, actor, row: imports.Row) -> ImportOutcome:
    if row.error:
        return ImportOutcome(row.number, "error", row.error)
    values = row.values
    nip = values.get("nip", "")
    participant_type = ""
    if not nip:
        participant_type = imports.participant_type_of(values.get("participant_type", ""))
    try:
        registration, created = registration_add(
            session=session,
            actor=actor,
            nip=nip or None,
            name=values.get("name", ""),
            participant_type=participant_type,
            institution=values.get("institution", ""),
            phone=values.get("phone", ""),
            nik=values.get("nik", ""),
            position=values.get("position", ""),
            email=values.get("email", ""),
        )
    except (InvalidInput, Conflict) as exc:
        return ImportOutcome(row.number, "error", "; ".join(exc.messages()))
    if created:
        return ImportOutcome(row.number, "created", registration.name, registration)
    return ImportOutcome(
        row.number,
        "existing",
        _("%(name)s sudah terdaftar.") % {"name": registration.name},
        registration,
    )
