"""Queries per request do not grow with the number of rows: asserted with several rows.

Each count is spelled out: authentication (token joined with its user) 1, the user's roles 1,
then what the endpoint itself needs.
"""

import pytest
from django.utils import timezone

from apps.cases.models import CaseEvent, Clarification
from tests.api.conftest import token_client
from tests.cases.factories import CaseFactory

LIST = "/api/v1/cases/"


@pytest.fixture
def many_cases(reference_data, investigator):
    """Six cases with two respondents, two forms, a reporter each; forwarded ones have follow-ups."""
    cases = []
    for status in ("received", "review", "forwarded", "closed", "forwarded", "closed"):
        case = CaseFactory(status=status, respondents=2, assigned_to=[investigator])
        case.violation_forms.set([1, 2])
        cases.append(case)
    return cases


# list: auth 1 + roles 1 + count 1 + page (election, kecamatan and, for Bawaslu, the reporter
# joined) 1 + violation forms 1 + respondents (with agency) 1, and for Bawaslu one INSERT
# logging the reporters' views.
@pytest.mark.parametrize(
    ("persona", "queries"),
    [("coordinator", 7), ("investigator", 7), ("bkpsdm_officer", 6)],
)
def test_the_case_list_takes_the_same_queries_for_1_2_or_6_rows(
    persona, queries, many_cases, request, django_assert_num_queries
):
    client = token_client(request.getfixturevalue(persona))
    for page_size in (1, 2, 6):
        with django_assert_num_queries(queries):
            response = client.get(LIST, {"page_size": page_size})
        assert len(response.json()["results"]) == min(page_size, response.json()["count"])
        assert response.json()["count"] >= 2


def add_history(case, actor, n):
    for i in range(n):
        CaseEvent.objects.create(case=case, actor=actor, action=f"catatan-{i}", note="uji")
        Clarification.objects.create(
            case=case, person_name=f"Saksi {i}", role="witness", held_at=timezone.now()
        )


# detail: auth 1 + roles 1 + case (election, kecamatan, village, forwarding joined) 1 +
# violation forms 1 + respondents (agency, follow-up, sanction joined) 1 + events (actor) 1 +
# evidence 1 + clarifications 1 + forwarding recipients 1 (when forwarded) + for Bawaslu:
# witnesses 1 + investigators 1 + reporter 1 + its access log 1 (the policy reads an
# investigator's assignment from the prefetched investigators); training history of the registry
# respondents 3 (respondents, attendance, pledges); after forwarding each respondent's sanctions
# and their objections 2; related cases 5 (the case's evidence hashes and people, the related
# cases, their forms and evidence) and the joined cases 1.
@pytest.mark.parametrize(
    ("persona", "queries"),
    [("coordinator", 22), ("investigator", 22), ("bkpsdm_officer", 18)],
)
def test_the_case_detail_takes_the_same_queries_however_long_its_history(
    persona, queries, many_cases, request, django_assert_num_queries
):
    user = request.getfixturevalue(persona)
    client = token_client(user)
    small, big = many_cases[2], many_cases[4]  # both forwarded
    add_history(small, user, 1)
    add_history(big, user, 5)
    for case in (small, big):
        with django_assert_num_queries(queries):
            response = client.get(f"/api/v1/cases/{case.pk}/")
        assert response.status_code == 200
    assert len(response.json()["events"]) == 5
    assert len(response.json()["respondents"]) == 2


# reports: auth 1 + roles 1 + the one aggregate query.
@pytest.mark.parametrize(
    "group_by",
    [
        "status",
        "kind",
        "violation_form",
        "severity",
        "agency",
        "kecamatan",
        "month",
        "sanction_type",
    ],
)
def test_each_case_report_is_one_query(
    group_by, coordinator, many_cases, django_assert_num_queries
):
    client = token_client(coordinator)
    with django_assert_num_queries(3):
        response = client.get(
            "/api/v1/reports/cases/",
            {"group_by": group_by, "status": ["forwarded", "closed", "review"]},
        )
    assert response.json()["total"] == 5


def test_the_deadline_report_is_one_query(coordinator, many_cases, django_assert_num_queries):
    CaseFactory(status="received")
    client = token_client(coordinator)
    with django_assert_num_queries(3):
        response = client.get("/api/v1/reports/deadlines/")
    assert response.json()["stages"][0]["total"] == 7
