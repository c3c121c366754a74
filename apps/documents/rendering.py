"""PDF rendering with Typst (the ``typst`` package: a compiler in one wheel, fonts embedded).

Templates are ``.typ`` files in ``NETRAL_DOCUMENT_TEMPLATE_DIR`` that an office can edit; each
reads its facts from ``sys.inputs``: ``data`` (JSON), ``qr`` (the verification QR code, SVG)
and ``logo`` (the letterhead logo, SVG). docs/documents.md lists the facts of each template.
"""

import io
import json
import threading
from datetime import datetime
from pathlib import Path

import segno
import typst
from django.conf import settings
from django.core.serializers.json import DjangoJSONEncoder
from django.utils.translation import gettext as _

from apps.core.errors import Conflict

_lock = threading.Lock()
_compilers: dict[Path, typst.Compiler] = {}


def template_dir() -> Path:
    return Path(settings.NETRAL_DOCUMENT_TEMPLATE_DIR)


def template_path(name: str) -> Path:
    return template_dir() / f"{name}.typ"


def _compiler(root: Path) -> typst.Compiler:
    # One compiler per template folder and process: it keeps the fonts it loaded and the
    # layout it can reuse between documents (most of a letter is the same every time).
    if root not in _compilers:
        # System fonts are ignored so that a document looks the same on every machine: only
        # the fonts Typst ships (Libertinus Serif, New Computer Modern, DejaVu Sans Mono).
        _compilers[root] = typst.Compiler(root=str(root), ignore_system_fonts=True)
    return _compilers[root]


def qr_svg(payload: str) -> str:
    buffer = io.BytesIO()
    segno.make(payload, error="m", micro=False).save(buffer, kind="svg", border=0, xmldecl=False)
    return buffer.getvalue().decode("ascii")


def render_pdf(template: str, data: dict, *, qr_payload: str, logo: str, at: datetime) -> bytes:
    """The PDF of ``template`` filled with ``data``; ``at`` is its creation date (the same
    inputs give the same bytes). A template that fails names the file and the line."""
    path = template_path(template)
    if not path.is_file():
        raise Conflict(
            _("Templat dokumen %(file)s tidak ditemukan.") % {"file": path.name},
            code="document_template",
        )
    inputs = {
        "data": json.dumps(data, ensure_ascii=False, cls=DjangoJSONEncoder),
        "qr": qr_svg(qr_payload),
        "logo": logo,
    }
    root = template_dir()
    try:
        with _lock:
            return _compiler(root).compile(
                input=str(path),
                sys_inputs=inputs,
                timestamp=at.replace(microsecond=0),
                format="pdf",
            )
    except typst.TypstError as error:
        raise Conflict(
            _("Templat dokumen %(file)s tidak dapat diproses: %(error)s")
            % {"file": path.name, "error": _typst_message(error)},
            code="document_template",
        ) from None


def _typst_message(error: typst.TypstError) -> str:
    text = getattr(error, "message", "") or str(error)
    hints = getattr(error, "hints", None) or []
    return " ".join([text.strip(), *(h.strip() for h in hints)])[:500]
