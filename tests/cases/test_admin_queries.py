"""The case list and the case page cost a fixed number of queries for every role, whatever the
number of cases, respondents, witnesses, evidence or clarifications."""

import pytest
from django.urls import reverse
from django.utils import timezone

from apps.cases.models import Case, Clarification
from tests.cases.factories import CaseFactory

S = Case.Status
# role: (queries of the list, queries of a case page). The superuser needs no permission
# lookups, but the policy reads every user's roles once. The case page includes the
# respondents' training history: 3 queries (respondents in the registry, their attendance,
# their pledges), the evidence files' positions for their neutral names; where the user may
# refer the case to Sentra Gakkumdu, its referral; a forwarded case's panel per respondent 3
# (respondents with decision and block, their sanctions, the objections); the related cases 5
# (the case's evidence hashes and people, the related cases, their forms and evidence); the
# issued documents the user may read (apps.documents' panel) 1. Every admin page counts the
# user's unread notifications (the header's link) 1. The list shows each filter's counts
# (show_facets): one aggregate per filter with choices. Django builds the filters again for
# each of them; the choices of the four related filters (election, violation form, kecamatan,
# agency) are read once per request all the same (apps.cases.admin.filters.once_per_request:
# they were read once more per filter, 36 more queries). The session is read, not written
# (apps.core.session_activity).
EXPECTED = {
    "coordinator": (23, 32),
    "investigator": (23, 31),
    "bkpsdm_officer": (22, 30),
    "superuser": (21, 26),
}
BATCH = (S.RECEIVED, S.REVIEW, S.FORWARDED, S.CLOSED)


def add_batch(investigator) -> list[Case]:
    return [CaseFactory(status=s, assigned_to=[investigator], respondents=2) for s in BATCH]


def case_with(count: int, status, investigator) -> Case:
    case = CaseFactory(
        status=status,
        assigned_to=[investigator],
        respondents=count,
        witnesses=count,
        evidence=count,
    )
    for i in range(count):
        Clarification.objects.create(
            case=case, person_name=f"Saksi Sintetis {i}", role="witness", held_at=timezone.now()
        )
    return case


@pytest.mark.parametrize("role", EXPECTED)
def test_the_case_list_costs_a_fixed_number_of_queries(
    role, request, client, investigator, django_assert_num_queries
):
    user = request.getfixturevalue(role)
    add_batch(investigator)
    client.force_login(user)
    client.get("/admin/cases/case/")  # warms the content-type cache
    rows = len(client.get("/admin/cases/case/").context["cl"].result_list)
    assert rows >= 2

    with django_assert_num_queries(EXPECTED[role][0]):
        response = client.get("/admin/cases/case/")
    assert len(response.context["cl"].result_list) == rows

    add_batch(investigator)
    with django_assert_num_queries(EXPECTED[role][0]):
        response = client.get("/admin/cases/case/")
    assert len(response.context["cl"].result_list) == 2 * rows


@pytest.mark.parametrize("role", EXPECTED)
def test_the_case_page_costs_a_fixed_number_of_queries(
    role, request, client, investigator, django_assert_num_queries
):
    user = request.getfixturevalue(role)
    status = S.FORWARDED if role == "bkpsdm_officer" else S.CLARIFICATION
    add_batch(investigator)
    small, large = case_with(1, status, investigator), case_with(3, status, investigator)
    client.force_login(user)
    warm = CaseFactory(status=status, assigned_to=[investigator])
    client.get(reverse("admin:cases_case_change", args=[warm.pk]))

    for case in (small, large):
        with django_assert_num_queries(EXPECTED[role][1]):
            response = client.get(reverse("admin:cases_case_change", args=[case.pk]))
        assert response.status_code == 200
        assert response.context["original"] == case
