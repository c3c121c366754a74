"""QR codes for check-in, made on the server as inline SVG (no script, no CDN, prints sharply)."""

import segno
from django.utils.safestring import SafeString, mark_safe


def qr_svg(code: str, *, scale: int = 3) -> SafeString:
    """The check-in code as an inline SVG QR code; the payload is the bare code, which a
    keyboard-wedge scanner types into the kiosk page followed by Enter."""
    qr = segno.make(code, error="m", micro=False)
    # segno escapes nothing itself, but the payload is our own [A-Z2-9] code, never user input.
    return mark_safe(qr.svg_inline(scale=scale, border=2, title=code))
