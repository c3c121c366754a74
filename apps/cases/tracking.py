"""Tracking codes and PINs (kode pelacakan, issue 20): what a reporter types on /lacak/.

The code is random (``secrets``), never derived from the case's id, from an alphabet without the
characters people confuse on paper (no 0/O, 1/I/L). The PIN is six digits, stored only as a hash
made by Django's password hashers and checked with ``check_password``: it is shown once — in the
admin after intake, or printed on the receipt (tanda terima), which issues a fresh one.
"""

import secrets

from django.contrib.auth.hashers import check_password, make_password

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


def hash_pin(pin: str) -> str:
    return make_password(pin)


def pin_matches(pin: str, stored: str | None) -> bool:
    """Whether ``pin`` is the case's PIN; with no stored hash the same work is done in vain."""
    if not stored:
        if not _DUMMY_HASH:
            _DUMMY_HASH.append(make_password(new_pin()))
        check_password(pin, _DUMMY_HASH[0])
        return False
    return check_password(pin, stored)


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
