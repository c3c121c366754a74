"""The one-line legal basis of each deadline ("3 hari kalender sejak laporan diterima — UU 10/2016
Pasal 134 ayat (5)"), from an election's rules, as every deadline shown anywhere carries it."""

from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _

from apps.cases.models import DayType, Election

REPORTING, DECISION, FOLLOW_UP = "reporting", "decision", "follow_up"
INITIAL_REVIEW = "initial_review"
LABELS = {
    REPORTING: gettext_lazy("Batas waktu pelaporan"),
    INITIAL_REVIEW: gettext_lazy("Batas kajian awal"),
    DECISION: gettext_lazy("Batas waktu keputusan"),
    FOLLOW_UP: gettext_lazy("Batas tindak lanjut PPK"),
}


def _calendar(election: Election) -> str:
    if election.cuti_bersama_off:
        return _("tanpa Sabtu, Minggu, libur nasional, cuti bersama dan libur tambahan")
    return _("tanpa Sabtu, Minggu, libur nasional dan libur tambahan; cuti bersama dihitung")


def _period(days: int, day_type: str, election: Election) -> str:
    """ "3 hari kalender", or "7 hari kerja (tanpa Sabtu, …)": which calendar counted the days."""
    period = f"{days} {DayType(day_type).label}"
    if day_type == DayType.WORKING:
        return f"{period} ({_calendar(election)})"
    return period


def reporting_basis(election: Election, *, finding: bool = False) -> str:
    if finding:
        period = _period(election.finding_window_days, election.finding_day_type, election)
        return _("%(period)s sejak pelanggaran ditemukan — %(basis)s") % {
            "period": period,
            "basis": election.finding_basis or election.reporting_basis,
        }
    period = _period(election.reporting_window_days, election.reporting_day_type, election)
    return _("%(period)s sejak pelanggaran diketahui — %(basis)s") % {
        "period": period,
        "basis": election.reporting_basis,
    }


def initial_review_basis(election: Election) -> str:
    if election.initial_review_days is None:
        return ""
    days, day_type = election.initial_review_days, election.initial_review_day_type
    return _("%(period)s sejak laporan diterima — %(basis)s") % {
        "period": _period(days, day_type, election),
        "basis": election.initial_review_basis,
    }


def decision_basis(election: Election, *, extended: bool) -> str:
    anchor = Election.ClockAnchor(election.decision_clock_anchor).label
    period = _period(election.decision_days, election.decision_day_type, election)
    if not extended:
        return _("%(period)s %(anchor)s — %(basis)s") % {
            "period": period,
            "anchor": anchor,
            "basis": election.decision_basis,
        }
    extension = _period(election.extension_days, election.extension_day_type, election)
    if election.extension_mode == Election.ExtensionMode.TOTAL:
        text = _("diperpanjang menjadi paling lama %(extension)s %(anchor)s")
    else:
        text = _("%(period)s %(anchor)s, diperpanjang %(extension)s")
    text = text % {"period": period, "anchor": anchor, "extension": extension}
    return _("%(text)s — %(basis)s; %(extension_basis)s") % {
        "text": text,
        "basis": election.decision_basis,
        "extension_basis": election.extension_basis,
    }


def follow_up_basis(election: Election) -> str:
    period = _period(election.follow_up_days, election.follow_up_day_type, election)
    anchor = Election.FollowUpAnchor(election.follow_up_anchor).label
    return _("%(period)s %(anchor)s — %(basis)s") % {
        "period": period,
        "anchor": anchor,
        "basis": election.follow_up_basis,
    }


# The texts above depend only on an election's rules and the language; a list of cases asks for
# them once per case. Keyed by every field they read, so an edited election gets new texts.
BASIS_FIELDS = (
    "reporting_window_days",
    "reporting_day_type",
    "reporting_basis",
    "finding_window_days",
    "finding_day_type",
    "finding_basis",
    "initial_review_days",
    "initial_review_day_type",
    "initial_review_basis",
    "cuti_bersama_off",
    "decision_clock_anchor",
    "decision_days",
    "decision_day_type",
    "decision_basis",
    "extension_mode",
    "extension_days",
    "extension_day_type",
    "extension_basis",
    "follow_up_days",
    "follow_up_day_type",
    "follow_up_anchor",
    "follow_up_basis",
)
_texts: dict[tuple, dict[str, str]] = {}


def basis_texts(election: Election) -> dict[str, str]:
    """The one-line legal basis of each deadline of ``election``, in the active language:
    ``reporting``, ``decision``, ``decision_extended``, ``follow_up``, and the labels."""
    key = (get_language(), *(getattr(election, name) for name in BASIS_FIELDS))
    texts = _texts.get(key)
    if texts is None:
        if len(_texts) > 256:  # elections are few; edits of their rules add keys
            _texts.clear()
        texts = _texts[key] = {
            REPORTING: reporting_basis(election),
            f"{REPORTING}_finding": reporting_basis(election, finding=True),
            INITIAL_REVIEW: initial_review_basis(election),
            DECISION: decision_basis(election, extended=False),
            f"{DECISION}_extended": decision_basis(election, extended=True),
            FOLLOW_UP: follow_up_basis(election),
            **{f"label_{name}": str(label) for name, label in LABELS.items()},
        }
    return texts
