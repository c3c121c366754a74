"""The forms of the case documents that need inputs (summons, minutes, review, forwarding
letter), on the case page. They only collect; the builders check (apps/documents/content/)."""

from django import forms
from django.utils.translation import gettext_lazy as _

from apps.cases.models import Clarification


class _InputsForm(forms.Form):
    def __init__(self, *args, case, **kwargs):
        super().__init__(*args, **kwargs)
        self.case = case

    def inputs(self) -> dict:
        """The filled fields, as the builder takes them."""
        return {key: value for key, value in self.cleaned_data.items() if value not in ("", None)}


class SummonsForm(_InputsForm):
    role = forms.ChoiceField(label=_("Diundang sebagai"), choices=Clarification.Role.choices)
    respondent = forms.TypedChoiceField(
        label=_("Terlapor"), required=False, coerce=int, empty_value=None
    )
    person_name = forms.CharField(
        label=_("Nama yang diundang"),
        required=False,
        max_length=200,
        help_text=_("Kosongkan bila memilih terlapor di atas."),
    )
    address = forms.CharField(label=_("Alamat"), required=False, max_length=300)
    held_at = forms.DateTimeField(
        label=_("Waktu klarifikasi (WITA)"),
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}),
        input_formats=["%Y-%m-%dT%H:%M"],
    )
    place = forms.CharField(label=_("Tempat"), max_length=300)
    bring = forms.CharField(
        label=_("Yang perlu dibawa"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )

    def __init__(self, *args, case, **kwargs):
        super().__init__(*args, case=case, **kwargs)
        self.fields["respondent"].choices = [("", "—")] + [
            (r.pk, str(r)) for r in case.respondents.order_by("id")
        ]


class MinutesForm(_InputsForm):
    clarification = forms.TypedChoiceField(label=_("Klarifikasi"), coerce=int)
    place = forms.CharField(label=_("Tempat"), required=False, max_length=300)
    officers = forms.CharField(
        label=_("Petugas yang melakukan klarifikasi"),
        required=False,
        help_text=_("Pisahkan dengan koma; kosong: investigator yang ditugaskan."),
    )

    def __init__(self, *args, case, **kwargs):
        super().__init__(*args, case=case, **kwargs)
        self.fields["clarification"].choices = [
            (c.pk, f"{c.held_at:%d-%m-%Y} — {c.get_role_display()}: {c.person_name}")
            for c in case.clarifications.order_by("held_at")
        ]


class ReviewForm(_InputsForm):
    analysis = forms.CharField(label=_("Analisis"), widget=forms.Textarea(attrs={"rows": 8}))
    conclusion = forms.CharField(
        label=_("Kesimpulan"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )

    def __init__(self, *args, case, **kwargs):
        super().__init__(*args, case=case, **kwargs)
        self.fields["conclusion"].initial = case.conclusion
        for r in case.respondents.order_by("id"):
            self.fields[f"rec_{r.pk}"] = forms.CharField(
                label=_("Rekomendasi untuk %(name)s") % {"name": r.name},
                required=False,
                max_length=1000,
            )

    def inputs(self) -> dict:
        data = dict(self.cleaned_data)
        recommendations = {
            key[4:]: value for key, value in data.items() if key.startswith("rec_") and value
        }
        inputs = {k: v for k, v in data.items() if not k.startswith("rec_") and v}
        if recommendations:
            inputs["recommendations"] = recommendations
        return inputs


class ForwardingLetterForm(_InputsForm):
    copies = forms.CharField(
        label=_("Tembusan"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Satu penerima tembusan per baris."),
    )


FORMS = {
    "summons": SummonsForm,
    "minutes": MinutesForm,
    "review": ReviewForm,
    "forwarding_letter": ForwardingLetterForm,
}
