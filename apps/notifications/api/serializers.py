from rest_framework import serializers

from apps.notifications.models import Notification


class NotificationSerializer(serializers.ModelSerializer):
    case_number = serializers.SerializerMethodField()
    is_read = serializers.BooleanField(read_only=True)

    class Meta:
        model = Notification
        fields = [
            "id",
            "kind",
            "level",
            "case",
            "case_number",
            "deadline",
            "due_at",
            "title",
            "body",
            "link",
            "created_at",
            "read_at",
            "is_read",
        ]
        read_only_fields = fields

    def get_case_number(self, obj) -> str | None:
        return obj.case.number if obj.case_id else None


class ReadAllSerializer(serializers.Serializer):
    updated = serializers.IntegerField(read_only=True)
