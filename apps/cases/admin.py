"""The investigators' admin for cases (DESIGN §1, §2, §5), in Bahasa Indonesia.

Reads go through ``apps.cases.selectors`` (a case a user may not see is a 404), every workflow
change through ``apps.cases.services.case_transition`` from the action pages in
``apps.cases.views``, evidence through ``apps.cases.evidence`` and the reporter through
``apps.cases.confidentiality``. The list and the case page cost a fixed number of queries
whatever the number of rows (tests/cases/test_admin_queries.py).
"""

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Prefetch, Q
from django.http import Http404
from django.urls import path, reverse
from django.utils import timezone
from django.utils.html import format_html
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from apps.cases import confidentiality, deadlines, services, views, workflow
from apps.cases.evidence import (
    evidence_add_file,
    evidence_add_link,
    evidence_check_file,
    human_size,
)
from apps.cases.models import (
    Case,
    CaseEvent,
    Clarification,
    Election,
    Evidence,
    ForwardingRecipient,
    Holiday,
    Reporter,
    ReporterAccess,
    Respondent,
    SanctionType,
    ViolationForm,
    Witness,
)
from apps.cases.selectors import cases_visible_to
from apps.core import permissions
from apps.core.errors import DomainError, InvalidInput
from apps.personnel import identifiers
from apps.personnel.models import Agency, CivilServant
from apps.training.selectors import case_training_history

EDITABLE = deadlines.DECISION_PENDING
DETAIL_FIELDS = [
    "incident_on",
    "incident_place",
    "kecamatan",
    "village",
    "chronology",
    "violation_forms",
]
# The case's own fields editable in the admin (through ``case_update``), and when.
EDITABLE_FIELDS = {*DETAIL_FIELDS, "conclusion", "received_at", "known_on"}
INTAKE_ONLY_FIELDS = {"received_at", "known_on"}
EVENT_LABELS = {
    "create": gettext_lazy("Dicatat"),
    "assign": gettext_lazy("Penugasan investigator"),
    "evidence_added": gettext_lazy("Alat bukti ditambahkan"),
    "follow_up": gettext_lazy("Tindak lanjut PPK dicatat"),
    "follow_up_corrected": gettext_lazy("Tindak lanjut PPK dikoreksi"),
    "update": gettext_lazy("Data kasus diubah"),
    "reporter_set": gettext_lazy("Identitas pelapor dicatat"),
    "reporter_update": gettext_lazy("Identitas pelapor dikoreksi"),
    "respondent_add": gettext_lazy("Terlapor ditambahkan"),
    "witness_add": gettext_lazy("Saksi ditambahkan"),
    "clarification": gettext_lazy("Klarifikasi dicatat"),
}
EVENT_DATA_LABELS = {
    "number": gettext_lazy("nomor"),
    "investigators": gettext_lazy("investigator"),
    "letter_number": gettext_lazy("surat"),
    "recommended_sanction": gettext_lazy("rekomendasi"),
    "decision_due_at": gettext_lazy("batas keputusan baru"),
    "sanction_type": gettext_lazy("sanksi"),
    "decree_number": gettext_lazy("keputusan"),
    "nip": gettext_lazy("NIP"),
}


def event_label(action: str) -> str:
    spec = workflow.ACTIONS.get(action)
    return str(spec.label if spec else EVENT_LABELS.get(action, action))


def is_assigned(request, case: Case) -> bool:
    """Whether the requesting user handles ``case`` (from the prefetched assignment)."""
    return any(u.pk == request.user.pk for u in case.assigned_investigators.all())


def case_editable(request, case: Case | None) -> bool:
    """Details, people and evidence are edited while the decision is pending, by the handlers."""
    if case is None:
        return True
    if case.status not in EDITABLE:
        return False
    return permissions.is_coordinator(request.user) or (
        permissions.is_investigator(request.user) and is_assigned(request, case)
    )


def next_deadline(case: Case, now) -> deadlines.Deadline | None:
    """The earliest deadline still running (or missed) of an open case."""
    if case.status in workflow.END_STATES:
        return None
    running = [d for d in deadlines.case_deadlines(case, now) if d.state != "met"]
    return min(running, key=lambda d: d.due_at) if running else None


