"""Evidence (alat bukti): private files and links, kept with their SHA-256, size and type (DESIGN §5).

A file's real type is detected from its content, never from its name or the browser's claim; it
must be one of ``NETRAL_EVIDENCE_ALLOWED_TYPES`` and at most ``NETRAL_EVIDENCE_MAX_BYTES``.
Images are re-encoded without their metadata (EXIF, GPS, XMP) with the orientation applied, and
the hash is taken of the bytes actually stored, so ``verify_evidence`` can prove they never changed.
"""

import hashlib
import logging
from dataclasses import dataclass
from datetime import datetime
from io import BytesIO
from pathlib import PurePath

import filetype
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile, File
from django.core.validators import URLValidator
from django.db import transaction
from django.utils import timezone
from django.utils.text import get_valid_filename
from django.utils.translation import gettext as _
from PIL import Image, ImageOps

from apps.cases.models import Case, Evidence
from apps.cases.services.base import case_check, case_lock, event_write
from apps.core import clock
from apps.core.errors import Conflict, InvalidInput

logger = logging.getLogger(__name__)

HEAD_BYTES = 8192
CHUNK_BYTES = 1024 * 1024
# Image types Pillow can re-encode without metadata, and the format it writes them in.
CLEANABLE_IMAGES = {"image/jpeg": "JPEG", "image/png": "PNG", "image/webp": "WEBP"}
# Which detected types each kind accepts; a document may be any allowed type (a scanned letter).
KIND_PREFIXES = {
    Evidence.Kind.PHOTO: ("image/",),
    Evidence.Kind.SCREENSHOT: ("image/",),
    Evidence.Kind.VIDEO: ("video/",),
    Evidence.Kind.DOCUMENT: ("",),
}
FILE_KINDS = tuple(KIND_PREFIXES)
EVENT_ACTION = "evidence_added"


@dataclass(frozen=True)
class CheckedFile:
    """An upload that passed the checks: its detected type, and the cleaned bytes of an image."""

    content_type: str
    extension: str
    cleaned: bytes | None


@dataclass(frozen=True)
class Mismatch:
    """A stored evidence file that is missing or no longer has the hash or size taken at upload."""

    evidence_id: int
    case_id: int
    path: str
    problem: str
    expected: str
    found: str


def allowed_types() -> list[str]:
    return list(settings.NETRAL_EVIDENCE_ALLOWED_TYPES)


def max_bytes() -> int:
    return int(settings.NETRAL_EVIDENCE_MAX_BYTES)


def human_size(size: int) -> str:
    for unit, factor in (("GB", 1024**3), ("MB", 1024**2), ("KB", 1024)):
        if size >= factor:
            return f"{size / factor:.1f} {unit}".replace(".", ",")
    return f"{size} B"


def _refuse(message: str) -> InvalidInput:
    return InvalidInput(message, fields={"file": [message]})


def evidence_check_file(*, uploaded_file, kind: str) -> CheckedFile:
    """Check an upload against the settings and clean an image; raises ``InvalidInput``.

    Used by the services below and by forms that want to show the refusal beside the field.
    """
    if kind not in FILE_KINDS:
        raise InvalidInput(
            _(
                "Jenis alat bukti ini bukan berkas; pilih foto, tangkapan layar, video atau dokumen."
            ),
            fields={"kind": [_("Pilih foto, tangkapan layar, video atau dokumen.")]},
        )
    size = uploaded_file.size or 0
    if size == 0:
        raise _refuse(_("Berkas kosong; pilih berkas yang berisi."))
    if size > max_bytes():
        raise _refuse(
            _(
                "Berkas berukuran %(size)s, melebihi batas %(limit)s. Perkecil atau potong "
                "berkasnya, atau simpan di tempat lain dan catat sebagai tautan."
            )
            % {"size": human_size(size), "limit": human_size(max_bytes())}
        )
    uploaded_file.seek(0)
    head = uploaded_file.read(HEAD_BYTES)
    uploaded_file.seek(0)
    detected = filetype.guess(head)
    content_type = detected.mime if detected else ""
    if content_type not in allowed_types():
        raise _refuse(
            _("Jenis berkas %(found)s tidak diizinkan. Jenis yang diizinkan: %(allowed)s.")
            % {
                "found": content_type or _("(tidak dikenali)"),
                "allowed": ", ".join(allowed_types()),
            }
        )
    if not content_type.startswith(KIND_PREFIXES[kind]):
        raise _refuse(
            _(
                "Berkas ini bertipe %(found)s, tidak cocok dengan jenis '%(kind)s'. Pilih jenis yang sesuai."
            )
            % {"found": content_type, "kind": Evidence.Kind(kind).label}
        )
    cleaned = None
    if content_type.startswith("image/"):
        if content_type not in CLEANABLE_IMAGES:
            raise _refuse(
                _(
                    "Metadata gambar %(found)s tidak dapat dihapus, sehingga tidak dapat disimpan. "
                    "Ubah ke JPEG atau PNG lalu unggah lagi."
                )
                % {"found": content_type}
            )
        cleaned = _without_metadata(uploaded_file, CLEANABLE_IMAGES[content_type])
    return CheckedFile(content_type=content_type, extension=detected.extension, cleaned=cleaned)


