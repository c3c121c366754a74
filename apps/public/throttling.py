"""Throttling of the tracking form and API: per client address and per tracking code
(django-ratelimit on the shared cache, fixed windows). A code that is guessed at from many
addresses is slowed down as much as one address guessing at many codes."""

from django.conf import settings
from django_ratelimit import ALL
from django_ratelimit.core import get_usage

from apps.cases import tracking
from apps.core.client_ip import client_ip


def track_wait(request, code: str) -> int:
    """0 when the attempt may go ahead, else the seconds to wait (for ``Retry-After``). Every
    attempt counts, right or wrong."""
    normalised = tracking.normalise_code(code) or "-"
    limits = (
        ("public.track.client", lambda group, r: client_ip(r), settings.NETRAL_TRACK_RATE_CLIENT),
        ("public.track.code", lambda group, r: normalised, settings.NETRAL_TRACK_RATE_CODE),
    )
    wait = 0
    for group, key, rate in limits:
        usage = get_usage(request, group=group, key=key, rate=rate, method=ALL, increment=True)
        if usage and usage["should_limit"]:
            wait = max(wait, int(usage["time_left"]) or 1)
    return wait
