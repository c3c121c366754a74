"""Register numbers (nomor register), given at registration (DESIGN §2).

The template is a setting (``NETRAL_REGISTER_NUMBER_TEMPLATE``), e.g. the default
``{seq:03d}/Reg/{kind_code}/{election_code}/Kab/{office_code}/{month_roman}/{year}`` gives
``001/Reg/LP/PB/Kab/64.02/XI/2024``. Sequences are unique and without gaps per office, kind,
year and election kind (Pilkada, Pemilu; ``NETRAL_REGISTER_SHARED_SEQUENCE`` makes them one): the
counter row is locked inside the registering transaction, so a rolled-back
registration gives its number back and concurrent registrations wait for each other.
"""

from datetime import date

from django.conf import settings
from django.core import checks
from django.utils.translation import gettext as _

from apps.cases.models import Case, RegisterCounter
from apps.core import numbering as shared
from apps.core.errors import InvalidInput

DEFAULT_TEMPLATE = (
    "{seq:03d}/Reg/{kind_code}/{election_code}/Kab/{office_code}/{month_roman}/{year}"
)
KIND_CODES = {Case.Kind.REPORT: "LP", Case.Kind.FINDING: "TM"}
PLACEHOLDERS = frozenset(
    {"seq", "kind_code", "election_code", "office_code", "month_roman", "month", "year"}
)
# Without these two numbers of different kinds or years would collide (sequences restart).
REQUIRED_PLACEHOLDERS = ("seq", "kind_code", "year")


def number_template() -> str:
    return getattr(settings, "NETRAL_REGISTER_NUMBER_TEMPLATE", "") or DEFAULT_TEMPLATE


def office_code() -> str:
    return settings.NETRAL_OFFICE_CODE


def template_errors(template: str) -> list[str]:
    """What is wrong with a register number template; empty when it is usable."""
    return shared.template_errors(
        template,
        what=_("nomor register"),
        placeholders=PLACEHOLDERS,
        required=REQUIRED_PLACEHOLDERS,
        sample=lambda t: render(
            t, seq=1, kind=Case.Kind.REPORT, election_code="PB", on=date(2024, 11, 9)
        ),
    )


def render(template: str, *, seq: int, kind: str, election_code: str, on: date) -> str:
    return template.format(
        seq=seq,
        kind_code=KIND_CODES[kind],
        election_code=election_code,
        office_code=office_code(),
        month_roman=shared.ROMAN_MONTHS[on.month - 1],
        month=on.month,
        year=on.year,
    )


def series(case: Case) -> str:
    """Which sequence a case's number is taken from: one per election kind (Pilkada, Pemilu), or
    one shared by both when ``NETRAL_REGISTER_SHARED_SEQUENCE`` is set."""
    if getattr(settings, "NETRAL_REGISTER_SHARED_SEQUENCE", False):
        return ""
    return case.election.regime


def next_sequence(*, office: str, kind: str, year: int, series: str = "") -> int:
    """Take the next sequence for (office, series, kind, year), inside the caller's transaction."""
    return shared.next_sequence(
        RegisterCounter, office_code=office, series=series, kind=kind, year=year
    )


def assign_number(case: Case, *, registered_on: date) -> str:
    """Give ``case`` its register number (sets the number columns; the caller saves the case)."""
    template = number_template()
    errors = template_errors(template)
    if errors:
        raise InvalidInput(errors[0], fields={"number": errors}, code="number_template")
    office, sequence_series = office_code(), series(case)
    seq = next_sequence(
        office=office, kind=case.kind, year=registered_on.year, series=sequence_series
    )
    case.office_code = office
    case.number_series = sequence_series
    case.number_year = registered_on.year
    case.number_sequence = seq
    case.number = render(
        template,
        seq=seq,
        kind=case.kind,
        election_code=case.election.election_type_code,
        on=registered_on,
    )
    return case.number


@checks.register("netral")
def check_number_template(app_configs=None, **kwargs):
    return [
        checks.Error(message, hint="NETRAL_REGISTER_NUMBER_TEMPLATE", id="cases.E001")
        for message in template_errors(number_template())
    ]
