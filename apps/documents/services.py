"""Every write of official documents: issuing one (a new version when it exists), and the
letterhead logo.

Issuing locks the case or the session row, takes the letter number (a new document) or keeps it
(a new version), renders the PDF, stores it privately with its SHA-256 and writes the record, in
one transaction: a failure leaves no number taken, no row and no file.
"""

import hashlib
import io
import re
from dataclasses import dataclass
from datetime import datetime

from django.conf import settings
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils.translation import gettext as _
from PIL import Image

from apps.cases import policy
from apps.cases.models import Case
from apps.cases.services.base import case_lock, event_write
from apps.core import clock
from apps.core.errors import Conflict, Forbidden, InvalidInput
from apps.documents import letterhead as heads
from apps.documents import numbering, verification
from apps.documents.content import CASE_BUILDERS, SESSION_BUILDERS
from apps.documents.content.common import Built
from apps.documents.formatting import WITA, date_text
from apps.documents.models import DocumentType, IssuedDocument, Letterhead, LetterheadLogo
from apps.documents.rendering import render_pdf
from apps.notifications import handoffs
from apps.training import selectors as training_selectors
from apps.training import services as training_services
from apps.training.models import Session

# Typst writes each page object uncompressed, so counting them is exact (a test compares the
# count with pypdf's).
PAGE_OBJECT = re.compile(rb"/Type\s*/Page(?![s\w])")


def parse_type(value, allowed) -> str:
    """``value`` as one of the ``allowed`` document types, or InvalidInput naming them."""
    if value in allowed:
        return str(value)
    names = ", ".join(f"{t} ({DocumentType(t).label})" for t in allowed)
    raise InvalidInput(
        _("Jenis dokumen '%(value)s' tidak dikenal di sini; yang tersedia: %(names)s.")
        % {"value": value, "names": names},
        fields={"type": [_("Pilih salah satu: %(names)s.") % {"names": names}]},
    )


@dataclass(frozen=True)
class Subject:
    """Whose document it is: the row it hangs on and the office that issues it."""

    case: object = None
    session: Session | None = None
    letterhead: str = Letterhead.BAWASLU
    office_code: str = ""
    kecamatan: str = ""

    def filter(self) -> dict:
        return {"case": self.case} if self.case is not None else {"session": self.session}


def document_pdf(
    *,
    document_type: str,
    data: dict,
    subject: Subject,
    number: str,
    code: str,
    version: int,
    at: datetime,
) -> bytes:
    """The PDF of one document: the builder's facts with the letterhead, number, signatory and
    verification block around them."""
    head = heads.letterhead(subject.letterhead, kecamatan=subject.kecamatan)
    facts = {
        **data,
        "letterhead": head,
        "number": number,
        "version": version,
        "place_date": f"{head['city']}, {date_text(at)}",
        "signatory": heads.signatory(document_type, kecamatan=subject.kecamatan),
        "contact": head["contact"] or head["address"],
        "verify": {
            "office": head["office_name"],
            "url": verification.verify_url(code),
            "code": verification.display_code(code),
        },
    }
    return render_pdf(
        document_type,
        facts,
        qr_payload=verification.verify_url(code),
        logo=heads.logo_svg(subject.letterhead),
        at=at,
    )


def _unique_code() -> str:
    while True:
        code = verification.new_code()
        if not IssuedDocument.objects.filter(verification_code=code).exists():
            return code


def _issue(*, document_type: str, subject: Subject, built: Built, actor) -> IssuedDocument:
    """Number, render, store and record one document. Runs inside the caller's transaction,
    with the subject's row locked (so two issues of one series cannot take the same version)."""
    previous = (
        IssuedDocument.objects.filter(
            **subject.filter(), document_type=document_type, series=built.series
        )
        .order_by("-version")
        .first()
    )
    now = clock.now()
    if previous is None:
        version, office_code, year = 1, subject.office_code, now.astimezone(WITA).year
        seq, number = numbering.take_number(
            document_type=document_type, office_code=office_code, on=now.astimezone(WITA).date()
        )
    else:  # a new version of the same letter keeps its number
        version, number = previous.version + 1, previous.number
        office_code, year, seq = (
            previous.office_code,
            previous.number_year,
            previous.number_sequence,
        )
    code = _unique_code()
    pdf = document_pdf(
        document_type=document_type,
        data=built.data,
        subject=subject,
        number=number,
        code=code,
        version=version,
        at=now,
    )
    head = heads.letterhead(subject.letterhead, kecamatan=subject.kecamatan)
    document = IssuedDocument(
        **subject.filter(),
        document_type=document_type,
        series=built.series,
        version=version,
        number=number,
        office_code=office_code,
        number_year=year,
        number_sequence=seq,
        title=str(DocumentType(document_type).label),
        office_name=head["office_name"],
        sha256=hashlib.sha256(pdf).hexdigest(),
        size=len(pdf),
        page_count=len(PAGE_OBJECT.findall(pdf)),
        verification_code=code,
        inputs=built.inputs,
        issued_by=actor,
    )
    document.file.save(f"{document_type}-v{version}-{code}.pdf", ContentFile(pdf), save=False)
    try:
        document.save()
    except Exception:
        document.file.delete(save=False)
        raise
    return document


