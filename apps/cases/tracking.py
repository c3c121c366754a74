"""Tracking codes and PINs (kode pelacakan, issue 20): what a reporter types on /lacak/.

The code is random (``secrets``), never derived from the case's id, from an alphabet without the
characters people confuse on paper (no 0/O, 1/I/L). The PIN is six digits, shown once — in the
admin after intake, or printed on the receipt (tanda terima), which issues a fresh one — and
stored only as a keyed hash: HMAC-SHA256 of a per-case random salt and the PIN under a key derived
from ``SECRET_KEY`` (``salted_hmac``), compared in constant time.

Why a keyed hash and not a password hasher: a six-digit PIN has a million values, so any unkeyed
hash of it, however slow, falls to an offline search once the database leaks; and a slow hash
makes every tracking attempt expensive (PBKDF2 at 30,000 rounds held the tracking endpoint to
about 20 requests/s under 50 clients in ``bench/public.py``). Keyed, the stored value is useless
without the server's secret, and checking costs microseconds. Online guessing is held by the
throttle (per code and per client). Rotating ``SECRET_KEY`` keeps the PINs issued under the old
key valid while it is listed in ``SECRET_KEY_FALLBACKS``.
"""

import secrets

from django.conf import settings
from django.utils.crypto import constant_time_compare, salted_hmac

CODE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"
CODE_LENGTH = 8  # 31**8 ≈ 8.5 × 10**11 codes
PIN_LENGTH = 6
PIN_ALGORITHM = "hmac_sha256"
_KEY_SALT = "netral.cases.tracking.pin"


def new_code() -> str:
    return "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))


def new_pin() -> str:
    return "".join(secrets.choice("0123456789") for _ in range(PIN_LENGTH))


def _digest(pin: str, salt: str, secret: str | None = None) -> str:
    return salted_hmac(_KEY_SALT, f"{salt}${pin}", secret=secret, algorithm="sha256").hexdigest()


def hash_pin(pin: str) -> str:
    """``hmac_sha256$<salt>$<hex digest>``: what is stored for ``pin``."""
    salt = secrets.token_hex(8)
    return f"{PIN_ALGORITHM}${salt}${_digest(pin, salt)}"


def pin_matches(pin: str, stored: str | None) -> bool:
    """Whether ``pin`` is the case's PIN. With no stored hash (unknown code, no PIN issued) the
    same digest is computed in vain, so the time taken does not tell the cases apart."""
    algorithm, _, rest = (stored or "").partition("$")
    salt, _, digest = rest.partition("$")
    if algorithm != PIN_ALGORITHM or not salt or not digest:
        _digest(pin, "0" * 16)
        return False
    keys = [settings.SECRET_KEY, *settings.SECRET_KEY_FALLBACKS]
    return any(constant_time_compare(_digest(pin, salt, secret=key), digest) for key in keys)


def normalise_code(typed: str) -> str:
    """``abcd-efgh`` or ``ABCD EFGH`` → ``ABCDEFGH``."""
    return "".join(ch for ch in str(typed).upper() if ch.isalnum())[:32]


def display_code(code: str) -> str:
    """``ABCD-EFGH``: easier to read aloud and to copy from a receipt."""
    return "-".join(code[i : i + 4] for i in range(0, len(code), 4)) if code else ""


def unique_code(model) -> str:
    """A code no case of ``model`` has yet (a collision is one in billions, but checked)."""
    while True:
        code = new_code()
        if not model.objects.filter(tracking_code=code).exists():
            return code
