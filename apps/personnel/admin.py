from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from apps.cases.related import cases_of_civil_servant
from apps.core.errors import DomainError
from apps.core.exports import csv_response
from apps.personnel import importer, selectors, services
from apps.personnel.models import Agency, CivilServant, PersonnelImport, Region
from apps.personnel.tasks import enqueue_import


@admin.register(Region)
class RegionAdmin(admin.ModelAdmin):
    list_display = ["code", "name", "level", "parent"]
    list_filter = ["level"]
    search_fields = ["code", "name"]
    list_select_related = ["parent"]
    readonly_fields = ["code", "level", "parent"]

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Agency)
class AgencyAdmin(admin.ModelAdmin):
    list_display = ["code", "name", "kind", "parent", "kecamatan", "is_active"]
    list_filter = ["kind", "is_active"]
    search_fields = ["code", "name", "short_name"]
    list_select_related = ["parent", "kecamatan"]
    autocomplete_fields = ["parent", "kecamatan"]


class GradeFilter(admin.SimpleListFilter):
    title = _("golongan")
    parameter_name = "golongan"

    def lookups(self, request, model_admin):
        return CivilServant._meta.get_field("golongan").choices

    def queryset(self, request, queryset):
        return queryset.filter(golongan=self.value()) if self.value() else queryset


@admin.register(CivilServant)
class CivilServantAdmin(admin.ModelAdmin):
    list_display = [
        "nip",
        "name",
        "employment_type",
        "golongan",
        "position",
        "agency",
        "kecamatan",
        "is_active",
    ]
    list_filter = [
        "employment_type",
        GradeFilter,
        "position_type",
        "is_active",
        ("agency", admin.RelatedOnlyFieldListFilter),
        ("kecamatan", admin.RelatedOnlyFieldListFilter),
    ]
    search_fields = ["=nip", "name"]
    list_select_related = ["agency", "kecamatan"]
    autocomplete_fields = ["agency", "kecamatan"]
    readonly_fields = ["created_at", "updated_at"]
    show_full_result_count = False
    change_list_template = "admin/personnel/civilservant/change_list.html"
    change_form_template = "admin/personnel/civilservant/change_form.html"

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        if obj is not None:
            # The cases this person is a respondent in, as far as the user may see them.
            context["respondent_cases"] = cases_of_civil_servant(obj, request.user)
        return super().render_change_form(request, context, add, change, form_url, obj)

    def changelist_view(self, request, extra_context=None):
        extra_context = {**(extra_context or {}), "can_import": services.may_import(request.user)}
        return super().changelist_view(request, extra_context)


def start_import(personnel_import: PersonnelImport) -> None:
    """Send an uploaded import to a worker once it is committed (run in place when eager)."""
    enqueue_import(personnel_import.pk)


class ImportUploadForm(forms.Form):
    file = forms.FileField(
        label=_("Berkas"),
        help_text=_("CSV (dipisah koma atau titik koma) atau XLSX, dengan baris judul kolom."),
        widget=forms.ClearableFileInput(attrs={"accept": ".csv,.xlsx"}),
    )
    strict = forms.BooleanField(
        label=_("Mode ketat"),
        required=False,
        help_text=_("Jika ada satu baris tidak valid, tidak ada data yang disimpan."),
    )