# --- session documents ------------------------------------------------------------------------


def session_document_issue(
    *, session_id: int, document_type: str, actor, fields: dict | None = None
) -> IssuedDocument:
    """Issue the attendance list or the pledge forms of a session (its camat office's clerk or
    a superuser; 404 for a session the actor may not see, 403 for one they may not manage)."""
    document_type = parse_type(document_type, SESSION_BUILDERS)
    visible = training_selectors.session_get(actor, session_id)
    if not training_services.can_manage_session(actor, visible):
        raise Forbidden(
            _("Hanya petugas kecamatan %(kecamatan)s yang dapat menerbitkan dokumen sesi ini.")
            % {"kecamatan": visible.kecamatan.name}
        )
    with transaction.atomic():
        session = (
            Session.objects.select_for_update(of=("self",))
            .select_related("kecamatan", "organiser")
            .get(pk=visible.pk)
        )
        if session.status == Session.Status.CANCELLED:
            raise Conflict(_("Sesi ini dibatalkan; dokumennya tidak diterbitkan."))
        built = SESSION_BUILDERS[document_type](session, fields or {}, actor)
        subject = Subject(
            session=session,
            letterhead=Letterhead.KECAMATAN,
            office_code=session.kecamatan.code,
            kecamatan=session.kecamatan.name,
        )
        return _issue(document_type=document_type, subject=subject, built=built, actor=actor)


# --- case documents ---------------------------------------------------------------------------


def case_document_issue(
    *, case_id: int, document_type: str, actor, fields: dict | None = None
) -> IssuedDocument:
    """Issue a case document; the case policy's ``issue_<type>`` row decides who, in which
    states (404 outside the actor's cases, 403 for their role, 409 for the state). Writes one
    ``CaseEvent``."""
    document_type = parse_type(document_type, CASE_BUILDERS)
    operation = f"issue_{document_type}"
    with transaction.atomic():
        case = case_lock(case_id, operation, actor)
        built = CASE_BUILDERS[document_type](case, fields or {}, actor)
        subject = Subject(case=case, office_code=settings.NETRAL_OFFICE_CODE)
        document = _issue(document_type=document_type, subject=subject, built=built, actor=actor)
        event_write(
            case,
            actor=actor,
            action=policy.OPERATIONS[operation].event,
            from_status=case.status,
            to_status=case.status,
            note=_("%(title)s nomor %(number)s versi %(version)d diterbitkan.")
            % {"title": document.title, "number": document.number, "version": document.version},
            data={
                "document_id": document.pk,
                "document_type": document_type,
                "number": document.number,
                "version": document.version,
                "sha256": document.sha256,
            },
        )
        if (
            document_type == "review"
            and document.version == 1
            and case.status == Case.Status.REVIEW
        ):
            # The first kajian of a case under review: it waits for the pleno now.
            handoffs.notify_review_done(case=case, actor=actor)
    return document


# --- the letterhead logo ----------------------------------------------------------------------


@transaction.atomic
def letterhead_logo_upload(*, letterhead: str, image, actor) -> LetterheadLogo:
    """Store a new logo for ``letterhead``, re-encoded as PNG (no EXIF or other metadata)."""
    if not (actor.is_authenticated and actor.is_superuser):
        raise Forbidden(_("Hanya administrator sistem yang dapat mengganti logo kop surat."))
    if letterhead not in Letterhead.values:
        raise InvalidInput(fields={"letterhead": [_("Pilih kop surat Bawaslu atau kecamatan.")]})
    picture: Image.Image = heads.logo_image(image)
    buffer = io.BytesIO()
    picture.save(buffer, format="PNG", optimize=True)
    data = buffer.getvalue()
    logo = LetterheadLogo(
        letterhead=letterhead,
        sha256=hashlib.sha256(data).hexdigest(),
        width=picture.width,
        height=picture.height,
        uploaded_by=actor,
    )
    logo.image.save("logo.png", ContentFile(data), save=False)
    logo.save()
    return logo
