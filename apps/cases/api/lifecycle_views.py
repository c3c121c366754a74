"""Case API after forwarding: BKN's recommendation, objections and appeals, data blocks, and the
criminal track (Sentra Gakkumdu). Who and when is the case policy's call; every write is one
service."""

from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema
from rest_framework import generics, status

from apps.cases import services
from apps.cases.api import detail_serializers as d
from apps.cases.api import inputs
from apps.cases.api.record_views import case_respondent, respondent_response
from apps.cases.api.views import authorized_case, case_detail_response
from apps.cases.models import Objection, Sanction
from apps.core.api.permissions import CanReadCases
from apps.core.errors import NotFound


class _CaseWrite(generics.GenericAPIView):
    permission_classes = [CanReadCases]
    schema_error_codes = (409,)
    operation = ""

    def valid(self, request, pk):
        case = authorized_case(request.user, pk, self.operation)
        serializer = self.get_serializer_class()(data=request.data)
        serializer.is_valid(raise_exception=True)
        return case, dict(serializer.validated_data)


class BknRecommendationView(_CaseWrite):
    serializer_class = inputs.BknRecommendationInputSerializer
    operation = "bkn_recommendation_record"

    @extend_schema(
        summary=_("Catat rekomendasi BKN kepada PPK"),
        description=_(
            "Nomor dan tanggal surat BKN, dan kategori per terlapor. Bila aturan pemilihan "
            "menghitung batas PPK sejak rekomendasi BKN, batas itu mulai dari tanggal surat."
        ),
        responses=d.CaseDetailOutputSerializer,
    )
    def post(self, request, pk):
        case, data = self.valid(request, pk)
        services.bkn_recommendation_record(case=case, actor=request.user, **data)
        return case_detail_response(request, pk)


class ObjectionListView(_CaseWrite):
    serializer_class = inputs.ObjectionInputSerializer
    operation = "objection_record"

    @extend_schema(
        summary=_("Catat keberatan atau banding administratif atas satu sanksi"),
        request=inputs.ObjectionInputSerializer,
        responses={201: d.FollowUpOutputSerializer},
    )
    def post(self, request, pk):
        case, data = self.valid(request, pk)
        sanction = Sanction.objects.filter(respondent__case=case, pk=data.pop("sanction")).first()
        if sanction is None:
            raise NotFound(_("Sanksi tidak ditemukan pada kasus ini."))
        services.objection_file(sanction=sanction, actor=request.user, **data)
        return respondent_response(case, sanction.respondent, status.HTTP_201_CREATED)


class ObjectionDecisionView(_CaseWrite):
    serializer_class = inputs.ObjectionDecisionInputSerializer
    operation = "objection_record"

    @extend_schema(
        summary=_("Catat hasil keberatan/banding"),
        description=_(
            "`upheld`: sanksi tetap; `annulled`: sanksi dibatalkan; `changed`: `new_sanction` "
            "menggantikannya (yang lama disimpan, ditandai)."
        ),
        request=inputs.ObjectionDecisionInputSerializer,
        responses={200: d.FollowUpOutputSerializer},
    )
    def post(self, request, pk, objection_id):
        case, data = self.valid(request, pk)
        objection = (
            Objection.objects.filter(sanction__respondent__case=case, pk=objection_id)
            .select_related("sanction__respondent")
            .first()
        )
        if objection is None:
            raise NotFound(_("Keberatan/banding tidak ditemukan pada kasus ini."))
        services.objection_decide(objection=objection, actor=request.user, **data)
        return respondent_response(case, objection.sanction.respondent, status.HTTP_200_OK)


class BlockRequestView(_CaseWrite):
    serializer_class = inputs.BlockRequestInputSerializer
    operation = "block_request"

    @extend_schema(
        summary=_("Minta BKN memblokir data kepegawaian terlapor"),
        description=_("Hanya setelah batas tindak lanjut PPK lewat tanpa keputusan PPK."),
        request=inputs.BlockRequestInputSerializer,
        responses={201: d.FollowUpOutputSerializer},
    )
    def post(self, request, pk, respondent_id):
        case, data = self.valid(request, pk)
        respondent = case_respondent(case, respondent_id)
        services.block_request(respondent=respondent, actor=request.user, **data)
        return respondent_response(case, respondent, status.HTTP_201_CREATED)


class BlockUpdateView(_CaseWrite):
    serializer_class = inputs.BlockUpdateInputSerializer
    operation = "block_update"

    @extend_schema(
        summary=_("Catat pemblokiran data oleh BKN, atau pembukaannya"),
        request=inputs.BlockUpdateInputSerializer,
        responses={200: d.FollowUpOutputSerializer},
    )
    def post(self, request, pk, respondent_id):
        case, data = self.valid(request, pk)
        respondent = case_respondent(case, respondent_id)
        services.block_update(respondent=respondent, actor=request.user, **data)
        return respondent_response(case, respondent, status.HTTP_200_OK)


class GakkumduReferralView(_CaseWrite):
    serializer_class = inputs.GakkumduReferralInputSerializer
    operation = "gakkumdu_record"

    @extend_schema(
        summary=_("Teruskan ke Sentra Gakkumdu (dugaan tindak pidana pemilihan)"),
        request=inputs.GakkumduReferralInputSerializer,
        responses={201: d.CaseDetailOutputSerializer},
    )
    def post(self, request, pk):
        case, data = self.valid(request, pk)
        services.gakkumdu_refer(case=case, actor=request.user, **data)
        return case_detail_response(request, pk, status.HTTP_201_CREATED)


class GakkumduProgressView(_CaseWrite):
    serializer_class = inputs.GakkumduProgressInputSerializer
    operation = "gakkumdu_record"

    @extend_schema(
        summary=_("Catat pembahasan Sentra Gakkumdu atau hasilnya"),
        request=inputs.GakkumduProgressInputSerializer,
        responses={200: d.CaseDetailOutputSerializer},
    )
    def post(self, request, pk):
        case, data = self.valid(request, pk)
        services.gakkumdu_progress(case=case, actor=request.user, **data)
        return case_detail_response(request, pk)
