"""Guards of the case policy (``apps.cases.policy``): what an operation's input and the case
must meet before it is done.

A guard returns ``(field, message)`` pairs for every unmet requirement, so the caller names them
all at once (400); a precondition returns one message when the case's state forbids the
operation beyond its status (409). Guards may normalise ``data`` in place (e.g. a date parsed).
"""

from collections.abc import Callable, Iterable
from datetime import date

from django.utils.dateparse import parse_date
from django.utils.translation import gettext as _

from apps.cases import deadlines
from apps.cases.models import Case, ForwardingRecipient, Severity
from apps.cases.outcomes import case_outcomes
from apps.core import clock

Unmet = tuple[str, str]  # (field, message)
Guard = Callable[[Case, dict], list[Unmet]]
Precondition = Callable[[Case], str | None]


def formal_requirements(case: Case, data: dict) -> list[Unmet]:
    """Reporter identity with NIK and address (a laporan; UU 10/2016 Pasal 134 ayat (3), UU
    7/2017 Pasal 454 ayat (4)), and the reported person."""
    unmet = []
    if case.kind == Case.Kind.REPORT:
        reporter = getattr(case, "reporter", None)
        if reporter is None or not reporter.name.strip():
            unmet.append(("reporter", _("Syarat formal: identitas pelapor (nama) belum diisi.")))
        else:
            if not reporter.nik:
                unmet.append(("reporter.nik", _("Syarat formal: NIK pelapor belum diisi.")))
            if not reporter.address.strip():
                unmet.append(("reporter.address", _("Syarat formal: alamat pelapor belum diisi.")))
    if not case.respondents.exists():
        unmet.append(("respondents", _("Syarat formal: terlapor belum diisi.")))
    return unmet


def within_reporting_window(case: Case, data: dict) -> list[Unmet]:
    """Filed within the reporting window; a late report is daluwarsa and can only be rejected."""
    if deadlines.is_within_reporting_window(case):
        return []
    election = case.election
    due = case.reporting_due_at or deadlines.reporting_due(
        case, deadlines.HolidayCalendar.from_db()
    )
    message = _(
        "Syarat formal: laporan diterima %(received)s, melewati batas pelaporan %(due)s "
        "(%(days)s %(day_type)s sejak diketahui %(known)s). Laporan daluwarsa dan hanya dapat "
        "tidak diregistrasi."
    ) % {
        "received": f"{case.received_at.astimezone(deadlines.WITA):%d-%m-%Y %H.%M} WITA",
        "due": f"{due.astimezone(deadlines.WITA):%d-%m-%Y %H.%M} WITA",
        "days": election.reporting_window_days,
        "day_type": election.get_reporting_day_type_display(),
        "known": f"{case.known_on:%d-%m-%Y}",
    }
    return [("received_at", message)]


def material_requirements(case: Case, data: dict) -> list[Unmet]:
    """Time and place, chronology, and at least one piece of evidence or a witness."""
    unmet = []
    if case.incident_on is None:
        unmet.append(("incident_on", _("Syarat materiel: waktu kejadian belum diisi.")))
    if not case.incident_place.strip():
        unmet.append(("incident_place", _("Syarat materiel: tempat kejadian belum diisi.")))
    if not case.chronology.strip():
        unmet.append(("chronology", _("Syarat materiel: uraian kronologi belum diisi.")))
    if not case.evidence.filter(withdrawn_at__isnull=True).exists() and not case.witnesses.exists():
        unmet.append(
            (
                "evidence",
                _("Syarat materiel: belum ada alat bukti atau saksi; tambahkan minimal satu."),
            )
        )
    return unmet


def reason_code_valid(codes: Iterable[str]) -> Guard:
    allowed = tuple(codes)

    def guard(case: Case, data: dict) -> list[Unmet]:
        code = data.get("reason_code")
        if code and code not in allowed:
            labels = ", ".join(f"{c} ({Case.ReasonCode(c).label})" for c in allowed)
            return [
                (
                    "reason_code",
                    _("Jenis alasan harus salah satu dari: %(codes)s.") % {"codes": labels},
                )
            ]
        return []

    guard.__doc__ = f"reason_code, when given, is one of {', '.join(allowed)}."
    return guard


def forwarding_letter(case: Case, data: dict) -> list[Unmet]:
    """The recommendation letter's date is a real date, not in the future."""
    value = data.get("letter_date")
    if value in (None, ""):
        return []
    parsed = value if isinstance(value, date) else parse_date(str(value))
    if parsed is None:
        return [("letter_date", _("Tanggal surat tidak valid; gunakan format TTTT-BB-HH."))]
    if parsed > deadlines.local_date(clock.now()):
        return [("letter_date", _("Tanggal surat tidak boleh di masa depan."))]
    data["letter_date"] = parsed
    return []


def forwarding_recipients(case: Case, data: dict) -> list[Unmet]:
    """Every recipient is an active recipient of the reference list (by object, id or code)."""
    given = data.get("recipients") or []
    if isinstance(given, str | int | ForwardingRecipient):
        given = [given]
    if not given:
        return []
    found, unknown = [], []
    active = ForwardingRecipient.objects.filter(is_active=True)
    for item in given:
        if isinstance(item, ForwardingRecipient):
            match = active.filter(pk=item.pk).first()
        elif isinstance(item, int) or str(item).isdigit():
            match = active.filter(pk=int(item)).first()
        else:
            match = active.filter(code=str(item)).first()
        (found if match else unknown).append(match or item)
    if unknown:
        names = ", ".join(str(getattr(u, "pk", u)) for u in unknown)
        return [
            (
                "recipients",
                _("Penerima tidak dikenal atau tidak aktif: %(names)s.") % {"names": names},
            )
        ]
    data["recipients"] = found
    return []


