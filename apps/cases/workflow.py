"""The case handling workflow (DESIGN §2) as one table you can read.

States::

    RECEIVED ──register──▶ REGISTERED ──begin_clarification──▶ CLARIFICATION ──begin_review──▶ REVIEW
       └──reject──▶ NOT_REGISTERED (end)             REVIEW ──dismiss──▶ DISMISSED (end)
                                                     REVIEW ──forward──▶ FORWARDED ──close──▶ CLOSED (end)
    extend: no state change; once per case, while the decision is pending after registration.

Who (DESIGN §1):

- ``coordinator`` — a Bawaslu coordinator (or a superuser): every action. Registering and not
  registering are the same decision (one *pemberitahuan status laporan*), and dismissing and
  forwarding are the plenary decision (pleno), so those four are the coordinator's alone.
- ``investigator`` — a Bawaslu investigator *assigned to the case*: the handling steps
  (clarification, review) and the extension when more information is needed. An investigator
  who is not assigned does not see the case at all (404, not 403).
- ``bkpsdm`` — a BKPSDM officer: ``close`` once the PPK's follow-up is recorded per respondent.

The one service that performs an action is :func:`apps.cases.services.case_transition`; this
module only declares and checks. Guards return ``(field, message)`` pairs for every unmet
requirement so the caller can name them all at once.
"""

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date

from django.utils import timezone
from django.utils.dateparse import parse_date
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from apps.cases import deadlines
from apps.cases.models import Case, FollowUp, ForwardingRecipient, Severity
from apps.core import permissions
from apps.core.errors import Conflict, Forbidden, InvalidInput

S = Case.Status
COORDINATOR, INVESTIGATOR, BKPSDM = "coordinator", "investigator", "bkpsdm"
END_STATES = frozenset({S.CLOSED, S.NOT_REGISTERED, S.DISMISSED})

Unmet = tuple[str, str]  # (field, message)
Guard = Callable[[Case, dict], list[Unmet]]


# --- guards -----------------------------------------------------------------------------------


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
    if not case.evidence.exists() and not case.witnesses.exists():
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
    if parsed > timezone.localdate():
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


# --- the table --------------------------------------------------------------------------------


@dataclass(frozen=True)
class Action:
    name: str
    label: str
    sources: frozenset[str]
    target: str | None  # None: the state does not change (extend)
    who: frozenset[str]
    required: tuple[str, ...] = ()
    optional: tuple[str, ...] = ("note",)
    guards: tuple[Guard, ...] = ()
    precondition: Callable[[Case], str | None] | None = None
    event: str = ""

    @property
    def event_action(self) -> str:
        return self.event or self.name

    @property
    def accepted_fields(self) -> frozenset[str]:
        return frozenset(self.required) | frozenset(self.optional)


FIELD_LABELS = {
    "reason": gettext_lazy("Alasan"),
    "reason_code": gettext_lazy("Jenis alasan"),
    "recipients": gettext_lazy("Penerima rekomendasi"),
    "letter_number": gettext_lazy("Nomor surat rekomendasi"),
    "letter_date": gettext_lazy("Tanggal surat rekomendasi"),
    "recommended_sanction": gettext_lazy("Rekomendasi kategori sanksi"),
    "conclusion": gettext_lazy("Kesimpulan"),
    "note": gettext_lazy("Catatan"),
}

_REGISTERED_PENDING = frozenset({S.REGISTERED, S.CLARIFICATION, S.REVIEW})

ACTIONS: dict[str, Action] = {
    a.name: a
    for a in [
        Action(
            name="register",
            label=gettext_lazy("Registrasi"),
            sources=frozenset({S.RECEIVED}),
            target=S.REGISTERED,
            who=frozenset({COORDINATOR}),
            guards=(formal_requirements, within_reporting_window, material_requirements),
        ),
        Action(
            name="reject",
            label=gettext_lazy("Tidak diregistrasi"),
            sources=frozenset({S.RECEIVED}),
            target=S.NOT_REGISTERED,
            who=frozenset({COORDINATOR}),
            required=("reason",),
            optional=("reason_code", "note"),
            guards=(
                reason_code_valid(
                    [
                        Case.ReasonCode.FORMAL_UNMET,
                        Case.ReasonCode.MATERIAL_UNMET,
                        Case.ReasonCode.EXPIRED,
                        Case.ReasonCode.NOT_ELECTION,
                    ]
                ),
            ),
        ),
        Action(
            name="begin_clarification",
            label=gettext_lazy("Mulai klarifikasi"),
            sources=frozenset({S.REGISTERED}),
            target=S.CLARIFICATION,
            who=frozenset({COORDINATOR, INVESTIGATOR}),
        ),
        Action(
            name="begin_review",
            label=gettext_lazy("Mulai kajian"),
            sources=frozenset({S.CLARIFICATION}),
            target=S.REVIEW,
            who=frozenset({COORDINATOR, INVESTIGATOR}),
        ),
        Action(
            name="extend",
            label=gettext_lazy("Perpanjang batas keputusan"),
            sources=_REGISTERED_PENDING,
            target=None,
            who=frozenset({COORDINATOR, INVESTIGATOR}),
            required=("reason",),
            precondition=not_extended_yet,
        ),
        Action(
            name="dismiss",
            label=gettext_lazy("Hentikan"),
            sources=frozenset({S.REVIEW}),
            target=S.DISMISSED,
            who=frozenset({COORDINATOR}),
            required=("reason",),
            optional=("reason_code", "conclusion", "note"),
            guards=(
                reason_code_valid([Case.ReasonCode.NOT_PROVEN, Case.ReasonCode.NOT_NEUTRALITY]),
            ),
        ),
        Action(
            name="forward",
            label=gettext_lazy("Teruskan rekomendasi"),
            sources=frozenset({S.REVIEW}),
            target=S.FORWARDED,
            who=frozenset({COORDINATOR}),
            required=("recipients", "letter_number", "letter_date", "recommended_sanction"),
            optional=("conclusion", "note"),
            guards=(forwarding_recipients, forwarding_letter, recommended_sanction_valid),
        ),
        Action(
            name="close",
            label=gettext_lazy("Selesaikan"),
            sources=frozenset({S.FORWARDED}),
            target=S.CLOSED,
            who=frozenset({COORDINATOR, BKPSDM}),
            guards=(every_respondent_followed_up,),
        ),
    ]
}