def deadline_badge(deadline: deadlines.Deadline | None):
    """The state and due time, and the legal basis in a disclosure a keyboard or finger opens."""
    if deadline is None:
        return "—"
    return format_html(
        '<span class="deadline deadline-{}">{}</span><br><small>{}: {} WITA</small>'
        '<details class="deadline-basis"><summary>{}</summary><p>{}</p></details>',
        deadline.state,
        deadline.state_label,
        deadline.label,
        f"{deadline.due_at_local:%d-%m-%Y %H.%M}",
        _("Dasar hukum"),
        deadline.basis,
    )


# --- list filters -----------------------------------------------------------------------------


class AssignedToMeFilter(admin.SimpleListFilter):
    title = gettext_lazy("penugasan")
    parameter_name = "ditugaskan"

    def lookups(self, request, model_admin):
        if permissions.is_bawaslu(request.user):
            return [("saya", _("Ditugaskan kepada saya")), ("belum", _("Belum ditugaskan"))]
        return []

    def queryset(self, request, queryset):
        if self.value() == "saya":
            return queryset.filter(assigned_investigators=request.user)
        if self.value() == "belum":
            return queryset.filter(assigned_investigators__isnull=True)
        return queryset


class DeadlineFilter(admin.SimpleListFilter):
    title = gettext_lazy("batas waktu")
    parameter_name = "batas"

    def lookups(self, request, model_admin):
        return [("terlambat", _("Terlambat")), ("segera", _("Segera berakhir"))]

    def queryset(self, request, queryset):
        now = timezone.now()
        if self.value() == "terlambat":
            return queryset.filter(
                Q(status__in=EDITABLE, decision_due_at__lt=now)
                | Q(status=Case.Status.FORWARDED, follow_up_due_at__lt=now)
            )
        if self.value() == "segera":
            soon = now + deadlines.due_soon_window()
            return queryset.filter(
                Q(status__in=EDITABLE, decision_due_at__gte=now, decision_due_at__lt=soon)
                | Q(
                    status=Case.Status.FORWARDED,
                    follow_up_due_at__gte=now,
                    follow_up_due_at__lt=soon,
                )
            )
        return queryset


class AgencyFilter(admin.SimpleListFilter):
    title = gettext_lazy("unit kerja terlapor")
    parameter_name = "unit_kerja"

    def lookups(self, request, model_admin):
        visible = cases_visible_to(request.user)
        used = Respondent.objects.filter(case__in=visible).values("agency_id")
        return [(a.pk, a.name) for a in Agency.objects.filter(pk__in=used).order_by("name")]

    def queryset(self, request, queryset):
        if self.value():
            cases = Respondent.objects.filter(agency_id=self.value()).values("case_id")
            return queryset.filter(pk__in=cases)
        return queryset


# --- refusals: a service's error is shown beside the form row that caused it ------------------


class Refused(Exception):
    """A service refused the row of form ``prefix`` (None: the case form) while saving."""

    def __init__(self, error: DomainError, prefix: str | None):
        super().__init__(error.message)
        self.error, self.prefix = error, prefix


def with_refusal(form_class, request):
    """``form_class`` that, on the second pass after a refusal, carries the service's errors."""
    refused = getattr(request, "_netral_refused", None)
    if refused is None:
        return form_class

    class RefusedForm(form_class):
        def clean(self):
            data = super().clean()
            if self.prefix == refused.prefix:
                for key, texts in refused.error.fields.items():
                    name = key.rsplit(".", 1)[-1]
                    for text in texts:
                        self.add_error(name if name in self.fields else None, text)
                if not refused.error.fields:
                    self.add_error(None, refused.error.message)
            return data

    RefusedForm.__name__ = form_class.__name__
    return RefusedForm


def call_service(prefix: str | None, service, **kwargs):
    try:
        return service(**kwargs)
    except DomainError as error:
        raise Refused(error, prefix) from error


# --- inline forms (checked here so that most mistakes never reach the services) -----------------


class ReporterForm(forms.ModelForm):
    class Meta:
        model = Reporter
        fields = ["name", "nik", "address", "phone", "email", "occupation"]

    def clean_nik(self):
        nik = "".join(ch for ch in self.cleaned_data["nik"] if ch.isdigit())
        if nik:
            identifiers.parse_nik(nik)
        return nik

    def clean_phone(self):
        return identifiers.normalize_phone(self.cleaned_data["phone"])


