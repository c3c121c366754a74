"""The case API: list, intake, detail, transitions, evidence, follow-ups, reports.

Views only translate HTTP: which cases a user sees comes from ``apps.cases.selectors``, every
write is a service call, and the services' errors become the one error shape. A case outside the
user's scope is 404; a role that may not act on a visible case is 403.
"""

from django.db.models import Prefetch
from django.http import FileResponse
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import (
    OpenApiParameter,
    OpenApiResponse,
    PolymorphicProxySerializer,
    extend_schema,
    extend_schema_view,
)
from rest_framework import generics, status
from rest_framework.exceptions import PermissionDenied
from rest_framework.filters import OrderingFilter
from rest_framework.parsers import FormParser, MultiPartParser
from rest_framework.response import Response

from apps.cases import evidence as evidence_services
from apps.cases import reports, services, workflow
from apps.cases.api import serializers as s
from apps.cases.api.filters import CaseFilter
from apps.cases.api.reporters import shown_reporters
from apps.cases.confidentiality import CHANNEL_API, may_see_reporter, reporter_for
from apps.cases.models import Case, CaseEvent, Evidence, FollowUp, Respondent
from apps.cases.selectors import case_row_columns, case_rows, cases_visible_to
from apps.core import permissions
from apps.core.api.export_jobs import AsyncExportMixin
from apps.core.api.exports import (
    ASYNC_EXPORT_RESPONSES,
    Column,
    ExportListMixin,
    ExportRenderersMixin,
    FileRenderer,
    JSONResponsesMixin,
    requested_export_format,
    stream_export,
)
from apps.core.api.filters import FilterBackend
from apps.core.api.permissions import CanReadCases, IsBawaslu
from apps.core.api.renderers import JSONRenderer
from apps.core.errors import NotFound


def _join(values) -> str:
    return "; ".join(v for v in values if v)


# Long texts a list item does not show: left out of the page query (a narrower sort).
LIST_DEFERRED = ("chronology", "conclusion", "closing_reason", "incident_place")


def row_prefetches(respondents=None) -> list[Prefetch]:
    """The lists a case row shows, as plain lists (``to_attr``): no queryset per case."""
    if respondents is None:
        respondents = Respondent.objects.select_related("agency")
    return [
        Prefetch("violation_forms", to_attr="form_list"),
        Prefetch("respondents", queryset=respondents, to_attr="respondent_list"),
    ]


def visible_cases(user):
    """The cases ``user`` sees as models, with what every case row shows joined or prefetched:
    for exports, which read them in chunks and never show the reporter. The JSON list reads a
    page as plain rows instead (:func:`apps.cases.selectors.case_rows`)."""
    return (
        cases_visible_to(user)
        .select_related("election", "kecamatan")
        .defer(*LIST_DEFERRED)
        .prefetch_related(*row_prefetches())
    )


def case_detail_queryset(user):
    respondents = Respondent.objects.select_related("agency", "follow_up__sanction_type")
    cases = (
        cases_visible_to(user)
        .select_related("election", "kecamatan", "village", "forwarding")
        .prefetch_related(
            *row_prefetches(respondents),
            Prefetch("events", queryset=CaseEvent.objects.select_related("actor")),
            "evidence",
            "clarifications",
            "forwarding__recipients",
        )
    )
    if may_see_reporter(user):
        cases = cases.prefetch_related("witnesses", "assigned_investigators")
    return cases


def get_visible_case(user, pk) -> Case:
    try:
        return cases_visible_to(user).get(pk=pk)
    except Case.DoesNotExist:
        raise NotFound(_("Kasus tidak ditemukan.")) from None


def case_detail_response(request, pk, status_code=status.HTTP_200_OK) -> Response:
    case = get_object_or_404(case_detail_queryset(request.user), pk=pk)
    reporter = reporter_for(request.user, case, CHANNEL_API)
    context = {"request": request, "now": timezone.now(), "reporters": {case.pk: reporter}}
    headers = {}
    if status_code == status.HTTP_201_CREATED:
        headers["Location"] = reverse("cases-api:case-detail", kwargs={"pk": case.pk})
    data = s.CaseDetailOutputSerializer(case, context=context).data
    return Response(data, status=status_code, headers=headers)


class CountedRows:
    """A page's rows read with joins (kecamatan, reporter) but counted without them, for the
    paginator: ``count()`` of the joined rows would join every case of the table."""

    def __init__(self, rows, cases):
        self.rows, self.cases = rows, cases

    @property
    def ordered(self) -> bool:
        return self.rows.ordered

    def count(self) -> int:
        return self.cases.count()

    def __getitem__(self, index):
        return self.rows[index]


