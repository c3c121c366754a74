"""The training API: sessions, their registrations and check-in, pledges, the coverage report.

Views parse input, look objects up through the selectors (404 outside the user's scope) and call
the services (403 when the user sees a session but may not act on it).
"""

from types import SimpleNamespace

import django_filters
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import mixins, status, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import ValidationError
from rest_framework.negotiation import DefaultContentNegotiation
from rest_framework.parsers import FormParser, JSONParser, MultiPartParser
from rest_framework.response import Response
from rest_framework.views import APIView

from apps.core.api.errors import error_body
from apps.core.api.exports import ExportOperationMixin, JSONResponsesMixin, export_operation
from apps.core.api.filters import IdFilter, UTCDateTimeFilter
from apps.core.errors import Forbidden, InvalidInput, NotFound
from apps.core.exports import export_response
from apps.training import attendance, door, selectors, services
from apps.training.api import serializers as s
from apps.training.models import IntegrityPledge, Session


class SessionFilter(django_filters.FilterSet):
    kecamatan = django_filters.CharFilter(
        field_name="kecamatan__code", help_text="Kode kecamatan, mis. 64.02.03"
    )
    starts_after = UTCDateTimeFilter(field_name="starts_at", lookup_expr="gte")
    starts_before = UTCDateTimeFilter(field_name="starts_at", lookup_expr="lt")
    status = django_filters.ChoiceFilter(choices=Session.Status.choices)

    class Meta:
        model = Session
        fields = ["kecamatan", "starts_after", "starts_before", "status"]


