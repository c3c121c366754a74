"""Case API input serializers: what a request may send; which fields an action needs is the
policy's call (400 from the service)."""

import copy

from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from apps.cases import policy
from apps.cases.models import (
    Case,
    Election,
    Evidence,
    SanctionType,
    Severity,
    ViolationForm,
)
from apps.personnel.models import Agency, Region


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
