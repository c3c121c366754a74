"""Reads of cases, already filtered to what a user may see (DESIGN §1).

- coordinators and superusers: every case;
- investigators: the cases assigned to them;
- BKPSDM officers: cases once forwarded (forwarded, closed);
- everyone else (camat clerks, ...): none.

A case outside a user's scope does not exist for them (:class:`NotFound`, 404).
"""

from django.db.models import Q, QuerySet
from django.utils.translation import gettext as _

from apps.cases import workflow
from apps.cases.models import Case, CaseEvent
from apps.core import permissions
from apps.core.errors import NotFound

BKPSDM_VISIBLE = frozenset({Case.Status.FORWARDED, Case.Status.CLOSED})


def cases_visible_to(user) -> QuerySet[Case]:
    """The cases ``user`` may see, with their election (every list shows deadlines)."""
    cases = Case.objects.select_related("election")
    if not user.is_authenticated:
        return cases.none()
    if permissions.is_coordinator(user):
        return cases
    scope = Q(pk__in=[])
    if permissions.is_investigator(user):
        assigned = Case.assigned_investigators.through.objects.filter(user_id=user.pk)
        scope |= Q(pk__in=assigned.values("case_id"))
    if permissions.is_bkpsdm(user):
        scope |= Q(status__in=BKPSDM_VISIBLE)
    return cases.filter(scope)


def case_visible(user, case: Case) -> bool:
    """The same rule as :func:`cases_visible_to`, for one case already in hand."""
    if not user.is_authenticated:
        return False
    if permissions.is_coordinator(user):
        return True
    if permissions.is_bkpsdm(user) and case.status in BKPSDM_VISIBLE:
        return True
    return permissions.is_investigator(user) and workflow.is_assigned(user, case)


def case_get_for(user, case_id: int) -> Case:
    try:
        return cases_visible_to(user).get(pk=case_id)
    except (Case.DoesNotExist, ValueError, TypeError):
        raise NotFound(_("Kasus tidak ditemukan.")) from None


def case_actions_for(user, case: Case) -> list[str]:
    """The workflow actions ``user`` may try on ``case`` now (for buttons and the API)."""
    return workflow.available_actions(case, user)


def case_events_for(user, case_id: int) -> QuerySet[CaseEvent]:
    """The timeline of a case the user may see, oldest first."""
    case = case_get_for(user, case_id)
    return CaseEvent.objects.filter(case=case).select_related("actor").order_by("at", "id")
