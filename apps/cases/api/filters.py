"""Filters of the case list, shared by the reports (the same parameters narrow both).

Filters over many-valued relations (violation forms, respondents) are ``EXISTS`` subqueries, so a
case never appears twice and no ``DISTINCT`` is needed, however many filters are combined.
"""

import django_filters
from django.db.models import Exists, OuterRef, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from apps.cases import deadlines as clock
from apps.cases.models import Case, Respondent, Severity
from apps.core.api.filters import UTCDateTimeFilter

FormLink = Case.violation_forms.through


def _exists(model, **lookups):
    return Exists(model.objects.filter(case_id=OuterRef("pk"), **lookups))


class CaseFilter(django_filters.FilterSet):
    status = django_filters.MultipleChoiceFilter(
        choices=Case.Status.choices,
        distinct=False,  # a column of the case itself: no row can repeat
        help_text=_("Boleh diulang: `?status=review&status=forwarded`."),
    )
    kind = django_filters.ChoiceFilter(choices=Case.Kind.choices)
    election = django_filters.CharFilter(
        field_name="election__code", help_text=_("Kode pemilihan, mis. `pilkada-kukar-2024`.")
    )
    violation_form = django_filters.CharFilter(
        method="filter_violation_form", help_text=_("Kode bentuk pelanggaran.")
    )
    severity = django_filters.ChoiceFilter(
        choices=Severity.choices,
        method="filter_severity",
        help_text=_("Kategori bawaan salah satu bentuk pelanggaran kasus."),
    )
    kecamatan = django_filters.CharFilter(
        field_name="kecamatan__code", help_text=_("Kode Kemendagri kecamatan, mis. `64.02.03`.")
    )
    agency = django_filters.CharFilter(
        method="filter_agency", help_text=_("Kode perangkat daerah salah satu terlapor.")
    )
    respondent_nip = django_filters.CharFilter(
        method="filter_respondent_nip", help_text=_("NIP salah satu terlapor.")
    )
    received_after = UTCDateTimeFilter(
        field_name="received_at",
        lookup_expr="gte",
        help_text=_("Diterima pada atau setelah waktu ini (ISO 8601)."),
    )
    received_before = UTCDateTimeFilter(
        field_name="received_at",
        lookup_expr="lt",
        help_text=_("Diterima sebelum waktu ini (ISO 8601)."),
    )
    updated_after = UTCDateTimeFilter(
        field_name="updated_at",
        lookup_expr="gte",
        help_text=_(
            "Diubah pada atau setelah waktu ini: untuk penarikan bertahap, kirim `updated_at` "
            "terbesar dari penarikan sebelumnya."
        ),
    )
    overdue = django_filters.ChoiceFilter(
        choices=[("true", "true"), ("false", "false")],
        method="filter_overdue",
        help_text=_("`true`: batas keputusan atau tindak lanjut yang masih berjalan terlewat."),
    )
    search = django_filters.CharFilter(
        method="filter_search",
        help_text=_("Cari pada nomor register, tempat kejadian, nama atau NIP terlapor."),
    )

    class Meta:
        model = Case
        fields = []

    def filter_violation_form(self, queryset, name, value):
        return queryset.filter(_exists(FormLink, violationform__code=value))

    def filter_severity(self, queryset, name, value):
        return queryset.filter(_exists(FormLink, violationform__default_severity=value))

    def filter_agency(self, queryset, name, value):
        return queryset.filter(_exists(Respondent, agency__code=value))

    def filter_respondent_nip(self, queryset, name, value):
        return queryset.filter(_exists(Respondent, nip=value.strip()))

    def filter_overdue(self, queryset, name, value):
        condition = clock.overdue_q(timezone.now())
        return queryset.filter(condition) if value == "true" else queryset.exclude(condition)

    def filter_search(self, queryset, name, value):
        value = value.strip()
        if not value:
            return queryset
        respondent = Q(name__icontains=value) | Q(nip__startswith=value)
        return queryset.filter(
            Q(number__icontains=value)
            | Q(incident_place__icontains=value)
            | Exists(Respondent.objects.filter(respondent, case_id=OuterRef("pk")))
        )
