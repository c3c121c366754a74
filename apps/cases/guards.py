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
from apps.cases.models import Case, FollowUp, ForwardingRecipient, Severity
from apps.core import clock

Unmet = tuple[str, str]  # (field, message)
Guard = Callable[[Case, dict], list[Unmet]]
Precondition = Callable[[Case], str | None]


def formal_requirements(case: Case, data: dict) -> list[Unmet]:
    """Reporter identity with NIK (a laporan), and the reported person."""
    unmet = []
    if case.kind == Case.Kind.REPORT:
        reporter = getattr(case, "reporter", None)
        if reporter is None or not reporter.name.strip():
            unmet.append(("reporter", _("Syarat formal: identitas pelapor (nama) belum diisi.")))
        elif not reporter.nik:
            unmet.append(("reporter.nik", _("Syarat formal: NIK pelapor belum diisi.")))
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


def every_respondent_followed_up(case: Case, data: dict) -> list[Unmet]:
    """The PPK's follow-up is recorded for every respondent (a sanction, or none with a reason)."""
    missing = case.respondents.exclude(
        pk__in=FollowUp.objects.filter(respondent__case=case).values("respondent_id")
    )
    return [
        (
            "follow_ups",
            _("Tindak lanjut PPK untuk terlapor %(name)s belum dicatat.") % {"name": r.name},
        )
        for r in missing
    ]


def not_extended_yet(case: Case) -> str | None:
    """The extension is used once per case (a precondition: a second one is a 409)."""
    if case.extended_at is None:
        return None
    return _(
        "Batas waktu keputusan sudah diperpanjang pada %(when)s; perpanjangan hanya boleh sekali."
    ) % {"when": f"{case.extended_at.astimezone(deadlines.WITA):%d-%m-%Y %H.%M} WITA"}