def _without_metadata(uploaded_file, pillow_format: str) -> bytes:
    """Re-encode an image with its orientation applied and no EXIF, GPS or XMP left in it."""
    uploaded_file.seek(0)
    try:
        with Image.open(uploaded_file) as source:
            source.load()
            icc_profile = source.info.get("icc_profile")
            transparency = source.info.get("transparency")
            image = ImageOps.exif_transpose(source)
    except (Image.DecompressionBombError, OSError, SyntaxError, ValueError) as exc:
        logger.info("evidence image refused: %s", type(exc).__name__)
        raise _refuse(
            _("Berkas gambar rusak atau terlalu besar untuk dibuka; unggah ulang.")
        ) from None
    finally:
        uploaded_file.seek(0)
    image.info = {}
    options: dict = {"icc_profile": icc_profile} if icc_profile else {}
    if pillow_format == "JPEG":
        if image.mode not in ("RGB", "L", "CMYK"):
            image = image.convert("RGB")
        options.update(quality=95)
    elif pillow_format == "WEBP":
        options.update(quality=95)
    elif transparency is not None:
        options["transparency"] = transparency
    out = BytesIO()
    image.save(out, pillow_format, **options)
    return out.getvalue()


def _sha256_of(chunks) -> tuple[str, int]:
    digest, size = hashlib.sha256(), 0
    for chunk in chunks:
        digest.update(chunk)
        size += len(chunk)
    return digest.hexdigest(), size


def _stored_name(original_name: str, extension: str) -> str:
    stem = get_valid_filename(PurePath(original_name or "berkas").stem)[:80] or "berkas"
    return f"{stem}.{extension}"


def _write_event(case: Case, evidence: Evidence, actor) -> None:
    data = {"evidence_id": evidence.pk, "kind": evidence.kind}
    if evidence.sha256:
        data.update(sha256=evidence.sha256, size=evidence.size, content_type=evidence.content_type)
    event_write(case, actor=actor, action=EVENT_ACTION, note=evidence.get_kind_display(), data=data)


def evidence_add_file(
    *, case: Case, uploaded_file, kind: str, description: str = "", actor
) -> Evidence:
    """Store an uploaded file as evidence of ``case``: checked, cleaned, hashed, kept privately.

    Raises ``InvalidInput`` for a refused file; who and when is the policy's ``evidence_add``.
    Writes an ``evidence_added`` event.
    """
    case_check(case.pk, "evidence_add", actor)  # before the file is read: fail fast
    checked = evidence_check_file(uploaded_file=uploaded_file, kind=kind)
    if checked.cleaned is not None:
        content = ContentFile(checked.cleaned)
        sha256, size = _sha256_of([checked.cleaned])
    else:
        uploaded_file.seek(0)
        sha256, size = _sha256_of(uploaded_file.chunks(CHUNK_BYTES))
        uploaded_file.seek(0)
        content = File(uploaded_file)
    original_name = PurePath(uploaded_file.name or "").name[:255]
    with transaction.atomic():
        locked = case_lock(case.pk, "evidence_add", actor)
        evidence = Evidence(
            case=locked,
            kind=kind,
            description=description[:255],
            original_name=original_name,
            content_type=checked.content_type,
            size=size,
            sha256=sha256,
            uploaded_by=actor,
            uploaded_at=clock.now(),
        )
        evidence.file.save(_stored_name(original_name, checked.extension), content, save=False)
        try:
            evidence.save()
            _write_event(locked, evidence, actor)
        except Exception:
            evidence.file.delete(save=False)
            raise
    return evidence


