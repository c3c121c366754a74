"""The case admin's pages after forwarding: BKN's recommendation, the PPK's decision with its
sanctions, objections and appeals, data blocks, and the criminal track. Each page asks the policy
first and writes through one service; a refusal is shown beside the field it names."""

from django import forms
from django.contrib import messages
from django.contrib.admin import widgets as admin_widgets
from django.http import Http404
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from apps.cases import services
from apps.cases.admin.pages import back_to_case, form_page, refusal, show_error, textarea
from apps.cases.models import (
    Case,
    FollowUp,
    GakkumduReferral,
    GakkumduStage,
    Objection,
    Respondent,
    Sanction,
    SanctionType,
    Severity,
)
from apps.core.errors import DomainError

SLOTS = (1, 2)  # a decision carries at most a moral and a disciplinary sanction


def date_field(label, required=False) -> forms.DateField:
    return forms.DateField(label=label, required=required, widget=admin_widgets.AdminDateWidget)


def sanction_fields(suffix: str = "", required: bool = False) -> dict:
    return {
        f"sanction_type{suffix}": forms.ModelChoiceField(
            label=gettext_lazy("Jenis sanksi"),
            queryset=SanctionType.objects.filter(is_active=True).exclude(
                code=SanctionType.NONE_CODE
            ),
            required=required,
        ),
        f"decree_number{suffix}": forms.CharField(
            label=gettext_lazy("Nomor keputusan"), max_length=100, required=False
        ),
        f"decree_date{suffix}": date_field(gettext_lazy("Tanggal keputusan")),
        f"effective_from{suffix}": date_field(gettext_lazy("Berlaku mulai")),
        f"effective_until{suffix}": date_field(gettext_lazy("Berlaku sampai")),
    }


DecisionForm = type(
    "DecisionForm",
    (forms.Form,),
    {
        "outcome": forms.ChoiceField(label=gettext_lazy("Hasil"), choices=FollowUp.Outcome.choices),
        **{k: v for i in SLOTS for k, v in sanction_fields(f"_{i}").items()},
        "reason": forms.CharField(
            label=gettext_lazy("Alasan / catatan"),
            required=False,
            widget=textarea(),
            help_text=gettext_lazy(
                "Wajib bila tidak dijatuhi sanksi; pemberi kerja bila terlapor bukan ASN."
            ),
        ),
    },
)


def decision_arguments(data: dict) -> dict:
    sanctions = []
    for i in SLOTS:
        if data.get(f"sanction_type_{i}"):
            names = (
                "sanction_type",
                "decree_number",
                "decree_date",
                "effective_from",
                "effective_until",
            )
            sanctions.append({name: data.get(f"{name}_{i}") for name in names})
    return {"outcome": data["outcome"], "sanctions": sanctions, "reason": data.get("reason", "")}


def slot_keys(error: DomainError) -> DomainError:
    """``sanctions[0].decree_date`` of the service is the form's ``decree_date_1``."""
    fields = {}
    for key, texts in error.fields.items():
        if key.startswith("sanctions[") and "]." in key:
            index, name = key[len("sanctions[") :].split("].", 1)
            key = f"{name}_{int(index) + 1}"
        fields.setdefault(key, []).extend(texts)
    error.fields = fields
    return error


def run_page(request, model_admin, case, operation, form, call, title, submit, done):
    """The one shape of these pages: the policy, the form, the service, the message."""
    if refused := refusal(request, case, operation):
        return refused
    if request.method == "POST" and form.is_valid():
        try:
            call(form.cleaned_data)
        except DomainError as error:
            show_error(request, slot_keys(error), form)
        else:
            messages.success(request, done)
            return back_to_case(case)
    return form_page(request, model_admin, case, form, title, submit)


def _respondent(case: Case, pk: int) -> Respondent:
    respondent = Respondent.objects.filter(case=case, pk=pk).first()
    if respondent is None:
        raise Http404(_("Terlapor tidak ditemukan."))
    return respondent


