"""The API's filter backend builds only the filters a request names, with django-filter's
answers: the same rows, the same 400 naming a wrong value, the same form for people."""

from rest_framework.test import APIRequestFactory

from apps.cases.api.filters import CaseFilter
from apps.cases.api.views import CaseListView
from apps.core.api.filters import FilterBackend, named_filters
from tests.api.conftest import token_client
from tests.cases.factories import CaseFactory


def list_view(user, params) -> CaseListView:
    request = APIRequestFactory().get("/api/v1/cases/", params)
    request.user = user
    view = CaseListView()
    view.setup(request)
    view.request = view.initialize_request(request)
    view.request.user = user
    view.format_kwarg = None
    return view


def test_a_request_names_the_filters_it_uses_and_nothing_else():
    params = {"status": "review", "received_after": "2024-11-01T00:00:00+08:00", "page": "2"}
    assert set(named_filters(CaseFilter, params)) == {"status", "received_after"}
    assert named_filters(CaseFilter, {"page_size": "50", "ordering": "-id"}) == {}


def test_the_filterset_of_a_request_holds_only_its_filters(coordinator):
    view = list_view(coordinator, {"kind": "temuan", "page": "1"})
    filterset = FilterBackend().get_filterset(view.request, view.get_queryset(), view)
    assert list(filterset.filters) == ["kind"]
    assert {"kind", "status", "search"} < set(CaseFilter.base_filters)


def test_the_browsable_form_still_offers_every_filter(coordinator):
    view = list_view(coordinator, {"kind": "temuan"})
    html = FilterBackend().to_html(view.request, view.get_queryset(), view)
    for name in CaseFilter.base_filters:
        assert f'name="{name}"' in html


def test_named_filters_filter_and_absent_ones_do_not(coordinator):
    review, temuan = CaseFactory(status="review"), CaseFactory(status="closed", kind="temuan")
    client = token_client(coordinator)
    everything = client.get("/api/v1/cases/").json()
    assert {row["id"] for row in everything["results"]} == {review.pk, temuan.pk}
    only_temuan = client.get("/api/v1/cases/", {"kind": "temuan", "page_size": 10}).json()
    assert [row["id"] for row in only_temuan["results"]] == [temuan.pk]


def test_a_wrong_filter_value_is_a_400_naming_it(coordinator):
    response = token_client(coordinator).get("/api/v1/cases/", {"status": "bukan-status"})
    assert response.status_code == 400
    assert list(response.json()["error"]["fields"]) == ["status"]
