"""Verification codes and addresses: what the QR code and the short code on each PDF point to."""

import secrets

from django.conf import settings
from django.urls import reverse

CODE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"  # no 0/O, 1/I/L: typed by hand from paper
CODE_LENGTH = 10


def new_code() -> str:
    return "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))


def display_code(code: str) -> str:
    """``ABCD-EFGH-JK``: easier to read aloud and to type from a printed letter."""
    return "-".join(code[i : i + 4] for i in range(0, len(code), 4))


def normalise_code(typed: str) -> str:
    return "".join(ch for ch in typed.upper() if ch.isalnum())


def verify_url(code: str) -> str:
    return settings.SITE_URL.rstrip("/") + reverse("documents:verify", args=[code])
