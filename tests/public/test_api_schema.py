"""The public and reference endpoints in the OpenAPI schema."""

import pytest

pytestmark = pytest.mark.django_db

REFERENCE = ["elections", "violation-forms", "sanction-types", "recipients", "regions", "agencies"]


@pytest.fixture
def schema(client):
    return client.get("/api/schema/", {"format": "json"}).json()


def test_every_reference_list_is_documented_with_its_etag_and_304(schema):
    for name in REFERENCE:
        operation = schema["paths"][f"/api/v1/reference/{name}/"]["get"]
        assert {"200", "304", "401", "403"} <= set(operation["responses"]), name
        headers = [p["name"] for p in operation["parameters"] if p["in"] == "header"]
        assert "If-None-Match" in headers, name


def test_the_public_operations_need_no_sign_in_and_document_their_answers(schema):
    track = schema["paths"]["/api/v1/public/track/"]["post"]
    assert track["security"] == [{}]
    assert {"200", "400", "404", "429"} <= set(track["responses"])
    for path in ("/api/v1/public/statistics/", "/api/v1/public/notices/"):
        assert schema["paths"][path]["get"]["security"] == [{}]
