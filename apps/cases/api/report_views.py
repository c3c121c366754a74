"""Case API reports: counts per group and deadline compliance, with the case list's filters."""

from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import (
    OpenApiParameter,
    extend_schema,
)
from rest_framework import generics
from rest_framework.response import Response

from apps.cases import reports
from apps.cases.api import examples
from apps.cases.api import report_serializers as rs
from apps.cases.api.filters import CaseFilter
from apps.cases.selectors import cases_visible_to
from apps.core.api.exports import (
    Column,
    ExportOperationMixin,
    ExportRenderersMixin,
    export_operation,
    requested_export_format,
    stream_export,
)
from apps.core.api.filters import FilterBackend
from apps.core.api.permissions import CanReadCases


class _CaseReportView(ExportRenderersMixin, generics.GenericAPIView):
    permission_classes = [CanReadCases]
    filter_backends = [FilterBackend]
    filterset_class = CaseFilter
    pagination_class = None
    schema_filters = True  # the schema declares the case list's filters

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
    serializer_class = rs.CaseReportOutputSerializer

    @extend_schema(
        summary=_("Rekap kasus per kelompok"),
        description=_(
            "`count` adalah jumlah kasus. Untuk pengelompokan bernilai banyak (bentuk "
            "pelanggaran, kategori, perangkat daerah, jenis sanksi) satu kasus dapat masuk "
            "beberapa kelompok. Menerima semua filter daftar kasus; CSV/XLSX: operasi "
            "`/api/v1/reports/cases/export/`."
        ),
        parameters=[GROUP_BY],
        examples=[examples.CASE_REPORT],
    )
    def get(self, request):
        params = rs.CaseReportParamsSerializer(data=request.query_params)
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
        return Response(rs.CaseReportOutputSerializer({"group_by": group_by, **report}).data)


class DeadlineReportView(_CaseReportView):
    serializer_class = rs.DeadlineReportOutputSerializer

    @extend_schema(
        summary=_("Kepatuhan batas waktu per tahap"),
        description=_(
            "Per tahap (pelaporan, keputusan, tindak lanjut PPK): terpenuhi tepat waktu, "
            "terpenuhi terlambat, masih berjalan, dan yang masih berjalan tetapi sudah lewat "
            "batas. Menerima semua filter daftar kasus; CSV/XLSX: operasi "
            "`/api/v1/reports/deadlines/export/`."
        ),
        examples=[examples.DEADLINE_REPORT],
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
        return Response(rs.DeadlineReportOutputSerializer(data).data)


@export_operation(_("Ekspor rekap kasus per kelompok (CSV/XLSX)"))
class CaseReportExportView(ExportOperationMixin, CaseReportView):
    pass


@export_operation(_("Ekspor kepatuhan batas waktu (CSV/XLSX)"))
class DeadlineReportExportView(ExportOperationMixin, DeadlineReportView):
    pass
