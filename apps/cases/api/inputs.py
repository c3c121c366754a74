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
    FollowUp,
    GakkumduReferral,
    GakkumduStage,
    Objection,
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
    recommendations = serializers.DictField(
        child=serializers.ChoiceField(choices=Severity.choices),
        required=False,
        help_text=_('Kategori per terlapor yang berbeda: `{"<id terlapor>": "berat"}`.'),
    )
    registered_on = serializers.DateField(
        required=False,
        help_text=_("Tanggal registrasi sebenarnya bila dicatat belakangan (dengan alasannya)."),
    )
    registration_reason = serializers.CharField(required=False, allow_blank=True)
    into = serializers.IntegerField(required=False, help_text=_("`id` kasus tujuan penggabungan."))


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


class SanctionInputSerializer(serializers.Serializer):
    """One sanction of a PPK decision, with its decree and the period it runs."""

    sanction_type = serializers.CharField(
        help_text=_("Kode jenis sanksi, mis. `teguran-tertulis`.")
    )
    decree_number = serializers.CharField(max_length=100)
    decree_date = serializers.DateField()
    effective_from = serializers.DateField(required=False, allow_null=True)
    effective_until = serializers.DateField(required=False, allow_null=True)


class FollowUpInputSerializer(serializers.Serializer):
    """The PPK's decision for one respondent: ``outcome`` with its ``sanctions`` (a moral and a
    disciplinary one may go together), or — the one-sanction form — ``sanction_type`` with its
    decree (``none``: not sanctioned, with a reason)."""

    respondent = serializers.IntegerField(help_text=_("`id` terlapor pada kasus ini."))
    outcome = serializers.ChoiceField(choices=FollowUp.Outcome.choices, required=False)
    sanctions = SanctionInputSerializer(many=True, required=False)
    sanction_type = serializers.CharField(
        required=False, help_text=_("Satu sanksi: kode jenis sanksi; `none` bila tanpa sanksi.")
    )
    decree_number = serializers.CharField(max_length=100, required=False, allow_blank=True)
    decree_date = serializers.DateField(required=False, allow_null=True)
    effective_from = serializers.DateField(required=False, allow_null=True)
    effective_until = serializers.DateField(required=False, allow_null=True)
    reason = serializers.CharField(required=False, allow_blank=True)

    def validate(self, attrs):
        if "sanction_type" not in attrs and "outcome" not in attrs:
            raise serializers.ValidationError(
                {"outcome": [_("Isi hasil keputusan PPK (atau satu `sanction_type`).")]}
            )
        return attrs


class BknRecommendationInputSerializer(serializers.Serializer):
    letter_number = serializers.CharField(max_length=100)
    letter_date = serializers.DateField()
    categories = serializers.DictField(
        child=serializers.ChoiceField(choices=Severity.choices),
        required=False,
        help_text=_('Kategori yang direkomendasikan BKN per terlapor: `{"<id>": "sedang"}`.'),
    )


class ObjectionInputSerializer(serializers.Serializer):
    sanction = serializers.IntegerField(help_text=_("`id` sanksi yang diajukan keberatan/banding."))
    kind = serializers.ChoiceField(choices=Objection.Kind.choices)
    filed_on = serializers.DateField()
    note = serializers.CharField(required=False, allow_blank=True)


class ObjectionDecisionInputSerializer(serializers.Serializer):
    outcome = serializers.ChoiceField(
        choices=Objection.Outcome.choices, help_text=_("`upheld`, `changed` atau `annulled`.")
    )
    decided_on = serializers.DateField()
    new_sanction = SanctionInputSerializer(
        required=False, help_text=_("Sanksi pengganti bila hasilnya `changed`.")
    )
    note = serializers.CharField(required=False, allow_blank=True)


class BlockRequestInputSerializer(serializers.Serializer):
    request_letter = serializers.CharField(max_length=100)
    requested_on = serializers.DateField()


class BlockUpdateInputSerializer(serializers.Serializer):
    blocked_on = serializers.DateField(required=False, allow_null=True)
    lifted_on = serializers.DateField(required=False, allow_null=True)
    lift_note = serializers.CharField(required=False, allow_blank=True)


class GakkumduReferralInputSerializer(serializers.Serializer):
    referred_on = serializers.DateField()
    article = serializers.CharField(max_length=200, help_text=_("Dugaan pasal pidana pemilihan."))
    note = serializers.CharField(required=False, allow_blank=True)


class GakkumduProgressInputSerializer(serializers.Serializer):
    stage = serializers.ChoiceField(choices=GakkumduStage.Stage.choices, required=False)
    held_on = serializers.DateField(required=False, allow_null=True)
    conclusion = serializers.CharField(required=False, allow_blank=True)
    outcome = serializers.ChoiceField(choices=GakkumduReferral.Outcome.choices, required=False)
    outcome_on = serializers.DateField(required=False, allow_null=True)
