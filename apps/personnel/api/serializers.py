from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema_field, extend_schema_serializer
from rest_framework import serializers

from apps.core.api.serializers import OutputSerializerMixin
from apps.personnel.models import (
    Agency,
    CivilServant,
    ImportRowError,
    PersonnelImport,
    Region,
)


class RegionRefSerializer(OutputSerializerMixin, serializers.ModelSerializer):
    """A region by its Kemendagri code."""

    class Meta:
        model = Region
        fields = ["code", "name"]


# A distinct component name: apps.training.api has an AgencyRefSerializer of its own.
@extend_schema_serializer(component_name="AgencyReference")
class AgencyRefSerializer(OutputSerializerMixin, serializers.ModelSerializer):
    """An agency (perangkat daerah) by its code."""

    class Meta:
        model = Agency
        fields = ["code", "name"]


class CivilServantOutputSerializer(OutputSerializerMixin, serializers.ModelSerializer):
    employment_type_display = serializers.CharField(source="get_employment_type_display")
    agency = AgencyRefSerializer()
    kecamatan = RegionRefSerializer(allow_null=True)

    class Meta:
        model = CivilServant
        fields = [
            "nip",
            "employment_type",
            "employment_type_display",
            "name",
            "sex",
            "birth_date",
            "golongan",
            "position",
            "position_type",
            "agency",
            "kecamatan",
            "is_active",
            "updated_at",
        ]


class PersonnelImportInputSerializer(serializers.Serializer):
    file = serializers.FileField(
        help_text=_("CSV (koma atau titik koma) atau XLSX dengan judul kolom.")
    )
    strict = serializers.BooleanField(
        default=False,
        help_text=_("Mode ketat: jika ada satu baris tidak valid, tidak ada data yang disimpan."),
    )


class ImportRowErrorOutputSerializer(OutputSerializerMixin, serializers.ModelSerializer):
    class Meta:
        model = ImportRowError
        fields = ["row_number", "column", "message"]


class PersonnelImportOutputSerializer(OutputSerializerMixin, serializers.ModelSerializer):
    """An import's state, progress and counts; the first row errors (all under ``errors_url``)."""

    ROW_ERRORS_SHOWN = 100

    state_display = serializers.CharField(source="get_state_display")
    progress = serializers.SerializerMethodField()
    status_url = serializers.SerializerMethodField()
    errors_url = serializers.SerializerMethodField()
    row_errors = serializers.SerializerMethodField()

    class Meta:
        model = PersonnelImport
        fields = [
            "id",
            "state",
            "state_display",
            "original_filename",
            "strict",
            "rows_total",
            "rows_done",
            "progress",
            "created",
            "updated",
            "unchanged",
            "rejected",
            "failure_message",
            "created_at",
            "started_at",
            "finished_at",
            "status_url",
            "errors_url",
            "row_errors",
        ]

    def _absolute(self, name: str, pk: int) -> str:
        path = reverse(f"personnel-api:{name}", kwargs={"pk": pk})
        request = self.context.get("request")
        return request.build_absolute_uri(path) if request else path

    @extend_schema_field(serializers.FloatField(allow_null=True))
    def get_progress(self, personnel_import):
        """Share of the rows processed, 0–100; null while the number of rows is not known."""
        if personnel_import.state == PersonnelImport.State.DONE:
            return 100.0
        if not personnel_import.rows_total:
            return None
        done = min(personnel_import.rows_done, personnel_import.rows_total)
        return round(100 * done / personnel_import.rows_total, 1)

    @extend_schema_field(serializers.URLField())
    def get_status_url(self, personnel_import):
        return self._absolute("import-detail", personnel_import.pk)

    @extend_schema_field(serializers.URLField())
    def get_errors_url(self, personnel_import):
        return self._absolute("import-errors", personnel_import.pk)

    @extend_schema_field(ImportRowErrorOutputSerializer(many=True))
    def get_row_errors(self, personnel_import):
        errors = personnel_import.row_errors.order_by("row_number", "id")[: self.ROW_ERRORS_SHOWN]
        return ImportRowErrorOutputSerializer(errors, many=True).data
