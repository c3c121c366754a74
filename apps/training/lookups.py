"""Who a NIP is, for the clerk registering them, and no more (issue 19, rule 2).

The preview used to show any ASN's name, agency and position to any clerk, a thousand times a
minute: a registry oracle, while the registry API refuses clerks. Now it shows the name and
whether the ASN is active — what registering needs — at most ``NETRAL_TRAINING_NIP_LOOKUP_RATE``
per user (DRF's throttle, counted in the cache every process shares), and every look-up is
logged as a ``nip_lookup`` event (who, which NIP, found or not).
"""

import re
from dataclasses import dataclass

from django.conf import settings
from django.utils.translation import gettext as _
from rest_framework.throttling import SimpleRateThrottle

from apps.core.errors import DomainError, InvalidInput
from apps.training import selectors
from apps.training.models import TrainingEvent


class TooManyLookups(DomainError):
    status_code = 429
    code = "throttled"


class NipLookupThrottle(SimpleRateThrottle):
    scope = "training_nip_lookup"

    def get_rate(self):
        return settings.NETRAL_TRAINING_NIP_LOOKUP_RATE

    def get_cache_key(self, request, view):
        return self.cache_format % {"scope": self.scope, "ident": request.user.pk}


@dataclass(frozen=True)
class Preview:
    nip: str
    name: str
    active: bool

    @property
    def note(self) -> str:
        return _("ASN aktif") if self.active else _("Tercatat tidak aktif; hubungi BKPSDM.")


def nip_preview(request, nip: str) -> Preview:
    """The name behind ``nip`` for ``request.user``; TooManyLookups (429) past the rate,
    InvalidInput naming the problem otherwise. Logged either way (except when throttled)."""
    throttle = NipLookupThrottle()
    if not throttle.allow_request(request, None):
        wait = int(throttle.wait() or 60)
        raise TooManyLookups(
            _("Terlalu banyak pencarian NIP; coba lagi dalam %(seconds)d detik.")
            % {"seconds": wait}
        )
    cleaned = re.sub(r"[\s.\-]", "", nip or "")[:30]
    try:
        person = selectors.civil_servant_by_nip(cleaned)
    except InvalidInput:
        _log(request.user, cleaned, found=False)
        raise
    _log(request.user, cleaned, found=True)
    return Preview(nip=person.nip, name=person.name, active=person.is_active)


def _log(user, nip: str, *, found: bool) -> None:
    TrainingEvent.objects.create(
        action=TrainingEvent.Action.NIP_LOOKUP, actor=user, data={"nip": nip, "found": found}
    )