# --- checks -----------------------------------------------------------------------------------


def get_action(name: str) -> Action:
    try:
        return ACTIONS[name]
    except KeyError:
        raise InvalidInput(
            _("Tindakan '%(name)s' tidak dikenal; yang tersedia: %(known)s.")
            % {"name": name, "known": ", ".join(ACTIONS)},
            fields={"action": [_("Tindakan tidak dikenal.")]},
            code="unknown_action",
        ) from None


def is_assigned(user, case: Case) -> bool:
    return case.assigned_investigators.filter(pk=user.pk).exists()


def actor_kinds(user, case: Case) -> frozenset[str]:
    """In which of the table's capacities ``user`` may act on ``case``."""
    kinds = set()
    if permissions.is_coordinator(user):
        kinds.add(COORDINATOR)
    if permissions.is_investigator(user) and is_assigned(user, case):
        kinds.add(INVESTIGATOR)
    if permissions.is_bkpsdm(user):
        kinds.add(BKPSDM)
    return frozenset(kinds)


def _who_text(action: Action) -> str:
    names = {
        COORDINATOR: _("koordinator"),
        INVESTIGATOR: _("investigator yang ditugaskan"),
        BKPSDM: _("petugas BKPSDM"),
    }
    return ", ".join(str(names[w]) for w in sorted(action.who))


def check_actor(action: Action, case: Case, user) -> None:
    if not action.who & actor_kinds(user, case):
        raise Forbidden(
            _("Tindakan '%(action)s' hanya dapat dilakukan oleh: %(who)s.")
            % {"action": action.label, "who": _who_text(action)}
        )


def check_state(action: Action, case: Case) -> None:
    if case.status not in action.sources:
        sources = ", ".join(str(S(s).label) for s in sorted(action.sources))
        raise Conflict(
            _(
                "Tindakan '%(action)s' tidak dapat dilakukan pada kasus berstatus %(status)s; "
                "hanya dari status: %(sources)s."
            )
            % {"action": action.label, "status": case.get_status_display(), "sources": sources},
            code="invalid_transition",
        )
    problem = action.precondition(case) if action.precondition else None
    if problem:
        raise Conflict(problem, code="invalid_transition")


def _blank(value) -> bool:
    if isinstance(value, str):
        return not value.strip()
    return value is None or (isinstance(value, list | tuple | set) and not value)


def check_input(action: Action, case: Case, fields: dict) -> dict:
    """Every unmet requirement at once (unknown and missing fields, then the guards)."""
    data = dict(fields)
    unmet: list[Unmet] = [
        (name, _("Isian ini tidak dikenal untuk tindakan '%(action)s'.") % {"action": action.label})
        for name in sorted(set(data) - action.accepted_fields)
    ]
    unmet += [
        (name, _("%(label)s wajib diisi.") % {"label": FIELD_LABELS.get(name, name)})
        for name in action.required
        if _blank(data.get(name))
    ]
    for guard in action.guards:
        unmet += guard(case, data)
    if unmet:
        grouped: dict[str, list[str]] = {}
        for name, message in unmet:
            grouped.setdefault(name, []).append(message)
        raise InvalidInput(
            _("Tindakan '%(action)s' belum dapat dilakukan: %(count)d syarat belum terpenuhi.")
            % {"action": action.label, "count": len(unmet)},
            fields=grouped,
            code="requirements_unmet",
        )
    return data


def available_actions(case: Case, user) -> list[str]:
    """The actions ``user`` may try on ``case`` now (role and state; guards are checked on use)."""
    kinds = actor_kinds(user, case)
    return [
        a.name
        for a in ACTIONS.values()
        if a.who & kinds
        and case.status in a.sources
        and not (a.precondition and a.precondition(case))
    ]
