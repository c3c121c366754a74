"""Case API serializers: output and input kept apart. No business logic: services decide.

The reporter's identity is a field only for users who may see it (Bawaslu roles); the views put
the reporters they are allowed to show, already logged, into the context (``reporters``).
"""

import copy
from functools import cached_property

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from apps.cases import confidentiality, policy, reports
from apps.cases import deadlines as clock
from apps.cases.confidentiality import may_see_reporter
from apps.cases.models import (
    Case,
    CaseEvent,
    Clarification,
    Election,
    Evidence,
    FollowUp,
    Forwarding,
    ForwardingRecipient,
    Reporter,
    Respondent,
    SanctionType,
    Severity,
    ViolationForm,
    Witness,
)
from apps.core.api.serializers import OutputSerializerMixin
from apps.personnel.api.serializers import AgencyRefSerializer, RegionRefSerializer
from apps.personnel.models import Agency, Region
from apps.training.api.serializers import CaseTrainingHistorySerializer
from apps.training.selectors import case_training_history


def shows_bawaslu_fields(context) -> bool:
    """Whether the Bawaslu-only fields (reporter, witnesses, investigators) are in the output.

    While the schema is generated they are documented, as optional fields (``optional_fields``).
    """
    if getattr(context.get("view"), "swagger_fake_view", False):
        return True
    request = context.get("request")
    return request is not None and may_see_reporter(request.user)


_DATE_FIELD = serializers.DateField()


def _datetime(value, tz=None):
    """What DRF's ``DateTimeField`` writes (ISO 8601 in the current time zone, UTC as ``Z``),
    without its per-value lookups; ``tz`` spares the current-zone lookup in a loop."""
    if value is None:
        return None
    text = value.astimezone(tz or timezone.get_current_timezone()).isoformat()
    return text[:-6] + "Z" if text.endswith("+00:00") else text


def _date(value):
    return None if value is None else _DATE_FIELD.to_representation(value)


def _code_name(ref):
    return None if ref is None else {"code": ref.code, "name": ref.name}


DEADLINE_STAGES = [clock.REPORTING, clock.DECISION, clock.FOLLOW_UP]

# --- output -----------------------------------------------------------------------------------


class ElectionRefSerializer(OutputSerializerMixin, serializers.ModelSerializer):
    class Meta:
        model = Election
        fields = ["code", "name"]


class ViolationFormRefSerializer(OutputSerializerMixin, serializers.ModelSerializer):
    severity = serializers.ChoiceField(source="default_severity", choices=Severity.choices)

    class Meta:
        model = ViolationForm
        fields = ["code", "name", "severity"]


class RespondentOutputSerializer(OutputSerializerMixin, serializers.ModelSerializer):
    agency = AgencyRefSerializer(allow_null=True)

    class Meta:
        model = Respondent
        fields = ["id", "name", "nip", "position", "golongan", "agency", "agency_name"]


class DeadlineOutputSerializer(serializers.Serializer):
    name = serializers.ChoiceField(choices=DEADLINE_STAGES)
    label = serializers.CharField()
    due_at = serializers.DateTimeField()
    state = serializers.ChoiceField(choices=clock.DeadlineState.choices)
    state_display = serializers.CharField(source="state_label")
    basis = serializers.CharField()
    met_at = serializers.DateTimeField(allow_null=True)


class ReporterOutputSerializer(OutputSerializerMixin, serializers.ModelSerializer):
    class Meta:
        model = Reporter
        fields = ["name", "nik", "address", "phone", "email", "occupation"]