CASE_ORDERING = ["received_at", "registered_at", "updated_at", "number", "status", "id"]
CASE_EXPORT_COLUMNS = [
    Column(_("ID"), lambda c: c.pk),
    Column(_("Nomor register"), lambda c: c.number or ""),
    Column(_("Jenis"), lambda c: c.get_kind_display()),
    Column(_("Status"), lambda c: c.get_status_display()),
    Column(_("Pemilihan"), lambda c: c.election.name),
    Column(_("Diterima"), lambda c: c.received_at),
    Column(_("Diregistrasi"), lambda c: c.registered_at),
    Column(_("Tanggal kejadian"), lambda c: c.incident_on),
    Column(_("Kecamatan"), lambda c: c.kecamatan.name if c.kecamatan else ""),
    Column(_("Bentuk pelanggaran"), lambda c: _join(f.name for f in c.form_list)),
    Column(
        _("Kategori"),
        lambda c: _join(dict.fromkeys(f.get_default_severity_display() for f in c.form_list)),
    ),
    Column(_("Terlapor"), lambda c: _join(r.name for r in c.respondent_list)),
    Column(_("NIP terlapor"), lambda c: _join(r.nip for r in c.respondent_list)),
    Column(
        _("Unit kerja terlapor"),
        lambda c: _join(r.agency.name if r.agency else r.agency_name for r in c.respondent_list),
    ),
    Column(_("Batas keputusan"), lambda c: c.decision_due_at),
    Column(_("Batas tindak lanjut PPK"), lambda c: c.follow_up_due_at),
    Column(_("Diubah"), lambda c: c.updated_at),
]


@extend_schema_view(
    get=extend_schema(
        summary=_("Daftar kasus"),
        description=_(
            "Kasus yang boleh Anda lihat: koordinator semua kasus, investigator kasus yang "
            "ditugaskan kepadanya, BKPSDM kasus yang sudah diteruskan atau selesai. `reporter` "
            "hanya untuk peran Bawaslu (setiap tampilan tercatat). CSV/XLSX dengan "
            "`?format=csv|xlsx`: semua baris, filter yang sama, tanpa identitas pelapor; "
            "ekspor besar dijalankan di latar belakang (202 dengan `status_url`)."
        ),
        responses={200: s.CaseListOutputSerializer(many=True), **ASYNC_EXPORT_RESPONSES},
    ),
    post=extend_schema(
        summary=_("Catat laporan atau temuan (petugas Bawaslu)"),
        request=s.CaseCreateInputSerializer,
        responses={201: s.CaseDetailOutputSerializer},
    ),
)
class CaseListView(AsyncExportMixin, ExportListMixin, generics.ListCreateAPIView):
    permission_classes = [CanReadCases]
    serializer_class = s.CaseListOutputSerializer
    filter_backends = [FilterBackend, OrderingFilter]
    filterset_class = CaseFilter
    ordering_fields = CASE_ORDERING
    ordering = ["-received_at", "-id"]
    export_name = "kasus"
    export_columns = CASE_EXPORT_COLUMNS

    def get_permissions(self):
        if self.request.method == "POST":
            return [CanReadCases(), IsBawaslu()]
        return super().get_permissions()

    def get_queryset(self):
        return visible_cases(self.request.user)

    def list(self, request, *args, **kwargs):
        if requested_export_format(request):
            return super().list(request, *args, **kwargs)
        cases = self.filter_queryset(cases_visible_to(request.user))
        columns = case_row_columns(with_reporter=may_see_reporter(request.user))
        page = case_rows(self.paginate_queryset(CountedRows(cases.values_list(*columns), cases)))
        context = {
            **self.get_serializer_context(),
            "now": timezone.now(),
            "reporters": shown_reporters(request.user, page),
        }
        data = s.CaseListOutputSerializer(page, many=True, context=context).data
        return self.get_paginated_response(data)

    def create(self, request, *args, **kwargs):
        serializer = s.CaseCreateInputSerializer(data=request.data, context={"request": request})
        serializer.is_valid(raise_exception=True)
        case = services.case_create(actor=request.user, **serializer.validated_data)
        return case_detail_response(request, case.pk, status.HTTP_201_CREATED)


@extend_schema_view(
    get=extend_schema(
        summary=_("Detail kasus"),
        description=_(
            "Kasus dengan riwayat, alat bukti, klarifikasi, penerusan dan tindak lanjut. "
            "`reporter`, `witnesses` dan `assigned_investigators` hanya untuk peran Bawaslu."
        ),
        responses=s.CaseDetailOutputSerializer,
    )
)
class CaseDetailView(generics.GenericAPIView):
    permission_classes = [CanReadCases]
    serializer_class = s.CaseDetailOutputSerializer

    def get(self, request, pk):
        return case_detail_response(request, pk)


