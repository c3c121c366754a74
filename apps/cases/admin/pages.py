"""The case admin's pages beside the case page: a workflow action, the assignment, the PPK's
follow-up per respondent, withdrawing evidence. Each asks the policy first (the same refusal as
the service and the API, shown as a message) and writes through one service."""

from django import forms
from django.contrib import messages
from django.contrib.admin import widgets as admin_widgets
from django.contrib.auth import get_user_model
from django.http import Http404, HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from apps.cases import policy, services
from apps.cases.admin.forms import EvidenceWithdrawForm
from apps.cases.evidence import evidence_withdraw
from apps.cases.models import (
    Case,
    Evidence,
    ForwardingRecipient,
    Severity,
)
from apps.core import roles
from apps.core.errors import DomainError, NotFound


def show_error(request, error: DomainError, form: forms.Form | None = None):
    """A service's refusal beside the fields it names, and the rest at the top as messages."""
    leftover = []
    for key, texts in error.fields.items():
        if form is not None and key in form.fields:
            for text in texts:
                form.add_error(key, text)
        else:
            leftover += texts
    if not error.fields or leftover:
        for text in [error.message, *leftover]:
            messages.error(request, text)


def admin_page(request, model_admin, case, template: str, context: dict):
    base = {
        **model_admin.admin_site.each_context(request),
        "opts": model_admin.model._meta,
        "original": case,
        "case": case,
        "has_view_permission": True,
        "change_url": reverse("admin:cases_case_change", args=[case.pk]) if case else "",
    }
    return TemplateResponse(request, template, {**base, **context})


def form_page(request, model_admin, case, form, title: str, submit: str):
    return admin_page(
        request,
        model_admin,
        case,
        "admin/cases/case/action_form.html",
        {
            "title": title,
            "form": form,
            "media": model_admin.media + form.media,
            "submit_label": submit,
        },
    )


def back_to_case(case: Case) -> HttpResponseRedirect:
    return HttpResponseRedirect(reverse("admin:cases_case_change", args=[case.pk]))


def operation_url(case: Case, operation: str) -> str:
    if operation == "assign":
        return reverse("admin:cases_case_assign", args=[case.pk])
    return reverse("admin:cases_case_action", args=[case.pk, operation])


def refusal(request, case: Case, operation: str) -> HttpResponseRedirect | None:
    """Back to the case with the policy's message when ``operation`` is not allowed now."""
    try:
        policy.case_authorize(operation, case, request.user)
    except NotFound:
        raise Http404(_("Kasus tidak ditemukan.")) from None
    except DomainError as refused:
        messages.error(request, refused.message)
        return back_to_case(case)
    return None


def textarea(rows: int = 3) -> forms.Textarea:
    return forms.Textarea(attrs={"rows": rows, "cols": 80})


# --- workflow actions -------------------------------------------------------------------------

SEVERITY_ORDER = [
    Severity.ETHICS,
    Severity.LIGHT,
    Severity.MEDIUM,
    Severity.HEAVY,
    Severity.DISMISSAL,
]


def action_field(name: str, action: str) -> forms.Field:
    """The form field for one of a workflow action's inputs."""
    if name == "reason_code":
        codes = policy.REASON_CODES.get(action, ())
        return forms.ChoiceField(choices=[("", "---------")] + [(c.value, c.label) for c in codes])
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


def action_form_class(op: policy.Operation) -> type[forms.Form]:
    fields = {}
    for name in (*op.required, *op.optional):
        field = action_field(name, op.name)
        field.required = name in op.required
        field.label = policy.FIELD_LABELS.get(name, name)
        fields[name] = field
    return type(f"{op.name.title()}Form", (forms.Form,), fields)


def action_initial(op: policy.Operation, case: Case) -> dict:
    initial = {}
    if "recipients" in op.accepted_fields:
        initial["recipients"] = list(
            ForwardingRecipient.objects.filter(is_active=True, is_default=True)
        )
    if "recommended_sanction" in op.accepted_fields:
        found = set(case.violation_forms.values_list("default_severity", flat=True))
        ranked = [s for s in SEVERITY_ORDER if s in found]
        if ranked:
            initial["recommended_sanction"] = ranked[-1]
    if "conclusion" in op.accepted_fields and case.conclusion:
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
    op = policy.TRANSITIONS.get(action)
    if op is None:
        raise Http404(_("Tindakan tidak dikenal."))
    if refused := refusal(request, case, action):
        return refused
    Form = action_form_class(op)
    form = Form(
        request.POST if request.method == "POST" else None, initial=action_initial(op, case)
    )
    if request.method == "POST" and form.is_valid():
        fields = {k: v for k, v in form.cleaned_data.items() if _filled(v)}
        if "recipients" in fields:
            fields["recipients"] = list(fields["recipients"])
        try:
            done = services.case_transition(
                case_id=case.pk, action=action, actor=request.user, fields=fields
            )
        except DomainError as error:
            show_error(request, error, form)
        else:
            text = _("%(action)s berhasil: kasus %(case)s kini berstatus %(status)s.") % {
                "action": op.label,
                "case": done,
                "status": done.get_status_display(),
            }
            messages.success(request, text)
            return back_to_case(done)
    title = f"{op.label}: {case}"
    return form_page(request, model_admin, case, form, title, str(op.label))


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
    if refused := refusal(request, case, "assign"):
        return refused
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
            except DomainError as error:
                show_error(request, error, form)
            else:
                messages.success(request, _("Penugasan investigator disimpan."))
                return back_to_case(case)
    else:
        form = AssignForm(initial={"investigators": list(case.assigned_investigators.all())})
    title = _("Tugaskan investigator: %(case)s") % {"case": case}
    return form_page(request, model_admin, case, form, title, _("Simpan penugasan"))


# --- withdrawing evidence ---------------------------------------------------------------------


def evidence_withdraw_view(request, model_admin, case: Case, evidence_id: int):
    """Withdraw one piece of evidence with a reason (``evidence_withdraw``)."""
    evidence = Evidence.objects.filter(case=case, pk=evidence_id).first()
    if evidence is None:
        raise Http404(_("Alat bukti tidak ditemukan."))
    if refused := refusal(request, case, "evidence_withdraw"):
        return refused
    form = EvidenceWithdrawForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            evidence_withdraw(
                evidence=evidence, reason=form.cleaned_data["reason"], actor=request.user
            )
        except DomainError as error:
            show_error(request, error, form)
        else:
            messages.success(
                request, _("Alat bukti ditarik; berkas dan riwayatnya tetap disimpan.")
            )
            return back_to_case(case)
    title = _("Tarik alat bukti: %(evidence)s") % {"evidence": evidence.get_kind_display()}
    return form_page(request, model_admin, case, form, title, _("Tarik alat bukti"))
