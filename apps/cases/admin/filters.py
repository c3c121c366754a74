"""The case list's filters; "overdue" and "due soon" are the deadlines module's one definition.

With the counts beside every choice (``show_facets``), Django builds every filter again for each
filter's counts: a filter whose choices come from a query would read them once per filter (ten
times per page). The filters below read them once per request (:func:`once_per_request`).

Django counts a choice of a ``SimpleListFilter`` as ``COUNT(*) FILTER (WHERE id IN (<the
choice's queryset>))``, a subquery per choice. The filters here count a choice by its condition
on the case row (:class:`ConditionFilter`), and the agencies by one grouped query: at national
scale the agency's counts alone cost 1.2 s that way.
"""

from django.contrib import admin
from django.db.models import Count, Exists, OuterRef, Q
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from apps.cases import dashboard, deadlines, policy
from apps.cases.models import Case, Respondent
from apps.cases.selectors import cases_visible_to
from apps.personnel.models import Agency


def once_per_request(request, key, read):
    """``read()``'s answer, kept on ``request`` under ``key`` for the rest of the request."""
    memo = request.__dict__.setdefault("_netral_filter_choices", {})
    if key not in memo:
        memo[key] = read()
    return memo[key]


class RelatedChoicesFilter(admin.RelatedFieldListFilter):
    """The related rows to filter by (elections, kecamatan), read once per request."""

    def field_choices(self, field, request, model_admin):
        parent = super().field_choices
        return once_per_request(request, field.name, lambda: parent(field, request, model_admin))


class ConditionFilter(admin.SimpleListFilter):
    """A filter whose choices are conditions on the case: a subclass's ``condition(value)``
    gives the condition of a choice (None for no choice). The filter narrows the list by it,
    and counts every choice in one pass over the listed cases."""

    # Count by the ids the condition selects (one hashed subquery per choice) rather than by
    # the condition on each row: for conditions that are themselves a subquery per row (Exists).
    count_by_ids = False

    def queryset(self, request, queryset):
        condition = self.condition(self.value())
        return queryset if condition is None else queryset.filter(condition)

    def get_facet_counts(self, pk_attname, filtered_qs):
        query = filtered_qs.query
        # A search lists distinct cases: Django then counts over a subquery whose columns it
        # renames, which a condition's own subqueries (Exists) do not follow; there the choice
        # is counted as Django does it, by the ids its condition selects.
        by_ids = query.distinct or query.combinator or query.is_sliced or self.count_by_ids
        counts = {}
        for i, (value, _title) in enumerate(self.lookup_choices):
            condition = self.condition(str(value))
            if by_ids:
                condition = Q(pk__in=Case.objects.filter(condition).values("pk"))
            counts[f"{i}__c"] = Count(pk_attname, filter=condition)
        return counts


class AssignedToMeFilter(ConditionFilter):
    title = gettext_lazy("penugasan")
    parameter_name = "ditugaskan"
    count_by_ids = True  # 112 ms by Exists per case, 48 ms by ids, at national scale

    def lookups(self, request, model_admin):
        if policy.may(request.user, "create"):  # Bawaslu staff: the ones who take assignments
            return [
                ("saya", _("Ditugaskan kepada saya")),
                ("belum", _("Belum ditugaskan (kasus berjalan)")),
            ]
        return []

    def condition(self, value) -> Q | None:
        if value == "saya":
            assigned = Case.assigned_investigators.through.objects.filter(
                case_id=OuterRef("pk"), user_id=self.request.user.pk
            )
            return Q(Exists(assigned))
        if value == "belum":  # open and unassigned: what the home page counts
            return dashboard.unassigned_q()
        return None


class StageFilter(ConditionFilter):
    title = gettext_lazy("tahap")
    parameter_name = "tahap"

    def lookups(self, request, model_admin):
        return [("pleno", _("Menunggu pleno (kajian selesai)"))]

    def condition(self, value) -> Q | None:
        return dashboard.pleno_q() if value == "pleno" else None


class DeadlineFilter(ConditionFilter):
    title = gettext_lazy("batas waktu")
    parameter_name = "batas"
    CONDITIONS = {
        "terlambat": deadlines.overdue_q,
        "segera": deadlines.due_soon_q,
        "48jam": dashboard.due_within_horizon_q,
    }

    def lookups(self, request, model_admin):
        return [
            ("terlambat", _("Terlambat")),
            ("segera", _("Segera berakhir")),
            ("48jam", _("Berakhir dalam 48 jam")),  # what the home page counts
        ]

    def condition(self, value) -> Q | None:
        of_now = self.CONDITIONS.get(value)
        return of_now(timezone.now()) if of_now else None


class AgencyFilter(admin.SimpleListFilter):
    title = gettext_lazy("unit kerja terlapor")
    parameter_name = "unit_kerja"

    def lookups(self, request, model_admin):
        def read():
            visible = cases_visible_to(request.user)
            used = Respondent.objects.filter(case__in=visible).values("agency_id")
            return [(a.pk, a.name) for a in Agency.objects.filter(pk__in=used).order_by("name")]

        return once_per_request(request, self.parameter_name, read)

    def queryset(self, request, queryset):
        if self.value():
            cases = Respondent.objects.filter(agency_id=self.value()).values("case_id")
            return queryset.filter(pk__in=cases)
        return queryset

    def get_facet_queryset(self, changelist):
        """The listed cases (without this filter) counted per respondents' agency in one
        grouped query; a case with two respondents of one agency counts once."""
        listed = changelist.get_queryset(
            self.request, exclude_parameters=self.expected_parameters()
        )
        per_agency = dict(
            Respondent.objects.filter(case__in=listed.order_by().values("pk"))
            .order_by()
            .values_list("agency_id")
            .annotate(cases=Count("case_id", distinct=True))
        )
        return {
            f"{i}__c": per_agency.get(pk, 0) for i, (pk, _name) in enumerate(self.lookup_choices)
        }
