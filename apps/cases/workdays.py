"""Counting days (DESIGN §2): calendar days, or working days on the calendar of government
offices — Monday to Friday without national holidays, cuti bersama (unless an election counts
them) and the holidays an administrator added. A day ends at 23:59:59 WITA."""

from collections.abc import Iterable
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import holidays as holiday_data
from django.conf import settings

from apps.cases.models import DayType, Election, Holiday

WITA = ZoneInfo("Asia/Makassar")
END_OF_DAY = time(23, 59, 59)
GOVERNMENT = "government"  # the holidays package's category of cuti bersama


class HolidayCalendar:
    """Which days are working days: Monday–Friday minus national holidays (the ``holidays``
    package's ``NETRAL_HOLIDAY_CATEGORIES``, plus its ``government`` category — cuti bersama —
    unless an election says otherwise) and the holidays an administrator added."""

    def __init__(
        self,
        extra: Iterable[date] = (),
        *,
        categories: Iterable[str] | None = None,
        cuti_bersama: bool = True,
    ):
        self.base = tuple(categories or getattr(settings, "NETRAL_HOLIDAY_CATEGORIES", ("public",)))
        self.cuti_bersama = cuti_bersama
        cats = (*self.base, GOVERNMENT) if cuti_bersama else self.base
        self.national = holiday_data.country_holidays("ID", categories=set(cats), language="id")
        self.extra = frozenset(extra)
        self._variants: dict[bool, HolidayCalendar] = {cuti_bersama: self}

    def for_election(self, election: Election) -> "HolidayCalendar":
        """The calendar ``election``'s working days are counted on (cuti bersama or not)."""
        wanted = election.cuti_bersama_off
        if wanted not in self._variants:
            variant = HolidayCalendar(self.extra, categories=self.base, cuti_bersama=wanted)
            variant._variants = self._variants
            self._variants[wanted] = variant
        return self._variants[wanted]

    @classmethod
    def from_db(cls) -> "HolidayCalendar":
        return cls(Holiday.objects.values_list("date", flat=True))

    def is_holiday(self, day: date) -> bool:
        return day in self.extra or day in self.national

    def is_working_day(self, day: date) -> bool:
        return day.weekday() < 5 and not self.is_holiday(day)


def add_days(start: date, days: int, day_type: str, calendar: HolidayCalendar) -> date:
    """The last day of a period of ``days`` days that starts the day after ``start``."""
    if day_type == DayType.CALENDAR:
        return start + timedelta(days=days)
    day, counted = start, 0
    while counted < days:
        day += timedelta(days=1)
        if calendar.is_working_day(day):
            counted += 1
    return day


def end_of_day(day: date) -> datetime:
    """23:59:59 WITA of ``day``, as an aware datetime."""
    return datetime.combine(day, END_OF_DAY, tzinfo=WITA)


def local_date(moment: datetime) -> date:
    return moment.astimezone(WITA).date()
