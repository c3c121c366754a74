"""The policy table, tried: every operation × every state × every persona, through the service,
the API and the admin. Allowed → done, with exactly one event; refused → the same error and
message everywhere, and nothing changed.

The expected outcome is read off the table (``apps.cases.policy.OPERATIONS``) by the few lines of
:func:`expected`; tests/cases/test_workflow.py restates the workflow's rows independently.
"""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.db import transaction
from django.urls import reverse
from rest_framework.test import APIClient

from apps.cases import policy
from apps.cases.models import (
    BknRecommendation,
    Case,
    CaseEvent,
    DataBlock,
    Evidence,
    FollowUp,
    GakkumduReferral,
    Objection,
    Reporter,
    Respondent,
    Sanction,
    Witness,
)
from apps.core.errors import Conflict, DomainError, Forbidden, NotFound
from tests.cases import policy_drivers as drive
from tests.cases.factories import CaseFactory

pytestmark = pytest.mark.django_db
S = Case.Status
# persona -> the capacity it holds on the test case (assigned to "investigator")
PERSONAS = {
    "coordinator": policy.COORDINATOR,
    "superuser": policy.ADMINISTRATOR,
    "investigator": policy.INVESTIGATOR,
    "other_investigator": None,
    "bkpsdm_officer": policy.BKPSDM,
    "clerk_loajanan": None,
    "anonymous": None,
}
WRITES = [name for name, op in policy.OPERATIONS.items() if op.kind != policy.table.READ]
WRITES.remove("create")  # no case yet: tests/cases/test_services.py (intake)


def expected(name: str, status: str, persona: str, case: Case | None = None):
    """The outcome the table promises: an error class, or None when allowed."""
    op, capacity = policy.OPERATIONS[name], PERSONAS[persona]
    if capacity is None or status not in policy.OPERATIONS["view"].who.get(capacity, ()):
        return NotFound
    if capacity not in op.who:
        return Forbidden
    if status not in op.who[capacity]:
        return Conflict
    if case is not None and any(pre(case) for pre in op.preconditions):
        return Conflict  # e.g. the decision deadline passed: no extension after the fact
    return None


def snapshot(case: Case) -> tuple:
    rows = [
        Case.objects.filter(pk=case.pk).values().get(),
        sorted(Case.assigned_investigators.through.objects.filter(case=case).values_list()),
    ]
    for model in (Reporter, Respondent, Witness, Evidence):
        rows.append(sorted(model.objects.filter(case=case).values_list()))
    for model in (FollowUp, Sanction, DataBlock):
        rows.append(sorted(model.objects.filter(respondent__case=case).values_list()))
    rows.append(sorted(Objection.objects.filter(sanction__respondent__case=case).values_list()))
    for model in (BknRecommendation, GakkumduReferral):
        rows.append(sorted(model.objects.filter(case=case).values_list()))
    rows.append(case.clarifications.count())
    rows.append(case.documents.count())
    return rows, CaseEvent.objects.filter(case=case).count()


@pytest.fixture
def people(request):
    users = {
        persona: request.getfixturevalue(persona) for persona in PERSONAS if persona != "anonymous"
    }
    return {**users, "anonymous": AnonymousUser()}


def case_in(status: str, people) -> Case:
    case = CaseFactory(
        status=status, assigned_to=[people["investigator"]], followed_up=status == S.FORWARDED
    )
    drive.heard(case)  # the minutes are of a recorded clarification
    return case


def each_persona(case: Case, people):
    """Each persona tries the operation on the same starting case (the savepoint undoes it)."""
    for persona, user in people.items():
        with transaction.atomic():
            yield persona, user
            transaction.set_rollback(True)


def service_outcome(name: str, case: Case, user, world) -> DomainError | None:
    try:
        with transaction.atomic():
            drive.service(name, Case.objects.get(pk=case.pk), user, world)
            transaction.set_rollback(True)
    except DomainError as refused:
        return refused
    return None


