from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import generics

from apps.core.api.exports import Column, ExportListMixin
from apps.core.api.permissions import CanReadPersonnel
from apps.personnel.api.filters import CivilServantFilter
from apps.personnel.api.serializers import CivilServantOutputSerializer
from apps.personnel.selectors import civil_servants_visible_to


@extend_schema_view(
    get=extend_schema(
        summary=_("Daftar ASN"),
        description=_(
            "Register ASN (PNS dan PPPK). Juga tersedia sebagai CSV atau XLSX dengan "
            "`?format=csv` / `?format=xlsx` (semua baris, filter yang sama)."
        ),
    )
)
class CivilServantListView(ExportListMixin, generics.ListAPIView):
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
