"""The one way a time is shown to people: ``12-11-2024 23.59 WITA`` (DESIGN §2: stored in UTC,
shown in WITA)."""

from datetime import datetime
from zoneinfo import ZoneInfo

WITA = ZoneInfo("Asia/Makassar")


def wita(moment: datetime | None) -> str:
    """``12-11-2024 23.59 WITA``; a dash when there is no time."""
    return f"{moment.astimezone(WITA):%d-%m-%Y %H.%M} WITA" if moment else "—"
