"""The documents API: list and issue a case's or a session's documents, fetch a PDF.

Views look the subject up through the selectors (404 outside the user's scope) and issue
through the services (403 when the user sees the subject but may not issue, 409 when its state
does not allow it). The POST body is ``{"type": ..., ...that type's fields}``.
"""

from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import generics, status
from rest_framework.renderers import BaseRenderer
from rest_framework.response import Response
from rest_framework.views import APIView

from apps.core.api.permissions import CanReadCases
from apps.core.errors import InvalidInput
from apps.documents import selectors, services
from apps.documents.api import serializers as s
from apps.documents.views import pdf_response


class PDFRenderer(BaseRenderer):
    """Lets a client ask for ``Accept: application/pdf``; the view answers with the file."""

    media_type = "application/pdf"
    format = "pdf"
    charset = None
    render_style = "binary"

    def render(self, data, accepted_media_type=None, renderer_context=None):
        return data


def _issue_fields(request) -> tuple[str, dict]:
    if not hasattr(request.data, "items"):
        raise InvalidInput(fields={"type": [_("Kirim objek JSON dengan isian type.")]})
    fields = {key: value for key, value in request.data.items() if key != "type"}
    document_type = request.data.get("type")
    if not document_type:
        raise InvalidInput(fields={"type": [_("Jenis dokumen (type) wajib diisi.")]})
    return str(document_type), fields


class SessionDocumentsView(generics.ListAPIView):
    """The documents of a session: the attendance list and the pledge forms, every version,
    newest first."""

    serializer_class = s.DocumentOutputSerializer
    filter_backends = []
    schema_error_codes = (409,)

    def get_queryset(self):
        return selectors.session_documents_for(self.request.user, self.kwargs["session_id"])

    @extend_schema(
        request=s.SessionDocumentInputSerializer, responses={201: s.DocumentOutputSerializer}
    )
    def post(self, request, session_id: int):
        """Issue ``attendance_list`` or ``pledge_forms``; issuing again makes the next version."""
        document_type, fields = _issue_fields(request)
        document = services.session_document_issue(
            session_id=session_id, document_type=document_type, actor=request.user, fields=fields
        )
        data = s.DocumentOutputSerializer(document, context={"request": request}).data
        return Response(data, status=status.HTTP_201_CREATED)


class CaseDocumentsView(generics.ListAPIView):
    """The documents of a case the user may read (the case policy's ``read_<type>`` rows), every
    version, newest first."""

    serializer_class = s.DocumentOutputSerializer
    permission_classes = [CanReadCases]
    filter_backends = []
    schema_error_codes = (409,)

    def get_queryset(self):
        return selectors.case_documents_for(self.request.user, self.kwargs["case_id"])

    @extend_schema(
        request=s.CaseDocumentInputSerializer, responses={201: s.DocumentOutputSerializer}
    )
    def post(self, request, case_id: int):
        """Issue ``receipt``, ``status_notice``, ``status_notice_public``, ``summons``,
        ``minutes``, ``review`` or ``forwarding_letter`` with that type's fields (the case
        policy's ``issue_<type>`` row decides who, in which states); again: the next version."""
        document_type, fields = _issue_fields(request)
        document = services.case_document_issue(
            case_id=case_id, document_type=document_type, actor=request.user, fields=fields
        )
        data = s.DocumentOutputSerializer(document, context={"request": request}).data
        return Response(data, status=status.HTTP_201_CREATED)


class DocumentPDFView(APIView):
    """The PDF of one document, exactly as issued (its SHA-256 is in the document's record)."""

    renderer_classes = [PDFRenderer]

    @extend_schema(
        responses={
            (200, "application/pdf"): OpenApiResponse(
                OpenApiTypes.BINARY, description="Berkas PDF sebagaimana diterbitkan."
            )
        }
    )
    def get(self, request, pk: int):
        return pdf_response(selectors.document_get_for(request.user, pk))
