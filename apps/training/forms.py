"""Forms of the camat-office pages. They only parse input; the services decide."""

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from apps.core.forms import FocusFirstError
from apps.personnel.models import Agency
from apps.training.models import NON_ASN_TYPES, Session

DATETIME_LOCAL = "%Y-%m-%dT%H:%M"


class DateTimeLocalInput(forms.DateTimeInput):
    input_type = "datetime-local"

    def __init__(self, **kwargs):
        super().__init__(format=DATETIME_LOCAL, **kwargs)


class SessionForm(FocusFirstError, forms.Form):
    title = forms.CharField(label=_("Judul"), max_length=255)
    starts_at = forms.DateTimeField(label=_("Mulai (WITA)"), widget=DateTimeLocalInput())
    ends_at = forms.DateTimeField(label=_("Selesai (WITA)"), widget=DateTimeLocalInput())
    venue = forms.CharField(label=_("Tempat"), max_length=255)
    organiser = forms.ModelChoiceField(
        label=_("Penyelenggara"),
        queryset=Agency.objects.filter(is_active=True).order_by("name"),
        required=False,
        empty_label=_("— pilih perangkat daerah —"),
    )
    capacity = forms.IntegerField(
        label=_("Kapasitas"),
        min_value=1,
        max_value=100_000,
        required=False,
        help_text=_("Kosongkan bila tidak dibatasi."),
    )
    status = forms.ChoiceField(label=_("Status"), choices=Session.Status.choices)
    description = forms.CharField(
        label=_("Keterangan"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )

    def clean(self):
        data = super().clean()
        for field in ("starts_at", "ends_at"):
            value = data.get(field)
            if value and not 2000 <= value.year <= 2100:
                self.add_error(field, _("Tahun %(year)d tidak masuk akal.") % {"year": value.year})
                data.pop(field, None)
        starts_at, ends_at = data.get("starts_at"), data.get("ends_at")
        if starts_at and ends_at and ends_at <= starts_at:
            self.add_error("ends_at", _("Waktu selesai harus setelah waktu mulai."))
        return data


class SpeakerForm(forms.Form):
    name = forms.CharField(label=_("Nama narasumber"), max_length=200, required=False)
    institution = forms.CharField(
        label=_("Instansi"),
        max_length=200,
        required=False,
        widget=forms.TextInput(attrs={"placeholder": _("mis. BKPSDM, Bawaslu")}),
    )
    topic = forms.CharField(label=_("Materi"), max_length=255, required=False)


SpeakerFormSet = forms.formset_factory(SpeakerForm, extra=2, max_num=20)


def session_initial(session: Session) -> dict:
    return {
        "title": session.title,
        "starts_at": timezone.localtime(session.starts_at),
        "ends_at": timezone.localtime(session.ends_at),
        "venue": session.venue,
        "organiser": session.organiser_id,
        "capacity": session.capacity,
        "status": session.status,
        "description": session.description,
    }


class NipForm(forms.Form):
    nip = forms.CharField(
        label=_("NIP / NI PPPK"),
        max_length=30,
        widget=forms.TextInput(
            attrs={"inputmode": "numeric", "autocomplete": "off", "placeholder": "18 digit"}
        ),
    )


class NonAsnForm(FocusFirstError, forms.Form):
    participant_type = forms.ChoiceField(
        label=_("Jenis peserta"), choices=[("", _("— pilih —")), *NON_ASN_TYPES]
    )
    name = forms.CharField(label=_("Nama"), max_length=200)
    institution = forms.CharField(
        label=_("Instansi / asal"),
        max_length=200,
        required=False,
        widget=forms.TextInput(attrs={"placeholder": _("mis. Desa Batuah")}),
    )
    position = forms.CharField(label=_("Jabatan"), max_length=200, required=False)
    phone = forms.CharField(
        label=_("Telepon"),
        max_length=30,
        required=False,
        widget=forms.TextInput(attrs={"inputmode": "tel", "placeholder": "08…"}),
    )
    email = forms.EmailField(
        label=_("E-mail untuk undangan (boleh kosong)"), max_length=254, required=False
    )
    nik = forms.CharField(
        label=_("NIK (boleh kosong)"),
        max_length=30,
        required=False,
        widget=forms.TextInput(attrs={"inputmode": "numeric"}),
    )


class ImportForm(FocusFirstError, forms.Form):
    file = forms.FileField(
        label=_("Berkas CSV atau XLSX"),
        widget=forms.ClearableFileInput(attrs={"accept": ".csv,.xlsx,text/csv"}),
    )


class KioskForm(forms.Form):
    value = forms.CharField(max_length=64)


class PledgeForm(FocusFirstError, forms.Form):
    nip = forms.CharField(
        label=_("NIP / NI PPPK"),
        max_length=30,
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"}),
    )
    signed_on = forms.DateField(
        label=_("Tanggal tanda tangan"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )
    document = forms.FileField(
        label=_("Pindaian dokumen (PDF/JPEG/PNG, boleh kosong)"),
        required=False,
        widget=forms.ClearableFileInput(attrs={"accept": ".pdf,image/jpeg,image/png"}),
    )
    note = forms.CharField(label=_("Catatan"), max_length=255, required=False)
