"""Input and output serializers of the training API, kept apart: inputs parse, services decide."""

import functools

from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from apps.core.api.schema import ErrorDetailSerializer
from apps.personnel.models import Agency, Region
from apps.training.models import IntegrityPledge, Registration, Session


class SpeakerSerializer(serializers.Serializer):
    name = serializers.CharField(max_length=200)
    institution = serializers.CharField(max_length=200)
    topic = serializers.CharField(max_length=255, required=False, allow_blank=True, default="")


class RegionSerializer(serializers.Serializer):
    code = serializers.CharField()
    name = serializers.CharField()


class AgencyRefSerializer(serializers.Serializer):
    code = serializers.CharField()
    name = serializers.CharField()


class SessionOutputSerializer(serializers.ModelSerializer):
    kecamatan = RegionSerializer()
    organiser = AgencyRefSerializer(allow_null=True)
    speakers = SpeakerSerializer(many=True)
    registered_count = serializers.IntegerField(required=False)
    present_count = serializers.IntegerField(required=False)

    class Meta:
        model = Session
        fields = [
            "id",
            "title",
            "starts_at",
            "ends_at",
            "venue",
            "kecamatan",
            "organiser",
            "capacity",
            "status",
            "description",
            "speakers",
            "registered_count",
            "present_count",
        ]


class SessionInputSerializer(serializers.Serializer):
    title = serializers.CharField(max_length=255)
    starts_at = serializers.DateTimeField()
    ends_at = serializers.DateTimeField()
    venue = serializers.CharField(max_length=255)
    kecamatan = serializers.SlugRelatedField(
        slug_field="code",
        queryset=Region.objects.filter(level=Region.Level.KECAMATAN),
        required=False,
        help_text=_("Kode Kemendagri kecamatan, mis. 64.02.03; bawaan: kecamatan petugas."),
    )
    organiser = serializers.SlugRelatedField(
        slug_field="code", queryset=Agency.objects.all(), required=False, allow_null=True
    )
    capacity = serializers.IntegerField(
        min_value=1, max_value=100_000, required=False, allow_null=True
    )
    status = serializers.ChoiceField(choices=Session.Status.choices, required=False)
    description = serializers.CharField(required=False, allow_blank=True)
    speakers = SpeakerSerializer(many=True, required=False)


class RegistrationOutputSerializer(serializers.ModelSerializer):
    """A registration; the phone number only with ``context={"with_phone": True}`` (the
    session's own office), not for readers in other offices."""

    late_entry = serializers.BooleanField(source="is_late_entry")

    def to_representation(self, instance):
        data = super().to_representation(instance)
        if not self.context.get("with_phone"):
            data["phone"] = ""
        return data

    class Meta:
        model = Registration
        fields = [
            "id",
            "session",
            "participant_type",
            "civil_servant",
            "name",
            "nip",
            "institution",
            "position",
            "phone",
            "code",
            "registered_at",
            "attended_at",
            "attendance_method",
            "late_entry",
        ]


class RegistrationInputSerializer(serializers.Serializer):
    nip = serializers.CharField(max_length=30, required=False, allow_blank=True)
    name = serializers.CharField(max_length=200, required=False, allow_blank=True)
    participant_type = serializers.CharField(max_length=20, required=False, allow_blank=True)
    institution = serializers.CharField(max_length=200, required=False, allow_blank=True)
    position = serializers.CharField(max_length=200, required=False, allow_blank=True)
    phone = serializers.CharField(max_length=30, required=False, allow_blank=True)
    nik = serializers.CharField(max_length=30, required=False, allow_blank=True)
    email = serializers.CharField(max_length=254, required=False, allow_blank=True)

    def validate(self, data):
        if not data.get("nip") and not data.get("name"):
            raise serializers.ValidationError(
                {"nip": [_("Isi NIP untuk ASN, atau nama dan jenis peserta untuk non-ASN.")]}
            )
        return data


class CheckInInputSerializer(serializers.Serializer):
    code = serializers.CharField(max_length=64, required=False, allow_blank=True)
    nip = serializers.CharField(max_length=30, required=False, allow_blank=True)
    method = serializers.CharField(
        max_length=10,
        required=False,
        help_text=_(
            "qr (bawaan untuk code), kiosk_nip (bawaan untuk nip), paper (dicatat kemudian)"
        ),
    )
    attended_at = serializers.DateTimeField(required=False)

    def validate(self, data):
        if not data.get("code") and not data.get("nip"):
            raise serializers.ValidationError({"code": [_("Isi code (kode QR) atau nip.")]})
        return data


@functools.cache
def _check_in_input_serializer() -> CheckInInputSerializer:
    return CheckInInputSerializer()


def check_in_input(data) -> dict:
    """``CheckInInputSerializer``'s validation of a check-in's body (the same values and the same
    ``ValidationError``), on fields bound once per process: binding them (deep copies of every
    field) was the check-in's largest cost of its own after its statement (issue 22). Validation
    keeps no state on the serializer; ``is_valid`` is what stores it."""
    return _check_in_input_serializer().run_validation(data)


@functools.cache
def _door_registration_serializer() -> RegistrationOutputSerializer:
    return RegistrationOutputSerializer(context={"with_phone": True})


