"""The case page's forms. Each form's ``clean`` calls the service that writes its row, so a
refusal shows beside the field it names; the case page runs in one transaction that is rolled
back when any form is refused, so nothing is half-saved and nothing the user typed is lost."""

from django import forms
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from apps.cases import services
from apps.cases.evidence import evidence_add_file, evidence_add_link, evidence_check_file
from apps.cases.models import Case, Clarification, Evidence, Reporter, Respondent, Witness
from apps.core.errors import DomainError


def add_refusal(form: forms.BaseForm, error: DomainError) -> None:
    """A service's refusal on ``form``: each message beside its field, the rest on top."""
    if not error.fields:
        form.add_error(None, error.message)
        return
    for key, texts in error.fields.items():
        name = key.rsplit(".", 1)[-1]
        for text in texts:
            form.add_error(name if name in form.fields else None, text)


class ServiceForm:
    """A form whose valid data is written by one service call in ``clean``."""

    actor = None
    case: Case | None = None

    def call(self, service, **arguments):
        try:
            return service(**arguments)
        except DomainError as refused:
            add_refusal(self, refused)
            return None


class CaseChangeForm(ServiceForm, forms.ModelForm):
    """The case's own fields; the changed ones go to ``case_update`` (one event, old → new)."""

    class Meta:
        model = Case
        fields = sorted(services.EDITABLE_FIELDS)

    def clean(self):
        data = super().clean()
        changed = {
            name: data[name]
            for name in self.changed_data
            if name in services.EDITABLE_FIELDS and name in data
        }
        if "violation_forms" in changed:
            changed["violation_forms"] = list(changed["violation_forms"])
        if changed and not self.errors:
            self.call(services.case_update, case=self.instance, actor=self.actor, **changed)
        return data


class InlineServiceForm(ServiceForm, forms.ModelForm):
    """An inline row written by ``service`` when it was filled in."""

    service = None

    def __init__(self, *args, actor=None, case=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.actor, self.case = actor, case

    def arguments(self, data: dict) -> dict:
        # The inline formset adds the case's key to the fields; the service takes the case.
        return {name: data.get(name) for name in self._meta.fields if name != "case"}

    def clean(self):
        data = super().clean()
        if self.has_changed() and not self.errors:
            arguments = self.arguments(data)
            self.call(type(self).service, case=self.case, actor=self.actor, **arguments)
        return data

    def save(self, commit=True):
        return self.instance  # the service wrote the row in clean()


class ReporterForm(InlineServiceForm):
    service = staticmethod(services.reporter_set)

    class Meta:
        model = Reporter
        fields = ["name", "nik", "address", "phone", "email", "occupation"]

    def arguments(self, data: dict) -> dict:
        return {name: value or "" for name, value in super().arguments(data).items()}


class RespondentAddForm(InlineServiceForm):
    """A reported person: pick the ASN, or type a NIP (linked when registered), or a name."""

    service = staticmethod(services.respondent_add)

    class Meta:
        model = Respondent
        fields = ["civil_servant", "nip", "name", "position", "golongan", "agency", "agency_name"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["name"].required = False


class WitnessAddForm(InlineServiceForm):
    service = staticmethod(services.witness_add)

    class Meta:
        model = Witness
        fields = ["name", "phone", "address", "statement"]


class ClarificationAddForm(InlineServiceForm):
    service = staticmethod(services.clarification_record)

    class Meta:
        model = Clarification
        fields = ["person_name", "role", "respondent", "held_at", "attended", "summary"]
        labels = {"respondent": gettext_lazy("Terlapor yang diklarifikasi")}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # One query for every row: the case's respondents, not all of them.
        respondents = Respondent.objects.filter(case=self.case) if self.case else None
        if respondents is not None:
            self.fields["respondent"].queryset = respondents


class EvidenceUploadForm(InlineServiceForm):
    """A new file or link. Checked in ``clean`` like every row, but a file is stored (by
    ``evidence_add_file``) only once every row of the page was accepted: a file written to
    storage is not undone by the page's rollback."""

    upload = forms.FileField(label=gettext_lazy("Berkas"), required=False)
    url = forms.URLField(
        label=gettext_lazy("Tautan"), max_length=1000, required=False, assume_scheme="https"
    )

    class Meta:
        model = Evidence
        fields = ["kind", "upload", "url", "captured_at", "description"]

    def arguments(self, data: dict) -> dict:
        names = ("kind", "upload", "url", "captured_at", "description")
        return {name: data.get(name) for name in names}

    def clean(self):
        data = forms.ModelForm.clean(self)
        kind, upload = data.get("kind"), data.get("upload")
        if not kind or not self.has_changed():
            return data
        if kind == Evidence.Kind.LINK:
            if upload:
                self.add_error("upload", _("Tautan tidak disertai berkas; pilih jenis lain."))
            if not self.errors:
                self.call(
                    type(self).store, case=self.case, actor=self.actor, **self.arguments(data)
                )
            return data
        if not upload:
            self.add_error("upload", _("Pilih berkas yang akan diunggah."))
            return data
        try:
            evidence_check_file(uploaded_file=upload, kind=kind)
        except DomainError as refused:
            for key, texts in refused.fields.items():
                for text in texts:
                    self.add_error("upload" if key == "file" else key, text)
        return data

    @staticmethod
    def store(*, case, actor, kind, upload, url, captured_at, description):
        if kind == Evidence.Kind.LINK:
            return evidence_add_link(
                case=case,
                url=url,
                captured_at=captured_at,
                description=description or "",
                actor=actor,
            )
        return evidence_add_file(
            case=case, uploaded_file=upload, kind=kind, description=description or "", actor=actor
        )


class EvidenceWithdrawForm(forms.Form):
    reason = forms.CharField(
        label=gettext_lazy("Alasan penarikan"), widget=forms.Textarea(attrs={"rows": 3})
    )
