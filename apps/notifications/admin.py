from django.contrib import admin, messages
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from apps.notifications import services
from apps.notifications.models import Delivery, Notification


class DeliveryInline(admin.TabularInline):
    model = Delivery
    extra = 0
    can_delete = False
    fields = ["channel", "address", "attempts", "sent_at", "failed_at", "last_error"]
    readonly_fields = fields

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Notification)
class NotificationAdmin(admin.ModelAdmin):
    """Each user sees their own notifications here; a superuser sees everyone's."""

    list_display = ["title", "level", "case", "due_at", "created_at", "read_at"]
    list_filter = [("read_at", admin.EmptyFieldListFilter), "kind", "level"]
    search_fields = ["title", "body"]
    list_select_related = ["case"]
    date_hierarchy = "created_at"
    readonly_fields = [
        "recipient",
        "case",
        "kind",
        "deadline",
        "level",
        "due_at",
        "title",
        "body",
        "link",
        "created_at",
        "read_at",
    ]
    actions = ["mark_read"]
    inlines = [DeliveryInline]

    def get_queryset(self, request):
        queryset = super().get_queryset(request)
        return queryset if request.user.is_superuser else queryset.filter(recipient=request.user)

    def get_list_display(self, request):
        if request.user.is_superuser:
            return ["recipient", *self.list_display]
        return self.list_display

    # Every staff user may read their own notifications; nobody writes them by hand.
    def has_module_permission(self, request):
        return request.user.is_active and request.user.is_staff

    def has_view_permission(self, request, obj=None):
        return self.has_module_permission(request) and (
            obj is None or request.user.is_superuser or obj.recipient_id == request.user.pk
        )

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    @admin.action(description=_("Tandai sudah dibaca"))
    def mark_read(self, request, queryset):
        count = 0
        for notification in queryset.filter(recipient=request.user, read_at__isnull=True):
            services.notification_mark_read(notification=notification, actor=request.user)
            count += 1
        self.message_user(
            request,
            ngettext("%d notifikasi ditandai dibaca.", "%d notifikasi ditandai dibaca.", count)
            % count,
            messages.SUCCESS,
        )