class CaseListOutputSerializer(OutputSerializerMixin, serializers.ModelSerializer):
    """One case in a list. ``reporter`` exists only for Bawaslu roles (null for a temuan)."""

    kind_display = serializers.CharField(source="get_kind_display")
    status_display = serializers.CharField(source="get_status_display")
    election = ElectionRefSerializer()
    kecamatan = RegionRefSerializer(allow_null=True)
    # Read from lists the views prefetch (``Prefetch(..., to_attr=...)``, see apps.cases.api.views).
    violation_forms = ViolationFormRefSerializer(many=True, source="form_list")
    respondents = RespondentOutputSerializer(many=True, source="respondent_list")
    deadlines = serializers.SerializerMethodField()
    reporter = serializers.SerializerMethodField()

    class Meta:
        model = Case
        fields = [
            "id",
            "number",
            "kind",
            "kind_display",
            "status",
            "status_display",
            "election",
            "received_at",
            "registered_at",
            "incident_on",
            "kecamatan",
            "violation_forms",
            "respondents",
            "deadlines",
            "updated_at",
            "reporter",
        ]
        optional_fields = ["reporter"]

    def get_fields(self):
        fields = super().get_fields()
        if not shows_bawaslu_fields(self.context):
            fields.pop("reporter")
        return fields

    @extend_schema_field(DeadlineOutputSerializer(many=True))
    def get_deadlines(self, case):
        return [
            {
                "name": deadline.name,
                "label": deadline.label,
                "due_at": _datetime(deadline.due_at, self._tz),
                "state": str(deadline.state),
                "state_display": self._labels[clock.DeadlineState][deadline.state],
                "basis": deadline.basis,
                "met_at": _datetime(deadline.met_at, self._tz),
            }
            for deadline in clock.case_deadlines(
                case, self.context.get("now"), texts=self._basis_texts(case.election)
            )
        ]

    @cached_property
    def _texts_by_election(self) -> dict:
        return {}

    def _basis_texts(self, election) -> dict[str, str]:
        """The deadlines' texts of each election, looked up once per response."""
        if election.pk not in self._texts_by_election:
            self._texts_by_election[election.pk] = clock.basis_texts(election)
        return self._texts_by_election[election.pk]

    @extend_schema_field(ReporterOutputSerializer(allow_null=True, required=False))
    def get_reporter(self, case):
        reporter = self.context.get("reporters", {}).get(case.pk)
        if reporter is None:
            return None
        return {name: getattr(reporter, name) for name in ReporterOutputSerializer.Meta.fields}

    @cached_property
    def _tz(self):
        return timezone.get_current_timezone()

    @cached_property
    def _labels(self) -> dict:
        """Choice labels in the request's language, translated once per response."""
        enums = (Case.Kind, Case.Status, clock.DeadlineState)
        return {enum: {value: str(label) for value, label in enum.choices} for enum in enums}

    def to_representation(self, case):
        """The declared fields, written out for speed.

        DRF renders a nested case field by field (about 2 ms a case); a page of 200 would
        spend most of its time there. Tests check this gives exactly what DRF's own rendering
        of the fields above gives.
        """
        data = {
            "id": case.pk,
            "number": case.number,
            "kind": case.kind,
            "kind_display": self._labels[Case.Kind][case.kind],
            "status": case.status,
            "status_display": self._labels[Case.Status][case.status],
            "election": {"code": case.election.code, "name": case.election.name},
            "received_at": _datetime(case.received_at, self._tz),
            "registered_at": _datetime(case.registered_at, self._tz),
            "incident_on": _date(case.incident_on),
            "kecamatan": _code_name(case.kecamatan),
            "violation_forms": [
                {"code": form.code, "name": form.name, "severity": form.default_severity}
                for form in case.form_list
            ],
            "respondents": [
                {
                    "id": respondent.pk,
                    "name": respondent.name,
                    "nip": respondent.nip,
                    "position": respondent.position,
                    "golongan": respondent.golongan,
                    "agency": _code_name(respondent.agency),
                    "agency_name": respondent.agency_name,
                }
                for respondent in case.respondent_list
            ],
            "deadlines": self.get_deadlines(case),
            "updated_at": _datetime(case.updated_at, self._tz),
        }
        if self._shows_reporter:
            data["reporter"] = self.get_reporter(case)
        return data

    @cached_property
    def _shows_reporter(self) -> bool:
        # Asked of the context, not of ``self.fields``: building the fields costs more than a
        # page of rows written out here.
        return shows_bawaslu_fields(self.context)