def decision_view(request, model_admin, case: Case, respondent_id: int):
    respondent = _respondent(case, respondent_id)
    existing = FollowUp.objects.filter(respondent=respondent).first()
    initial = {"outcome": existing.outcome, "reason": existing.reason} if existing else {}
    for i, sanction in zip(
        SLOTS, respondent.sanctions.filter(state=Sanction.State.IN_FORCE), strict=False
    ):
        for name in (
            "sanction_type",
            "decree_number",
            "decree_date",
            "effective_from",
            "effective_until",
        ):
            initial[f"{name}_{i}"] = getattr(sanction, name)
    form = DecisionForm(request.POST if request.method == "POST" else None, initial=initial)

    def call(data):
        services.followup_record(
            respondent=respondent, actor=request.user, **decision_arguments(data)
        )

    title = _("Keputusan PPK: %(name)s") % {"name": respondent}
    done = _("Keputusan PPK untuk %(name)s dicatat.") % {"name": respondent.name}
    return run_page(
        request,
        model_admin,
        case,
        "follow_up_record",
        form,
        call,
        title,
        _("Simpan keputusan"),
        done,
    )


class BknForm(forms.Form):
    letter_number = forms.CharField(label=gettext_lazy("Nomor surat BKN"), max_length=100)
    letter_date = date_field(gettext_lazy("Tanggal surat BKN"), required=True)


def bkn_view(request, model_admin, case: Case):
    respondents = list(Respondent.objects.filter(case=case))
    extra = {
        f"category_{r.pk}": forms.ChoiceField(
            label=_("Kategori BKN: %(name)s") % {"name": r.name},
            choices=[("", "---------"), *Severity.choices],
            required=False,
        )
        for r in respondents
    }
    Form = type("BknRecommendationForm", (BknForm,), extra)
    form = Form(request.POST if request.method == "POST" else None)

    def call(data):
        categories = {
            str(r.pk): data[f"category_{r.pk}"] for r in respondents if data.get(f"category_{r.pk}")
        }
        services.bkn_recommendation_record(
            case=case,
            letter_number=data["letter_number"],
            letter_date=data["letter_date"],
            categories=categories,
            actor=request.user,
        )

    title = _("Rekomendasi BKN: %(case)s") % {"case": case}
    return run_page(
        request,
        model_admin,
        case,
        "bkn_recommendation_record",
        form,
        call,
        title,
        _("Simpan"),
        _("Rekomendasi BKN dicatat."),
    )


class ObjectionForm(forms.Form):
    kind = forms.ChoiceField(label=gettext_lazy("Jenis"), choices=Objection.Kind.choices)
    filed_on = date_field(gettext_lazy("Diajukan"), required=True)
    note = forms.CharField(label=gettext_lazy("Catatan"), required=False, widget=textarea(2))


def objection_view(request, model_admin, case: Case, sanction_id: int):
    sanction = (
        Sanction.objects.filter(respondent__case=case, pk=sanction_id)
        .select_related("respondent")
        .first()
    )
    if sanction is None:
        raise Http404(_("Sanksi tidak ditemukan."))
    form = ObjectionForm(request.POST if request.method == "POST" else None)

    def call(data):
        services.objection_file(sanction=sanction, actor=request.user, **data)

    title = _("Keberatan/banding atas %(s)s") % {"s": sanction}
    return run_page(
        request,
        model_admin,
        case,
        "objection_record",
        form,
        call,
        title,
        _("Simpan"),
        _("Keberatan/banding dicatat."),
    )


ObjectionDecisionForm = type(
    "ObjectionDecisionForm",
    (forms.Form,),
    {
        "outcome": forms.ChoiceField(
            label=gettext_lazy("Hasil"),
            choices=[c for c in Objection.Outcome.choices if c[0] != Objection.Outcome.PENDING],
        ),
        "decided_on": date_field(gettext_lazy("Diputus"), required=True),
        **sanction_fields(),
        "note": forms.CharField(label=gettext_lazy("Catatan"), required=False, widget=textarea(2)),
    },
)


