from django.db import transaction
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import generics, status
from rest_framework.parsers import FormParser, MultiPartParser
from rest_framework.response import Response

from apps.core.api.export_jobs import AsyncExportMixin
from apps.core.api.exports import (
    Column,
    ExportListMixin,
    ExportOperationMixin,
    export_operation,
)
from apps.core.api.permissions import CanManagePersonnel, CanReadPersonnel
from apps.personnel.api.filters import CivilServantFilter
from apps.personnel.api.serializers import (
    CivilServantOutputSerializer,
    ImportRowErrorOutputSerializer,
    PersonnelImportInputSerializer,
    PersonnelImportOutputSerializer,
)
from apps.personnel.selectors import civil_servants_visible_to, personnel_imports_visible_to
from apps.personnel.services import personnel_import_create
from apps.personnel.tasks import enqueue_import


@extend_schema_view(
    get=extend_schema(
        summary=_("Daftar ASN"),
        description=_(
            "Register ASN (PNS dan PPPK). Sebagai CSV atau XLSX: operasi "
            "`/api/v1/personnel/civil-servants/export/`."
        ),
        responses={200: CivilServantOutputSerializer(many=True)},
    )
)
class CivilServantListView(AsyncExportMixin, ExportListMixin, generics.ListAPIView):
    serializer_class = CivilServantOutputSerializer
    permission_classes = [CanReadPersonnel]
    filterset_class = CivilServantFilter
    search_fields = ["name", "^nip", "position"]
    ordering_fields = ["name", "nip", "golongan", "updated_at"]
    ordering = ["name", "nip"]
    export_name = "asn"
    export_columns = [
        Column(_("NIP / NI PPPK"), lambda cs: cs.nip),
        Column(_("Nama"), lambda cs: cs.name),
        Column(_("Status kepegawaian"), lambda cs: cs.employment_type),
        Column(_("Jenis kelamin"), lambda cs: cs.get_sex_display()),
        Column(_("Tanggal lahir"), lambda cs: cs.birth_date),
        Column(_("Golongan"), lambda cs: cs.golongan),
        Column(_("Jabatan"), lambda cs: cs.position),
        Column(_("Jenis jabatan"), lambda cs: cs.get_position_type_display()),
        Column(_("Kode unit kerja"), lambda cs: cs.agency.code),
        Column(_("Unit kerja"), lambda cs: cs.agency.name),
        Column(_("Kode kecamatan"), lambda cs: cs.kecamatan.code if cs.kecamatan else ""),
        Column(_("Kecamatan"), lambda cs: cs.kecamatan.name if cs.kecamatan else ""),
        Column(_("Aktif"), lambda cs: cs.is_active),
    ]

    def get_queryset(self):
        return civil_servants_visible_to(self.request.user)


@extend_schema_view(get=extend_schema(summary=_("Detail ASN menurut NIP")))
class CivilServantDetailView(generics.RetrieveAPIView):
    serializer_class = CivilServantOutputSerializer
    permission_classes = [CanReadPersonnel]
    lookup_field = "nip"

    def get_queryset(self):
        return civil_servants_visible_to(self.request.user)


class PersonnelImportCreateView(generics.GenericAPIView):
    permission_classes = [CanManagePersonnel]
    serializer_class = PersonnelImportInputSerializer
    parser_classes = [MultiPartParser, FormParser]

    @extend_schema(
        summary=_("Unggah berkas data ASN untuk diimpor (BKPSDM)"),
        description=_(
            "multipart/form-data dengan `file` (CSV/XLSX) dan `strict`. Impor berjalan di latar "
            "belakang: 202 dengan `id` dan `status_url` untuk memantau kemajuan dan kesalahan "
            "per baris."
        ),
        request={"multipart/form-data": PersonnelImportInputSerializer},
        responses={202: PersonnelImportOutputSerializer},
    )
    def post(self, request):
        serializer = PersonnelImportInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        upload = serializer.validated_data["file"]
        with transaction.atomic():
            personnel_import = personnel_import_create(
                file=upload,
                filename=upload.name,
                strict=serializer.validated_data["strict"],
                actor=request.user,
            )
            enqueue_import(personnel_import.pk)
        personnel_import.refresh_from_db()
        data = PersonnelImportOutputSerializer(personnel_import, context={"request": request}).data
        return Response(
            data, status=status.HTTP_202_ACCEPTED, headers={"Location": data["status_url"]}
        )


@extend_schema_view(get=extend_schema(summary=_("Status impor: kemajuan, jumlah, kesalahan")))
class PersonnelImportDetailView(generics.RetrieveAPIView):
    permission_classes = [CanManagePersonnel]
    serializer_class = PersonnelImportOutputSerializer

    def get_queryset(self):
        return personnel_imports_visible_to(self.request.user)


@extend_schema_view(
    get=extend_schema(
        summary=_("Semua kesalahan baris satu impor"),
        description=_("Sebagai CSV/XLSX: operasi `…/errors/export/`."),
    )
)
class PersonnelImportErrorsView(ExportListMixin, generics.ListAPIView):
    permission_classes = [CanManagePersonnel]
    serializer_class = ImportRowErrorOutputSerializer
    filter_backends = []
    export_name = "kesalahan-impor"
    export_columns = [
        Column(_("Baris"), lambda e: e.row_number),
        Column(_("Kolom"), lambda e: e.column),
        Column(_("Pesan"), lambda e: e.message),
    ]

    def get_queryset(self):
        personnel_import = get_object_or_404(
            personnel_imports_visible_to(self.request.user), pk=self.kwargs["pk"]
        )
        return personnel_import.row_errors.order_by("row_number", "id")


@export_operation(
    _("Ekspor register ASN (CSV/XLSX)"),
    _(
        "Semua baris register dengan filter daftar ASN, sebagai berkas. Ekspor besar dijalankan "
        "di latar belakang: 202 dengan `status_url`, lalu `download_url`."
    ),
    background_jobs=True,
)
class CivilServantExportView(ExportOperationMixin, CivilServantListView):
    pass


@export_operation(_("Ekspor kesalahan baris satu impor (CSV/XLSX)"))
class PersonnelImportErrorsExportView(ExportOperationMixin, PersonnelImportErrorsView):
    pass