class EventOutputSerializer(OutputSerializerMixin, serializers.ModelSerializer):
    actor = serializers.SerializerMethodField()

    class Meta:
        model = CaseEvent
        fields = ["id", "at", "action", "from_status", "to_status", "actor", "note", "data"]

    data = serializers.SerializerMethodField()

    @extend_schema_field(serializers.CharField(allow_null=True))
    def get_actor(self, event):
        """The person for Bawaslu, the office for everyone else (confidentiality)."""
        return confidentiality.event_actor(self.context["request"].user, event)

    @extend_schema_field(serializers.DictField())
    def get_data(self, event):
        return confidentiality.event_data(self.context["request"].user, event)


class EvidenceOutputSerializer(OutputSerializerMixin, serializers.ModelSerializer):
    """A piece of evidence. Outside Bawaslu the file's name is neutral and a file whose metadata
    could reveal the reporter has no download (``withheld`` says why)."""

    name = serializers.SerializerMethodField()
    type = serializers.CharField(source="content_type")
    download_url = serializers.SerializerMethodField()
    withheld = serializers.SerializerMethodField()

    class Meta:
        model = Evidence
        fields = [
            "id",
            "kind",
            "description",
            "name",
            "type",
            "size",
            "sha256",
            "url",
            "captured_at",
            "uploaded_at",
            "withdrawn_at",
            "withdrawal_reason",
            "download_url",
            "withheld",
        ]

    def _user(self):
        return self.context["request"].user

    @extend_schema_field(serializers.CharField())
    def get_name(self, evidence):
        positions = self.context.get("evidence_positions") or {}
        position = positions.get(evidence.pk, 0)
        return confidentiality.evidence_name(self._user(), evidence, evidence.case, position)

    @extend_schema_field(serializers.CharField())
    def get_withheld(self, evidence):
        return confidentiality.evidence_withheld(self._user(), evidence)

    @extend_schema_field(serializers.URLField(allow_null=True))
    def get_download_url(self, evidence):
        if not evidence.file or self.get_withheld(evidence):
            return None
        path = reverse(
            "cases-api:case-evidence-download",
            kwargs={"pk": evidence.case_id, "evidence_id": evidence.pk},
        )
        request = self.context.get("request")
        return request.build_absolute_uri(path) if request else path


class ClarificationOutputSerializer(OutputSerializerMixin, serializers.ModelSerializer):
    """Who was heard; a reporter's name and statement only for those who may see the reporter."""

    person_name = serializers.SerializerMethodField()
    summary = serializers.SerializerMethodField()
    respondent = serializers.PrimaryKeyRelatedField(read_only=True, allow_null=True)

    class Meta:
        model = Clarification
        fields = ["id", "role", "person_name", "respondent", "held_at", "attended", "summary"]

    def _user(self):
        return self.context["request"].user

    @extend_schema_field(serializers.CharField())
    def get_person_name(self, clarification):
        return confidentiality.clarification_person(self._user(), clarification)

    @extend_schema_field(serializers.CharField())
    def get_summary(self, clarification):
        return confidentiality.clarification_summary(self._user(), clarification)


class RecipientRefSerializer(OutputSerializerMixin, serializers.ModelSerializer):
    class Meta:
        model = ForwardingRecipient
        fields = ["code", "name"]


class ForwardingOutputSerializer(OutputSerializerMixin, serializers.ModelSerializer):
    recipients = RecipientRefSerializer(many=True)

    class Meta:
        model = Forwarding
        fields = [
            "letter_number",
            "letter_date",
            "recommended_sanction",
            "recipients",
            "note",
            "forwarded_at",
        ]


class SanctionTypeRefSerializer(OutputSerializerMixin, serializers.ModelSerializer):
    class Meta:
        model = SanctionType
        fields = ["code", "name", "category"]


