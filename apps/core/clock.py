"""The time services and events are stamped with.

``now()`` is Django's ``timezone.now()`` unless a caller has set the clock for a block with
:func:`travel_to`: the demo data builds each case's history as it happened on its own days
(events dated then, deadlines counted from then), through the same services as real use.
"""

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from datetime import date, datetime

from django.utils import timezone

_fixed: ContextVar[datetime | None] = ContextVar("netral_clock", default=None)


def now() -> datetime:
    return _fixed.get() or timezone.now()


def today() -> date:
    """Today in Netral's time zone (WITA): ``now().date()`` is the UTC date, a day behind
    between 00.00 and 08.00 WITA."""
    return timezone.localdate(now())


@contextmanager
def travel_to(moment: datetime) -> Iterator[None]:
    """Stamp everything done inside the block with ``moment`` (an aware datetime)."""
    if timezone.is_naive(moment):
        raise ValueError("travel_to needs an aware datetime")
    token = _fixed.set(moment)
    try:
        yield
    finally:
        _fixed.reset(token)
