"""Case API serializers: output and input kept apart. No business logic: services decide.

The reporter's identity is a field only for users who may see it (Bawaslu roles); the views put
the reporters they are allowed to show, already logged, into the context (``reporters``).
"""

from functools import cached_property

from django.utils import timezone
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from apps.cases import deadlines as clock
from apps.cases.confidentiality import may_see_reporter
from apps.cases.models import (
    Case,
    Election,
    Forwarding,
    ForwardingRecipient,
    Reporter,
    Respondent,
    Severity,
    ViolationForm,
)
from apps.core.api.serializers import OutputSerializerMixin
from apps.personnel.api.serializers import AgencyRefSerializer, RegionRefSerializer


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