class FollowUpOutputSerializer(OutputSerializerMixin, serializers.ModelSerializer):
    respondent = serializers.PrimaryKeyRelatedField(read_only=True)
    respondent_name = serializers.CharField(source="respondent.name")
    respondent_nip = serializers.CharField(source="respondent.nip")
    sanction_type = SanctionTypeRefSerializer()

    class Meta:
        model = FollowUp
        fields = [
            "id",
            "respondent",
            "respondent_name",
            "respondent_nip",
            "sanction_type",
            "decree_number",
            "decree_date",
            "effective_from",
            "effective_until",
            "reason",
            "recorded_at",
        ]


class WitnessOutputSerializer(OutputSerializerMixin, serializers.ModelSerializer):
    class Meta:
        model = Witness
        fields = ["id", "name", "phone", "address", "statement"]


class CaseDetailOutputSerializer(CaseListOutputSerializer):
    """A case with its timeline, evidence, clarifications, forwarding and follow-ups.

    ``witnesses`` and ``assigned_investigators``, like ``reporter``, exist for Bawaslu only.
    """

    village = RegionRefSerializer(allow_null=True)
    events = EventOutputSerializer(many=True)
    evidence = EvidenceOutputSerializer(many=True)
    clarifications = ClarificationOutputSerializer(many=True)
    forwarding = serializers.SerializerMethodField()
    follow_ups = serializers.SerializerMethodField()
    witnesses = WitnessOutputSerializer(many=True)
    assigned_investigators = serializers.SlugRelatedField(
        slug_field="username", many=True, read_only=True
    )
    available_actions = serializers.SerializerMethodField()
    allowed_operations = serializers.SerializerMethodField()
    training_history = serializers.SerializerMethodField()

    class Meta(CaseListOutputSerializer.Meta):
        fields = [
            *CaseListOutputSerializer.Meta.fields,
            "known_on",
            "incident_place",
            "village",
            "chronology",
            "conclusion",
            "reason_code",
            "closing_reason",
            "extended_at",
            "decided_at",
            "forwarded_at",
            "closed_at",
            "created_at",
            "events",
            "evidence",
            "clarifications",
            "forwarding",
            "follow_ups",
            "witnesses",
            "assigned_investigators",
            "available_actions",
            "allowed_operations",
            "training_history",
        ]
        optional_fields = ["reporter", "witnesses", "assigned_investigators"]

    def get_fields(self):
        fields = super().get_fields()
        if not shows_bawaslu_fields(self.context):
            fields.pop("witnesses")
            fields.pop("assigned_investigators")
        return fields

    def to_representation(self, case):
        # One case: DRF's own field-by-field rendering of every declared field.
        return serializers.ModelSerializer.to_representation(self, case)

    @extend_schema_field(ForwardingOutputSerializer(allow_null=True))
    def get_forwarding(self, case):
        forwarding = getattr(case, "forwarding", None)
        return ForwardingOutputSerializer(forwarding).data if forwarding else None

    @extend_schema_field(CaseTrainingHistorySerializer(many=True))
    def get_training_history(self, case):
        """Per registry respondent: sessions attended and pledge signed before the incident."""
        return CaseTrainingHistorySerializer(case_training_history(case), many=True).data

    @extend_schema_field(FollowUpOutputSerializer(many=True))
    def get_follow_ups(self, case):
        follow_ups = [r.follow_up for r in case.respondent_list if getattr(r, "follow_up", None)]
        return FollowUpOutputSerializer(follow_ups, many=True).data

    @extend_schema_field(
        serializers.ListField(child=serializers.ChoiceField(choices=list(policy.TRANSITIONS)))
    )
    def get_available_actions(self, case):
        """The workflow actions you may try now (``POST …/transitions/``)."""
        return policy.available_transitions(case, self.context["request"].user)

    @extend_schema_field(
        serializers.ListField(child=serializers.ChoiceField(choices=list(policy.OPERATIONS)))
    )
    def get_allowed_operations(self, case):
        """Every operation of the case policy you may do now (docs/cases.md lists them)."""
        return sorted(policy.allowed_operations(case, self.context["request"].user))


# --- input ------------------------------------------------------------------------------------