TRANSITION_REQUEST = PolymorphicProxySerializer(
    component_name="CaseTransitionInput",
    serializers={
        name: s.transition_schema_serializer(action) for name, action in workflow.ACTIONS.items()
    },
    resource_type_field_name="action",
)


class CaseTransitionView(generics.GenericAPIView):
    permission_classes = [CanReadCases]
    serializer_class = s.TransitionInputSerializer
    schema_error_codes = (409,)

    @extend_schema(
        summary=_("Jalankan tindakan alur kerja"),
        description=_(
            "`register`, `reject`, `begin_clarification`, `begin_review`, `extend`, `dismiss`, "
            "`forward`, `close`, dengan isian tindakan itu. 400 menyebut setiap syarat yang belum "
            "terpenuhi; 403 bila peran Anda tidak boleh; 409 bila tindakan tidak berlaku pada "
            "status kasus saat ini."
        ),
        request=TRANSITION_REQUEST,
        responses=s.CaseDetailOutputSerializer,
    )
    def post(self, request, pk):
        serializer = s.TransitionInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        fields = dict(serializer.validated_data)
        action = fields.pop("action")
        # Keys this serializer does not know go to the service, which names them in its 400.
        extra = {k: v for k, v in request.data.items() if k not in serializer.fields}
        services.case_transition(case_id=pk, action=action, actor=request.user, **fields, **extra)
        return case_detail_response(request, pk)


class CaseEvidenceView(generics.GenericAPIView):
    permission_classes = [CanReadCases]
    serializer_class = s.EvidenceInputSerializer
    parser_classes = [MultiPartParser, FormParser]
    schema_error_codes = (409,)

    @extend_schema(
        summary=_("Tambah alat bukti (berkas atau tautan)"),
        description=_(
            "multipart/form-data. Berkas diperiksa jenis sebenarnya dan ukurannya, metadata foto "
            "dihapus, SHA-256 dicatat. Koordinator atau investigator yang ditugaskan; hanya "
            "sebelum keputusan (409 setelahnya)."
        ),
        request={"multipart/form-data": s.EvidenceInputSerializer},
        responses={201: s.EvidenceOutputSerializer},
    )
    def post(self, request, pk):
        case = get_visible_case(request.user, pk)
        if not permissions.is_bawaslu(request.user):
            raise PermissionDenied(_("Hanya petugas Bawaslu yang dapat menambah alat bukti."))
        serializer = s.EvidenceInputSerializer(data=request.data)
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
        output = s.EvidenceOutputSerializer(evidence, context={"request": request})
        return Response(output.data, status=status.HTTP_201_CREATED)


class CaseEvidenceDownloadView(JSONResponsesMixin, generics.GenericAPIView):
    permission_classes = [CanReadCases]
    renderer_classes = [JSONRenderer, FileRenderer]

    @extend_schema(
        summary=_("Unduh berkas alat bukti"),
        responses={(200, "application/octet-stream"): OpenApiResponse(bytes)},
    )
    def get(self, request, pk, evidence_id):
        case = get_visible_case(request.user, pk)
        evidence = Evidence.objects.filter(case=case, pk=evidence_id).exclude(file="").first()
        if evidence is None:
            raise NotFound(_("Alat bukti tidak ditemukan."))
        response = FileResponse(
            evidence.file.open("rb"),
            as_attachment=True,
            filename=evidence.original_name or evidence.file.name.rsplit("/", 1)[-1],
            content_type=evidence.content_type or "application/octet-stream",
        )
        response["X-Content-SHA256"] = evidence.sha256
        # As the admin's download (apps.cases.views.evidence_download): never cached, and an
        # uploaded HTML or SVG opened in a browser runs nothing.
        response["X-Content-Type-Options"] = "nosniff"
        response["Cache-Control"] = "private, no-store"
        response["Content-Security-Policy"] = "default-src 'none'; sandbox"
        return response


