"""The one-line legal basis of each deadline ("3 hari kalender sejak laporan diterima — UU 10/2016
Pasal 134 ayat (5)"), from an election's rules, as every deadline shown anywhere carries it."""

from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _

from apps.cases.models import DayType, Election

REPORTING, DECISION, FOLLOW_UP = "reporting", "decision", "follow_up"
LABELS = {
    REPORTING: gettext_lazy("Batas waktu pelaporan"),
    DECISION: gettext_lazy("Batas waktu keputusan"),
    FOLLOW_UP: gettext_lazy("Batas tindak lanjut PPK"),
}


def _period(days: int, day_type: str) -> str:
    return f"{days} {DayType(day_type).label}"


def reporting_basis(election: Election) -> str:
    period = _period(election.reporting_window_days, election.reporting_day_type)
    return _("%(period)s sejak pelanggaran diketahui — %(basis)s") % {
        "period": period,
        "basis": election.reporting_basis,
    }


def decision_basis(election: Election, *, extended: bool) -> str:
    anchor = Election.ClockAnchor(election.decision_clock_anchor).label
    period = _period(election.decision_days, election.decision_day_type)
    if not extended:
        return _("%(period)s %(anchor)s — %(basis)s") % {
            "period": period,
            "anchor": anchor,
            "basis": election.decision_basis,
        }
    extension = _period(election.extension_days, election.extension_day_type)
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
    period = _period(election.follow_up_days, election.follow_up_day_type)
    return _("%(period)s sejak rekomendasi diteruskan — %(basis)s") % {
        "period": period,
        "basis": election.follow_up_basis,
    }


# The texts above depend only on an election's rules and the language; a list of cases asks for
# them once per case. Keyed by every field they read, so an edited election gets new texts.
BASIS_FIELDS = (
    "reporting_window_days",
    "reporting_day_type",
    "reporting_basis",
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
            DECISION: decision_basis(election, extended=False),
            f"{DECISION}_extended": decision_basis(election, extended=True),
            FOLLOW_UP: follow_up_basis(election),
            **{f"label_{name}": str(label) for name, label in LABELS.items()},
        }
    return texts