def recommended_sanction_valid(case: Case, data: dict) -> list[Unmet]:
    """The recommended sanction category is one of the severities."""
    value = data.get("recommended_sanction")
    if value and value not in Severity.values:
        return [
            (
                "recommended_sanction",
                _("Rekomendasi kategori sanksi harus salah satu dari: %(values)s.")
                % {"values": ", ".join(Severity.values)},
            )
        ]
    return []


def recommendations_valid(case: Case, data: dict) -> list[Unmet]:
    """Per respondent (id → category) when they differ; the others take the case's category."""
    given = data.get("recommendations") or {}
    if not isinstance(given, dict):
        return [("recommendations", _("Isi sebagai pasangan id terlapor dan kategori sanksi."))]
    ids = {str(pk) for pk in case.respondents.values_list("pk", flat=True)}
    unmet = []
    for key, value in given.items():
        if str(key) not in ids:
            unmet.append(
                ("recommendations", _("Terlapor %(id)s tidak ada pada kasus ini.") % {"id": key})
            )
        elif value not in Severity.values:
            unmet.append(
                (
                    "recommendations",
                    _(
                        "Kategori %(value)s untuk terlapor %(id)s tidak dikenal; pilih dari: %(all)s."
                    )
                    % {"value": value, "id": key, "all": ", ".join(Severity.values)},
                )
            )
    data["recommendations"] = {str(k): v for k, v in given.items()}
    return unmet


def join_target(case: Case, data: dict) -> list[Unmet]:
    """The case this report joins handles the same incident: another open case, not joined."""
    value = data.get("into")
    target = None
    if isinstance(value, Case):
        target = value
    elif str(value or "").isdigit():
        target = Case.objects.filter(pk=int(value)).first()
    if target is None:
        return [("into", _("Kasus tujuan penggabungan tidak ditemukan."))]
    if target.pk == case.pk:
        return [("into", _("Kasus tidak dapat digabungkan ke dirinya sendiri."))]
    if target.status in (Case.Status.JOINED, Case.Status.NOT_REGISTERED, Case.Status.DISMISSED):
        return [
            (
                "into",
                _("Kasus %(case)s berstatus %(status)s; pilih kasus yang masih ditangani.")
                % {"case": target, "status": target.get_status_display()},
            )
        ]
    data["into"] = target
    return []


def every_respondent_final(case: Case, data: dict) -> list[Unmet]:
    """Every respondent has a final outcome: sanctioned, not sanctioned with a reason, referred
    (not ASN), or data blocked; no objection or appeal still pending."""
    return [
        ("follow_ups", outcome.open_reason) for outcome in case_outcomes(case) if not outcome.final
    ]


def registration_date(case: Case, data: dict) -> list[Unmet]:
    """A case entered after the fact may carry its real registration date, with the reason."""
    value = data.get("registered_on")
    if value in (None, ""):
        if str(data.get("registration_reason") or "").strip():
            return [("registered_on", _("Isi tanggal registrasi yang sebenarnya."))]
        return []
    parsed = value if isinstance(value, date) else parse_date(str(value))
    unmet = []
    if parsed is None:
        return [("registered_on", _("Tanggal registrasi tidak valid; gunakan format TTTT-BB-HH."))]
    received_on = deadlines.local_date(case.received_at)
    if parsed < received_on:
        unmet.append(
            (
                "registered_on",
                _("Tanggal registrasi tidak boleh sebelum laporan diterima (%(d)s).")
                % {"d": f"{received_on:%d-%m-%Y}"},
            )
        )
    if parsed > deadlines.local_date(clock.now()):
        unmet.append(("registered_on", _("Tanggal registrasi tidak boleh di masa depan.")))
    if not str(data.get("registration_reason") or "").strip():
        unmet.append(
            (
                "registration_reason",
                _("Alasan mencatat tanggal registrasi yang lalu wajib diisi."),
            )
        )
    data["registered_on"] = parsed
    return unmet


def not_extended_yet(case: Case) -> str | None:
    """The extension is used once per case (a precondition: a second one is a 409)."""
    if case.extended_at is None:
        return None
    return _(
        "Batas waktu keputusan sudah diperpanjang pada %(when)s; perpanjangan hanya boleh sekali."
    ) % {"when": f"{case.extended_at.astimezone(deadlines.WITA):%d-%m-%Y %H.%M} WITA"}


def is_report(case: Case) -> str | None:
    """A document for the reporter needs a laporan: a temuan has no reporter (409)."""
    if case.kind == Case.Kind.REPORT:
        return None
    return _("Temuan tidak memiliki pelapor; dokumen ini hanya untuk laporan.")


def decision_deadline_not_passed(case: Case) -> str | None:
    """An extension is decided before the decision deadline (UU 10/2016 Pasal 134 ayat (6)): a
    case already overdue cannot become "on time" after the fact."""
    due = case.decision_due_at
    if due is None or clock.now() <= due:
        return None
    return _(
        "Batas waktu keputusan %(due)s sudah lewat; perpanjangan harus diputuskan sebelum batas "
        "itu berakhir."
    ) % {"due": f"{due.astimezone(deadlines.WITA):%d-%m-%Y %H.%M} WITA"}


def follow_up_deadline_passed(case: Case) -> str | None:
    """A block of personnel data is requested only once the PPK's deadline has passed."""
    due = case.follow_up_due_at
    if due is not None and clock.now() > due:
        return None
    if due is None:
        return _("Batas tindak lanjut PPK belum berjalan; pemblokiran data belum dapat diminta.")
    return _(
        "Batas tindak lanjut PPK baru berakhir %(due)s; pemblokiran data dapat diminta setelahnya."
    ) % {"due": f"{due.astimezone(deadlines.WITA):%d-%m-%Y %H.%M} WITA"}
