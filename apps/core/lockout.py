"""Lifting a login lockout (django-axes) before its cool-off ends: for a coordinator or an admin."""

import logging
from collections.abc import Iterable

from axes.utils import reset

logger = logging.getLogger(__name__)


def login_unlock(*, usernames: Iterable[str], actor) -> int:
    """Forget the failed logins of these usernames, from every address; returns how many."""
    usernames = sorted({name for name in usernames if name})
    removed = sum(reset(username=name) for name in usernames)
    logger.info("login lockout lifted by %s for %s (%d records)", actor, usernames, removed)
    return removed