class CaseFollowUpView(generics.GenericAPIView):
    permission_classes = [CanReadCases]
    serializer_class = s.FollowUpInputSerializer
    schema_error_codes = (409,)

    @extend_schema(
        summary=_("Catat tindak lanjut PPK untuk satu terlapor (BKPSDM)"),
        description=_(
            "Sanksi dengan nomor dan tanggal keputusan, atau `sanction_type` `none` dengan "
            "alasan. Mengirim lagi untuk terlapor yang sama mengoreksi catatan (200)."
        ),
        request=s.FollowUpInputSerializer,
        responses={201: s.FollowUpOutputSerializer, 200: s.FollowUpOutputSerializer},
    )
    def post(self, request, pk):
        case = get_visible_case(request.user, pk)
        if not (permissions.is_bkpsdm(request.user) or permissions.is_coordinator(request.user)):
            raise PermissionDenied(_("Hanya petugas BKPSDM yang mencatat tindak lanjut PPK."))
        serializer = s.FollowUpInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = dict(serializer.validated_data)
        respondent = Respondent.objects.filter(case=case, pk=data.pop("respondent")).first()
        if respondent is None:
            raise s.serializers.ValidationError(
                {"respondent": [_("Terlapor tidak ada pada kasus ini.")]}
            )
        existed = FollowUp.objects.filter(respondent=respondent).exists()
        follow_up = services.followup_record(respondent=respondent, actor=request.user, **data)
        follow_up = FollowUp.objects.select_related("respondent", "sanction_type").get(
            pk=follow_up.pk
        )
        output = s.FollowUpOutputSerializer(follow_up)
        return Response(
            output.data, status=status.HTTP_200_OK if existed else status.HTTP_201_CREATED
        )


# --- reports ----------------------------------------------------------------------------------


class _CaseReportView(ExportRenderersMixin, generics.GenericAPIView):
    permission_classes = [CanReadCases]
    filter_backends = [FilterBackend]
    filterset_class = CaseFilter
    pagination_class = None

    def get_queryset(self):
        return cases_visible_to(self.request.user)


GROUP_BY = OpenApiParameter(
    "group_by",
    str,
    enum=list(reports.GROUPINGS),
    required=True,
    description=_("Kelompokkan menurut: " + ", ".join(reports.GROUPINGS)),
)


class CaseReportView(_CaseReportView):
    serializer_class = s.CaseReportOutputSerializer

    @extend_schema(
        summary=_("Rekap kasus per kelompok"),
        description=_(
            "`count` adalah jumlah kasus. Untuk pengelompokan bernilai banyak (bentuk "
            "pelanggaran, kategori, perangkat daerah, jenis sanksi) satu kasus dapat masuk "
            "beberapa kelompok. Menerima semua filter daftar kasus; CSV/XLSX dengan `?format=`."
        ),
        parameters=[GROUP_BY],
    )
    def get(self, request):
        params = s.CaseReportParamsSerializer(data=request.query_params)
        params.is_valid(raise_exception=True)
        group_by = params.validated_data["group_by"]
        report = reports.cases_report(self.filter_queryset(self.get_queryset()), group_by)
        export_format = requested_export_format(request)
        if export_format:
            columns = [
                Column(_("Kode"), lambda g: g["key"] or ""),
                Column(reports.GROUPINGS[group_by].label, lambda g: g["label"]),
                Column(_("Jumlah kasus"), lambda g: g["count"]),
            ]
            total = {
                "key": "",
                "label": str(_("Jumlah kasus (tanpa duplikat)")),
                "count": report["total"],
            }
            rows = [*report["groups"], total]
            return stream_export(export_format, f"rekap-kasus-{group_by}", columns, rows)
        return Response(s.CaseReportOutputSerializer({"group_by": group_by, **report}).data)


class DeadlineReportView(_CaseReportView):
    serializer_class = s.DeadlineReportOutputSerializer

    @extend_schema(
        summary=_("Kepatuhan batas waktu per tahap"),
        description=_(
            "Per tahap (pelaporan, keputusan, tindak lanjut PPK): terpenuhi tepat waktu, "
            "terpenuhi terlambat, masih berjalan, dan yang masih berjalan tetapi sudah lewat "
            "batas. Menerima semua filter daftar kasus; CSV/XLSX dengan `?format=`."
        ),
    )
    def get(self, request):
        now = timezone.now()
        stages = reports.deadlines_report(self.filter_queryset(self.get_queryset()), now)
        export_format = requested_export_format(request)
        if export_format:
            columns = [
                Column(_("Tahap"), lambda r: r["label"]),
                Column(_("Jumlah kasus"), lambda r: r["total"]),
                Column(_("Tepat waktu"), lambda r: r["on_time"]),
                Column(_("Terlambat"), lambda r: r["late"]),
                Column(_("Masih berjalan"), lambda r: r["open"]),
                Column(_("Masih berjalan, lewat batas"), lambda r: r["overdue"]),
            ]
            return stream_export(export_format, "kepatuhan-batas-waktu", columns, stages)
        data = {"generated_at": now, "stages": stages}
        return Response(s.DeadlineReportOutputSerializer(data).data)