class RespondentAddForm(forms.ModelForm):
    """A reported person: pick the ASN, or type a NIP (linked when registered), or a name."""

    class Meta:
        model = Respondent
        fields = ["civil_servant", "nip", "name", "position", "golongan", "agency", "agency_name"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["name"].required = False

    def clean(self):
        data = super().clean()
        nip = "".join(ch for ch in data.get("nip") or "" if ch.isdigit())
        registered = data.get("civil_servant") or (
            nip and CivilServant.objects.filter(nip=nip).exists()
        )
        if not registered:
            if nip:
                try:
                    identifiers.parse_nip(nip)
                except ValidationError as nip_error:
                    try:
                        identifiers.parse_pppk_number(nip)
                    except ValidationError:
                        self.add_error("nip", nip_error)
            if not data.get("name"):
                self.add_error("name", _("Nama terlapor wajib diisi bila NIP tidak terdaftar."))
        return data


class WitnessAddForm(forms.ModelForm):
    class Meta:
        model = Witness
        fields = ["name", "phone", "address", "statement"]

    def clean_phone(self):
        return identifiers.normalize_phone(self.cleaned_data["phone"])


class ClarificationAddForm(forms.ModelForm):
    class Meta:
        model = Clarification
        fields = ["person_name", "role", "respondent", "held_at", "attended", "summary"]
        labels = {"respondent": gettext_lazy("Terlapor yang diklarifikasi")}

    def clean_held_at(self):
        held_at = self.cleaned_data["held_at"]
        if held_at and held_at > timezone.now():
            raise ValidationError(_("Waktu klarifikasi tidak boleh di masa depan."))
        return held_at


class EvidenceUploadForm(forms.ModelForm):
    """A new file or link; the file is checked here so a refusal shows beside the field."""

    upload = forms.FileField(label=gettext_lazy("Berkas"), required=False)
    url = forms.URLField(
        label=gettext_lazy("Tautan"), max_length=1000, required=False, assume_scheme="https"
    )

    class Meta:
        model = Evidence
        fields = ["kind", "upload", "url", "captured_at", "description"]

    def clean(self):
        data = super().clean()
        kind, upload = data.get("kind"), data.get("upload")
        if not kind:
            return data
        if kind == Evidence.Kind.LINK:
            if upload:
                self.add_error("upload", _("Tautan tidak disertai berkas; pilih jenis lain."))
            if not data.get("url"):
                self.add_error("url", _("Isi tautan lengkap yang diawali http:// atau https://."))
            if not data.get("captured_at"):
                self.add_error("captured_at", _("Isi kapan tautan ini diambil (tanggal dan jam)."))
            return data
        if not upload:
            self.add_error("upload", _("Pilih berkas yang akan diunggah."))
            return data
        try:
            evidence_check_file(uploaded_file=upload, kind=kind)
        except InvalidInput as refused:
            for key, texts in refused.fields.items():
                for text in texts:
                    self.add_error("upload" if key == "file" else key, text)
        return data


# --- inlines: what is kept is read-only; new rows go through the services ---------------------


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
    """Empty forms for new rows; each saved row is one service call."""

    extra = 0
    can_delete = False
    statuses = EDITABLE

    def get_queryset(self, request):
        return super().get_queryset(request).none()

    def has_view_permission(self, request, obj=None):
        return self.has_add_permission(request, obj)

    def has_add_permission(self, request, obj=None):
        return (
            obj is not None
            and obj.status in self.statuses
            and super().has_add_permission(request, obj)
            and case_editable(request, obj)
        )

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def get_formset(self, request, obj=None, **kwargs):
        formset = super().get_formset(request, obj, **kwargs)
        formset.form = with_refusal(formset.form, request)
        formset.netral_saver = self
        return formset

    def save_rows(self, request, case: Case, formset) -> list:
        return [
            call_service(form.prefix, self.service, **self.arguments(request, case, form))
            for form in formset.forms
            if form.has_changed()
        ]


class ReporterInline(admin.StackedInline):
    """The reporter's identity: Bawaslu roles only; every view is logged (confidentiality)."""

    model = Reporter
    form = ReporterForm
    max_num = 1
    can_delete = False
    verbose_name = gettext_lazy("pelapor (rahasia: hanya Bawaslu)")
    verbose_name_plural = gettext_lazy("pelapor (rahasia: hanya Bawaslu)")

    def has_view_permission(self, request, obj=None):
        return (
            confidentiality.may_see_reporter(request.user)
            and (obj is None or obj.kind == Case.Kind.REPORT)
            and super().has_view_permission(request, obj)
        )

    def has_add_permission(self, request, obj=None):
        return self.has_change_permission(request, obj)

    def has_change_permission(self, request, obj=None):
        return (
            self.has_view_permission(request, obj)
            and obj is not None
            and case_editable(request, obj)
            and request.user.has_perm("cases.change_reporter")
        )

    def has_delete_permission(self, request, obj=None):
        return False

    def get_formset(self, request, obj=None, **kwargs):
        formset = super().get_formset(request, obj, **kwargs)
        formset.form = with_refusal(formset.form, request)
        formset.netral_saver = self
        return formset

    def save_rows(self, request, case: Case, formset) -> list:
        saved = []
        for form in formset.forms:
            if form.has_changed():
                fields = {k: form.cleaned_data[k] for k in ReporterForm.Meta.fields}
                saved.append(
                    call_service(
                        form.prefix, services.reporter_set, case=case, actor=request.user, **fields
                    )
                )
        return saved


class RespondentInline(ListInline):
    model = Respondent
    fields = [
        "name",
        "nip",
        "position",
        "golongan",
        "agency",
        "agency_name",
        "civil_servant",
        "follow_up_summary",
    ]
    readonly_fields = fields

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .select_related("civil_servant", "agency", "follow_up__sanction_type")
        )

    @admin.display(description=gettext_lazy("tindak lanjut PPK"))
    def follow_up_summary(self, respondent):
        follow_up = getattr(respondent, "follow_up", None)
        if follow_up is None:
            return "—"
        decree = follow_up.decree_number or follow_up.reason
        return f"{follow_up.sanction_type} ({decree})" if decree else str(follow_up.sanction_type)


