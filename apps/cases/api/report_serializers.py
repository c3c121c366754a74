"""Case API report serializers: the parameters and the output of the reports."""

from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from apps.cases import reports
from apps.cases.api.serializers import DEADLINE_STAGES


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
