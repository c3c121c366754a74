"""The same person, the same incident: earlier cases of a respondent and likely duplicates are
shown at intake and registration; joined reports are listed on both sides."""

from datetime import date

import pytest
from django.urls import reverse

from apps.cases.models import Case, Evidence, Respondent
from apps.cases.related import related_cases
from apps.cases.services import case_transition
from tests.api.conftest import token_client
from tests.cases.factories import CaseFactory

pytestmark = pytest.mark.django_db
S = Case.Status


def same_respondent(case: Case, **fields) -> Case:
    other = CaseFactory(respondents=0, **fields)
    person = case.respondents.get().civil_servant
    Respondent.objects.create(case=other, civil_servant=person, name=person.name, nip=person.nip)
    return other


def test_an_earlier_case_of_the_respondent_and_a_likely_duplicate_are_flagged(coordinator):
    case = CaseFactory(incident_on=date(2024, 11, 1))
    case.violation_forms.set([1])
    earlier = same_respondent(case, incident_on=date(2024, 6, 1), status=S.CLOSED)
    duplicate = same_respondent(case, incident_on=date(2024, 11, 2))
    duplicate.violation_forms.set([1])
    unrelated = CaseFactory()
    found = {r.case.pk: r for r in related_cases(case, coordinator)}
    assert set(found) == {earlier.pk, duplicate.pk}
    assert not found[earlier.pk].likely_duplicate
    assert found[earlier.pk].reasons == ["terlapor yang sama (kasus lain)"]
    assert found[duplicate.pk].likely_duplicate
    assert unrelated.pk not in found


def test_the_same_evidence_file_marks_a_likely_duplicate(coordinator):
    case, other = CaseFactory(), CaseFactory()
    for each in (case, other):
        Evidence.objects.create(case=each, kind="photo", sha256="ab" * 32)
    [found] = related_cases(case, coordinator)
    assert (found.case, found.reasons) == (other, ["alat bukti yang sama (SHA-256)"])


def test_an_investigator_sees_only_related_cases_assigned_to_them(investigator):
    case = CaseFactory(assigned_to=[investigator])
    same_respondent(case)
    assert related_cases(case, investigator) == []


def test_the_case_detail_and_the_registry_page_list_related_and_joined_cases(client, coordinator):
    handling = CaseFactory(status=S.CLARIFICATION)
    second = same_respondent(handling)
    case_transition(
        case_id=second.pk,
        action="join",
        actor=coordinator,
        fields={"into": handling.pk, "reason": "Kejadian yang sama."},
    )
    body = token_client(coordinator).get(f"/api/v1/cases/{handling.pk}/").json()
    assert [c["id"] for c in body["joined_cases"]] == [second.pk]
    assert [c["id"] for c in body["related_cases"]] == [second.pk]
    body = token_client(coordinator).get(f"/api/v1/cases/{second.pk}/").json()
    assert body["joined_into"]["id"] == handling.pk
    person = handling.respondents.get().civil_servant
    client.force_login(coordinator)
    page = client.get(reverse("admin:personnel_civilservant_change", args=[person.pk]))
    html = page.content.decode()
    assert reverse("admin:cases_case_change", args=[handling.pk]) in html
    assert reverse("admin:cases_case_change", args=[second.pk]) in html
