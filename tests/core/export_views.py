"""An export-capable list view for the export job tests (the API's views follow the same shape)."""

from dataclasses import dataclass

from django.urls import path
from rest_framework import generics, serializers
from rest_framework.renderers import BaseRenderer, JSONRenderer

from apps.core.api.export_jobs import AsyncExportMixin
from apps.personnel.models import CivilServant
from config import urls as project_urls


@dataclass(frozen=True)
class Column:
    header: str
    value: object


class CSVRenderer(BaseRenderer):
    media_type, format = "text/csv", "csv"

    def render(self, data, accepted_media_type=None, renderer_context=None):
        return b"streamed,in,place\n"


class XLSXRenderer(CSVRenderer):
    media_type, format = "application/vnd.ms-excel", "xlsx"


class ServantSerializer(serializers.ModelSerializer):
    class Meta:
        model = CivilServant
        fields = ["nip", "name"]


class ServantList(AsyncExportMixin, generics.ListAPIView):
    serializer_class = ServantSerializer
    renderer_classes = [JSONRenderer, CSVRenderer, XLSXRenderer]
    filterset_fields = ["employment_type"]
    search_fields = ["name"]
    export_name = "asn"
    export_columns = [
        Column("NIP", lambda s: s.nip),
        Column("Nama", lambda s: s.name),
        Column("Jabatan", lambda s: s.position),
    ]

    def get_queryset(self):
        return CivilServant.objects.order_by("nip")


urlpatterns = [path("api/v1/test-servants/", ServantList.as_view()), *project_urls.urlpatterns]
