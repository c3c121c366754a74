"""The API's JSON is rendered by orjson and reads exactly as DRF's own renderer writes it."""

import datetime
import decimal
import uuid

import pytest
from django.utils.translation import gettext_lazy as _
from rest_framework.renderers import JSONRenderer as DRFJSONRenderer

from apps.core.api.renderers import JSONRenderer
from tests.api.conftest import token_client
from tests.cases.factories import CaseFactory

WITA = datetime.timezone(datetime.timedelta(hours=8))


@pytest.mark.parametrize(
    "value",
    [
        {"count": 2, "next": None, "results": [{"id": 1, "nama": "Kecamatan Loa Janan"}]},
        {"at": datetime.datetime(2024, 11, 27, 1, 0, tzinfo=datetime.UTC)},
        {"at": datetime.datetime(2024, 11, 27, 9, 0, 0, 123456, tzinfo=WITA)},
        {"on": datetime.date(2024, 11, 27), "time": datetime.time(9, 30)},
        {"label": _("Kasus tidak ditemukan."), "amount": decimal.Decimal("12.50")},
        {"id": uuid.UUID("12345678-1234-5678-1234-567812345678"), "text": "Tenggarong “Kukar”"},
        [1, 2.5, True, None, "é", ("a", "b")],
    ],
)
def test_the_api_json_is_what_drf_would_write(value):
    assert JSONRenderer().render(value) == DRFJSONRenderer().render(value)


def test_the_browsable_api_gets_indented_json():
    rendered = JSONRenderer().render({"a": 1}, "text/html")
    assert rendered == b'{\n  "a": 1\n}'


def test_api_responses_and_errors_are_rendered_by_it(coordinator):
    CaseFactory(status="review")
    client = token_client(coordinator)
    page = client.get("/api/v1/cases/")
    assert isinstance(page.accepted_renderer, JSONRenderer)
    assert page["Content-Type"] == "application/json"
    assert page.json()["count"] == 1
    missing = client.get("/api/v1/cases/999999/")
    assert missing.status_code == 404
    assert missing.json()["error"]["message"] == "Data tidak ditemukan."
