"""Dates and times as an Indonesian letter writes them ("Jumat, 22 November 2024 pukul 09.00
WITA"), whatever language the request asked for."""

from datetime import date, datetime
from zoneinfo import ZoneInfo

from django.utils import dateformat, translation

WITA = ZoneInfo("Asia/Makassar")


def _local(value: datetime) -> datetime:
    return value.astimezone(WITA)


def date_text(value: date | datetime | None) -> str:
    if value is None:
        return "—"
    if isinstance(value, datetime):
        value = _local(value)
    with translation.override("id"):
        return dateformat.format(value, "j F Y")


def day_date(value: date | datetime | None) -> str:
    if value is None:
        return "—"
    if isinstance(value, datetime):
        value = _local(value)
    with translation.override("id"):
        return dateformat.format(value, "l, j F Y")


def time_text(value: datetime) -> str:
    return f"{_local(value):%H.%M}"


def moment(value: datetime | None) -> str:
    """``Sabtu, 9 November 2024 pukul 10.00 WITA``."""
    if value is None:
        return "—"
    return f"{day_date(value)} pukul {time_text(value)} WITA"
