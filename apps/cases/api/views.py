"""The case API: list, intake, detail, transitions, evidence, follow-ups, reports.

Views only translate HTTP: which cases a user sees comes from ``apps.cases.selectors``, every
write is a service call, and the services' errors become the one error shape. A case outside the
user's scope is 404; a role that may not act on a visible case is 403.
"""

from django.db.models import Prefetch
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import (
    PolymorphicProxySerializer,
    extend_schema,
    extend_schema_view,
)
from rest_framework import generics, status
from rest_framework.response import Response

from apps.cases import confidentiality, policy, services
from apps.cases.api import detail_serializers as d
from apps.cases.api import examples, inputs
from apps.cases.api import serializers as s
from apps.cases.api.filters import CaseFilter
from apps.cases.api.reporters import shown_reporters
from apps.cases.confidentiality import CHANNEL_API, may_see_reporter, reporter_for
from apps.cases.models import Case, CaseEvent, Respondent, Sanction
from apps.cases.selectors import case_row_columns, case_rows, cases_visible_to
from apps.core.api.export_jobs import AsyncExportMixin
from apps.core.api.exports import (
    Column,
    ExportListMixin,
    ExportOperationMixin,
    export_operation,
    requested_export_format,
)
from apps.core.api.filters import FilterBackend
from apps.core.api.ordering import OrderingFilter
from apps.core.api.permissions import CanReadCases, IsBawaslu
from apps.core.errors import NotFound


def _join(values) -> str:
    return "; ".join(v for v in values if v)


# Long texts a list item does not show: left out of the page query (a narrower sort).
LIST_DEFERRED = ("chronology", "conclusion", "closing_reason", "incident_place")


def export_respondents():
    """Respondents as an export row shows them: agency, the PPK's decision, the sanctions."""
    sanctions = Sanction.objects.select_related("sanction_type")
    return Respondent.objects.select_related("agency", "follow_up").prefetch_related(
        Prefetch("sanctions", queryset=sanctions)
    )


def row_prefetches(respondents=None) -> list[Prefetch]:
    """The lists a case row shows, as plain lists (``to_attr``): no queryset per case."""
    if respondents is None:
        respondents = Respondent.objects.select_related("agency")
    return [
        Prefetch("violation_forms", to_attr="form_list"),
        Prefetch("respondents", queryset=respondents, to_attr="respondent_list"),
    ]


def per_respondent(respondent, text: str) -> str:
    return f"{respondent.name}: {text}" if text else ""


def imposed(respondent) -> str:
    """The sanctions in force, or the PPK's other decision."""
    sanctions = [s.sanction_type.name for s in respondent.sanctions.all() if s.state == "in_force"]
    if sanctions:
        return ", ".join(sanctions)
    follow_up = getattr(respondent, "follow_up", None)
    return follow_up.get_outcome_display() if follow_up else ""


def visible_cases(user):
    """The cases ``user`` sees as models, with what every case row shows joined or prefetched:
    for exports, which read them in chunks and never show the reporter. The JSON list reads a
    page as plain rows instead (:func:`apps.cases.selectors.case_rows`)."""
    return (
        cases_visible_to(user)
        .select_related("election", "kecamatan")
        .defer(*LIST_DEFERRED)
        .prefetch_related(*row_prefetches(export_respondents()))
    )


def case_detail_queryset(user):
    respondents = Respondent.objects.select_related(
        "agency", "civil_servant", "follow_up", "data_block"
    ).prefetch_related(
        Prefetch("sanctions", queryset=Sanction.objects.select_related("sanction_type")),
        "sanctions__objections",
    )
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


def authorized_case(user, pk, operation: str) -> Case:
    """The case, once the policy lets ``user`` do ``operation`` on it now: a refusal (404, 403,
    409) comes before any complaint about the request's body, as in the admin. The service asks
    the policy again with the row locked."""
    case = get_visible_case(user, pk)
    policy.case_authorize(operation, case, user)
    return case