class RespondentAddInline(AddInline):
    model = Respondent
    form = RespondentAddForm
    autocomplete_fields = ["civil_servant", "agency"]
    verbose_name = gettext_lazy("terlapor baru")
    verbose_name_plural = gettext_lazy("tambah terlapor")
    service = staticmethod(services.respondent_add)

    def arguments(self, request, case, form) -> dict:
        fields = {k: v for k, v in form.cleaned_data.items() if k in RespondentAddForm.Meta.fields}
        return {"case": case, "actor": request.user, **fields}


class WitnessInline(ListInline):
    model = Witness
    fields = ["name", "phone", "address", "statement"]
    readonly_fields = fields


class WitnessAddInline(AddInline):
    model = Witness
    form = WitnessAddForm
    verbose_name = gettext_lazy("saksi baru")
    verbose_name_plural = gettext_lazy("tambah saksi")
    service = staticmethod(services.witness_add)

    def arguments(self, request, case, form) -> dict:
        fields = {k: form.cleaned_data[k] for k in WitnessAddForm.Meta.fields}
        return {"case": case, "actor": request.user, **fields}


class ClarificationInline(ListInline):
    model = Clarification
    fields = ["person_name", "role", "respondent_display", "held_at", "attended", "summary"]
    readonly_fields = fields

    def get_queryset(self, request):
        queryset = super().get_queryset(request).select_related("respondent")
        if not confidentiality.may_see_reporter(request.user):
            # A reporter's clarification would reveal them (Perbawaslu 1/2022).
            queryset = queryset.exclude(role=Clarification.Role.REPORTER)
        return queryset

    @admin.display(description=gettext_lazy("terlapor yang diklarifikasi"))
    def respondent_display(self, clarification):
        return str(clarification.respondent) if clarification.respondent_id else "—"


class ClarificationAddInline(AddInline):
    model = Clarification
    form = ClarificationAddForm
    statuses = services.CLARIFICATION_STATUSES
    verbose_name = gettext_lazy("klarifikasi baru")
    verbose_name_plural = gettext_lazy("catat klarifikasi")
    service = staticmethod(services.clarification_record)

    def get_formset(self, request, obj=None, **kwargs):
        formset = super().get_formset(request, obj, **kwargs)
        respondents = Respondent.objects.filter(case=obj) if obj else Respondent.objects.none()
        choices = [("", "---------")] + [(r.pk, str(r)) for r in respondents]
        base = formset.form

        class Form(base):
            def __init__(self, *args, **kwargs):
                super().__init__(*args, **kwargs)
                # One query for every row: the case's respondents, not all of them.
                self.fields["respondent"].queryset = respondents
                self.fields["respondent"].choices = choices

        Form.__name__ = base.__name__
        formset.form = Form
        return formset

    def arguments(self, request, case, form) -> dict:
        fields = {k: form.cleaned_data[k] for k in ClarificationAddForm.Meta.fields}
        return {"case": case, "actor": request.user, **fields}


