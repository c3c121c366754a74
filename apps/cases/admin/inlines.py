"""The case page's inlines: what is recorded is shown read-only; new rows are forms whose
``clean`` calls their service (``apps.cases.admin.forms``). Whether a row may be added is the
policy's call (``allowed_operations``)."""

from django.contrib import admin
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from apps.cases import confidentiality, policy
from apps.cases.admin import forms as case_forms
from apps.cases.admin.display import wita
from apps.cases.evidence import human_size
from apps.cases.models import Case, Clarification, Evidence, Reporter, Respondent, Witness


def confidential_allowed(request, case) -> bool:
    """Whether the reporter's and witnesses' identity may be shown (on cases in general when
    Django asks without a case, e.g. for an inline's queryset)."""
    if case is None:
        return policy.may(request.user, "view_confidential")
    return "view_confidential" in policy.allowed_operations(case, request.user)


class ListInline(admin.StackedInline):
    """Rows already recorded, shown read-only (corrections go through the services)."""

    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class AddInline(admin.StackedInline):
    """Empty forms for new rows, offered while the policy allows ``operation``."""

    extra = 0
    can_delete = False
    operation = ""

    def get_queryset(self, request):
        return super().get_queryset(request).none()

    def has_view_permission(self, request, obj=None):
        return self.has_add_permission(request, obj)

    def has_add_permission(self, request, obj=None):
        return obj is not None and self.operation in policy.allowed_operations(obj, request.user)

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class ReporterInline(admin.StackedInline):
    """The reporter's identity: Bawaslu roles only; every view is logged (confidentiality)."""

    model = Reporter
    form = case_forms.ReporterForm
    max_num = 1
    can_delete = False
    verbose_name = gettext_lazy("pelapor (rahasia: hanya Bawaslu)")
    verbose_name_plural = gettext_lazy("pelapor (rahasia: hanya Bawaslu)")

    def has_view_permission(self, request, obj=None):
        return confidential_allowed(request, obj) and (obj is None or obj.kind == Case.Kind.REPORT)

    def has_add_permission(self, request, obj=None):
        return self.has_change_permission(request, obj)

    def has_change_permission(self, request, obj=None):
        return (
            obj is not None
            and self.has_view_permission(request, obj)
            and "reporter_set" in policy.allowed_operations(obj, request.user)
        )

    def has_delete_permission(self, request, obj=None):
        return False


class RespondentInline(ListInline):
    model = Respondent
    fields = [
        "name",
        "nip",
        "position",
        "golongan",
        "agency",
        "agency_name",
        "employment",
        "civil_servant",
        "follow_up_summary",
    ]
    readonly_fields = fields

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("civil_servant", "agency", "follow_up")

    @admin.display(description=gettext_lazy("tindak lanjut PPK"))
    def follow_up_summary(self, respondent):
        follow_up = getattr(respondent, "follow_up", None)
        if follow_up is None:
            return "—"
        outcome = follow_up.get_outcome_display()
        return f"{outcome} — {follow_up.reason}" if follow_up.reason else outcome


class RespondentAddInline(AddInline):
    model = Respondent
    form = case_forms.RespondentAddForm
    operation = "respondent_add"
    autocomplete_fields = ["civil_servant", "agency"]
    verbose_name = gettext_lazy("terlapor baru")
    verbose_name_plural = gettext_lazy("tambah terlapor")


class WitnessInline(ListInline):
    model = Witness
    fields = ["name", "phone", "address", "statement"]
    readonly_fields = fields

    def has_view_permission(self, request, obj=None):
        return confidential_allowed(request, obj)


class WitnessAddInline(AddInline):
    model = Witness
    form = case_forms.WitnessAddForm
    operation = "witness_add"
    verbose_name = gettext_lazy("saksi baru")
    verbose_name_plural = gettext_lazy("tambah saksi")


class ClarificationInline(ListInline):
    model = Clarification
    fields = ["person", "role", "respondent_display", "held_at", "attended", "statement"]
    readonly_fields = fields

    def get_queryset(self, request):
        clarifications = super().get_queryset(request).select_related("respondent")
        if not policy.may(request.user, "view_confidential"):
            # The inline's heading names the person: leave out who may not be named.
            return clarifications.exclude(role__in=confidentiality.CONFIDENTIAL_ROLES)
        return clarifications

    def get_formset(self, request, obj=None, **kwargs):
        self.viewer = request.user
        return super().get_formset(request, obj, **kwargs)

    @admin.display(description=gettext_lazy("nama"))
    def person(self, clarification):
        return confidentiality.clarification_person(self.viewer, clarification)

    @admin.display(description=gettext_lazy("ringkasan"))
    def statement(self, clarification):
        return confidentiality.clarification_summary(self.viewer, clarification) or "—"

    @admin.display(description=gettext_lazy("terlapor yang diklarifikasi"))
    def respondent_display(self, clarification):
        return str(clarification.respondent) if clarification.respondent_id else "—"


