"""The public API: no sign-in, no session, no CSRF (no authentication class at all), and nothing
personal in any answer. Tracking is throttled per client and per code (429 with Retry-After)."""

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import exceptions
from rest_framework.permissions import AllowAny
from rest_framework.response import Response
from rest_framework.views import APIView

from apps.core.api.schema import ErrorSerializer
from apps.public import selectors, statistics
from apps.public.api import serializers as s
from apps.public.throttling import track_wait

WRONG = gettext_lazy("Kode pelacakan atau PIN tidak cocok. Periksa kembali tanda terima Anda.")


class PublicView(APIView):
    authentication_classes = []
    permission_classes = [AllowAny]


def too_many(wait: int) -> exceptions.Throttled:
    return exceptions.Throttled(
        wait=wait,
        detail=_("Terlalu banyak percobaan. Silakan coba lagi dalam %(s)d detik.") % {"s": wait},
    )


@extend_schema(
    summary=gettext_lazy("Lacak status laporan dengan kode dan PIN"),
    description=gettext_lazy(
        "Status, tanggal perubahan status dan langkah berikutnya. Kode atau PIN yang salah "
        "mendapat jawaban 404 yang sama. Dibatasi per klien dan per kode (429 dengan "
        "`Retry-After`)."
    ),
    request=s.TrackInputSerializer,
    responses={
        200: s.TrackOutputSerializer,
        404: OpenApiResponse(ErrorSerializer, description=WRONG),
        429: OpenApiResponse(
            ErrorSerializer, description=gettext_lazy("Terlalu banyak percobaan.")
        ),
    },
)
class TrackView(PublicView):
    def post(self, request):
        data = s.TrackInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        wait = track_wait(request, data.validated_data["code"])
        if wait:
            raise too_many(wait)
        answer = selectors.case_track(**data.validated_data)
        if answer is None:
            raise exceptions.NotFound(WRONG)
        return Response(s.TrackOutputSerializer(answer).data)


@extend_schema(
    summary=gettext_lazy("Papan pengumuman: keputusan registrasi"),
    responses={200: s.PublicNoticeSerializer(many=True)},
)
class NoticeBoardView(PublicView):
    def get(self, request):
        return Response(s.PublicNoticeSerializer(selectors.notice_board(), many=True).data)


@extend_schema(
    summary=gettext_lazy("Statistik terbuka per pemilihan"),
    description=gettext_lazy(
        "Jumlah per bulan, bentuk pelanggaran, kecamatan, jenis instansi, keputusan dan tindak "
        "lanjut. Kategori di bawah ambang digabung ke `suppressed`; `sum(cells) + suppressed "
        "== total`. Disajikan dari cache."
    ),
    parameters=[
        OpenApiParameter(
            "election",
            str,
            description=gettext_lazy("Kode pemilihan: hanya tabel pemilihan itu."),
        )
    ],
    responses={200: s.StatisticsSerializer, 404: ErrorSerializer},
)
class StatisticsView(PublicView):
    def get(self, request):
        code = statistics.election_code(request.query_params)
        try:
            data = statistics.of_election(statistics.statistics(), code)
        except statistics.UnknownElection as unknown:
            raise exceptions.NotFound(str(unknown)) from None
        return Response(s.StatisticsSerializer(data).data)