def case_detail_response(request, pk, status_code=status.HTTP_200_OK) -> Response:
    case = get_object_or_404(case_detail_queryset(request.user), pk=pk)
    reporter = reporter_for(request.user, case, CHANNEL_API)
    context = {
        "request": request,
        "now": timezone.now(),
        "reporters": {case.pk: reporter},
        "evidence_positions": confidentiality.evidence_positions(case, case.evidence.all()),
    }
    headers = {}
    if status_code == status.HTTP_201_CREATED:
        headers["Location"] = reverse("cases-api:case-detail", kwargs={"pk": case.pk})
    data = d.CaseDetailOutputSerializer(case, context=context).data
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
        _("Kategori bawaan bentuk pelanggaran"),
        lambda c: _join(dict.fromkeys(f.get_default_severity_display() for f in c.form_list)),
    ),
    Column(_("Terlapor"), lambda c: _join(r.name for r in c.respondent_list)),
    Column(_("NIP terlapor"), lambda c: _join(r.nip for r in c.respondent_list)),
    Column(
        _("Unit kerja terlapor"),
        lambda c: _join(r.agency.name if r.agency else r.agency_name for r in c.respondent_list),
    ),
    Column(
        _("Rekomendasi sanksi per terlapor"),
        lambda c: _join(
            per_respondent(r, r.get_recommended_severity_display()) for r in c.respondent_list
        ),
    ),
    Column(
        _("Sanksi dijatuhkan per terlapor"),
        lambda c: _join(per_respondent(r, imposed(r)) for r in c.respondent_list),
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
            "hanya untuk peran Bawaslu (setiap tampilan tercatat). Penarikan bertahap: "
            "`updated_after` (`updated_at` terbesar yang sudah diterima) dengan "
            "`ordering=updated_at`. CSV/XLSX: operasi `/api/v1/cases/export/`."
        ),
        responses={200: s.CaseListOutputSerializer(many=True)},
        examples=[examples.CASE_LIST],
    ),
    post=extend_schema(
        summary=_("Catat laporan atau temuan (petugas Bawaslu)"),
        request=inputs.CaseCreateInputSerializer,
        examples=[examples.CASE_CREATE],
        responses={201: d.CaseDetailOutputSerializer},
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
        serializer = inputs.CaseCreateInputSerializer(
            data=request.data, context={"request": request}
        )
        serializer.is_valid(raise_exception=True)
        case = services.case_create(actor=request.user, **serializer.validated_data)
        return case_detail_response(request, case.pk, status.HTTP_201_CREATED)


@export_operation(
    _("Ekspor daftar kasus (CSV/XLSX)"),
    _(
        "Semua kasus yang boleh Anda lihat dengan filter daftar kasus, sebagai berkas, tanpa "
        "identitas pelapor. Ekspor besar dijalankan di latar belakang: 202 dengan `status_url`, "
        "lalu `download_url`."
    ),
    background_jobs=True,
)
class CaseExportView(ExportOperationMixin, CaseListView):
    pass


@extend_schema_view(
    get=extend_schema(
        summary=_("Detail kasus"),
        description=_(
            "Kasus dengan riwayat, alat bukti, klarifikasi, penerusan dan tindak lanjut. "
            "`reporter`, `witnesses` dan `assigned_investigators` hanya untuk peran Bawaslu."
        ),
        responses=d.CaseDetailOutputSerializer,
    )
)
class CaseDetailView(generics.GenericAPIView):
    permission_classes = [CanReadCases]
    serializer_class = d.CaseDetailOutputSerializer

    def get(self, request, pk):
        return case_detail_response(request, pk)


TRANSITION_REQUEST = PolymorphicProxySerializer(
    component_name="CaseTransitionInput",
    serializers={
        name: inputs.transition_schema_serializer(action)
        for name, action in policy.TRANSITIONS.items()
    },
    resource_type_field_name="action",
)


class CaseTransitionView(generics.GenericAPIView):
    permission_classes = [CanReadCases]
    serializer_class = inputs.TransitionInputSerializer
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
        responses=d.CaseDetailOutputSerializer,
        examples=examples.TRANSITIONS,
    )
    def post(self, request, pk):
        action = request.data.get("action") if isinstance(request.data, dict) else None
        if isinstance(action, str) and action in policy.TRANSITIONS:
            authorized_case(request.user, pk, action)
        serializer = inputs.TransitionInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        fields = dict(serializer.validated_data)
        action = fields.pop("action")
        # Keys this serializer does not know go to the service, which names them in its 400.
        extra = {k: v for k, v in request.data.items() if k not in serializer.fields}
        services.case_transition(
            case_id=pk, action=action, actor=request.user, fields={**fields, **extra}
        )
        return case_detail_response(request, pk)