class SessionViewSet(
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    mixins.UpdateModelMixin,
    viewsets.GenericViewSet,
):
    """Socialisation sessions within the user's scope (a camat clerk: their kecamatan)."""

    serializer_class = s.SessionOutputSerializer
    filterset_class = SessionFilter
    schema_error_codes = (409,)  # cancelled session, full session
    search_fields = ["title", "venue"]
    ordering_fields = ["starts_at", "title"]
    ordering = ["-starts_at", "-id"]

    def get_queryset(self):
        if self.action in ("list", "retrieve"):
            return selectors.session_list(self.request.user).prefetch_related("speakers")
        return selectors.sessions_visible_to(self.request.user)

    def get_serializer_class(self):
        if self.action in ("create", "update", "partial_update"):
            return s.SessionInputSerializer
        return s.SessionOutputSerializer

    def _output(self, session, code=status.HTTP_200_OK):
        session = selectors.session_list(self.request.user).get(pk=session.pk)
        return Response(s.SessionOutputSerializer(session).data, status=code)

    @extend_schema(request=s.SessionInputSerializer, responses={201: s.SessionOutputSerializer})
    def create(self, request, *args, **kwargs):
        data = self._input(request, partial=False)
        session = services.session_create(actor=request.user, **data)
        return self._output(session, status.HTTP_201_CREATED)

    @extend_schema(request=s.SessionInputSerializer, responses=s.SessionOutputSerializer)
    def update(self, request, *args, **kwargs):
        session = self.get_object()
        data = self._input(request, partial=kwargs.get("partial", False))
        if "kecamatan" in data and data.pop("kecamatan") != session.kecamatan:
            raise InvalidInput(
                fields={"kecamatan": [_("Kecamatan sesi tidak dapat diubah; buat sesi baru.")]}
            )
        session = services.session_update(session=session, actor=request.user, **data)
        return self._output(session)

    def _input(self, request, *, partial: bool) -> dict:
        serializer = s.SessionInputSerializer(data=request.data, partial=partial)
        serializer.is_valid(raise_exception=True)
        return dict(serializer.validated_data)

    @extend_schema(
        methods=["GET"], responses=s.RegistrationOutputSerializer(many=True), request=None
    )
    @extend_schema(
        methods=["POST"],
        request=s.RegistrationInputSerializer,
        responses={
            201: s.RegistrationOutputSerializer,
            200: OpenApiResponse(
                s.RegistrationOutputSerializer, description="Sudah terdaftar: data yang ada."
            ),
        },
    )
    @action(detail=True, methods=["get", "post"], url_path="registrations")
    def registrations(self, request, pk=None):
        """GET: the participants. POST ``{"nip"}`` or ``{"name", "participant_type",
        "institution", "phone"}``: 201 with the new registration and its check-in ``code``,
        or 200 with the existing one when the person is already registered."""
        session = self.get_object()
        context = {"with_phone": services.can_manage_session(request.user, session)}
        if request.method == "GET":
            page = self.paginate_queryset(selectors.registrations_of(session))
            data = s.RegistrationOutputSerializer(page, many=True, context=context).data
            return self.get_paginated_response(data)
        serializer = s.RegistrationInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = {k: v for k, v in serializer.validated_data.items() if v}
        registration, created = services.registration_add(
            session=session, actor=request.user, **data
        )
        return Response(
            s.RegistrationOutputSerializer(registration, context=context).data,
            status=status.HTTP_201_CREATED if created else status.HTTP_200_OK,
        )

    @extend_schema(
        request=s.CheckInInputSerializer,
        responses={
            200: s.CheckInOutputSerializer,
            404: OpenApiResponse(
                s.CheckInNotFoundSerializer,
                description="Tidak terdaftar pada sesi ini (status not_registered), "
                "atau sesi di luar cakupan Anda.",
            ),
        },
    )
    @action(detail=True, methods=["post"], url_path="check-in")
    def check_in(self, request, pk=None):
        """Check a participant in by ``code`` (QR) or ``nip``: ``checked_in`` the first time,
        ``already_checked_in`` afterwards (nothing recorded), 404 ``not_registered``."""
        # The door's hot path (issue 22): one statement for session, right, registration and
        # (PostgreSQL) the UPDATE of a first scan; no filter backends, no per-request fields.
        try:
            scan, errors = s.check_in_input(request.data), None
        except ValidationError as invalid:
            scan, errors = {}, invalid.detail
        valid = errors is None
        opened = door.door_open(
            actor=request.user,
            session_id=_session_id(pk),
            code=scan.get("code"),
            nip=scan.get("nip"),
            check_in=valid,
            method=scan.get("method"),
        )
        if not valid:
            raise ValidationError(errors)
        result, registration = door.door_check_in(door=opened, actor=request.user, **scan)
        if result == attendance.NOT_REGISTERED:
            body = error_body(
                404, attendance.NOT_REGISTERED, _("Kode atau NIP tidak terdaftar pada sesi ini.")
            )
            return Response({"status": result, **body}, status=status.HTTP_404_NOT_FOUND)
        return Response({"status": result, "registration": s.registration_data(registration)})

    @extend_schema(request=s.CheckInSyncInputSerializer, responses=s.CheckInSyncOutputSerializer)
    @action(detail=True, methods=["post"], url_path="check-in/batch")
    def check_in_batch(self, request, pk=None):
        """A kiosk's queued check-ins (up to 500), each with the ``id`` (UUID) the kiosk made
        for it: one result per check-in, in order. ``checked_in`` when this check-in marked the
        person present (also when the same one is sent again), ``already_checked_in`` when
        another check-in did (a conflict to show), ``not_registered``."""
        opened = door.door_open(actor=request.user, session_id=_session_id(pk))
        serializer = s.CheckInSyncInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        outcomes = door.check_ins_sync(
            door=opened,
            actor=request.user,
            check_ins=[
                door.QueuedCheckIn(
                    client_id=item["id"],
                    code=item.get("code") or None,
                    nip=item.get("nip") or None,
                    scanned_at=item.get("scanned_at"),
                    by_name=item.get("by_name", False),
                )
                for item in serializer.validated_data["check_ins"]
            ],
        )
        return Response({"results": s.CheckInSyncResultSerializer(outcomes, many=True).data})


def _session_id(pk) -> int:
    if not (isinstance(pk, str) and pk.isdecimal() and len(pk) <= 18):
        raise NotFound(_("Sesi tidak ditemukan."))
    return int(pk)


class PledgeFilter(django_filters.FilterSet):
    nip = django_filters.CharFilter(field_name="civil_servant__nip")
    session = IdFilter(field_name="session_id")
    signed_after = django_filters.DateFilter(field_name="signed_on", lookup_expr="gte")
    signed_before = django_filters.DateFilter(field_name="signed_on", lookup_expr="lt")

    class Meta:
        model = IntegrityPledge
        fields = ["nip", "session", "signed_after", "signed_before"]