class ReporterInputSerializer(serializers.Serializer):
    name = serializers.CharField(max_length=200)
    nik = serializers.CharField(max_length=32, required=False, allow_blank=True)
    address = serializers.CharField(required=False, allow_blank=True)
    phone = serializers.CharField(max_length=32, required=False, allow_blank=True)
    email = serializers.EmailField(required=False, allow_blank=True)
    occupation = serializers.CharField(max_length=100, required=False, allow_blank=True)


class RespondentInputSerializer(serializers.Serializer):
    """A reported person: ``{"nip"}`` for someone in the registry, else name, agency, position."""

    nip = serializers.CharField(max_length=32, required=False, allow_blank=True)
    name = serializers.CharField(max_length=200, required=False, allow_blank=True)
    agency = serializers.SlugRelatedField(
        slug_field="code",
        queryset=Agency.objects.all(),
        required=False,
        allow_null=True,
        help_text=_("Kode perangkat daerah."),
    )
    agency_name = serializers.CharField(max_length=200, required=False, allow_blank=True)
    position = serializers.CharField(max_length=200, required=False, allow_blank=True)
    golongan = serializers.CharField(max_length=5, required=False, allow_blank=True)


class WitnessInputSerializer(serializers.Serializer):
    name = serializers.CharField(max_length=200)
    phone = serializers.CharField(max_length=32, required=False, allow_blank=True)
    address = serializers.CharField(required=False, allow_blank=True)
    statement = serializers.CharField(required=False, allow_blank=True)


class CaseCreateInputSerializer(serializers.Serializer):
    """Intake of a laporan or a temuan; the reporter is required for a laporan."""

    kind = serializers.ChoiceField(choices=Case.Kind.choices)
    election = serializers.SlugRelatedField(
        slug_field="code", queryset=Election.objects.filter(is_active=True)
    )
    received_at = serializers.DateTimeField()
    known_on = serializers.DateField()
    incident_on = serializers.DateField(required=False, allow_null=True)
    incident_place = serializers.CharField(max_length=255, required=False, allow_blank=True)
    kecamatan = serializers.SlugRelatedField(
        slug_field="code",
        queryset=Region.objects.filter(level=Region.Level.KECAMATAN),
        required=False,
        allow_null=True,
        help_text=_("Kode Kemendagri kecamatan, mis. `64.02.03`."),
    )
    village = serializers.SlugRelatedField(
        slug_field="code",
        queryset=Region.objects.filter(level=Region.Level.VILLAGE),
        required=False,
        allow_null=True,
    )
    chronology = serializers.CharField(required=False, allow_blank=True)
    violation_forms = serializers.SlugRelatedField(
        slug_field="code",
        queryset=ViolationForm.objects.filter(is_active=True),
        many=True,
        required=False,
    )
    reporter = ReporterInputSerializer(required=False, allow_null=True)
    respondents = RespondentInputSerializer(many=True, required=False)
    witnesses = WitnessInputSerializer(many=True, required=False)

    def validate(self, attrs):
        if attrs["kind"] == Case.Kind.REPORT and not attrs.get("reporter"):
            raise serializers.ValidationError(
                {"reporter": [_("Identitas pelapor wajib diisi untuk laporan.")]}
            )
        return attrs


class TransitionInputSerializer(serializers.Serializer):
    """Any action's fields, type-checked; which are required is the policy's call (400)."""

    action = serializers.ChoiceField(choices=list(policy.TRANSITIONS))
    reason = serializers.CharField(required=False, allow_blank=True)
    reason_code = serializers.ChoiceField(choices=Case.ReasonCode.choices, required=False)
    note = serializers.CharField(required=False, allow_blank=True)
    conclusion = serializers.CharField(required=False, allow_blank=True)
    recipients = serializers.ListField(
        child=serializers.CharField(), required=False, help_text=_("Kode penerima rekomendasi.")
    )
    letter_number = serializers.CharField(max_length=100, required=False, allow_blank=True)
    letter_date = serializers.DateField(required=False)
    recommended_sanction = serializers.ChoiceField(choices=Severity.choices, required=False)


