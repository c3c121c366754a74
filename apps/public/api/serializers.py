"""What the public API reads and answers (no personal data in any of it)."""

from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from apps.cases.models import Case


class TrackInputSerializer(serializers.Serializer):
    code = serializers.CharField(max_length=32, help_text=_("Kode pelacakan, mis. `ABCD-EFGH`."))
    pin = serializers.CharField(max_length=12, help_text=_("PIN enam angka dari tanda terima."))


class TrackStatusChangeSerializer(serializers.Serializer):
    status = serializers.ChoiceField(choices=Case.Status.choices)
    status_label = serializers.CharField()
    at = serializers.DateTimeField()


class TrackReasonSerializer(serializers.Serializer):
    category = serializers.CharField(help_text=_("Jenis alasan, kosong bila tidak dicatat."))
    unmet = serializers.ListField(
        child=serializers.CharField(), help_text=_("Syarat registrasi yang tidak terpenuhi.")
    )


class TrackOutputSerializer(serializers.Serializer):
    code = serializers.CharField()
    kind = serializers.ChoiceField(choices=Case.Kind.choices)
    kind_label = serializers.CharField()
    status = serializers.ChoiceField(choices=Case.Status.choices)
    status_label = serializers.CharField()
    received_on = serializers.DateField()
    register_number = serializers.CharField(help_text=_("Kosong bila belum diregistrasi."))
    history = TrackStatusChangeSerializer(many=True)
    next_step = serializers.CharField()
    reason = TrackReasonSerializer(allow_null=True)


class PublicNoticeSerializer(serializers.Serializer):
    register_number = serializers.CharField(help_text=_("Kosong bila tidak diregistrasi."))
    decided_on = serializers.DateField()
    election = serializers.CharField()
    kind = serializers.ChoiceField(choices=Case.Kind.choices)
    kind_label = serializers.CharField()
    registered = serializers.BooleanField()
    decision_label = serializers.CharField()
    reason_category = serializers.CharField()


class StatisticsCellSerializer(serializers.Serializer):
    key = serializers.CharField()
    label = serializers.CharField()
    count = serializers.IntegerField(help_text=_("Selalu ≥ ambang (`threshold`)."))


class StatisticsTableSerializer(serializers.Serializer):
    dimension = serializers.CharField()
    title = serializers.CharField()
    cells = StatisticsCellSerializer(many=True)
    suppressed = serializers.IntegerField(
        allow_null=True,
        help_text=_(
            "Jumlah kategori yang disamarkan (lainnya): 0 atau ≥ ambang; `null` bila seluruh "
            "tabel di bawah ambang."
        ),
    )
    total = serializers.IntegerField(
        allow_null=True, help_text=_("`null` bila di bawah ambang; selain itu cells + suppressed.")
    )


class StatisticsElectionSerializer(serializers.Serializer):
    code = serializers.CharField()
    name = serializers.CharField()
    tables = StatisticsTableSerializer(many=True)


class StatisticsSerializer(serializers.Serializer):
    threshold = serializers.IntegerField()
    generated_at = serializers.DateTimeField()
    elections = StatisticsElectionSerializer(many=True)
