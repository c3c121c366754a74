"""Sessions end after ``SESSION_COOKIE_AGE`` of inactivity (DESIGN §5), without writing the
session on every request.

Django's ``SESSION_SAVE_EVERY_REQUEST`` gives a sliding expiry by saving the session — an
``UPDATE`` and a commit, waited for on disk — on each request, the home and report pages' reads
included. This middleware saves a signed-in session only when its last extension is older than
``NETRAL_SESSION_REFRESH_SECONDS``: the session still ends a working day after the last activity,
give or take that many seconds (at most that much earlier), and a page's requests in between only
read it.
"""

import time

from django.conf import settings
from django.contrib.auth.signals import user_logged_in
from django.dispatch import receiver

# When the session was last extended (seconds since the epoch), kept in the session itself.
EXTENDED_AT = "netral_extended_at"


def extend_if_due(session, now: float) -> bool:
    """Mark ``session`` to be saved — its expiry and cookie moved a ``SESSION_COOKIE_AGE`` on —
    when its last extension is older than the refresh interval. True when it did."""
    extended_at = session.get(EXTENDED_AT, 0)
    if now - extended_at < settings.NETRAL_SESSION_REFRESH_SECONDS:
        return False
    session[EXTENDED_AT] = int(now)
    return True


@receiver(user_logged_in, dispatch_uid="netral_session_extended_at_login")
def extended_at_login(sender, request, user, **kwargs) -> None:
    """Signing in saves a new session with a full expiry: that is its first extension."""
    session = getattr(request, "session", None)
    if session is not None:
        session[EXTENDED_AT] = int(time.time())


class SessionActivityMiddleware:
    """After ``SessionMiddleware`` and ``AuthenticationMiddleware``: on the way out, extends the
    session of a request that used a non-empty one (a signed-in user's). A request that never
    read its session (an API call with a token, a public page) does not load it here either."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        session = getattr(request, "session", None)
        if session is not None and session.accessed and not session.is_empty():
            extend_if_due(session, time.time())
        return response
