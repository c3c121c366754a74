"""The letterhead (kop surat), its logo and the signatories: settings, plus the uploaded logo.

Case documents carry Bawaslu's letterhead, session documents the camat office's; a
``{kecamatan}`` in either setting is the session's kecamatan.
"""

import base64

from django.conf import settings
from django.utils.translation import gettext as _
from PIL import Image, UnidentifiedImageError

from apps.core.errors import InvalidInput
from apps.documents.models import LetterheadLogo

LETTERHEAD_FIELDS = ("parent", "office_name", "address", "contact", "city")
SIGNATORY_FIELDS = ("name", "nip", "position")
LOGO_FORMATS = {"PNG", "JPEG", "WEBP"}
LOGO_MAX_PIXELS = 4000 * 4000  # a decompression bomb is refused before it is decoded
LOGO_SIDE = 600  # pixels kept: 2.2 cm at 600 dpi is plenty


def _fill(value: str, kecamatan: str) -> str:
    """Put the kecamatan in, in capitals where the setting is written in capitals."""
    shouting = value.replace("{kecamatan}", "").isupper()
    return value.replace("{kecamatan}", kecamatan.upper() if shouting else kecamatan)


def letterhead(kind: str, *, kecamatan: str = "") -> dict[str, str]:
    """The letterhead texts of ``kind`` (``bawaslu`` or ``kecamatan``)."""
    configured = settings.NETRAL_LETTERHEADS.get(kind, {})
    return {name: _fill(str(configured.get(name, "")), kecamatan) for name in LETTERHEAD_FIELDS}


def signatory(document_type: str, *, kecamatan: str = "") -> dict[str, str]:
    """Who signs ``document_type``: name (empty: written by hand), NIP and position."""
    table = settings.NETRAL_DOCUMENT_SIGNATORIES
    row = table.get(document_type) or table.get("default") or {}
    return {name: _fill(str(row.get(name, "")), kecamatan) for name in SIGNATORY_FIELDS}


def default_logo_path(kind: str):
    return settings.NETRAL_DOCUMENT_TEMPLATE_DIR / f"logo-{kind}.svg"


_svg_cache: dict[tuple[int, str], str] = {}


def logo_svg(kind: str) -> str:
    """The newest uploaded logo of ``kind`` as an SVG document, else the shipped default.

    Typst reads images from files or bytes; wrapping the PNG in an SVG lets it travel with the
    other inputs as text, without a temporary file per document.
    """
    logo = LetterheadLogo.objects.filter(letterhead=kind).order_by("-uploaded_at", "-id").first()
    if logo is None:
        return default_logo_path(kind).read_text(encoding="utf-8")
    key = (logo.pk, logo.sha256)
    if key not in _svg_cache:
        with logo.image.open("rb") as handle:
            png = handle.read()
        encoded = base64.b64encode(png).decode("ascii")
        _svg_cache[key] = (
            f'<svg xmlns="http://www.w3.org/2000/svg" width="{logo.width}" '
            f'height="{logo.height}" viewBox="0 0 {logo.width} {logo.height}">'
            f'<image width="{logo.width}" height="{logo.height}" '
            f'href="data:image/png;base64,{encoded}"/></svg>'
        )
    return _svg_cache[key]


def logo_image(upload) -> Image.Image:
    """The uploaded logo as an RGBA image at most 600 pixels a side; InvalidInput otherwise."""
    max_bytes = settings.NETRAL_LETTERHEAD_LOGO_MAX_BYTES
    if upload.size > max_bytes:
        raise InvalidInput(
            fields={
                "image": [
                    _("Logo terlalu besar: %(size)d KB; paling besar %(max)d KB.")
                    % {"size": upload.size // 1024, "max": max_bytes // 1024}
                ]
            }
        )
    try:
        upload.seek(0)
        image = Image.open(upload)
        if image.format not in LOGO_FORMATS:
            raise InvalidInput(
                fields={"image": [_("Logo harus berupa gambar PNG, JPEG atau WebP.")]}
            )
        if image.width * image.height > LOGO_MAX_PIXELS:
            raise InvalidInput(
                fields={
                    "image": [
                        _("Logo %(w)d×%(h)d piksel terlalu besar; paling besar 4000×4000.")
                        % {"w": image.width, "h": image.height}
                    ]
                }
            )
        image.load()
    except (UnidentifiedImageError, OSError, Image.DecompressionBombError):
        raise InvalidInput(
            fields={"image": [_("Berkas logo bukan gambar yang dapat dibaca.")]}
        ) from None
    image = image.convert("RGBA")
    image.thumbnail((LOGO_SIDE, LOGO_SIDE))
    return image
