"""Letter numbers (nomor surat) of issued documents, from a configurable template.

``NETRAL_DOCUMENT_NUMBER_TEMPLATE``, e.g. the default
``{seq:03d}/{type_code}/{office_code}/{month_roman}/{year}`` gives ``007/REK/64.02/XI/2024``.
Sequences are without gaps per office, document type and year, as register numbers are
(``apps.core.numbering``): the counter row is locked inside the issuing transaction.
"""

from datetime import date

from django.conf import settings
from django.core import checks
from django.utils.translation import gettext as _

from apps.core import numbering as shared
from apps.core.errors import Conflict
from apps.documents.models import DocumentCounter, DocumentType

DEFAULT_TEMPLATE = "{seq:03d}/{type_code}/{office_code}/{month_roman}/{year}"
PLACEHOLDERS = frozenset({"seq", "type_code", "office_code", "month_roman", "month", "year"})
# Without these, numbers of two types, offices (kecamatan) or years would collide.
REQUIRED_PLACEHOLDERS = ("seq", "type_code", "office_code", "year")


def number_template() -> str:
    return getattr(settings, "NETRAL_DOCUMENT_NUMBER_TEMPLATE", "") or DEFAULT_TEMPLATE


def type_code(document_type: str) -> str:
    codes = getattr(settings, "NETRAL_DOCUMENT_TYPE_CODES", {}) or {}
    return codes.get(document_type) or document_type.upper()


def render(template: str, *, seq: int, document_type: str, office_code: str, on: date) -> str:
    return template.format(
        seq=seq,
        type_code=type_code(document_type),
        office_code=office_code,
        month_roman=shared.ROMAN_MONTHS[on.month - 1],
        month=on.month,
        year=on.year,
    )


def template_errors(template: str) -> list[str]:
    """What is wrong with the letter number template; empty when it is usable."""
    return shared.template_errors(
        template,
        what=_("nomor surat"),
        placeholders=PLACEHOLDERS,
        required=REQUIRED_PLACEHOLDERS,
        sample=lambda t: render(
            t, seq=1, document_type=DocumentType.RECEIPT, office_code="64.02", on=date(2024, 11, 9)
        ),
    )


def take_number(*, document_type: str, office_code: str, on: date) -> tuple[int, str]:
    """The next sequence and the number made of it. Must run inside the issuing transaction."""
    template = number_template()
    errors = template_errors(template)
    if errors:
        raise Conflict(errors[0], code="number_template")
    seq = shared.next_sequence(
        DocumentCounter, office_code=office_code, document_type=document_type, year=on.year
    )
    return seq, render(
        template, seq=seq, document_type=document_type, office_code=office_code, on=on
    )


@checks.register("netral")
def check_number_template(app_configs=None, **kwargs):
    return [
        checks.Error(message, hint="NETRAL_DOCUMENT_NUMBER_TEMPLATE", id="documents.E001")
        for message in template_errors(number_template())
    ]