def registration_data(registration: Registration) -> dict:
    """A check-in's registration, as ``RegistrationOutputSerializer`` writes it for the session's
    own office. Its fields are bound once per process and reused: building them (model
    introspection) cost more than the whole check-in (issue 22). They hold no request state."""
    return _door_registration_serializer().to_representation(registration)


class CheckInOutputSerializer(serializers.Serializer):
    status = serializers.CharField(help_text="checked_in | already_checked_in")
    registration = RegistrationOutputSerializer()


class QueuedCheckInSerializer(serializers.Serializer):
    id = serializers.UUIDField(help_text=_("Id yang dibuat kios untuk check-in ini."))
    code = serializers.CharField(max_length=64, required=False, allow_blank=True)
    nip = serializers.CharField(max_length=30, required=False, allow_blank=True)
    scanned_at = serializers.DateTimeField(required=False, allow_null=True)
    by_name = serializers.BooleanField(
        required=False, default=False, help_text=_("Dipilih dari pencarian nama di kios.")
    )

    def validate(self, data):
        if not data.get("code") and not data.get("nip"):
            raise serializers.ValidationError({"code": [_("Isi code (kode QR) atau nip.")]})
        return data


class CheckInSyncInputSerializer(serializers.Serializer):
    check_ins = QueuedCheckInSerializer(
        many=True,
        allow_empty=False,
        max_length=500,
        error_messages={
            "max_length": _("Paling banyak {max_length} check-in sekali kirim."),
            "empty": _("Kirim minimal satu check-in."),
        },
    )


class SyncedRegistrationSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    name = serializers.CharField()
    institution = serializers.CharField()
    attended_at = serializers.DateTimeField(allow_null=True)
    attendance_method = serializers.CharField()


class CheckInSyncResultSerializer(serializers.Serializer):
    id = serializers.UUIDField(source="client_id")
    status = serializers.ChoiceField(choices=["checked_in", "already_checked_in", "not_registered"])
    registration = SyncedRegistrationSerializer(allow_null=True)


class CheckInSyncOutputSerializer(serializers.Serializer):
    results = CheckInSyncResultSerializer(many=True)


class CheckInNotFoundSerializer(serializers.Serializer):
    """404 of the check-in: the standard error shape, plus ``status: not_registered`` when the
    session is visible but the code or NIP is not registered for it."""

    status = serializers.CharField(required=False, help_text="not_registered")
    error = ErrorDetailSerializer()


class CivilServantRefSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    nip = serializers.CharField()
    name = serializers.CharField()


class PledgeOutputSerializer(serializers.ModelSerializer):
    civil_servant = CivilServantRefSerializer()
    kecamatan = serializers.SlugRelatedField(slug_field="code", read_only=True)
    has_document = serializers.SerializerMethodField()

    class Meta:
        model = IntegrityPledge
        fields = [
            "id",
            "civil_servant",
            "signed_on",
            "session",
            "kecamatan",
            "has_document",
            "document_sha256",
            "note",
            "recorded_at",
        ]

    def get_has_document(self, pledge) -> bool:
        return bool(pledge.document)


class PledgeInputSerializer(serializers.Serializer):
    nip = serializers.CharField(max_length=30)
    session = serializers.IntegerField(
        min_value=1, max_value=2**63 - 1, required=False, allow_null=True
    )
    signed_on = serializers.DateField(required=False, allow_null=True)
    document = serializers.FileField(required=False, allow_null=True)
    note = serializers.CharField(max_length=255, required=False, allow_blank=True, default="")


class CoverageRowSerializer(serializers.Serializer):
    group_by = serializers.ChoiceField(choices=["agency", "kecamatan"])
    id = serializers.IntegerField(allow_null=True)
    code = serializers.CharField()
    name = serializers.CharField()
    asn_in_registry = serializers.IntegerField()
    asn_registered = serializers.IntegerField()
    asn_attended = serializers.IntegerField()
    coverage_percent = serializers.FloatField()


class CoverageTotalsSerializer(serializers.Serializer):
    asn_in_registry = serializers.IntegerField()
    asn_registered = serializers.IntegerField()
    asn_attended = serializers.IntegerField()
    coverage_percent = serializers.FloatField()


class CoverageReportSerializer(serializers.Serializer):
    group_by = serializers.CharField()
    results = CoverageRowSerializer(many=True)
    totals = CoverageTotalsSerializer()


class CaseTrainingHistorySerializer(serializers.Serializer):
    """One row of ``selectors.case_training_history(case)``, for the case API's detail."""

    respondent_id = serializers.IntegerField()
    civil_servant_id = serializers.IntegerField()
    name = serializers.CharField()
    nip = serializers.CharField()
    reference_date = serializers.DateField()
    reference_basis = serializers.ChoiceField(choices=["incident", "known"])
    attended_before = serializers.BooleanField()
    sessions_before = serializers.IntegerField()
    first_attended_on = serializers.DateField(allow_null=True)
    last_attended_on = serializers.DateField(allow_null=True)
    last_session_title = serializers.CharField(allow_blank=True)
    pledge_before = serializers.BooleanField()
    pledge_signed_on = serializers.DateField(allow_null=True)
    paper_sessions_before = serializers.IntegerField(
        help_text="Dari sesi itu, berapa yang dicatat kemudian dari daftar hadir kertas."
    )
