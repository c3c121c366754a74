import django_filters
from django.utils.translation import gettext_lazy as _

from apps.personnel.models import GRADE_CHOICES, CivilServant


class CivilServantFilter(django_filters.FilterSet):
    nip = django_filters.CharFilter(field_name="nip", help_text=_("NIP atau NI PPPK, 18 digit."))
    agency = django_filters.CharFilter(
        field_name="agency__code", help_text=_("Kode perangkat daerah, mis. `DISDIKBUD`.")
    )
    kecamatan = django_filters.CharFilter(
        field_name="kecamatan__code", help_text=_("Kode Kemendagri kecamatan, mis. `64.02.03`.")
    )
    employment_type = django_filters.ChoiceFilter(choices=CivilServant.EmploymentType.choices)
    golongan = django_filters.ChoiceFilter(choices=GRADE_CHOICES)

    class Meta:
        model = CivilServant
        fields = ["nip", "agency", "kecamatan", "employment_type", "golongan"]