@pytest.mark.parametrize("status", list(S))
@pytest.mark.parametrize("name", WRITES)
def test_through_the_service(name, status, people):
    case, world = case_in(status, people), drive.World(people["other_investigator"])
    drive.prepare(name, case, world)
    for persona, user in each_persona(case, people):
        outcome, before = expected(name, status, persona, case), snapshot(case)
        if outcome is None:
            drive.service(name, case, user, world)
            rows, events = snapshot(case)
            assert events == before[1] + 1, f"{persona}: {name} must leave exactly one event"
            assert rows != before[0], f"{persona}: {name} changed nothing"
            assert CaseEvent.objects.filter(case=case).latest("id").actor == user
        else:
            with pytest.raises(outcome):
                drive.service(name, case, user, world)
            assert snapshot(case) == before, f"{persona}: a refused {name} changed the case"


def api_client(user) -> APIClient:
    client = APIClient()
    if user.is_authenticated:
        client.force_authenticate(user)
    return client


@pytest.mark.parametrize("status", list(S))
@pytest.mark.parametrize("name", [*policy.TRANSITIONS, *sorted(drive.API_OPERATIONS)])
def test_through_the_api(name, status, people):
    case, world = case_in(status, people), drive.World(people["other_investigator"])
    drive.prepare(name, case, world)
    for persona, user in each_persona(case, people):
        outcome, before = expected(name, status, persona, case), snapshot(case)
        refusal = service_outcome(name, case, user, world)
        response = drive.api(name, api_client(user), case, world)
        if not policy.may(user, "view"):  # no business with cases: the endpoint refuses the role
            assert response.status_code in (401, 403), persona
            assert snapshot(case) == before
        elif outcome is None:
            assert response.status_code in (200, 201), (persona, response.json())
            assert snapshot(case)[1] == before[1] + 1
        else:
            error = response.json()["error"]
            assert (response.status_code, error["message"]) == (
                outcome.status_code,
                refusal.message,
            ), persona
            assert snapshot(case) == before


ADMIN_PAGES = [name for name in WRITES if name not in drive.CASE_PAGE_MARKERS]


def log_in(client, user) -> None:
    if user.is_authenticated:
        client.force_login(user)
    else:
        client.logout()


@pytest.mark.parametrize("status", list(S))
@pytest.mark.parametrize("name", ADMIN_PAGES)
def test_through_the_admin(name, status, people, client):
    case, world = case_in(status, people), drive.World(people["other_investigator"])
    drive.prepare(name, case, world)
    for persona, user in each_persona(case, people):
        log_in(client, user)
        outcome, before = expected(name, status, persona, case), snapshot(case)
        refusal = service_outcome(name, case, user, world)
        url, form = drive.admin_page(name, case, world)
        response = client.post(url, form)
        if not user.is_staff:  # anonymous, camat clerks: the admin sends them to its login
            assert response.status_code == 302 and "/login/" in response["Location"]
        elif outcome is NotFound:
            assert response.status_code == 404, persona
        elif outcome is None:
            assert response.status_code == 302, (persona, messages_of(response))
            assert snapshot(case)[1] == before[1] + 1, persona
            continue
        else:
            followed = client.get(response["Location"])
            assert refusal.message in messages_of(followed), persona
        assert snapshot(case) == before, f"{persona}: a refused {name} changed the case"


def messages_of(response) -> list[str]:
    return [str(m) for m in response.context["messages"]] if response.context else []


@pytest.mark.parametrize("status", list(S))
def test_the_case_page_offers_exactly_the_changes_allowed(status, people, client):
    """The case page's own operations (fields, new rows) are offered exactly when allowed."""
    case = case_in(status, people)
    for persona, user in people.items():
        log_in(client, user)
        response = client.get(reverse("admin:cases_case_change", args=[case.pk]))
        if expected("view", status, persona) is NotFound:
            assert response.status_code in (302, 404), persona  # 302: no admin access at all
            continue
        html = response.content.decode()
        for name, marker in drive.CASE_PAGE_MARKERS.items():
            offered = marker in html
            assert offered == (expected(name, status, persona) is None), (persona, name)