def objection_decision_view(request, model_admin, case: Case, objection_id: int):
    objection = Objection.objects.filter(sanction__respondent__case=case, pk=objection_id).first()
    if objection is None:
        raise Http404(_("Keberatan/banding tidak ditemukan."))
    form = ObjectionDecisionForm(request.POST if request.method == "POST" else None)

    def call(data):
        new = None
        if data.get("sanction_type"):
            names = (
                "sanction_type",
                "decree_number",
                "decree_date",
                "effective_from",
                "effective_until",
            )
            new = {name: data.get(name) for name in names}
        services.objection_decide(
            objection=objection,
            outcome=data["outcome"],
            decided_on=data["decided_on"],
            new_sanction=new,
            note=data.get("note", ""),
            actor=request.user,
        )

    title = _("Hasil %(o)s") % {"o": objection}
    return run_page(
        request,
        model_admin,
        case,
        "objection_record",
        form,
        call,
        title,
        _("Simpan hasil"),
        _("Hasil keberatan/banding dicatat."),
    )


class BlockRequestForm(forms.Form):
    request_letter = forms.CharField(label=gettext_lazy("Nomor surat permintaan"), max_length=100)
    requested_on = date_field(gettext_lazy("Tanggal surat"), required=True)


class BlockUpdateForm(forms.Form):
    blocked_on = date_field(gettext_lazy("Diblokir sejak"))
    lifted_on = date_field(gettext_lazy("Dibuka"))
    lift_note = forms.CharField(
        label=gettext_lazy("Alasan dibuka"), required=False, widget=textarea(2)
    )


def block_view(request, model_admin, case: Case, respondent_id: int):
    respondent = _respondent(case, respondent_id)
    requested = hasattr(respondent, "data_block")
    operation = "block_update" if requested else "block_request"
    Form = BlockUpdateForm if requested else BlockRequestForm
    form = Form(request.POST if request.method == "POST" else None)
    service = services.block_update if requested else services.block_request

    def call(data):
        service(respondent=respondent, actor=request.user, **data)

    title = _("Pemblokiran data: %(name)s") % {"name": respondent}
    return run_page(
        request,
        model_admin,
        case,
        operation,
        form,
        call,
        title,
        _("Simpan"),
        _("Pemblokiran data dicatat."),
    )


class GakkumduForm(forms.Form):
    referred_on = date_field(gettext_lazy("Diteruskan"))
    article = forms.CharField(label=gettext_lazy("Dugaan pasal"), max_length=200, required=False)
    stage = forms.ChoiceField(
        label=gettext_lazy("Pembahasan"),
        choices=[("", "---------"), *GakkumduStage.Stage.choices],
        required=False,
    )
    held_on = date_field(gettext_lazy("Tanggal pembahasan"))
    conclusion = forms.CharField(
        label=gettext_lazy("Kesimpulan"), required=False, widget=textarea(2)
    )
    outcome = forms.ChoiceField(
        label=gettext_lazy("Hasil"),
        choices=[("", "---------"), *GakkumduReferral.Outcome.choices],
        required=False,
    )
    outcome_on = date_field(gettext_lazy("Tanggal hasil"))


def gakkumdu_view(request, model_admin, case: Case):
    referred = GakkumduReferral.objects.filter(case=case).exists()
    form = GakkumduForm(request.POST if request.method == "POST" else None)

    def call(data):
        if referred:
            fields = ("stage", "held_on", "conclusion", "outcome", "outcome_on")
            services.gakkumdu_progress(
                case=case, actor=request.user, **{k: data.get(k) for k in fields}
            )
        else:
            services.gakkumdu_refer(
                case=case,
                referred_on=data.get("referred_on"),
                article=data.get("article", ""),
                actor=request.user,
            )

    title = _("Sentra Gakkumdu: %(case)s") % {"case": case}
    return run_page(
        request,
        model_admin,
        case,
        "gakkumdu_record",
        form,
        call,
        title,
        _("Simpan"),
        _("Sentra Gakkumdu dicatat."),
    )
