"""The investigators' case admin (DESIGN §1, §2, §5), in Bahasa Indonesia.

Reads go through ``apps.cases.selectors`` (a case a user may not see is a 404); what a user may
change and which buttons they get is ``apps.cases.policy.allowed_operations``; every write is a
service called from a form's ``clean`` (``apps.cases.admin.forms``). The page's POST is one
transaction, rolled back when any form is refused. The case's history is its ``CaseEvent``
timeline, the one trail (Django's own change log is not written for cases).
"""

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import F, Prefetch
from django.http import Http404, HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import path
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from apps.cases import confidentiality, deadlines, policy, tracking
from apps.cases.admin import bulk, display, intake, lifecycle, pages
from apps.cases.admin.filters import (
    AgencyFilter,
    AssignedToMeFilter,
    DeadlineFilter,
    RelatedChoicesFilter,
    StageFilter,
)
from apps.cases.admin.forms import CaseChangeForm, EvidenceUploadForm, InlineServiceForm
from apps.cases.admin.inlines import INLINES
from apps.cases.models import Case, Respondent, ViolationForm
from apps.cases.related import related_cases
from apps.cases.selectors import cases_visible_to
from apps.core.errors import DomainError
from apps.training.selectors import case_training_history

CASE_FIELDS = ["number", "kind", "election", "status", "received_at", "known_on", "registered_at"]
# What the case page itself changes (its fields and new rows); the rest has pages of its own.
PAGE_OPERATIONS = frozenset(
    {
        "update_intake",
        "update_incident",
        "update_conclusion",
        "reporter_set",
        "respondent_add",
        "witness_add",
        "clarification_record",
        "evidence_add",
    }
)
DECISION_FIELDS = [
    "extended_at",
    "decided_at",
    "reason_code",
    "closing_reason",
    "conclusion",
    "forwarded_at",
    "closed_at",
]