class ClarificationAddInline(AddInline):
    model = Clarification
    form = case_forms.ClarificationAddForm
    operation = "clarification_record"
    verbose_name = gettext_lazy("klarifikasi baru")
    verbose_name_plural = gettext_lazy("catat klarifikasi")


class EvidenceInline(admin.StackedInline):
    """The evidence kept: read-only, with the hash and a download through the private view."""

    model = Evidence
    extra = 0
    can_delete = False
    fields = [
        "kind",
        "description",
        "download",
        "content_type",
        "size_display",
        "sha256_short",
        "uploader",
        "uploaded_at",
        "withdrawal",
    ]
    readonly_fields = fields
    verbose_name_plural = gettext_lazy("alat bukti")

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("uploaded_by", "case")

    def get_formset(self, request, obj=None, **kwargs):
        self.viewer, self.case = request.user, obj
        self.positions = confidentiality.evidence_positions(obj) if obj else {}
        self.may_withdraw = obj is not None and "evidence_withdraw" in (
            policy.allowed_operations(obj, request.user)
        )
        return super().get_formset(request, obj, **kwargs)

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    @admin.display(description=gettext_lazy("berkas / tautan"))
    def download(self, evidence):
        if evidence.file:
            withheld = confidentiality.evidence_withheld(self.viewer, evidence)
            name = confidentiality.evidence_name(
                self.viewer, evidence, evidence.case, self.positions.get(evidence.pk, 0)
            )
            if withheld:
                return format_html("{}<br><small>{}</small>", name, withheld)
            url = reverse("cases:evidence-download", args=[evidence.pk])
            return format_html('<a href="{}">{}</a>', url, name or _("unduh"))
        if evidence.url:
            when = f" ({wita(evidence.captured_at)})" if evidence.captured_at else ""
            return format_html(
                '<a href="{}" rel="noopener noreferrer" target="_blank">{}</a>{}',
                evidence.url,
                evidence.url,
                when,
            )
        return "—"

    @admin.display(description=gettext_lazy("diunggah oleh"))
    def uploader(self, evidence):
        user = evidence.uploaded_by
        if user is None:
            return "—"
        if not confidentiality.may_see_reporter(self.viewer):
            return str(confidentiality.OFFICE)
        return user.get_full_name() or user.get_username()

    @admin.display(description=gettext_lazy("ukuran"))
    def size_display(self, evidence):
        return human_size(evidence.size) if evidence.size else "—"

    @admin.display(description="SHA-256")
    def sha256_short(self, evidence):
        if not evidence.sha256:
            return "—"
        return format_html('<code title="{}">{}…</code>', evidence.sha256, evidence.sha256[:16])

    @admin.display(description=gettext_lazy("penarikan"))
    def withdrawal(self, evidence):
        if evidence.withdrawn_at:
            return format_html(
                "<strong>{}</strong> {}<br><small>{}</small>",
                _("Ditarik"),
                wita(evidence.withdrawn_at),
                evidence.withdrawal_reason,
            )
        if self.may_withdraw:
            url = reverse(
                "admin:cases_case_evidence_withdraw", args=[evidence.case_id, evidence.pk]
            )
            return format_html('<a class="button" href="{}">{}</a>', url, _("Tarik"))
        return "—"


class EvidenceUploadInline(AddInline):
    """New evidence (files or links) through ``evidence_add_file`` / ``evidence_add_link``."""

    model = Evidence
    form = case_forms.EvidenceUploadForm
    operation = "evidence_add"
    verbose_name = gettext_lazy("alat bukti baru")
    verbose_name_plural = gettext_lazy("tambah alat bukti (berkas atau tautan)")


INLINES = [
    ReporterInline,
    RespondentInline,
    RespondentAddInline,
    WitnessInline,
    WitnessAddInline,
    ClarificationInline,
    ClarificationAddInline,
    EvidenceInline,
    EvidenceUploadInline,  # last: a file is stored only once the other rows went through
]
