"""Case API output of one case: its timeline, evidence, clarifications, forwarding, follow-ups
and the operations the user may do now."""

from django.urls import reverse
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from apps.cases import confidentiality, policy
from apps.cases.api.serializers import (
    CaseListOutputSerializer,
    ForwardingOutputSerializer,
    shows_bawaslu_fields,
)
from apps.cases.models import (
    CaseEvent,
    Clarification,
    Evidence,
    FollowUp,
    SanctionType,
    Witness,
)
from apps.core.api.serializers import OutputSerializerMixin
from apps.personnel.api.serializers import RegionRefSerializer
from apps.training.api.serializers import CaseTrainingHistorySerializer
from apps.training.selectors import case_training_history


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