class EvidenceInline(admin.TabularInline):
    """The evidence already kept: read-only, with the hash and a download through the view."""

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
    ]
    readonly_fields = fields
    verbose_name_plural = gettext_lazy("alat bukti")

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("uploaded_by")

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    @admin.display(description=gettext_lazy("berkas / tautan"))
    def download(self, evidence):
        if evidence.file:
            url = reverse("cases:evidence-download", args=[evidence.pk])
            return format_html('<a href="{}">{}</a>', url, evidence.original_name or _("unduh"))
        if evidence.url:
            captured = timezone.localtime(evidence.captured_at) if evidence.captured_at else None
            when = f" ({captured:%d-%m-%Y %H.%M} WITA)" if captured else ""
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
        return (user.get_full_name() or user.get_username()) if user else "—"

    @admin.display(description=gettext_lazy("ukuran"))
    def size_display(self, evidence):
        return human_size(evidence.size) if evidence.size else "—"

    @admin.display(description="SHA-256")
    def sha256_short(self, evidence):
        if not evidence.sha256:
            return "—"
        return format_html('<code title="{}">{}…</code>', evidence.sha256, evidence.sha256[:16])


class EvidenceUploadInline(AddInline):
    """New evidence: each row goes through ``evidence_add_file`` / ``evidence_add_link``."""

    model = Evidence
    form = EvidenceUploadForm
    verbose_name = gettext_lazy("alat bukti baru")
    verbose_name_plural = gettext_lazy("tambah alat bukti (berkas atau tautan)")

    def service(self, *, case, actor, kind, upload, url, captured_at, description):
        if kind == Evidence.Kind.LINK:
            return evidence_add_link(
                case=case, url=url, captured_at=captured_at, description=description, actor=actor
            )
        return evidence_add_file(
            case=case, uploaded_file=upload, kind=kind, description=description, actor=actor
        )

    def arguments(self, request, case, form) -> dict:
        fields = {k: form.cleaned_data.get(k) for k in EvidenceUploadForm.Meta.fields}
        fields["description"] = fields["description"] or ""
        return {"case": case, "actor": request.user, **fields}


# --- cases ------------------------------------------------------------------------------------