class PledgeViewSet(
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    viewsets.GenericViewSet,
):
    """Integrity pledges (pakta integritas) of ASN, within the user's scope."""

    serializer_class = s.PledgeOutputSerializer
    filterset_class = PledgeFilter
    schema_error_codes = (404, 409)  # session out of scope or NIP not in the registry; cancelled
    # A pledge may come with its scanned form (``document``): multipart, as the schema says.
    parser_classes = [MultiPartParser, FormParser, JSONParser]
    ordering = ["-signed_on", "-id"]

    def get_queryset(self):
        return selectors.pledges_visible_to(self.request.user)

    @extend_schema(
        request={"multipart/form-data": s.PledgeInputSerializer},
        responses={201: s.PledgeOutputSerializer, 200: s.PledgeOutputSerializer},
    )
    def create(self, request, *args, **kwargs):
        serializer = s.PledgeInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = dict(serializer.validated_data)
        session_id = data.pop("session", None)
        session = None
        if session_id is not None:
            session = get_object_or_404(selectors.sessions_visible_to(request.user), pk=session_id)
        pledge, created = services.pledge_record(actor=request.user, session=session, **data)
        return Response(
            s.PledgeOutputSerializer(pledge).data,
            status=status.HTTP_201_CREATED if created else status.HTTP_200_OK,
        )


class ExportNegotiation(DefaultContentNegotiation):
    """On report endpoints ``?format=csv|xlsx`` names the export, not a DRF renderer."""

    settings = SimpleNamespace(URL_FORMAT_OVERRIDE=None)


COVERAGE_PARAMETERS = [
    OpenApiParameter("group_by", str, enum=["agency", "kecamatan"], default="agency"),
    OpenApiParameter("starts_after", OpenApiTypes.DATETIME, required=False),
    OpenApiParameter("starts_before", OpenApiTypes.DATETIME, required=False),
]


class TrainingCoverageView(APIView):
    """Coverage of the socialisation sessions: per agency or per kecamatan, active ASN in the
    registry, ASN registered, ASN attended, and the percent attended. The same table as a file:
    ``/reports/training-coverage/export/`` (``?format=csv|xlsx`` here keeps working)."""

    content_negotiation_class = ExportNegotiation
    default_format = "json"

    @extend_schema(
        summary=gettext_lazy("Cakupan sosialisasi per perangkat daerah atau kecamatan"),
        description=gettext_lazy("CSV/XLSX: operasi `/api/v1/reports/training-coverage/export/`."),
        parameters=COVERAGE_PARAMETERS,
        responses={200: s.CoverageReportSerializer},
    )
    def get(self, request):
        if not selectors.may_see_training_coverage(request.user):
            raise Forbidden()
        params = _CoverageParams(data=request.query_params)
        params.is_valid(raise_exception=True)
        group_by = params.validated_data["group_by"]
        export_format = params.validated_data.get("format") or self.default_format
        if export_format == "json" and self.default_format != "json":
            raise InvalidInput(fields={"format": [_("Pilih `csv` atau `xlsx`.")]})
        rows = selectors.training_coverage(
            request.user,
            group_by=group_by,
            starts_after=params.validated_data.get("starts_after"),
            starts_before=params.validated_data.get("starts_before"),
        )
        if export_format in ("csv", "xlsx"):
            return export_response(
                export_format, f"cakupan-sosialisasi-per-{group_by}", *_coverage_table(rows)
            )
        totals = selectors.coverage_totals(rows)
        return Response({"group_by": group_by, "results": rows, "totals": totals})


@export_operation(gettext_lazy("Ekspor cakupan sosialisasi (CSV/XLSX)"))
class TrainingCoverageExportView(JSONResponsesMixin, ExportOperationMixin, TrainingCoverageView):
    """Errors of the export operation are JSON (the file renderers render no Response)."""

    default_format = "csv"


class _CoverageParams(s.serializers.Serializer):
    group_by = s.serializers.ChoiceField(choices=["agency", "kecamatan"], default="agency")
    format = s.serializers.ChoiceField(choices=["json", "csv", "xlsx"], required=False)
    starts_after = s.serializers.DateTimeField(required=False)
    starts_before = s.serializers.DateTimeField(required=False)


COVERAGE_HEADERS = {
    "agency": ["Kode", "Perangkat daerah"],
    "kecamatan": ["Kode", "Kecamatan"],
}


def _coverage_table(rows: list[dict]):
    group_by = rows[0]["group_by"] if rows else "agency"
    headers = [
        *COVERAGE_HEADERS[group_by],
        "ASN di data kepegawaian",
        "ASN terdaftar",
        "ASN hadir",
        "Cakupan (%)",
    ]
    table = [
        [
            r["code"],
            r["name"],
            r["asn_in_registry"],
            r["asn_registered"],
            r["asn_attended"],
            r["coverage_percent"],
        ]
        for r in rows
    ]
    return headers, table
