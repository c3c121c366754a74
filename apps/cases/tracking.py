"""Tracking codes and PINs (kode pelacakan, issue 20): what a reporter types on /lacak/.

The code is random (``secrets``), never derived from the case's id, from an alphabet without the
characters people confuse on paper (no 0/O, 1/I/L). The PIN is six digits, stored only as a salted
hash made by one of Django's password hashers (PBKDF2-SHA256) and checked in constant time: it is
shown once — in the admin after intake, or printed on the receipt (tanda terima), which issues a
fresh one.

The PIN's hasher runs ``NETRAL_TRACK_PIN_ITERATIONS`` rounds (default 30,000, a few
milliseconds), not the million of the login passwords: every tracking attempt hashes once, and at
a million rounds 50 reporters at once queue for tens of seconds (bench/public.py). Guessing online
is held by the throttle (per code and per client); offline, a stolen PIN hash guards only a
status that the stolen database already holds in full.
"""

import secrets

from django.conf import settings
from django.contrib.auth.hashers import PBKDF2PasswordHasher

CODE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"
CODE_LENGTH = 8  # 31**8 ≈ 8.5 × 10**11 codes
PIN_LENGTH = 6

# Checked against when the code is unknown, so that a wrong code costs the same hashing time as
# a wrong PIN and the two answers cannot be told apart by their timing either.
_DUMMY_HASH: list[str] = []


def new_code() -> str:
    return "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))


def new_pin() -> str:
    return "".join(secrets.choice("0123456789") for _ in range(PIN_LENGTH))


class PinHasher(PBKDF2PasswordHasher):
    """PBKDF2-SHA256 with the rounds of ``NETRAL_TRACK_PIN_ITERATIONS`` (stored in each hash, so
    changing the setting leaves the PINs already issued valid)."""

    @property
    def iterations(self) -> int:
        return settings.NETRAL_TRACK_PIN_ITERATIONS


def hash_pin(pin: str) -> str:
    hasher = PinHasher()
    return hasher.encode(pin, hasher.salt())


def pin_matches(pin: str, stored: str | None) -> bool:
    """Whether ``pin`` is the case's PIN; with no stored hash the same work is done in vain."""
    hasher = PinHasher()
    if not stored or not stored.startswith(f"{hasher.algorithm}$"):
        if not _DUMMY_HASH:
            _DUMMY_HASH.append(hash_pin(new_pin()))
        hasher.verify(pin, _DUMMY_HASH[0])
        return False
    return hasher.verify(pin, stored)


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