@admin.register(Case)
class CaseAdmin(admin.ModelAdmin):
    form = CaseChangeForm
    list_display = [
        "display_number",
        "next_deadline_display",  # second: in sight at 1366 px with the sidebar open
        "status",
        "kind",
        "respondent_names",
        "kecamatan_name",
    ]
    list_display_links = ["display_number"]
    list_filter = [
        "status",
        "kind",
        ("election", RelatedChoicesFilter),
        ("violation_forms", RelatedChoicesFilter),
        ("kecamatan", RelatedChoicesFilter),
        AgencyFilter,
        DeadlineFilter,
        StageFilter,
        AssignedToMeFilter,
    ]
    search_fields = ["number", "respondents__name", "=respondents__nip"]
    search_help_text = gettext_lazy("Cari nomor register, nama terlapor atau NIP terlapor.")
    list_select_related = ["election", "kecamatan"]
    sortable_by = ["display_number", "status", "kind", "next_deadline_display"]
    show_full_result_count = False
    show_facets = admin.ShowFacets.ALWAYS  # counts beside every filter choice (issue 17)
    list_per_page = 50
    actions = [bulk.assign_investigators, bulk.export_csv, bulk.export_xlsx]
    autocomplete_fields = ["kecamatan", "village"]
    inlines = INLINES
    fieldsets = [
        (
            gettext_lazy("Kasus"),
            {"fields": [*CASE_FIELDS, "assigned_display", "tracking_display"]},
        ),
        (gettext_lazy("Kejadian"), {"fields": list(policy.OPERATIONS["update_incident"].fields)}),
        (gettext_lazy("Keputusan"), {"fields": DECISION_FIELDS}),
    ]
    change_form_template = "admin/cases/case/change_form.html"
    change_list_template = "admin/cases/case/change_list.html"

    # --- querysets and permissions: the policy decides ---

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
        return policy.may(request.user, "create") and super().has_add_permission(request)

    def has_change_permission(self, request, obj=None):
        if not super().has_change_permission(request, obj):
            return False
        return obj is None or bool(self.changes_allowed(request, obj))

    def has_delete_permission(self, request, obj=None):
        return False

    def get_actions(self, request):
        actions = super().get_actions(request)
        if not policy.may(request.user, "assign"):
            actions.pop("assign_investigators", None)
        return actions

    def changes_allowed(self, request, case: Case) -> frozenset[str]:
        """What of the case page ``request.user`` may change now: fields, or new rows."""
        return policy.allowed_operations(case, request.user) & PAGE_OPERATIONS

    def get_readonly_fields(self, request, obj=None):
        editable = policy.editable_fields(obj, request.user) if obj is not None else frozenset()
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

    @admin.display(
        description=gettext_lazy("batas waktu berikutnya"),
        ordering=F("next_due_at").asc(nulls_last=True),
    )
    def next_deadline_display(self, case):
        return display.deadline_badge(display.next_deadline(case, timezone.now()))

    @admin.display(description=gettext_lazy("investigator"))
    def assigned_display(self, case):
        names = [u.get_full_name() or u.get_username() for u in case.assigned_investigators.all()]
        return ", ".join(names) or _("belum ditugaskan")

    @admin.display(description=gettext_lazy("kode pelacakan"))
    def tracking_display(self, case):
        """The code only: the PIN is shown once at intake and printed on the receipt."""
        if not case.tracking_code:
            return "—"
        code = tracking.display_code(case.tracking_code)
        if case.kind != Case.Kind.REPORT:
            return code
        if case.tracking_pin:
            return _("%(code)s (PIN sudah diberikan; tanda terima baru mencetak PIN baru)") % {
                "code": code
            }
        return _("%(code)s (PIN belum diberikan: terbitkan tanda terima)") % {"code": code}

    # --- the case page ---

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        if obj is not None:
            editable = self.has_change_permission(request, obj)
            context.update(self.case_context(request, obj, editable=editable))
        context["show_save_and_add_another"] = False
        return super().render_change_form(request, context, add, change, form_url, obj)

    def case_context(self, request, case: Case, *, editable: bool) -> dict:
        allowed = policy.allowed_operations(case, request.user)
        shown = case.status in policy.OPERATIONS["follow_up_record"].states | {Case.Status.CLOSED}
        if case.kind == Case.Kind.REPORT:
            confidentiality.reporter_for(request.user, case, confidentiality.CHANNEL_ADMIN)
        return {
            "deadlines": deadlines.case_deadlines(case, timezone.now()),
            "actions": [
                (name, op.label) for name, op in policy.TRANSITIONS.items() if name in allowed
            ],
            "actions_submit": editable,
            "may_assign": "assign" in allowed,
            "timeline": display.timeline(request.user, case),
            "forwarding": getattr(case, "forwarding", None) if shown else None,
            "case_links": display.case_links(case, allowed),
            "related": related_cases(case, request.user),
            "follow_ups": display.respondent_rows(case, allowed) if shown else [],
            "training_history": case_training_history(case),
        }

    def history_view(self, request, object_id, extra_context=None):
        """The case's history is its event timeline (changes over the API included)."""
        case = self.get_object(request, object_id)
        context = {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "original": case,
            "title": _("Riwayat: %(case)s") % {"case": case},
            "timeline": display.timeline(request.user, case),
        }
        return TemplateResponse(request, "admin/cases/case/history.html", context)

    # --- saving: the forms' services wrote everything; one transaction for the page ---

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        if request.method != "POST":
            return super().changeform_view(request, object_id, form_url, extra_context)
        with transaction.atomic():
            response = super().changeform_view(request, object_id, form_url, extra_context)
            if response.status_code != 302:
                # A refused form: undo the rows the other forms saved; the page shows them again.
                transaction.set_rollback(True)
        return response

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change, **kwargs)
        return type(form.__name__, (form,), {"actor": request.user})

    def get_formset_kwargs(self, request, obj, inline, prefix):
        kwargs = super().get_formset_kwargs(request, obj, inline, prefix)
        if not issubclass(inline.form, InlineServiceForm):
            return kwargs
        return {**kwargs, "form_kwargs": {"actor": request.user, "case": obj}}

    def save_model(self, request, obj, form, change):
        """Nothing left to save: ``CaseChangeForm.clean`` called ``case_update``."""

    def save_related(self, request, form, formsets, change):
        for formset in formsets:
            if issubclass(formset.form, EvidenceUploadForm):
                self.store_files(request, formset)

    def store_files(self, request, formset) -> None:
        """Files are stored last, once every row of the page was accepted (see the form)."""
        for form in formset.forms:
            data = form.cleaned_data
            if not form.has_changed() or data.get("kind") in (None, "", "link"):
                continue
            try:
                EvidenceUploadForm.store(case=form.case, actor=request.user, **form.arguments(data))
            except DomainError as refused:
                transaction.set_rollback(True)
                messages.error(request, refused.message)
                return

    def construct_change_message(self, request, form, formsets, add=False):
        return []

    def log_addition(self, request, obj, message):
        return None

    def log_change(self, request, obj, message):
        return None

    def response_change(self, request, obj):
        action = request.POST.get("_action", "")
        if action in policy.TRANSITIONS or action == "assign":
            messages.info(request, _("Perubahan disimpan."))
            return HttpResponseRedirect(pages.operation_url(obj, action))
        return super().response_change(request, obj)

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
            *self.lifecycle_urls(wrap),
            path(
                "<path:object_id>/evidence/<int:evidence_id>/withdraw/",
                wrap(self.withdraw_view),
                name="cases_case_evidence_withdraw",
            ),
            *super().get_urls(),
        ]

    def add_view(self, request, form_url="", extra_context=None):
        if not self.has_add_permission(request):
            raise PermissionDenied
        return intake.case_intake_view(request, self)

    def action_view(self, request, object_id, action):
        return pages.case_action_view(request, self, self.get_object(request, object_id), action)

    def assign_view(self, request, object_id):
        return pages.case_assign_view(request, self, self.get_object(request, object_id))

    def lifecycle_urls(self, wrap) -> list:
        """The pages after forwarding (``apps.cases.admin.lifecycle``), each on its case."""
        pages_by_name = {
            "decision": ("decision/<int:respondent_id>/", lifecycle.decision_view),
            "bkn": ("bkn/", lifecycle.bkn_view),
            "objection": ("sanction/<int:sanction_id>/objection/", lifecycle.objection_view),
            "objection_decision": (
                "objection/<int:objection_id>/decision/",
                lifecycle.objection_decision_view,
            ),
            "block": ("block/<int:respondent_id>/", lifecycle.block_view),
            "gakkumdu": ("gakkumdu/", lifecycle.gakkumdu_view),
        }
        return [
            path(
                f"<path:object_id>/{route}",
                wrap(self.case_page(view)),
                name=f"cases_case_{name}",
            )
            for name, (route, view) in pages_by_name.items()
        ]

    def case_page(self, view):
        def page(request, object_id, **kwargs):
            return view(request, self, self.get_object(request, object_id), **kwargs)

        return page

    def withdraw_view(self, request, object_id, evidence_id):
        case = self.get_object(request, object_id)
        return pages.evidence_withdraw_view(request, self, case, evidence_id)
