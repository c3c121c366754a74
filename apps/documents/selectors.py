"""Reads of issued documents, already filtered to what the user may see.

Case documents: the case policy's ``read_<type>`` rows decide (a document the user may not read
does not exist for them: 404). Session documents follow their session (``apps.training.selectors``:
a camat clerk sees their own kecamatan's). The public verification page sees a document's facts
by its code, never its file.
"""

import hashlib

from django.db.models import QuerySet
from django.utils.translation import gettext as _

from apps.cases import policy
from apps.cases import selectors as case_selectors
from apps.cases.models import Case
from apps.core.errors import DomainError, NotFound
from apps.documents.content import CASE_BUILDERS
from apps.documents.models import IssuedDocument
from apps.documents.verification import normalise_code
from apps.training import selectors as training_selectors


def _not_found() -> NotFound:
    return NotFound(_("Dokumen tidak ditemukan."))


def session_documents_for(user, session_id) -> QuerySet[IssuedDocument]:
    """The documents of a session the user may see (NotFound otherwise), newest first."""
    session = training_selectors.session_get(user, session_id)
    return IssuedDocument.objects.filter(session=session).select_related("issued_by")


def readable_case_types(user, case: Case) -> set[str]:
    """The case document types ``user`` may read on ``case`` now (the policy's read rows)."""
    allowed = policy.allowed_operations(case, user)
    return {t for t in CASE_BUILDERS if f"read_{t}" in allowed}


def case_documents_for(user, case_id) -> QuerySet[IssuedDocument]:
    """The documents of a case the user may read (NotFound for a case they may not see)."""
    case = case_selectors.case_get_for(user, case_id)
    return IssuedDocument.objects.filter(
        case=case, document_type__in=readable_case_types(user, case)
    ).select_related("issued_by")


def document_get_for(user, pk) -> IssuedDocument:
    """One document the user may fetch; NotFound (404) for anything else."""
    try:
        document = IssuedDocument.objects.select_related("session").get(pk=int(pk))
    except (IssuedDocument.DoesNotExist, ValueError, TypeError):
        raise _not_found() from None
    if document.session_id is not None:
        training_selectors.session_get(user, document.session_id)
        return document
    case = Case.objects.select_related("election").get(pk=document.case_id)
    try:
        policy.case_authorize(f"read_{document.document_type}", case, user)
    except DomainError:
        raise _not_found() from None  # a document one may not read does not exist for them
    return document


def document_by_code(code: str) -> IssuedDocument | None:
    """The document a verification code names (typed from paper: case and dashes ignored)."""
    cleaned = normalise_code(code)
    if not cleaned:
        return None
    return IssuedDocument.objects.filter(verification_code=cleaned).first()


def latest_version(document: IssuedDocument) -> int:
    subject = {"case_id": document.case_id, "session_id": document.session_id}
    return (
        IssuedDocument.objects.filter(
            **subject, document_type=document.document_type, series=document.series
        )
        .order_by("-version")
        .values_list("version", flat=True)
        .first()
    )


def public_facts(document: IssuedDocument) -> dict:
    """What the verification page shows: no personal data, only what identifies the letter."""
    latest = latest_version(document)
    return {
        "type": document.get_document_type_display(),
        "number": document.number,
        "version": document.version,
        "latest_version": latest,
        "superseded": latest > document.version,
        "issued_at": document.issued_at,
        "office": document.office_name,
        "sha256": document.sha256,
        "page_count": document.page_count,
        "size": document.size,
    }


def sha256_of(upload) -> str:
    digest = hashlib.sha256()
    for chunk in upload.chunks():
        digest.update(chunk)
    return digest.hexdigest()
