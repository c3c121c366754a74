"""The checks of a PPK decision and its sanctions (DESIGN §3): a sanction must fit the respondent
(PNS sanctions for PNS, PP 49/2018 sanctions for PPPK, none for someone who is not ASN) and its
own rules (an allowance cut of 6, 9 or 12 months runs exactly that long). Each check names what is
wrong in a sentence the recorder can act on."""

import calendar
from dataclasses import dataclass
from datetime import date, timedelta

from django.utils.translation import gettext as _

from apps.cases.models import Employment, FollowUp, Respondent, SanctionType
from apps.core import clock

Errors = dict[str, list[str]]
APPLIES = {
    SanctionType.AppliesTo.PNS: {Employment.PNS},
    SanctionType.AppliesTo.PPPK: {Employment.PPPK},
    SanctionType.AppliesTo.ASN: {Employment.PNS, Employment.PPPK},
}


@dataclass
class SanctionInput:
    """One sanction as a recorder gives it, its type resolved (None: not found)."""

    sanction_type: SanctionType | None
    given_type: object
    decree_number: str = ""
    decree_date: date | None = None
    effective_from: date | None = None
    effective_until: date | None = None


def employment_of(respondent: Respondent) -> str:
    """PNS, PPPK or not ASN: as recorded, else from the registry ("" when unknown)."""
    if respondent.employment:
        return respondent.employment
    servant = respondent.civil_servant
    return servant.employment_type.lower() if servant is not None else ""


def months_later(start: date, months: int) -> date:
    """The last day of a period of ``months`` months starting on ``start``."""
    month = start.month - 1 + months
    year, month = start.year + month // 12, month % 12 + 1
    day = min(start.day, calendar.monthrange(year, month)[1])
    return date(year, month, day) - timedelta(days=1)


def _add(errors: Errors, key: str, message: str) -> None:
    errors.setdefault(key, []).append(message)


def _check_period(item: SanctionInput, key: str, errors: Errors) -> None:
    kind = item.sanction_type
    start, until = item.effective_from, item.effective_until
    if start and until and until < start:
        _add(
            errors, f"{key}.effective_until", _("Berlaku sampai tidak boleh sebelum berlaku mulai.")
        )
        return
    if not kind.months:
        return
    if start is None or until is None:
        _add(
            errors,
            f"{key}.effective_from",
            _("%(name)s berlaku %(months)d bulan: isi berlaku mulai dan berlaku sampai.")
            % {"name": kind.name, "months": kind.months},
        )
        return
    expected = months_later(start, kind.months)
    if until != expected:
        _add(
            errors,
            f"{key}.effective_until",
            _(
                "%(name)s berlaku %(months)d bulan: %(start)s s.d. %(expected)s, "
                "bukan s.d. %(until)s."
            )
            % {
                "name": kind.name,
                "months": kind.months,
                "start": f"{start:%d-%m-%Y}",
                "expected": f"{expected:%d-%m-%Y}",
                "until": f"{until:%d-%m-%Y}",
            },
        )


def check_sanction(item: SanctionInput, employment: str, key: str, errors: Errors) -> None:
    kind = item.sanction_type
    if kind is None or kind.is_none or not kind.is_active:
        _add(
            errors,
            f"{key}.sanction_type",
            _("Jenis sanksi '%(v)s' tidak dikenal atau tidak aktif.") % {"v": item.given_type},
        )
        return
    allowed = APPLIES[kind.applies_to]
    if not employment and kind.applies_to != SanctionType.AppliesTo.ASN:
        _add(
            errors,
            f"{key}.sanction_type",
            _("%(name)s hanya untuk %(for)s: catat dulu status kepegawaian terlapor (PNS/PPPK).")
            % {"name": kind.name, "for": kind.get_applies_to_display()},
        )
    elif employment and employment not in allowed:
        who = Employment(employment).label
        _add(
            errors,
            f"{key}.sanction_type",
            _("%(name)s hanya untuk %(for)s (%(reg)s); terlapor adalah %(who)s.")
            % {
                "name": kind.name,
                "for": kind.get_applies_to_display(),
                "reg": kind.regulation,
                "who": who,
            },
        )
    if not item.decree_number.strip():
        _add(errors, f"{key}.decree_number", _("Nomor keputusan sanksi wajib diisi."))
    if item.decree_date is None:
        _add(errors, f"{key}.decree_date", _("Tanggal keputusan sanksi wajib diisi."))
    elif item.decree_date > clock.today():
        _add(errors, f"{key}.decree_date", _("Tanggal keputusan tidak boleh di masa depan."))
    _check_period(item, key, errors)


def _check_combination(items: list[SanctionInput], errors: Errors) -> None:
    kinds = [i.sanction_type.kind for i in items if i.sanction_type is not None]
    for kind in set(kinds):
        if kinds.count(kind) > 1:
            _add(
                errors,
                "sanctions",
                _("Paling banyak satu %(kind)s per terlapor.")
                % {"kind": SanctionType.Kind(kind).label.lower()},
            )
    if SanctionType.Kind.TERMINATION in kinds and SanctionType.Kind.DISCIPLINE in kinds:
        _add(
            errors,
            "sanctions",
            _("Pemberhentian tidak digabung dengan hukuman disiplin lain; pilih salah satu."),
        )


def check_decision(
    respondent: Respondent, outcome: str, items: list[SanctionInput], reason: str
) -> Errors:
    """Every problem of a PPK decision for ``respondent`` at once (empty: it may be recorded)."""
    errors: Errors = {}
    employment = employment_of(respondent)
    if outcome not in FollowUp.Outcome.values:
        _add(
            errors,
            "outcome",
            _("Hasil harus dijatuhi sanksi, tidak dijatuhi sanksi atau diteruskan."),
        )
        return errors
    if outcome == FollowUp.Outcome.NOT_SANCTIONED:
        if not reason.strip():
            _add(errors, "reason", _("Alasan tidak dijatuhi sanksi wajib diisi."))
        if items:
            _add(errors, "sanctions", _("Keputusan tanpa sanksi tidak memuat sanksi."))
        return errors
    if outcome == FollowUp.Outcome.REFERRED:
        if employment != Employment.NON_ASN:
            _add(
                errors,
                "outcome",
                _("Hanya terlapor bukan ASN yang diteruskan kepada pemberi kerja."),
            )
        if not reason.strip():
            _add(errors, "reason", _("Sebutkan pemberi kerja yang menerima penerusan."))
        return errors
    if employment == Employment.NON_ASN:
        _add(
            errors,
            "sanctions",
            _(
                "Terlapor bukan ASN tidak dapat dijatuhi sanksi ASN; catat sebagai diteruskan "
                "kepada pemberi kerja."
            ),
        )
        return errors
    if not items:
        _add(errors, "sanctions", _("Isi paling sedikit satu sanksi yang dijatuhkan."))
    for index, item in enumerate(items):
        check_sanction(item, employment, f"sanctions[{index}]", errors)
    _check_combination(items, errors)
    return errors
