"""Reference data over the API (read-only, any signed-in role): the codes an integrator sends
and the rules behind them. Each list carries a strong ETag of its content; a client that sends it
back in ``If-None-Match`` gets 304 Not Modified without a body."""

import hashlib

from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import (
    OpenApiParameter,
    OpenApiResponse,
    extend_schema,
    extend_schema_field,
)
from rest_framework import generics, serializers
from rest_framework.response import Response

from apps.cases.models import Election, ForwardingRecipient, SanctionType, ViolationForm
from apps.core.api.renderers import JSONRenderer
from apps.core.errors import InvalidInput
from apps.personnel.models import Agency, Region


class ReferenceRuleSerializer(serializers.Serializer):
    days = serializers.IntegerField(allow_null=True, help_text=_("Kosong: tidak berlaku."))
    day_type = serializers.CharField(help_text=_("`calendar` atau `working`."))
    basis = serializers.CharField(help_text=_("Dasar hukum."))


class ReferenceRulesSerializer(serializers.Serializer):
    reporting = ReferenceRuleSerializer()
    finding = ReferenceRuleSerializer()
    initial_review = ReferenceRuleSerializer()
    decision = ReferenceRuleSerializer()
    extension = ReferenceRuleSerializer()
    follow_up = ReferenceRuleSerializer()


class ReferenceElectionSerializer(serializers.ModelSerializer):
    rules = serializers.SerializerMethodField()

    class Meta:
        model = Election
        fields = [
            "code",
            "name",
            "regime",
            "election_type_code",
            "candidates_set_on",
            "campaign_starts_on",
            "campaign_ends_on",
            "voting_on",
            "is_active",
            "cuti_bersama_off",
            "decision_clock_anchor",
            "extension_mode",
            "follow_up_anchor",
            "rules",
        ]

    @extend_schema_field(ReferenceRulesSerializer)
    def get_rules(self, election: Election) -> dict:
        def rule(prefix: str, days_field: str = "") -> dict:
            return {
                "days": getattr(election, days_field or f"{prefix}_days"),
                "day_type": getattr(election, f"{prefix}_day_type"),
                "basis": getattr(election, f"{prefix}_basis"),
            }

        return {
            "reporting": rule("reporting", "reporting_window_days"),
            "finding": rule("finding", "finding_window_days"),
            "initial_review": rule("initial_review"),
            "decision": rule("decision"),
            "extension": rule("extension"),
            "follow_up": rule("follow_up"),
        }


class ReferenceViolationFormSerializer(serializers.ModelSerializer):
    class Meta:
        model = ViolationForm
        fields = ["code", "name", "default_severity", "discipline_severity", "note", "is_active"]


class ReferenceSanctionTypeSerializer(serializers.ModelSerializer):
    class Meta:
        model = SanctionType
        fields = [
            "code",
            "name",
            "category",
            "kind",
            "applies_to",
            "months",
            "regulation",
            "is_active",
        ]


class ReferenceRecipientSerializer(serializers.ModelSerializer):
    class Meta:
        model = ForwardingRecipient
        fields = ["code", "name", "is_default", "is_active"]


class ReferenceRegionSerializer(serializers.ModelSerializer):
    parent = serializers.CharField(source="parent.code", allow_null=True, default=None)
    is_kelurahan = serializers.BooleanField()

    class Meta:
        model = Region
        fields = ["code", "name", "level", "parent", "is_kelurahan"]


class ReferenceAgencySerializer(serializers.ModelSerializer):
    parent = serializers.CharField(source="parent.code", allow_null=True, default=None)
    kecamatan = serializers.CharField(source="kecamatan.code", allow_null=True, default=None)

    class Meta:
        model = Agency
        fields = ["code", "name", "short_name", "kind", "parent", "kecamatan", "is_active"]


class ReferenceListView(generics.ListAPIView):
    """A whole reference list (no pages: these lists are short), with an ETag."""

    pagination_class = None
    filter_backends = []

    def list(self, request, *args, **kwargs):
        data = self.get_serializer(self.get_queryset(), many=True).data
        body = JSONRenderer().render(data)
        etag = f'"{hashlib.sha256(body).hexdigest()[:32]}"'
        matches = {tag.strip() for tag in request.headers.get("If-None-Match", "").split(",")}
        unchanged = etag in matches or "*" in matches
        response = Response(status=304) if unchanged else Response(data)
        response["ETag"] = etag
        response["Cache-Control"] = "private, no-cache"
        return response


ETAG_PARAMETER = OpenApiParameter(
    "If-None-Match",
    location=OpenApiParameter.HEADER,
    required=False,
    description=_("ETag dari jawaban sebelumnya: 304 tanpa isi bila datanya tidak berubah."),
)


def reference_schema(summary, serializer, extra=()):
    return extend_schema(
        summary=summary,
        parameters=[ETAG_PARAMETER, *extra],
        responses={
            200: serializer(many=True),
            304: OpenApiResponse(description=_("Tidak berubah sejak ETag yang dikirim.")),
        },
    )


@reference_schema(_("Pemilihan dan aturan batas waktunya"), ReferenceElectionSerializer)
class ElectionListView(ReferenceListView):
    serializer_class = ReferenceElectionSerializer
    queryset = Election.objects.order_by("-voting_on", "code")


@reference_schema(_("Bentuk pelanggaran (SKB 2022)"), ReferenceViolationFormSerializer)
class ViolationFormListView(ReferenceListView):
    serializer_class = ReferenceViolationFormSerializer
    queryset = ViolationForm.objects.order_by("position", "code")


@reference_schema(
    _("Jenis sanksi, kategori dan berlaku bagi siapa"), ReferenceSanctionTypeSerializer
)
class SanctionTypeListView(ReferenceListView):
    serializer_class = ReferenceSanctionTypeSerializer
    queryset = SanctionType.objects.order_by("position", "code")


@reference_schema(_("Penerima rekomendasi"), ReferenceRecipientSerializer)
class RecipientListView(ReferenceListView):
    serializer_class = ReferenceRecipientSerializer
    queryset = ForwardingRecipient.objects.order_by("position", "code")


LEVELS = {"kecamatan": Region.Level.KECAMATAN, "desa": Region.Level.VILLAGE}


@reference_schema(
    _("Wilayah (kode Kemendagri)"),
    ReferenceRegionSerializer,
    extra=[
        OpenApiParameter(
            "level",
            enum=sorted(LEVELS),
            required=False,
            description=_("`kecamatan` atau `desa` (desa dan kelurahan); kosong: semua."),
        )
    ],
)
class RegionListView(ReferenceListView):
    serializer_class = ReferenceRegionSerializer

    def get_queryset(self):
        regions = Region.objects.select_related("parent").order_by("code")
        level = self.request.query_params.get("level")
        if level is None:
            return regions
        if level not in LEVELS:
            raise InvalidInput(
                _("Tingkat wilayah harus kecamatan atau desa."),
                fields={"level": [_("Pilih kecamatan atau desa.")]},
            )
        return regions.filter(level=LEVELS[level])


@reference_schema(_("Instansi (perangkat daerah dan unitnya)"), ReferenceAgencySerializer)
class AgencyListView(ReferenceListView):
    serializer_class = ReferenceAgencySerializer
    queryset = Agency.objects.select_related("parent", "kecamatan").order_by("code")
