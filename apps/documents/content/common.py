"""What every document builder shares: the result, the problems with the inputs, and the
pieces of a case several documents show.

Each builder returns a :class:`Built`: the ``data`` its Typst template reads, the ``series`` that
tells two documents of the same type on one subject apart, and the inputs as they were understood
(stored with the document, so a re-issue can start from them). Invalid inputs raise
``InvalidInput`` naming every problem at once.
"""

import re
from dataclasses import dataclass, field
from datetime import datetime

from django.utils import timezone
from django.utils.dateparse import parse_datetime
from django.utils.translation import gettext as _

from apps.cases.models import Case, Evidence, Respondent
from apps.core.errors import Conflict, InvalidInput
from apps.documents.formatting import date_text


@dataclass
class Built:
    data: dict
    series: str = ""
    inputs: dict = field(default_factory=dict)


class Problems:
    """Every problem with the inputs, raised at once."""

    def __init__(self, fields: dict, accepted: tuple[str, ...]):
        self.errors: dict[str, list[str]] = {}
        for name in sorted(set(fields) - set(accepted)):
            self.add(name, _("Isian ini tidak dikenal untuk dokumen ini."))

    def add(self, name: str, message: str) -> None:
        self.errors.setdefault(name, []).append(message)

    def raise_any(self) -> None:
        if self.errors:
            raise InvalidInput(
                _("Dokumen belum dapat diterbitkan: periksa isian yang disebut."),
                fields=self.errors,
            )


def text(fields: dict, name: str, *, limit: int = 4000) -> str:
    value = fields.get(name)
    return "" if value is None else str(value).strip()[:limit]


def require_report(case: Case) -> None:
    if case.kind != Case.Kind.REPORT:
        raise Conflict(
            _("Temuan tidak memiliki pelapor; dokumen ini hanya untuk laporan."),
            code="not_a_report",
        )


# --- pieces shared by several documents -------------------------------------------------------


def respondent_rows(case: Case) -> list[dict]:
    rows = []
    for r in Respondent.objects.filter(case=case).select_related("agency").order_by("id"):
        agency = r.agency.name if r.agency else r.agency_name
        rows.append(
            {
                "id": r.pk,
                "name": r.name,
                "nip": r.nip or "—",
                "agency": agency,
                "position_agency": ", ".join(part for part in (r.position, agency) if part) or "—",
            }
        )
    return rows


def evidence_lines(case: Case) -> list[str]:
    """Kind, description and link of each piece of evidence (never an uploaded file's own name,
    which may name the reporter)."""
    lines = []
    for item in Evidence.objects.filter(case=case).order_by("id"):
        text = item.get_kind_display()
        if item.description:
            text += f" — {item.description}"
        if item.url:
            text += f" ({item.url})"
        lines.append(text)
    return lines


def violation_form_names(case: Case) -> list[str]:
    return [form.name for form in case.violation_forms.order_by("position", "code")]


def incident(case: Case) -> dict:
    return {
        "date": date_text(case.incident_on),
        "place": case.incident_place or "—",
        "kecamatan": case.kecamatan.name if case.kecamatan_id else "—",
    }


def moment_input(value, name: str, problems: Problems) -> datetime | None:
    parsed = value if isinstance(value, datetime) else parse_datetime(str(value or ""))
    if parsed is None:
        problems.add(name, _("Isi tanggal dan jam, mis. 2024-11-11T09:00."))
        return None
    return timezone.make_aware(parsed) if timezone.is_naive(parsed) else parsed


def series_key(*parts: str) -> str:
    slug = re.sub(r"[^a-z0-9]+", "-", ":".join(parts).lower()).strip("-")
    return slug[:120]
