"""Pledge scans kept like evidence (DESIGN §5): the real type detected from the content, images
decoded only after their pixel count is checked and stored re-encoded without EXIF or GPS, the
SHA-256 taken of the bytes stored. Served only through ``views.pledge_document``, never cached
and sandboxed."""

import hashlib
import logging
from io import BytesIO

import filetype
from django.conf import settings
from django.core.files.base import ContentFile
from django.utils.translation import gettext as _
from PIL import Image, ImageOps

from apps.core.errors import InvalidInput

logger = logging.getLogger(__name__)

PLEDGE_DOCUMENT_TYPES = {"application/pdf": "pdf", "image/jpeg": "jpg", "image/png": "png"}
IMAGE_FORMATS = {"image/jpeg": "JPEG", "image/png": "PNG"}
HEAD_BYTES = 8192


def _refuse(message: str) -> InvalidInput:
    return InvalidInput(fields={"document": [message]})


def pledge_document_fields(document) -> dict:
    """The model fields of a pledge's scan (file, SHA-256, type); InvalidInput naming the
    problem. ``{}`` without a document."""
    if document is None:
        return {}
    limit = settings.NETRAL_TRAINING_PLEDGE_MAX_BYTES
    if document.size > limit:
        raise _refuse(
            _("Berkas lebih dari %(mb)d MB; pindai dengan resolusi lebih kecil.")
            % {"mb": limit // 2**20}
        )
    document.seek(0)
    head = document.read(HEAD_BYTES)
    document.seek(0)
    kind = filetype.guess(head)
    content_type = kind.mime if kind else ""
    if content_type not in PLEDGE_DOCUMENT_TYPES:
        raise _refuse(_("Unggah pindaian berupa PDF, JPEG atau PNG."))
    if content_type in IMAGE_FORMATS:
        data = _clean_image(document, IMAGE_FORMATS[content_type])
    else:
        data = b"".join(document.chunks())
    name = f"pakta.{PLEDGE_DOCUMENT_TYPES[content_type]}"
    return {
        "document": ContentFile(data, name=name),
        "document_sha256": hashlib.sha256(data).hexdigest(),
        "document_content_type": content_type,
    }


def _clean_image(document, pillow_format: str) -> bytes:
    """Re-encode with the orientation applied and no metadata; the size is read from the header
    before anything is decoded, so a small file of huge dimensions is refused cheaply."""
    max_pixels = settings.NETRAL_TRAINING_PLEDGE_MAX_PIXELS
    try:
        with Image.open(document) as source:
            width, height = source.size
            if width * height > max_pixels:
                raise _refuse(
                    _(
                        "Gambar %(width)d×%(height)d piksel terlalu besar (paling banyak "
                        "%(mp)d juta piksel); pindai dengan resolusi lebih kecil."
                    )
                    % {"width": width, "height": height, "mp": max_pixels // 1_000_000}
                )
            source.load()
            icc_profile = source.info.get("icc_profile")
            image = ImageOps.exif_transpose(source)
    except (Image.DecompressionBombError, OSError, SyntaxError, ValueError) as exc:
        logger.info("pledge scan refused: %s", type(exc).__name__)
        raise _refuse(
            _("Berkas gambar rusak atau terlalu besar untuk dibuka; unggah ulang.")
        ) from None
    finally:
        document.seek(0)
    image.info = {}
    options: dict = {"icc_profile": icc_profile} if icc_profile else {}
    if pillow_format == "JPEG":
        if image.mode not in ("RGB", "L", "CMYK"):
            image = image.convert("RGB")
        options["quality"] = 92
    out = BytesIO()
    image.save(out, pillow_format, **options)
    return out.getvalue()
