"""The intake page: a new laporan or temuan, logged through ``case_create``."""

from django import forms
from django.contrib import messages
from django.contrib.admin import widgets as admin_widgets
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from apps.cases import services, tracking
from apps.cases.admin.pages import admin_page, back_to_case, textarea
from apps.cases.models import Case, Election, ViolationForm
from apps.core.errors import DomainError
from apps.personnel.models import Agency, Region


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
            messages.success(
                request,
                _("%(case)s dicatat. Tambahkan alat bukti, lalu ajukan registrasi.")
                % {"case": case},
            )
            if case.reporter_pin:
                # Shown this once: only the PIN's hash is stored.
                messages.warning(
                    request,
                    _(
                        "Kode pelacakan %(code)s, PIN %(pin)s. Berikan kepada pelapor sekarang: "
                        "PIN tidak dapat ditampilkan lagi (tanda terima mencetak PIN baru)."
                    )
                    % {"code": tracking.display_code(case.tracking_code), "pin": case.reporter_pin},
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