@admin.register(PersonnelImport)
class PersonnelImportAdmin(admin.ModelAdmin):
    """Read-only: imports are made on the upload page and written only by the import service."""

    list_display = [
        "original_filename",
        "user",
        "state",
        "progress",
        "result",
        "created_at",
    ]
    list_filter = ["state", "strict"]
    list_select_related = ["user"]
    fields = [
        "original_filename",
        "user",
        "strict",
        "state",
        "progress",
        "created",
        "updated",
        "unchanged",
        "rejected",
        "failure_message",
        "created_at",
        "started_at",
        "finished_at",
        "row_errors_download",
        "first_row_errors",
    ]
    readonly_fields = fields
    change_list_template = "admin/personnel/personnelimport/change_list.html"
    shown_errors = 20

    def get_queryset(self, request):
        return selectors.personnel_imports_visible_to(request.user)

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def get_urls(self):
        view = self.admin_site.admin_view
        return [
            path("upload/", view(self.upload_view), name="personnel_personnelimport_upload"),
            path(
                "<int:object_id>/errors.csv",
                view(self.row_errors_view),
                name="personnel_personnelimport_errors",
            ),
            *super().get_urls(),
        ]

    def changelist_view(self, request, extra_context=None):
        extra_context = {**(extra_context or {}), "can_import": services.may_import(request.user)}
        return super().changelist_view(request, extra_context)

    @admin.display(description=_("kemajuan"))
    def progress(self, obj: PersonnelImport) -> str:
        if obj.rows_total:
            percent = min(100, 100 * obj.rows_done // obj.rows_total)
            return f"{obj.rows_done:,} / {obj.rows_total:,} ({percent}%)".replace(",", ".")
        return f"{obj.rows_done:,}".replace(",", ".")

    @admin.display(description=_("hasil"))
    def result(self, obj: PersonnelImport) -> str:
        return gettext(
            "%(created)d baru, %(updated)d diubah, %(unchanged)d tetap, %(rejected)d ditolak"
        ) % {
            "created": obj.created,
            "updated": obj.updated,
            "unchanged": obj.unchanged,
            "rejected": obj.rejected,
        }

    @admin.display(description=_("daftar kesalahan"))
    def row_errors_download(self, obj: PersonnelImport):
        if not obj.row_errors.exists():
            return "—"
        url = reverse("admin:personnel_personnelimport_errors", args=[obj.pk])
        return format_html('<a href="{}">{}</a>', url, gettext("Unduh semua kesalahan (CSV)"))

    @admin.display(description=_("kesalahan pertama"))
    def first_row_errors(self, obj: PersonnelImport):
        errors = obj.row_errors.all()[: self.shown_errors]
        if not errors:
            return "—"
        rows = format_html_join(
            "",
            "<tr><td>{}</td><td>{}</td><td>{}</td></tr>",
            ((e.row_number, e.column, e.message) for e in errors),
        )
        return format_html(
            "<table><thead><tr><th>{}</th><th>{}</th><th>{}</th></tr></thead>"
            "<tbody>{}</tbody></table>",
            gettext("Baris"),
            gettext("Kolom"),
            gettext("Pesan"),
            rows,
        )

    def upload_view(self, request):
        if not services.may_import(request.user):
            raise PermissionDenied
        form = ImportUploadForm(request.POST or None, request.FILES or None)
        if request.method == "POST" and form.is_valid():
            upload = form.cleaned_data["file"]
            try:
                personnel_import = services.personnel_import_create(
                    file=upload,
                    filename=upload.name,
                    strict=form.cleaned_data["strict"],
                    actor=request.user,
                )
            except DomainError as exc:
                form.add_error("file", exc.messages())
            else:
                start_import(personnel_import)
                self.announce(request, personnel_import)
                return redirect("admin:personnel_personnelimport_change", personnel_import.pk)
        context = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "title": _("Impor data ASN"),
            "form": form,
            "columns": importer.COLUMNS,
        }
        return TemplateResponse(request, "admin/personnel/personnelimport/upload.html", context)

    def announce(self, request, personnel_import: PersonnelImport) -> None:
        personnel_import.refresh_from_db()
        if personnel_import.state == PersonnelImport.State.DONE:
            messages.success(
                request,
                gettext(
                    "Impor selesai: %(created)d baru, %(updated)d diubah, %(unchanged)d tidak "
                    "berubah, %(rejected)d ditolak."
                )
                % {
                    "created": personnel_import.created,
                    "updated": personnel_import.updated,
                    "unchanged": personnel_import.unchanged,
                    "rejected": personnel_import.rejected,
                },
            )
        elif personnel_import.state == PersonnelImport.State.FAILED:
            messages.error(request, personnel_import.failure_message)
        else:
            messages.info(request, gettext("Impor sedang berjalan; muat ulang halaman ini."))

    def row_errors_view(self, request, object_id: int):
        personnel_import = get_object_or_404(
            selectors.personnel_imports_visible_to(request.user), pk=object_id
        )
        rows = (
            personnel_import.row_errors.order_by("row_number", "id")
            .values_list("row_number", "column", "message")
            .iterator(chunk_size=2000)
        )
        return csv_response(
            f"kesalahan-impor-{personnel_import.pk}",
            [gettext("Baris"), gettext("Kolom"), gettext("Pesan")],
            rows,
        )
