"""API tokens (token API): made, listed and revoked here; checked in apps.core.api.authentication.

A user may hold several tokens, one per integration, each with a name and an expiry (at most
``NETRAL_API_TOKEN_MAX_DAYS``). The key is returned once, when the token is made; only its digest
is stored. A token is revoked by its owner or an administrator (superuser), and every token of a
user stops working when that user's password changes.
"""

import hashlib
from datetime import timedelta

from django.conf import settings
from django.contrib.auth.models import AbstractBaseUser
from django.db import transaction
from django.db.models import QuerySet
from django.utils.translation import gettext as _

from apps.core.errors import InvalidInput, NotFound
from apps.core.models import ApiToken


def password_fingerprint(user: AbstractBaseUser) -> str:
    """Changes whenever the user's password (its salted hash) changes."""
    return hashlib.sha256(user.password.encode()).hexdigest()


def api_tokens_visible_to(user) -> QuerySet[ApiToken]:
    """The user's own tokens; an administrator sees everyone's."""
    tokens = ApiToken.objects.select_related("user")
    return tokens if user.is_superuser else tokens.filter(user=user)


def _validate(name: str, days: int | None) -> tuple[str, int]:
    errors: dict[str, list[str]] = {}
    name = (name or "").strip()
    if not name:
        errors["name"] = [_("Nama token wajib diisi, mis. nama sistem yang memakainya.")]
    elif len(name) > 100:
        errors["name"] = [_("Nama token paling panjang 100 karakter.")]
    limit = settings.NETRAL_API_TOKEN_MAX_DAYS
    days = settings.NETRAL_API_TOKEN_DAYS if days is None else days
    if not 1 <= days <= limit:
        errors["days"] = [_("Masa berlaku harus 1 sampai %(limit)d hari.") % {"limit": limit}]
    if errors:
        raise InvalidInput(_("Token API tidak dapat dibuat."), fields=errors)
    return name, days


@transaction.atomic
def api_token_create(*, user, name: str, days: int | None = None) -> tuple[ApiToken, str]:
    """Make a token for ``user``; returns it and its key, which is never shown again."""
    name, days = _validate(name, days)
    return ApiToken.objects.create(
        user,
        expiry=timedelta(days=days),
        name=name,
        password_fingerprint=password_fingerprint(user),
    )


@transaction.atomic
def api_token_revoke(*, actor, token_key: str) -> int:
    """Revoke the actor's token(s) starting with ``token_key`` (any user's for an administrator)."""
    deleted, _per_model = api_tokens_visible_to(actor).filter(token_key=token_key).delete()
    if not deleted:
        raise NotFound(_("Token API tidak ditemukan."))
    return deleted