@admin.register(Case)
class CaseAdmin(admin.ModelAdmin):
    list_display = [
        "display_number",
        "status",
        "kind",
        "respondent_names",
        "kecamatan_name",
        "next_deadline_display",
    ]
    list_display_links = ["display_number"]
    list_filter = [
        "status",
        "kind",
        "election",
        "violation_forms",
        "kecamatan",
        AgencyFilter,
        DeadlineFilter,
        AssignedToMeFilter,
    ]
    search_fields = ["number", "respondents__name", "=respondents__nip"]
    search_help_text = gettext_lazy("Cari nomor register, nama terlapor atau NIP terlapor.")
    list_select_related = ["election", "kecamatan"]
    sortable_by = ["display_number", "status", "kind"]
    show_full_result_count = False
    show_facets = admin.ShowFacets.NEVER
    list_per_page = 50
    actions = None
    autocomplete_fields = ["kecamatan", "village"]
    inlines = [
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
    fieldsets = [
        (
            gettext_lazy("Kasus"),
            {
                "fields": [
                    "number",
                    "kind",
                    "election",
                    "status",
                    "received_at",
                    "known_on",
                    "registered_at",
                    "assigned_display",
                ]
            },
        ),
        (gettext_lazy("Kejadian"), {"fields": DETAIL_FIELDS}),
        (
            gettext_lazy("Keputusan"),
            {
                "fields": [
                    "extended_at",
                    "decided_at",
                    "reason_code",
                    "closing_reason",
                    "conclusion",
                    "forwarded_at",
                    "closed_at",
                ]
            },
        ),
    ]
    change_form_template = "admin/cases/case/change_form.html"
    change_list_template = "admin/cases/case/change_list.html"

    # --- querysets and permissions ---

    def get_queryset(self, request):
        return (
            cases_visible_to(request.user)
            .select_related("election", "kecamatan", "village")
            .prefetch_related(
                Prefetch(
                    "respondents", queryset=Respondent.objects.only("id", "case", "name", "nip")
                ),
                "assigned_investigators",
            )
        )

    def get_object(self, request, object_id, from_field=None):
        case = super().get_object(request, object_id, from_field)
        if case is None:
            raise Http404(_("Kasus tidak ditemukan."))
        return case

    def has_add_permission(self, request):
        return permissions.is_bawaslu(request.user) and super().has_add_permission(request)

    def has_change_permission(self, request, obj=None):
        if not super().has_change_permission(request, obj):
            return False
        return obj is None or case_editable(request, obj)

    def has_delete_permission(self, request, obj=None):
        return False

    def get_readonly_fields(self, request, obj=None):
        editable = set(EDITABLE_FIELDS)
        if obj is not None and obj.status != Case.Status.RECEIVED:
            editable -= INTAKE_ONLY_FIELDS
        fields = [f for _title, options in self.fieldsets for f in options["fields"]]
        return [f for f in fields if f not in editable]

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        if db_field.name == "violation_forms":
            kwargs["widget"] = forms.CheckboxSelectMultiple
            kwargs["queryset"] = ViolationForm.objects.filter(is_active=True)
        return super().formfield_for_manytomany(db_field, request, **kwargs)

    # --- list columns ---

    @admin.display(description=gettext_lazy("nomor register"), ordering="number")
    def display_number(self, case):
        return str(case)

    @admin.display(description=gettext_lazy("terlapor"))
    def respondent_names(self, case):
        return ", ".join(r.name for r in case.respondents.all()) or "—"

    @admin.display(description=gettext_lazy("kecamatan"))
    def kecamatan_name(self, case):
        return case.kecamatan.name if case.kecamatan else "—"

    @admin.display(description=gettext_lazy("batas waktu berikutnya"))
    def next_deadline_display(self, case):
        return deadline_badge(next_deadline(case, timezone.now()))

    @admin.display(description=gettext_lazy("investigator"))
    def assigned_display(self, case):
        names = [u.get_full_name() or u.get_username() for u in case.assigned_investigators.all()]
        return ", ".join(names) or _("belum ditugaskan")

    # --- the case page ---

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        if obj is not None:
            context.update(self.case_context(request, obj))
        context["show_save_and_add_another"] = False
        return super().render_change_form(request, context, add, change, form_url, obj)

    def case_context(self, request, case: Case) -> dict:
        context = {
            "deadlines": deadlines.case_deadlines(case, timezone.now()),
            "actions": [
                (name, workflow.ACTIONS[name].label)
                for name in workflow.available_actions(case, request.user)
            ],
            "may_assign": permissions.is_coordinator(request.user)
            and case.status not in workflow.END_STATES,
            "may_see_history": confidentiality.may_see_reporter(request.user),
            "timeline": self.timeline(case),
            "forwarding": getattr(case, "forwarding", None)
            if case.status in (Case.Status.FORWARDED, Case.Status.CLOSED)
            else None,
            "follow_ups": self.follow_ups(request, case),
            "training_history": case_training_history(case),
        }
        if case.kind == Case.Kind.REPORT:
            confidentiality.reporter_for(request.user, case, confidentiality.CHANNEL_ADMIN)
        return context

    def timeline(self, case: Case) -> list[dict]:
        events = CaseEvent.objects.filter(case=case).select_related("actor").order_by("at", "id")
        return [
            {
                "at": event.at,
                "label": event_label(event.action),
                "from": Case.Status(event.from_status).label if event.from_status else "",
                "to": Case.Status(event.to_status).label if event.to_status else "",
                "actor": (event.actor.get_full_name() or event.actor.get_username())
                if event.actor
                else _("sistem"),
                "note": event.note,
                "details": [
                    (EVENT_DATA_LABELS[k], ", ".join(v) if isinstance(v, list) else v)
                    for k, v in event.data.items()
                    if k in EVENT_DATA_LABELS and v
                ],
            }
            for event in events
        ]

    def follow_ups(self, request, case: Case) -> list[dict]:
        if case.status not in (Case.Status.FORWARDED, Case.Status.CLOSED):
            return []
        may_record = case.status == Case.Status.FORWARDED and views.may_record_follow_up(
            request.user
        )
        respondents = Respondent.objects.filter(case=case).select_related(
            "follow_up__sanction_type"
        )
        return [
            {
                "respondent": r,
                "follow_up": getattr(r, "follow_up", None),
                "url": reverse("admin:cases_case_followup", args=[case.pk, r.pk])
                if may_record
                else "",
            }
            for r in respondents
        ]

    def history_view(self, request, object_id, extra_context=None):
        # The change history names people heard in clarifications; Bawaslu only.
        if not confidentiality.may_see_reporter(request.user):
            raise PermissionDenied
        return super().history_view(request, object_id, extra_context)

    # --- saving: every change is a service call; a refusal re-shows the form with its errors ---

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        try:
            return super().changeform_view(request, object_id, form_url, extra_context)
        except Refused as refused:
            # The transaction was rolled back; show the same form again with the refusal.
            request._netral_refused = refused
            messages.error(request, refused.error.message)
            return super().changeform_view(request, object_id, form_url, extra_context)

    def get_form(self, request, obj=None, change=False, **kwargs):
        return with_refusal(super().get_form(request, obj, change, **kwargs), request)

    def save_model(self, request, obj, form, change):
        changes = {
            name: form.cleaned_data[name]
            for name in form.changed_data
            if name in services.EDITABLE_FIELDS
        }
        if "violation_forms" in changes:
            changes["violation_forms"] = list(changes["violation_forms"])
        if changes:
            call_service(None, services.case_update, case=obj, actor=request.user, **changes)

    def save_related(self, request, form, formsets, change):
        # Not form.save_m2m(): the violation forms went through case_update.
        for formset in formsets:
            self.save_formset(request, form, formset, change)

    def save_formset(self, request, form, formset, change):
        saver = getattr(formset, "netral_saver", None)
        saved = saver.save_rows(request, form.instance, formset) if saver else []
        formset.new_objects, formset.changed_objects, formset.deleted_objects = saved, [], []

    def construct_change_message(self, request, form, formsets, add=False):
        message = super().construct_change_message(request, form, formsets, add)
        hidden = {
            str(obj)
            for formset in formsets or []
            for obj in [*formset.new_objects, *(o for o, _f in formset.changed_objects)]
            if isinstance(obj, Clarification) and obj.role == Clarification.Role.REPORTER
        }
        for entry in message:
            for body in entry.values():
                if body.get("object") in hidden:
                    body["object"] = "Pelapor (identitas dirahasiakan)"
        return message

    # --- the intake and action pages ---

    def get_urls(self):
        wrap = self.admin_site.admin_view
        return [
            path(
                "<path:object_id>/action/<str:action>/",
                wrap(self.action_view),
                name="cases_case_action",
            ),
            path("<path:object_id>/assign/", wrap(self.assign_view), name="cases_case_assign"),
            path(
                "<path:object_id>/followup/<int:respondent_id>/",
                wrap(self.followup_view),
                name="cases_case_followup",
            ),
            *super().get_urls(),
        ]

    def add_view(self, request, form_url="", extra_context=None):
        if not self.has_add_permission(request):
            raise PermissionDenied
        return views.case_intake_view(request, self)

    def action_view(self, request, object_id, action):
        return views.case_action_view(request, self, self.get_object(request, object_id), action)

    def assign_view(self, request, object_id):
        return views.case_assign_view(request, self, self.get_object(request, object_id))

    def followup_view(self, request, object_id, respondent_id):
        case = self.get_object(request, object_id)
        return views.followup_view(request, self, case, respondent_id)


# --- the event log and the reporter access log: read-only for everyone -----------------------


class ReadOnlyAdmin(admin.ModelAdmin):
    actions = None

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class EventActionFilter(admin.SimpleListFilter):
    title = gettext_lazy("tindakan")
    parameter_name = "tindakan"

    def lookups(self, request, model_admin):
        events = model_admin.get_queryset(request).order_by()
        actions = events.values_list("action", flat=True).distinct()
        return sorted(((a, event_label(a)) for a in actions), key=lambda pair: pair[1])

    def queryset(self, request, queryset):
        return queryset.filter(action=self.value()) if self.value() else queryset


@admin.register(CaseEvent)
class CaseEventAdmin(ReadOnlyAdmin):
    list_display = ["at", "case_display", "action_label", "status_change", "actor_display", "note"]
    list_filter = [EventActionFilter]
    search_fields = ["case__number"]
    list_select_related = ["case", "actor"]
    ordering = ["-at", "-id"]
    fields = [
        "case_display",
        "at",
        "action_label",
        "status_change",
        "actor_display",
        "note",
        "data",
    ]
    readonly_fields = fields
    show_full_result_count = False
    show_facets = admin.ShowFacets.NEVER

    def get_queryset(self, request):
        return super().get_queryset(request).filter(case__in=cases_visible_to(request.user))

    @admin.display(description=gettext_lazy("tindakan"), ordering="action")
    def action_label(self, event):
        return event_label(event.action)

    @admin.display(description=gettext_lazy("kasus"), ordering="case__number")
    def case_display(self, event):
        return str(event.case)

    @admin.display(description=gettext_lazy("oleh"))
    def actor_display(self, event):
        user = event.actor
        return (user.get_full_name() or user.get_username()) if user else _("sistem")

    @admin.display(description=gettext_lazy("status"))
    def status_change(self, event):
        before = Case.Status(event.from_status).label if event.from_status else ""
        after = Case.Status(event.to_status).label if event.to_status else ""
        if before and after and before != after:
            return f"{before} → {after}"
        return after or "—"


@admin.register(ReporterAccess)
class ReporterAccessAdmin(ReadOnlyAdmin):
    list_display = ["accessed_at", "case", "user", "channel"]
    list_filter = ["channel"]
    search_fields = ["case__number", "user__username"]
    list_select_related = ["case", "user"]
    fields = ["accessed_at", "case", "user", "channel"]
    readonly_fields = fields
    show_full_result_count = False


# --- reference data -----------------------------------------------------------------------------


@admin.register(Election)
class ElectionAdmin(admin.ModelAdmin):
    list_display = [
        "name",
        "regime",
        "voting_on",
        "decision_days",
        "decision_day_type",
        "is_active",
    ]
    list_filter = ["regime", "is_active"]
    search_fields = ["code", "name"]

    def save_model(self, request, obj, form, change):
        if not change:
            return super().save_model(request, obj, form, change)
        changes = {name: form.cleaned_data[name] for name in form.changed_data}
        services.election_update(election=obj, actor=request.user, **changes)
        messages.info(request, _("Batas waktu kasus terbuka pada pemilihan ini dihitung ulang."))
        return None


@admin.register(ViolationForm)
class ViolationFormAdmin(admin.ModelAdmin):
    list_display = ["position", "name", "default_severity", "is_active"]
    list_display_links = ["name"]
    list_filter = ["default_severity", "is_active"]
    search_fields = ["code", "name"]


@admin.register(SanctionType)
class SanctionTypeAdmin(admin.ModelAdmin):
    list_display = ["position", "name", "category", "regulation", "is_active"]
    list_display_links = ["name"]
    list_filter = ["category", "is_active"]
    search_fields = ["code", "name"]


@admin.register(ForwardingRecipient)
class ForwardingRecipientAdmin(admin.ModelAdmin):
    list_display = ["position", "name", "is_default", "is_active"]
    list_display_links = ["name"]
    list_filter = ["is_active"]


class HolidayForm(forms.ModelForm):
    class Meta:
        model = Holiday
        fields = ["date", "name"]


@admin.register(Holiday)
class HolidayAdmin(admin.ModelAdmin):
    """Added days off; adding or removing one recomputes the open cases' deadlines."""

    form = HolidayForm
    list_display = ["date", "name", "created_by", "created_at"]
    list_select_related = ["created_by"]
    search_fields = ["name"]
    date_hierarchy = "date"

    def has_change_permission(self, request, obj=None):
        return False

    def get_readonly_fields(self, request, obj=None):
        return ["date", "name"] if obj else []

    def save_model(self, request, obj, form, change):
        try:
            holiday = services.holiday_add(date=obj.date, name=obj.name, actor=request.user)
        except DomainError as refused:
            raise PermissionDenied(refused.message) from refused
        obj.pk = holiday.pk

    def delete_model(self, request, obj):
        services.holiday_remove(holiday=obj, actor=request.user)

    def delete_queryset(self, request, queryset):
        for holiday in queryset:
            services.holiday_remove(holiday=holiday, actor=request.user)
