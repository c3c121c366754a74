"""The case list's counts beside each filter choice (show_facets): each one is the number of
cases the list shows when that choice is taken, with the other filters as they are."""

import re
from datetime import timedelta

import pytest
from django.utils import timezone

from apps.cases.models import Case
from tests.cases.factories import CaseFactory
from tests.factories import agency

pytestmark = pytest.mark.django_db

S = Case.Status
CASE_LIST = "/admin/cases/case/"


@pytest.fixture
def listed_cases(investigator):
    now = timezone.now()
    cases = [
        CaseFactory(status=S.RECEIVED, assigned_to=[investigator], respondents=2),
        CaseFactory(status=S.REVIEW, conclusion="Terbukti.", respondents=1),
        CaseFactory(status=S.FORWARDED, assigned_to=[investigator], respondents=3),
        CaseFactory(status=S.CLOSED, respondents=1),
        CaseFactory(status=S.REGISTERED, respondents=2),
    ]
    # Respondents of two agencies, one of them twice in one case (counted once for the case).
    health, education = agency("DINKES"), agency("DISDIKBUD")
    for case, place in zip(cases, [health, education, health, education, health], strict=True):
        case.respondents.update(agency=place)
    Case.objects.filter(pk=cases[1].pk).update(next_due_at=now + timedelta(hours=12))
    Case.objects.filter(pk=cases[4].pk).update(next_due_at=now + timedelta(hours=36))
    return cases


def choices_with_counts(response) -> list[tuple[str, str, int]]:
    """Every filter choice shown with its count: (filter, query string, count)."""
    cl = response.context["cl"]
    found = []
    for spec in cl.filter_specs:
        for choice in spec.choices(cl):
            match = re.search(r"\((\d+)\)$", str(choice["display"]))
            if match and not choice["selected"]:
                found.append((str(spec.title), choice["query_string"], int(match.group(1))))
    return found


@pytest.mark.parametrize("role", ["coordinator", "investigator"])
@pytest.mark.parametrize(
    "narrowed_by",
    ["", "?status__exact=received", "?batas=terlambat", "?q=Reg"],  # q: a search
)
def test_each_choice_counts_the_cases_it_lists(role, narrowed_by, request, client, listed_cases):
    client.force_login(request.getfixturevalue(role))
    choices = choices_with_counts(client.get(CASE_LIST + narrowed_by))
    titles = {title for title, _query, _count in choices}
    assert {"batas waktu", "tahap", "unit kerja terlapor"} <= titles
    for title, query, count in choices:
        listed = client.get(CASE_LIST + query).context["cl"].result_count
        assert listed == count, (title, query)
