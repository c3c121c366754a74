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
    DataBlock,
    Evidence,
    FollowUp,
    Objection,
    Sanction,
    SanctionType,
    Witness,
)
from apps.cases.outcomes import respondent_outcome
from apps.cases.related import related_cases
from apps.cases.selectors import cases_visible_to
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


class ObjectionOutputSerializer(OutputSerializerMixin, serializers.ModelSerializer):
    class Meta:
        model = Objection
        fields = ["id", "kind", "filed_on", "outcome", "decided_on", "note"]


class SanctionOutputSerializer(OutputSerializerMixin, serializers.ModelSerializer):
    sanction_type = SanctionTypeRefSerializer()
    replaced_by = serializers.PrimaryKeyRelatedField(read_only=True, allow_null=True)
    objections = ObjectionOutputSerializer(many=True)

    class Meta:
        model = Sanction
        fields = [
            "id",
            "sanction_type",
            "decree_number",
            "decree_date",
            "effective_from",
            "effective_until",
            "state",
            "replaced_by",
            "objections",
        ]


class DataBlockOutputSerializer(OutputSerializerMixin, serializers.ModelSerializer):
    class Meta:
        model = DataBlock
        fields = ["request_letter", "requested_on", "blocked_on", "lifted_on", "lift_note"]


class FollowUpOutputSerializer(serializers.Serializer):
    """Where one respondent stands after forwarding: the recommendations, the PPK's decision with
    every sanction (changed or annulled ones kept, marked), objections, a data block, and
    whether this is a final outcome."""

    respondent = serializers.IntegerField(source="respondent.pk")
    respondent_name = serializers.CharField(source="respondent.name")
    respondent_nip = serializers.CharField(source="respondent.nip")
    employment = serializers.CharField(source="respondent.employment")
    recommended_category = serializers.CharField(source="respondent.recommended_severity")
    bkn_category = serializers.CharField(source="respondent.bkn_severity")
    outcome = serializers.SerializerMethodField()
    reason = serializers.SerializerMethodField()
    sanctions = SanctionOutputSerializer(source="respondent.sanctions.all", many=True)
    data_block = serializers.SerializerMethodField()
    final = serializers.BooleanField()
    status = serializers.CharField(source="label")

    @extend_schema_field(serializers.ChoiceField(choices=FollowUp.Outcome.choices, allow_null=True))
    def get_outcome(self, outcome):
        follow_up = getattr(outcome.respondent, "follow_up", None)
        return follow_up.outcome if follow_up else None

    @extend_schema_field(serializers.CharField())
    def get_reason(self, outcome):
        follow_up = getattr(outcome.respondent, "follow_up", None)
        return follow_up.reason if follow_up else ""

    @extend_schema_field(DataBlockOutputSerializer(allow_null=True))
    def get_data_block(self, outcome):
        block = getattr(outcome.respondent, "data_block", None)
        return DataBlockOutputSerializer(block).data if block else None


class WitnessOutputSerializer(OutputSerializerMixin, serializers.ModelSerializer):
    class Meta:
        model = Witness
        fields = ["id", "name", "phone", "address", "statement"]


class RelatedCaseSerializer(serializers.Serializer):
    id = serializers.IntegerField(source="case.pk")
    number = serializers.CharField(source="case.number", allow_null=True)
    status = serializers.CharField(source="case.status")
    received_at = serializers.DateTimeField(source="case.received_at")
    reasons = serializers.ListField(child=serializers.CharField())
    likely_duplicate = serializers.BooleanField()


class CaseRefSerializer(serializers.Serializer):
    id = serializers.IntegerField(source="pk")
    number = serializers.CharField(allow_null=True)
    status = serializers.CharField()


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
    related_cases = serializers.SerializerMethodField()
    joined_into = serializers.SerializerMethodField()
    joined_cases = serializers.SerializerMethodField()
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
            "related_cases",
            "joined_into",
            "joined_cases",
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
        """Per respondent once the case was forwarded (empty before)."""
        if case.forwarded_at is None:
            return []
        outcomes = [respondent_outcome(r) for r in case.respondent_list]
        return FollowUpOutputSerializer(outcomes, many=True).data

    @extend_schema_field(
        serializers.ListField(child=serializers.ChoiceField(choices=list(policy.TRANSITIONS)))
    )
    def get_available_actions(self, case):
        """The workflow actions you may try now (``POST …/transitions/``)."""
        return policy.available_transitions(case, self.context["request"].user)

    @extend_schema_field(RelatedCaseSerializer(many=True))
    def get_related_cases(self, case):
        """Other cases (that you may see) of the same respondents or with the same evidence
        file; ``likely_duplicate`` when they look like the same incident."""
        return RelatedCaseSerializer(
            related_cases(case, self.context["request"].user), many=True
        ).data

    @extend_schema_field(CaseRefSerializer(allow_null=True))
    def get_joined_into(self, case):
        target, user = case.joined_into, self.context["request"].user
        visible = target is not None and cases_visible_to(user).filter(pk=target.pk).exists()
        return CaseRefSerializer(target).data if visible else None

    @extend_schema_field(CaseRefSerializer(many=True))
    def get_joined_cases(self, case):
        """Reports of the same incident joined into this case (each keeps its own reporter)."""
        return CaseRefSerializer(case.joined_cases.order_by("pk"), many=True).data

    @extend_schema_field(
        serializers.ListField(child=serializers.ChoiceField(choices=list(policy.OPERATIONS)))
    )
    def get_allowed_operations(self, case):
        """Every operation of the case policy you may do now (docs/cases.md lists them)."""
        return sorted(policy.allowed_operations(case, self.context["request"].user))
