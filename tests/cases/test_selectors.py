import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import AnonymousUser

from apps.cases import deadlines, policy
from apps.cases.models import Case
from apps.cases.selectors import case_events_for, case_get_for, cases_visible_to
from apps.cases.services import case_transition
from apps.core.errors import NotFound
from tests.cases.factories import CaseFactory, wita

pytestmark = pytest.mark.django_db
S = Case.Status


@pytest.fixture
def one_case_per_state(investigator):
    return {status: CaseFactory(status=status, assigned_to=[investigator]) for status in S}


def visible_states(user) -> set[str]:
    return set(cases_visible_to(user).values_list("status", flat=True))


def test_coordinators_and_superusers_see_every_case(one_case_per_state, coordinator, superuser):
    assert visible_states(coordinator) == set(S)
    assert visible_states(superuser) == set(S)


def test_an_investigator_sees_the_cases_assigned_to_them(one_case_per_state, investigator):
    unassigned = CaseFactory()
    assert visible_states(investigator) == set(S)
    assert unassigned not in cases_visible_to(investigator)


def test_another_investigator_sees_nothing_unassigned(one_case_per_state, other_investigator):
    assert not cases_visible_to(other_investigator).exists()


def test_bkpsdm_sees_cases_once_forwarded(one_case_per_state, bkpsdm_officer):
    assert visible_states(bkpsdm_officer) == {S.FORWARDED, S.CLOSED}


def test_camat_clerks_and_anonymous_users_see_no_case(one_case_per_state, clerk_loajanan):
    assert not cases_visible_to(clerk_loajanan).exists()
    assert not cases_visible_to(AnonymousUser()).exists()


def test_case_visible_agrees_with_the_queryset(
    one_case_per_state,
    coordinator,
    investigator,
    other_investigator,
    bkpsdm_officer,
    clerk_loajanan,
):
    for user in (coordinator, investigator, other_investigator, bkpsdm_officer, clerk_loajanan):
        for case in one_case_per_state.values():
            expected = cases_visible_to(user).filter(pk=case.pk).exists()
            assert visible_by_policy(user, case) == expected, (user, case.status)


def visible_by_policy(user, case) -> bool:
    try:
        policy.case_authorize("view", case, user)
    except NotFound:
        return False
    return True


def test_a_case_outside_the_scope_is_not_found(one_case_per_state, bkpsdm_officer):
    received = one_case_per_state[S.RECEIVED]
    with pytest.raises(NotFound) as error:
        case_get_for(bkpsdm_officer, received.pk)
    assert error.value.status_code == 404
    assert case_get_for(bkpsdm_officer, one_case_per_state[S.FORWARDED].pk).status == S.FORWARDED
    with pytest.raises(NotFound):
        case_get_for(bkpsdm_officer, "abc")


def test_the_actions_offered_depend_on_the_user(
    one_case_per_state, investigator, bkpsdm_officer, day_after_receipt
):
    assert policy.available_transitions(one_case_per_state[S.REGISTERED], investigator) == [
        "begin_clarification",
        "extend",
    ]
    assert policy.available_transitions(one_case_per_state[S.FORWARDED], bkpsdm_officer) == [
        "close"
    ]


def test_the_timeline_lists_events_oldest_first(coordinator, investigator):
    case = CaseFactory(status=S.REGISTERED, assigned_to=[investigator])
    case_transition(case_id=case.pk, action="begin_clarification", actor=investigator)
    case_transition(case_id=case.pk, action="begin_review", actor=investigator)
    assert [e.action for e in case_events_for(investigator, case.pk)] == [
        "begin_clarification",
        "begin_review",
    ]


@pytest.mark.parametrize("count", [1, 5, 20])
@pytest.mark.parametrize("persona", ["coordinator", "investigator", "bkpsdm_officer"])
def test_a_list_of_cases_with_deadlines_takes_two_queries_at_any_size(
    request, django_assert_num_queries, persona, count
):
    user = request.getfixturevalue(persona)
    for _ in range(count):
        CaseFactory(status=S.FORWARDED, assigned_to=[request.getfixturevalue("investigator")])
    fresh = get_user_model().objects.get(pk=user.pk)  # roles not cached yet
    with django_assert_num_queries(2):  # the user's roles, then the cases with their election
        rows = [
            (c.number, deadlines.case_deadlines(c, now=wita(2024, 11, 20)))
            for c in cases_visible_to(fresh)
        ]
    assert len(rows) == count
    assert all(len(d) == 3 for _number, d in rows)
