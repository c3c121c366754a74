import django_filters
from drf_spectacular.utils import extend_schema
from rest_framework import viewsets
from rest_framework.decorators import action
from rest_framework.response import Response

from apps.notifications import selectors, services
from apps.notifications.api.serializers import NotificationSerializer, ReadAllSerializer
from apps.notifications.models import Notification


class NotificationFilter(django_filters.FilterSet):
    read = django_filters.BooleanFilter(
        method="filter_read", label="read (true: sudah dibaca, false: belum)"
    )

    class Meta:
        model = Notification
        fields = ["read", "kind", "level"]

    def filter_read(self, queryset, name, value):
        return queryset.filter(read_at__isnull=not value)


class NotificationViewSet(viewsets.ReadOnlyModelViewSet):
    """The signed-in user's notifications (deadline warnings, daily digests, finished jobs)."""

    serializer_class = NotificationSerializer
    filterset_class = NotificationFilter
    search_fields = ["title", "body"]
    ordering_fields = ["created_at", "due_at"]

    def get_queryset(self):
        return selectors.notifications_for(self.request.user)

    @extend_schema(request=None, responses=NotificationSerializer)
    @action(detail=True, methods=["post"])
    def read(self, request, pk=None):
        """Mark one notification read (reading it again changes nothing)."""
        notification = services.notification_mark_read(
            notification=self.get_object(), actor=request.user
        )
        return Response(self.get_serializer(notification).data)

    @extend_schema(request=None, responses=ReadAllSerializer)
    @action(detail=False, methods=["post"], url_path="read-all")
    def read_all(self, request):
        """Mark every unread notification of the signed-in user read."""
        updated = services.notifications_mark_all_read(actor=request.user)
        return Response({"updated": updated})
