"""Views of cases outside the model admin's own pages: the evidence download, and the admin's
intake, workflow-action, assignment and follow-up pages. Each one reads through the selectors and
writes through one service; a service's refusal is shown as a message beside the form.
"""

from django import forms
from django.contrib import messages
from django.contrib.admin import widgets as admin_widgets
from django.contrib.auth import get_user_model
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404, HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET

from apps.cases import services, workflow
from apps.cases.models import (
    Case,
    Evidence,
    ForwardingRecipient,
    Respondent,
    SanctionType,
    Severity,
)
from apps.cases.selectors import cases_visible_to
from apps.core import permissions, roles
from apps.core.errors import DomainError
from apps.personnel.models import Agency, Region

# --- evidence download ------------------------------------------------------------------------


@login_required
@require_GET
def evidence_download(request, pk: int):
    """Stream one evidence file to a user who may see its case; everyone else gets 404."""
    evidence = (
        Evidence.objects.filter(case__in=cases_visible_to(request.user))
        .exclude(file="")
        .filter(pk=pk)
        .first()
    )
    if evidence is None:
        raise Http404(_("Alat bukti tidak ditemukan."))
    try:
        handle = evidence.file.open("rb")
    except FileNotFoundError:
        raise Http404(_("Berkas alat bukti tidak ditemukan di penyimpanan.")) from None
    response = FileResponse(
        handle,
        as_attachment=True,
        filename=evidence.original_name or evidence.file.name.rsplit("/", 1)[-1],
        content_type=evidence.content_type or "application/octet-stream",
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    return response


# --- helpers shared by the admin pages --------------------------------------------------------


def show_error(request, error: DomainError, form: forms.Form | None = None, prefix: str = ""):
    """Put a service's refusal beside the fields it names, and the rest at the top as messages."""
    leftover = []
    for key, texts in error.fields.items():
        name = key.removeprefix(prefix) if prefix else key
        if form is not None and name in form.fields:
            for text in texts:
                form.add_error(name, text)
        else:
            leftover += texts
    if not error.fields or leftover:
        for text in [error.message, *leftover] if error.fields else [error.message]:
            messages.error(request, text)


def admin_page(request, model_admin, case, template: str, context: dict):
    opts = model_admin.model._meta
    base = {
        **model_admin.admin_site.each_context(request),
        "opts": opts,
        "original": case,
        "case": case,
        "has_view_permission": True,
        "change_url": reverse("admin:cases_case_change", args=[case.pk]) if case else "",
    }
    return TemplateResponse(request, template, {**base, **context})


def back_to_case(case: Case) -> HttpResponseRedirect:
    return HttpResponseRedirect(reverse("admin:cases_case_change", args=[case.pk]))


def textarea(rows: int = 3) -> forms.Textarea:
    return forms.Textarea(attrs={"rows": rows, "cols": 80})


# --- workflow actions -------------------------------------------------------------------------

REASON_CODES = {
    "reject": [
        Case.ReasonCode.FORMAL_UNMET,
        Case.ReasonCode.MATERIAL_UNMET,
        Case.ReasonCode.EXPIRED,
        Case.ReasonCode.NOT_ELECTION,
    ],
    "dismiss": [Case.ReasonCode.NOT_PROVEN, Case.ReasonCode.NOT_NEUTRALITY],
}
SEVERITY_ORDER = [
    Severity.ETHICS,
    Severity.LIGHT,
    Severity.MEDIUM,
    Severity.HEAVY,
    Severity.DISMISSAL,
]


def _reason_code_field(action: str) -> forms.Field:
    codes = REASON_CODES.get(action) or list(Case.ReasonCode)
    return forms.ChoiceField(choices=[("", "---------")] + [(c.value, c.label) for c in codes])


def action_field(name: str, action: str) -> forms.Field:
    """The form field for one of a workflow action's inputs."""
    if name == "reason_code":
        return _reason_code_field(action)
    if name == "recipients":
        return forms.ModelMultipleChoiceField(
            queryset=ForwardingRecipient.objects.filter(is_active=True),
            widget=forms.CheckboxSelectMultiple,
        )
    if name == "letter_date":
        return forms.DateField(widget=admin_widgets.AdminDateWidget)
    if name == "recommended_sanction":
        return forms.ChoiceField(choices=[("", "---------"), *Severity.choices])
    if name == "letter_number":
        return forms.CharField(max_length=100)
    return forms.CharField(widget=textarea())


def action_form_class(spec: workflow.Action) -> type[forms.Form]:
    fields = {}
    for name in (*spec.required, *spec.optional):
        field = action_field(name, spec.name)
        field.required = name in spec.required
        field.label = workflow.FIELD_LABELS.get(name, name)
        fields[name] = field
    return type(f"{spec.name.title()}Form", (forms.Form,), fields)


def action_initial(spec: workflow.Action, case: Case) -> dict:
    initial = {}
    if "recipients" in spec.accepted_fields:
        initial["recipients"] = list(
            ForwardingRecipient.objects.filter(is_active=True, is_default=True)
        )
    if "recommended_sanction" in spec.accepted_fields:
        found = set(case.violation_forms.values_list("default_severity", flat=True))
        ranked = [s for s in SEVERITY_ORDER if s in found]
        if ranked:
            initial["recommended_sanction"] = ranked[-1]
    if "conclusion" in spec.accepted_fields and case.conclusion:
        initial["conclusion"] = case.conclusion
    return initial


def _filled(value) -> bool:
    if value is None:
        return False
    if isinstance(value, str):
        return bool(value.strip())
    if hasattr(value, "exists") or isinstance(value, list | tuple | set):
        return bool(len(value))
    return True


def case_action_view(request, model_admin, case: Case, action: str):
    """A form with the action's inputs; POST performs it through ``case_transition``."""
    if action not in workflow.ACTIONS:
        raise Http404(_("Tindakan tidak dikenal."))
    spec = workflow.ACTIONS[action]
    if action not in workflow.available_actions(case, request.user):
        try:
            workflow.check_actor(spec, case, request.user)
            workflow.check_state(spec, case)
        except DomainError as refused:
            messages.error(request, refused.message)
        return back_to_case(case)
    Form = action_form_class(spec)
    if request.method == "POST":
        form = Form(request.POST)
        if form.is_valid():
            fields = {k: v for k, v in form.cleaned_data.items() if _filled(v)}
            if "recipients" in fields:
                fields["recipients"] = list(fields["recipients"])
            try:
                done = services.case_transition(
                    case_id=case.pk, action=action, actor=request.user, **fields
                )
            except DomainError as refused:
                show_error(request, refused, form)
            else:
                text = _("%(action)s berhasil: kasus %(case)s kini berstatus %(status)s.") % {
                    "action": spec.label,
                    "case": done,
                    "status": done.get_status_display(),
                }
                messages.success(request, text)
                model_admin.log_change(request, done, [{"changed": {"fields": [str(spec.label)]}}])
                return back_to_case(done)
    else:
        form = Form(initial=action_initial(spec, case))
    return admin_page(
        request,
        model_admin,
        case,
        "admin/cases/case/action_form.html",
        {
            "title": f"{spec.label}: {case}",
            "spec": spec,
            "form": form,
            "media": model_admin.media + form.media,
            "submit_label": spec.label,
        },
    )


# --- assignment -------------------------------------------------------------------------------


class AssignForm(forms.Form):
    investigators = forms.ModelMultipleChoiceField(
        label=gettext_lazy("Investigator"),
        queryset=get_user_model().objects.none(),
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    note = forms.CharField(label=gettext_lazy("Catatan"), required=False, widget=textarea(2))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["investigators"].queryset = (
            get_user_model()
            .objects.filter(groups__name=roles.INVESTIGATOR, is_active=True)
            .order_by("username")
        )
        self.fields["investigators"].label_from_instance = lambda user: (
            user.get_full_name() or user.get_username()
        )


def case_assign_view(request, model_admin, case: Case):
    """The coordinator picks who handles the case; ``case_assign`` replaces the assignment."""
    if not permissions.is_coordinator(request.user):
        raise PermissionDenied
    if request.method == "POST":
        form = AssignForm(request.POST)
        if form.is_valid():
            try:
                services.case_assign(
                    case=case,
                    investigators=form.cleaned_data["investigators"],
                    actor=request.user,
                    note=form.cleaned_data["note"],
                )
            except DomainError as refused:
                show_error(request, refused, form)
            else:
                messages.success(request, _("Penugasan investigator disimpan."))
                model_admin.log_change(
                    request, case, [{"changed": {"fields": [str(_("investigator"))]}}]
                )
                return back_to_case(case)
    else:
        form = AssignForm(initial={"investigators": list(case.assigned_investigators.all())})
    return admin_page(
        request,
        model_admin,
        case,
        "admin/cases/case/action_form.html",
        {
            "title": _("Tugaskan investigator: %(case)s") % {"case": case},
            "form": form,
            "media": model_admin.media + form.media,
            "submit_label": _("Simpan penugasan"),
        },
    )


# --- PPK follow-up (BKPSDM) -------------------------------------------------------------------


class FollowUpForm(forms.Form):
    sanction_type = forms.ModelChoiceField(
        label=gettext_lazy("Jenis sanksi"),
        queryset=SanctionType.objects.filter(is_active=True),
        help_text=gettext_lazy("Pilih 'tidak dijatuhi sanksi' bila PPK tidak menjatuhkan sanksi."),
    )
    decree_number = forms.CharField(
        label=gettext_lazy("Nomor keputusan"), max_length=100, required=False
    )
    decree_date = forms.DateField(
        label=gettext_lazy("Tanggal keputusan"),
        required=False,
        widget=admin_widgets.AdminDateWidget,
    )
    effective_from = forms.DateField(
        label=gettext_lazy("Berlaku mulai"), required=False, widget=admin_widgets.AdminDateWidget
    )
    effective_until = forms.DateField(
        label=gettext_lazy("Berlaku sampai"), required=False, widget=admin_widgets.AdminDateWidget
    )
    reason = forms.CharField(
        label=gettext_lazy("Alasan / catatan"),
        required=False,
        widget=textarea(),
        help_text=gettext_lazy("Wajib bila tidak dijatuhi sanksi."),
    )


def may_record_follow_up(user) -> bool:
    return permissions.is_bkpsdm(user) or permissions.is_coordinator(user)


def followup_view(request, model_admin, case: Case, respondent_id: int):
    """Record the PPK's follow-up for one respondent of a forwarded case (``followup_record``)."""
    respondent = (
        Respondent.objects.select_related("follow_up").filter(case=case, pk=respondent_id).first()
    )
    if respondent is None:
        raise Http404(_("Terlapor tidak ditemukan."))
    if not may_record_follow_up(request.user):
        raise PermissionDenied
    if case.status != Case.Status.FORWARDED:
        messages.error(
            request,
            _("Tindak lanjut hanya dapat dicatat pada kasus berstatus Diteruskan, bukan %(s)s.")
            % {"s": case.get_status_display()},
        )
        return back_to_case(case)
    existing = getattr(respondent, "follow_up", None)
    if request.method == "POST":
        form = FollowUpForm(request.POST)
        if form.is_valid():
            try:
                services.followup_record(
                    respondent=respondent, actor=request.user, **form.cleaned_data
                )
            except DomainError as refused:
                show_error(request, refused, form)
            else:
                messages.success(
                    request,
                    _("Tindak lanjut untuk %(name)s dicatat.") % {"name": respondent.name},
                )
                return back_to_case(case)
    else:
        initial = {}
        if existing is not None:
            initial = {name: getattr(existing, name) for name in FollowUpForm.base_fields}
        form = FollowUpForm(initial=initial)
    return admin_page(
        request,
        model_admin,
        case,
        "admin/cases/case/action_form.html",
        {
            "title": _("Tindak lanjut PPK: %(name)s") % {"name": respondent},
            "form": form,
            "media": model_admin.media + form.media,
            "submit_label": _("Simpan tindak lanjut"),
        },
    )


# --- intake: a new laporan or temuan ----------------------------------------------------------


class IntakeForm(forms.Form):
    kind = forms.ChoiceField(label=gettext_lazy("Jenis"), choices=Case.Kind.choices)
    election = forms.ModelChoiceField(
        label=gettext_lazy("Pemilihan"), queryset=None, empty_label=None
    )
    received_at = forms.SplitDateTimeField(
        label=gettext_lazy("Diterima"), widget=admin_widgets.AdminSplitDateTime
    )
    known_on = forms.DateField(
        label=gettext_lazy("Diketahui pada"),
        widget=admin_widgets.AdminDateWidget,
        help_text=gettext_lazy(
            "Tanggal pelanggaran diketahui; batas waktu pelaporan dihitung dari sini."
        ),
    )
    incident_on = forms.DateField(
        label=gettext_lazy("Tanggal kejadian"), required=False, widget=admin_widgets.AdminDateWidget
    )
    incident_place = forms.CharField(
        label=gettext_lazy("Tempat kejadian"), max_length=255, required=False
    )
    kecamatan = forms.ModelChoiceField(
        label=gettext_lazy("Kecamatan"), queryset=None, required=False
    )
    chronology = forms.CharField(
        label=gettext_lazy("Kronologi"), required=False, widget=textarea(6)
    )
    violation_forms = forms.ModelMultipleChoiceField(
        label=gettext_lazy("Bentuk pelanggaran"),
        queryset=None,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args, **kwargs):
        from apps.cases.models import Election, ViolationForm

        super().__init__(*args, **kwargs)
        self.fields["election"].queryset = Election.objects.filter(is_active=True)
        self.fields["kecamatan"].queryset = Region.objects.filter(level=Region.Level.KECAMATAN)
        self.fields["violation_forms"].queryset = ViolationForm.objects.filter(is_active=True)


class ReporterForm(forms.Form):
    name = forms.CharField(label=gettext_lazy("Nama pelapor"), max_length=200, required=False)
    nik = forms.CharField(label=gettext_lazy("NIK"), max_length=16, required=False)
    address = forms.CharField(label=gettext_lazy("Alamat"), required=False, widget=textarea(2))
    phone = forms.CharField(label=gettext_lazy("Telepon"), max_length=20, required=False)
    email = forms.EmailField(label=gettext_lazy("E-mail"), required=False)
    occupation = forms.CharField(label=gettext_lazy("Pekerjaan"), max_length=100, required=False)


class RespondentForm(forms.Form):
    nip = forms.CharField(
        label=gettext_lazy("NIP / NI PPPK"),
        max_length=18,
        required=False,
        help_text=gettext_lazy("Bila terdaftar, nama, jabatan dan unit kerja diisi dari data ASN."),
    )
    name = forms.CharField(label=gettext_lazy("Nama"), max_length=200, required=False)
    position = forms.CharField(label=gettext_lazy("Jabatan"), max_length=200, required=False)
    agency = forms.ModelChoiceField(
        label=gettext_lazy("Unit kerja"), queryset=Agency.objects.none(), required=False
    )

    def __init__(self, *args, agencies=None, **kwargs):
        super().__init__(*args, **kwargs)
        if agencies is not None:
            self.fields["agency"].queryset = Agency.objects.filter(is_active=True)
            self.fields["agency"].choices = agencies


class WitnessForm(forms.Form):
    name = forms.CharField(label=gettext_lazy("Nama saksi"), max_length=200, required=False)
    phone = forms.CharField(label=gettext_lazy("Telepon"), max_length=20, required=False)
    address = forms.CharField(label=gettext_lazy("Alamat"), required=False, widget=textarea(2))
    statement = forms.CharField(
        label=gettext_lazy("Keterangan"), required=False, widget=textarea(2)
    )


RespondentFormSet = forms.formset_factory(RespondentForm, extra=3)
WitnessFormSet = forms.formset_factory(WitnessForm, extra=2)


def _rows(formset) -> list[tuple[forms.Form, dict]]:
    return [
        (form, {k: v for k, v in form.cleaned_data.items() if v not in (None, "")})
        for form in formset.forms
        if form.has_changed() and any(v not in (None, "") for v in form.cleaned_data.values())
    ]


def _show_intake_error(request, error, case_form, reporter_form, respondent_rows, witness_rows):
    routed: dict[str, list[str]] = {}
    for key, texts in error.fields.items():
        head, _dot, field = key.partition(".")
        target = None
        if head == "reporter":
            target, field = reporter_form, field or "name"
        elif head.startswith(("respondents[", "witnesses[")):
            rows = respondent_rows if head.startswith("respondents") else witness_rows
            index = int(head[head.index("[") + 1 : head.index("]")])
            target = rows[index][0] if index < len(rows) else None
        elif key in case_form.fields:
            target, field = case_form, key
        if target is not None and field in target.fields:
            for text in texts:
                target.add_error(field, text)
        else:
            routed.setdefault(key, []).extend(texts)
    messages.error(request, error.message)
    for texts in routed.values():
        for text in texts:
            messages.error(request, text)


def case_intake_view(request, model_admin):
    """Log a new laporan or temuan through ``case_create``; evidence follows on the case page."""
    agencies = [("", "---------")] + [
        (a.pk, a.name) for a in Agency.objects.filter(is_active=True).order_by("name")
    ]
    data = request.POST if request.method == "POST" else None
    case_form = IntakeForm(data, initial={"kind": Case.Kind.REPORT})
    reporter_form = ReporterForm(data, prefix="reporter")
    respondents = RespondentFormSet(data, prefix="respondents", form_kwargs={"agencies": agencies})
    witnesses = WitnessFormSet(data, prefix="witnesses")
    if request.method == "POST" and all(
        f.is_valid() for f in (case_form, reporter_form, respondents, witnesses)
    ):
        respondent_rows, witness_rows = _rows(respondents), _rows(witnesses)
        reporter = {k: v for k, v in reporter_form.cleaned_data.items() if v}
        fields = dict(case_form.cleaned_data)
        fields["violation_forms"] = list(fields["violation_forms"])
        try:
            case = services.case_create(
                actor=request.user,
                reporter=reporter or None,
                respondents=[row for _form, row in respondent_rows],
                witnesses=[row for _form, row in witness_rows],
                **fields,
            )
        except DomainError as refused:
            _show_intake_error(
                request, refused, case_form, reporter_form, respondent_rows, witness_rows
            )
        else:
            model_admin.log_addition(request, case, [{"added": {}}])
            messages.success(
                request,
                _("%(case)s dicatat. Tambahkan alat bukti, lalu ajukan registrasi.")
                % {"case": case},
            )
            return back_to_case(case)
    media = model_admin.media + case_form.media + respondents.media
    return admin_page(
        request,
        model_admin,
        None,
        "admin/cases/case/intake_form.html",
        {
            "title": _("Catat laporan atau temuan"),
            "form": case_form,
            "reporter_form": reporter_form,
            "respondents": respondents,
            "witnesses": witnesses,
            "media": media,
            "submit_label": _("Catat"),
        },
    )
