"""The letterhead logos (system administrators). Issued documents are read on the case and
session pages, where the policy decides who sees which."""

from django import forms
from django.contrib import admin
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from apps.core.errors import DomainError
from apps.documents import services
from apps.documents.models import Letterhead, LetterheadLogo


class LogoUploadForm(forms.ModelForm):
    upload = forms.FileField(label=_("Logo (PNG, JPEG atau WebP)"))

    class Meta:
        model = LetterheadLogo
        fields = ["letterhead"]

    def __init__(self, *args, actor=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.actor = actor
        self.fields["letterhead"].choices = Letterhead.choices

    def clean(self):
        cleaned = super().clean()
        if self.errors:
            return cleaned
        try:
            self.instance = services.letterhead_logo_upload(
                letterhead=cleaned["letterhead"], image=cleaned["upload"], actor=self.actor
            )
        except DomainError as error:
            raise ValidationError(error.messages()) from None
        return cleaned

    def save(self, commit=True):
        self.save_m2m = lambda: None
        return self.instance  # stored by the service in clean()


@admin.register(LetterheadLogo)
class LetterheadLogoAdmin(admin.ModelAdmin):
    list_display = ["__str__", "letterhead", "width", "height", "uploaded_by", "uploaded_at"]
    list_filter = ["letterhead"]

    def has_module_permission(self, request):
        return request.user.is_superuser

    def has_view_permission(self, request, obj=None):
        return request.user.is_superuser

    def has_add_permission(self, request):
        return request.user.is_superuser

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False  # documents issued with it still exist

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = LogoUploadForm

        class Bound(form):
            def __init__(self, *args, **kw):
                super().__init__(*args, actor=request.user, **kw)

        return Bound

    def save_model(self, request, obj, form, change):
        """Saved by the service while the form was cleaned."""

    def get_fields(self, request, obj=None):
        return ["letterhead", "upload"] if obj is None else ["letterhead", "width", "height"]