def evidence_add_link(
    *, case: Case, url: str, captured_at: datetime | None, description: str = "", actor
) -> Evidence:
    """Record a link (a post, a video online) as evidence, with when it was captured."""
    case_check(case.pk, "evidence_add", actor)
    errors: dict[str, list[str]] = {}
    url = (url or "").strip()
    try:
        URLValidator(schemes=["http", "https"])(url)
    except ValidationError:
        errors["url"] = [_("Isi tautan lengkap yang diawali http:// atau https://.")]
    if captured_at is None:
        errors["captured_at"] = [_("Isi kapan tautan ini diambil (tanggal dan jam).")]
    elif captured_at > clock.now():
        errors["captured_at"] = [_("Waktu pengambilan tidak boleh di masa depan.")]
    if errors:
        raise InvalidInput(_("Tautan alat bukti belum lengkap."), fields=errors)
    with transaction.atomic():
        locked = case_lock(case.pk, "evidence_add", actor)
        evidence = Evidence.objects.create(
            case=locked,
            kind=Evidence.Kind.LINK,
            url=url,
            captured_at=captured_at,
            description=description[:255],
            uploaded_by=actor,
            uploaded_at=clock.now(),
        )
        _write_event(locked, evidence, actor)
    return evidence


def evidence_withdraw(*, evidence: Evidence, reason: str, actor) -> Evidence:
    """Withdraw a piece of evidence (e.g. uploaded to the wrong case): it no longer counts for the
    material requirements, but its file, hash and history are kept (the log is append-only)."""
    if not (reason or "").strip():
        raise InvalidInput(
            _("Alasan penarikan alat bukti wajib diisi."),
            fields={"reason": [_("Alasan penarikan alat bukti wajib diisi.")]},
        )
    with transaction.atomic():
        locked = case_lock(evidence.case_id, "evidence_withdraw", actor)
        evidence = Evidence.objects.select_for_update().get(pk=evidence.pk)
        if evidence.withdrawn_at is not None:
            raise Conflict(
                _("Alat bukti ini sudah ditarik pada %(when)s.")
                % {"when": f"{timezone.localtime(evidence.withdrawn_at):%d-%m-%Y %H.%M} WITA"}
            )
        evidence.withdrawn_at, evidence.withdrawn_by = clock.now(), actor
        evidence.withdrawal_reason = reason.strip()
        evidence.save(update_fields=["withdrawn_at", "withdrawn_by", "withdrawal_reason"])
        event_write(
            locked,
            actor=actor,
            action="evidence_withdrawn",
            note=evidence.withdrawal_reason,
            data={
                "evidence_id": evidence.pk,
                "changes": {"withdrawn_at": [None, evidence.withdrawn_at.isoformat()]},
            },
        )
    return evidence


def evidence_verify(evidence: Evidence) -> Mismatch | None:
    """Recompute one stored file's hash and size; None when they match what was kept at upload."""
    path = evidence.file.name

    def mismatch(problem: str, expected: str, found: str) -> Mismatch:
        return Mismatch(evidence.pk, evidence.case_id, path, problem, expected, found)

    storage = evidence.file.storage
    if not storage.exists(path):
        return mismatch("missing", evidence.sha256, "")
    with storage.open(path, "rb") as handle:
        sha256, size = _sha256_of(iter(lambda: handle.read(CHUNK_BYTES), b""))
    if sha256 != evidence.sha256:
        return mismatch("sha256", evidence.sha256, sha256)
    if size != evidence.size:
        return mismatch("size", str(evidence.size), str(size))
    return None


def evidence_files():
    return Evidence.objects.exclude(file="").only("id", "case_id", "file", "sha256", "size")


def evidence_verify_all() -> list[Mismatch]:
    """Recompute every stored evidence file's hash; the missing and changed ones, by id."""
    mismatches = []
    for evidence in evidence_files().order_by("id").iterator(chunk_size=500):
        if found := evidence_verify(evidence):
            mismatches.append(found)
    return mismatches