def transition_schema_serializer(action: policy.Operation) -> type[serializers.Serializer]:
    """The documented body of one action, built from the policy table (required/optional)."""
    declared = TransitionInputSerializer._declared_fields
    attrs = {"action": serializers.ChoiceField(choices=[action.name])}
    for name in sorted(action.accepted_fields):
        field = copy.deepcopy(declared[name])
        field.required = name in action.required
        attrs[name] = field
    attrs["__doc__"] = str(action.label)
    class_name = "".join(part.title() for part in action.name.split("_"))
    return type(f"{class_name}Transition", (serializers.Serializer,), attrs)


class EvidenceInputSerializer(serializers.Serializer):
    """A file (photo, screenshot, video, document) or a link with when it was captured."""

    kind = serializers.ChoiceField(choices=Evidence.Kind.choices)
    file = serializers.FileField(required=False)
    url = serializers.CharField(max_length=1000, required=False, allow_blank=True)
    captured_at = serializers.DateTimeField(required=False, allow_null=True)
    description = serializers.CharField(max_length=255, required=False, allow_blank=True)

    def validate(self, attrs):
        if attrs["kind"] == Evidence.Kind.LINK:
            if attrs.get("file"):
                raise serializers.ValidationError(
                    {"file": [_("Alat bukti berupa tautan tidak disertai berkas.")]}
                )
        elif not attrs.get("file"):
            raise serializers.ValidationError({"file": [_("Unggah berkas alat bukti.")]})
        return attrs


class EvidenceWithdrawInputSerializer(serializers.Serializer):
    reason = serializers.CharField(help_text=_("Mengapa alat bukti ini ditarik."))


class FollowUpInputSerializer(serializers.Serializer):
    """The PPK's follow-up for one respondent: a sanction with its decree, or ``none`` and why."""

    respondent = serializers.IntegerField(help_text=_("`id` terlapor pada kasus ini."))
    sanction_type = serializers.SlugRelatedField(
        slug_field="code",
        queryset=SanctionType.objects.filter(is_active=True),
        help_text=_("Kode jenis sanksi; `none` bila tidak dijatuhi sanksi."),
    )
    decree_number = serializers.CharField(max_length=100, required=False, allow_blank=True)
    decree_date = serializers.DateField(required=False, allow_null=True)
    effective_from = serializers.DateField(required=False, allow_null=True)
    effective_until = serializers.DateField(required=False, allow_null=True)
    reason = serializers.CharField(required=False, allow_blank=True)


# --- reports ----------------------------------------------------------------------------------


class CaseReportParamsSerializer(serializers.Serializer):
    group_by = serializers.ChoiceField(choices=list(reports.GROUPINGS))


class ReportGroupSerializer(serializers.Serializer):
    key = serializers.CharField(allow_null=True, help_text=_("Kode kelompok; null = tidak ada."))
    label = serializers.CharField()
    count = serializers.IntegerField(help_text=_("Jumlah kasus dalam kelompok."))


class CaseReportOutputSerializer(serializers.Serializer):
    group_by = serializers.ChoiceField(choices=list(reports.GROUPINGS))
    total = serializers.IntegerField(help_text=_("Jumlah kasus yang cocok (tanpa duplikat)."))
    groups = ReportGroupSerializer(many=True)


class DeadlineStageSerializer(serializers.Serializer):
    stage = serializers.ChoiceField(choices=DEADLINE_STAGES)
    label = serializers.CharField()
    total = serializers.IntegerField(help_text=_("Kasus yang tahap ini sudah dimulai."))
    on_time = serializers.IntegerField(help_text=_("Terpenuhi tepat waktu."))
    late = serializers.IntegerField(help_text=_("Terpenuhi setelah batas waktu."))
    open = serializers.IntegerField(help_text=_("Belum terpenuhi."))
    overdue = serializers.IntegerField(help_text=_("Belum terpenuhi dan sudah lewat batas."))


class DeadlineReportOutputSerializer(serializers.Serializer):
    generated_at = serializers.DateTimeField()
    stages = DeadlineStageSerializer(many=True)
