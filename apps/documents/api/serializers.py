from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from apps.documents.content import CASE_BUILDERS, SESSION_BUILDERS
from apps.documents.models import DocumentType, IssuedDocument
from apps.documents.verification import display_code, verify_url


class DocumentOutputSerializer(serializers.ModelSerializer):
    type = serializers.ChoiceField(source="document_type", choices=DocumentType.choices)
    type_label = serializers.CharField(source="get_document_type_display")
    issued_by = serializers.SerializerMethodField()
    verification_code = serializers.SerializerMethodField()
    verification_url = serializers.SerializerMethodField()
    download_url = serializers.SerializerMethodField()

    class Meta:
        model = IssuedDocument
        fields = [
            "id",
            "type",
            "type_label",
            "series",
            "number",
            "version",
            "issued_at",
            "issued_by",
            "sha256",
            "size",
            "page_count",
            "verification_code",
            "verification_url",
            "download_url",
        ]

    def get_issued_by(self, document) -> str:
        user = document.issued_by
        return user.get_full_name() or user.get_username()

    def get_verification_code(self, document) -> str:
        return display_code(document.verification_code)

    def get_verification_url(self, document) -> str:
        return verify_url(document.verification_code)

    def get_download_url(self, document) -> str:
        path = reverse("document-pdf", args=[document.pk])
        request = self.context.get("request")
        return request.build_absolute_uri(path) if request else path


class CaseDocumentInputSerializer(serializers.Serializer):
    """The type, and that type's own fields (any other field is refused, naming it)."""

    type = serializers.ChoiceField(choices=[(t, DocumentType(t).label) for t in CASE_BUILDERS])
    person_name = serializers.CharField(required=False, help_text=_("summons: yang diundang"))
    role = serializers.CharField(
        required=False, help_text=_("summons: reporter, witness, respondent atau expert")
    )
    respondent = serializers.IntegerField(required=False, help_text=_("summons: id terlapor"))
    held_at = serializers.DateTimeField(required=False, help_text=_("summons: waktu klarifikasi"))
    place = serializers.CharField(required=False, help_text=_("summons, minutes: tempat"))
    bring = serializers.CharField(required=False, help_text=_("summons: yang perlu dibawa"))
    address = serializers.CharField(required=False, help_text=_("summons: alamat yang diundang"))
    clarification = serializers.IntegerField(required=False, help_text=_("minutes: id klarifikasi"))
    officers = serializers.ListField(
        child=serializers.CharField(), required=False, help_text=_("minutes: petugas")
    )
    analysis = serializers.CharField(required=False, help_text=_("review: analisis (wajib)"))
    conclusion = serializers.CharField(required=False, help_text=_("review: kesimpulan"))
    recommendations = serializers.DictField(
        child=serializers.CharField(),
        required=False,
        help_text=_("review: rekomendasi per id terlapor"),
    )
    copies = serializers.ListField(
        child=serializers.CharField(), required=False, help_text=_("forwarding_letter: tembusan")
    )


class SessionDocumentInputSerializer(serializers.Serializer):
    """The type, and that type's own fields (any other field is refused, naming it)."""

    type = serializers.ChoiceField(choices=[(t, DocumentType(t).label) for t in SESSION_BUILDERS])
    blank_rows = serializers.IntegerField(
        required=False,
        min_value=0,
        max_value=200,
        help_text=_("attendance_list: baris kosong untuk peserta tanpa pendaftaran (bawaan 5)"),
    )
