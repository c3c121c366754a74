"""Case API: evidence (add, download, withdraw) and the PPK's follow-up per respondent."""

from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import (
    OpenApiResponse,
    extend_schema,
)
from rest_framework import generics, status
from rest_framework.parsers import FormParser, MultiPartParser
from rest_framework.response import Response

from apps.cases import confidentiality, services
from apps.cases import evidence as evidence_services
from apps.cases.api import detail_serializers as d
from apps.cases.api import examples, inputs
from apps.cases.api import serializers as s
from apps.cases.api.views import authorized_case, get_visible_case
from apps.cases.models import Evidence, FollowUp, Respondent
from apps.cases.outcomes import respondent_outcome, respondents_with_outcomes
from apps.cases.views import evidence_file_response, visible_evidence_file
from apps.core.api.exports import (
    FileRenderer,
    JSONResponsesMixin,
)
from apps.core.api.permissions import CanReadCases
from apps.core.api.renderers import JSONRenderer
from apps.core.errors import NotFound


class CaseEvidenceView(generics.GenericAPIView):
    permission_classes = [CanReadCases]
    serializer_class = inputs.EvidenceInputSerializer
    parser_classes = [MultiPartParser, FormParser]
    schema_error_codes = (409,)

    @extend_schema(
        summary=_("Tambah alat bukti (berkas atau tautan)"),
        description=_(
            "multipart/form-data. Berkas diperiksa jenis sebenarnya dan ukurannya, metadata foto "
            "dihapus, SHA-256 dicatat. Koordinator atau investigator yang ditugaskan; hanya "
            "sebelum keputusan (409 setelahnya)."
        ),
        request={"multipart/form-data": inputs.EvidenceInputSerializer},
        responses={201: d.EvidenceOutputSerializer},
    )
    def post(self, request, pk):
        case = authorized_case(request.user, pk, "evidence_add")
        serializer = inputs.EvidenceInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        common = {"case": case, "description": data.get("description", ""), "actor": request.user}
        if data["kind"] == Evidence.Kind.LINK:
            evidence = evidence_services.evidence_add_link(
                url=data.get("url", ""), captured_at=data.get("captured_at"), **common
            )
        else:
            evidence = evidence_services.evidence_add_file(
                uploaded_file=data["file"], kind=data["kind"], **common
            )
        return evidence_response(request, evidence, status.HTTP_201_CREATED)


class CaseEvidenceDownloadView(JSONResponsesMixin, generics.GenericAPIView):
    permission_classes = [CanReadCases]
    renderer_classes = [JSONRenderer, FileRenderer]

    @extend_schema(
        summary=_("Unduh berkas alat bukti"),
        responses={(200, "application/octet-stream"): OpenApiResponse(bytes)},
    )
    def get(self, request, pk, evidence_id):
        case = get_visible_case(request.user, pk)
        evidence = visible_evidence_file(request.user, evidence_id, case_id=case.pk)
        return evidence_file_response(request.user, evidence)


class CaseEvidenceWithdrawView(generics.GenericAPIView):
    permission_classes = [CanReadCases]
    serializer_class = inputs.EvidenceWithdrawInputSerializer
    schema_error_codes = (409,)

    @extend_schema(
        summary=_("Tarik alat bukti"),
        description=_(
            "Alat bukti yang ditarik tidak lagi dihitung sebagai syarat materiel; berkas, hash "
            "dan riwayatnya tetap disimpan. Siapa dan kapan: operasi `evidence_withdraw`."
        ),
        request=inputs.EvidenceWithdrawInputSerializer,
        responses={200: d.EvidenceOutputSerializer},
    )
    def post(self, request, pk, evidence_id):
        case = authorized_case(request.user, pk, "evidence_withdraw")
        evidence = Evidence.objects.filter(case=case, pk=evidence_id).first()
        if evidence is None:
            raise NotFound(_("Alat bukti tidak ditemukan."))
        serializer = inputs.EvidenceWithdrawInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        evidence = evidence_services.evidence_withdraw(
            evidence=evidence, reason=serializer.validated_data["reason"], actor=request.user
        )
        return evidence_response(request, evidence, status.HTTP_200_OK)


def evidence_response(request, evidence: Evidence, status_code: int) -> Response:
    evidence = Evidence.objects.select_related("case").get(pk=evidence.pk)
    context = {
        "request": request,
        "evidence_positions": confidentiality.evidence_positions(evidence.case),
    }
    output = d.EvidenceOutputSerializer(evidence, context=context)
    return Response(output.data, status=status_code)


class CaseFollowUpView(generics.GenericAPIView):
    permission_classes = [CanReadCases]
    serializer_class = inputs.FollowUpInputSerializer
    schema_error_codes = (409,)

    @extend_schema(
        summary=_("Catat keputusan PPK untuk satu terlapor (BKPSDM)"),
        description=_(
            "`outcome` `sanctioned` dengan `sanctions` (satu atau lebih: sanksi moral PP 42/2004 "
            "dapat bersama hukuman disiplin), `not_sanctioned` dengan `reason`, atau "
            "`referred` (bukan ASN, diteruskan kepada pemberi kerja). Bentuk satu sanksi: "
            "`sanction_type` dengan nomor dan tanggal keputusan (`none`: tanpa sanksi). Setiap "
            "sanksi harus sesuai dengan terlapor (sanksi PNS untuk PNS, PP 49/2018 untuk PPPK) "
            "dan aturannya (mis. potongan tunjangan 6, 9 atau 12 bulan dengan masa berlaku yang "
            "sama). Mengirim lagi mengoreksi keputusan (200)."
        ),
        request=inputs.FollowUpInputSerializer,
        responses={201: d.FollowUpOutputSerializer, 200: d.FollowUpOutputSerializer},
        examples=examples.FOLLOW_UPS,
    )
    def post(self, request, pk):
        case = authorized_case(request.user, pk, "follow_up_record")
        serializer = inputs.FollowUpInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = dict(serializer.validated_data)
        respondent = case_respondent(case, data.pop("respondent"))
        existed = FollowUp.objects.filter(respondent=respondent).exists()
        services.followup_record(respondent=respondent, actor=request.user, **data)
        return respondent_response(case, respondent, 200 if existed else 201)


def case_respondent(case, pk) -> Respondent:
    respondent = Respondent.objects.filter(case=case, pk=pk).first()
    if respondent is None:
        raise s.serializers.ValidationError(
            {"respondent": [_("Terlapor tidak ada pada kasus ini.")]}
        )
    return respondent


def respondent_response(case, respondent, status_code: int) -> Response:
    """Where ``respondent`` stands now (the decision, sanctions, objections, block)."""
    outcome = respondent_outcome(respondents_with_outcomes(case).get(pk=respondent.pk))
    return Response(d.FollowUpOutputSerializer(outcome).data, status=status_code)


# --- reports ----------------------------------------------------------------------------------
