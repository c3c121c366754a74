"""What every Celery task of Netral shares: which failures are temporary, and how long to wait."""

from django.conf import settings
from django.db import InterfaceError, OperationalError

# A lost or refused database connection, a deadlock or a lock timeout: worth retrying.
TEMPORARY_DB_ERRORS = (OperationalError, InterfaceError)


def retry_countdown(retries: int, *, base: int = 30) -> int:
    """Exponential backoff (30 s, 60 s, 120 s, ...), never longer than NETRAL_TASK_MAX_COUNTDOWN.

    Redis hands an unacknowledged message to another worker after the visibility timeout, so a
    countdown longer than that would run the task twice; the deploy check keeps the maximum below.
    """
    return min(base * 2**retries, settings.NETRAL_TASK_MAX_COUNTDOWN)
