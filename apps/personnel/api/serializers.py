from rest_framework import serializers

from apps.core.api.serializers import OutputSerializerMixin
from apps.personnel.models import Agency, CivilServant, Region


class RegionRefSerializer(OutputSerializerMixin, serializers.ModelSerializer):
    """A region by its Kemendagri code."""

    class Meta:
        model = Region
        fields = ["code", "name"]


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
