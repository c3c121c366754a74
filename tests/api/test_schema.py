import re
from io import StringIO

import pytest
from django.contrib.staticfiles import finders
from django.core.management import call_command

from tests.api.conftest import token_client


def test_the_schema_is_valid_openapi_3_without_warnings(tmp_path, db):
    target = tmp_path / "schema.yaml"
    call_command(
        "spectacular", "--validate", "--fail-on-warn", "--file", str(target), stderr=StringIO()
    )
    assert target.read_text().startswith("openapi: 3.0")


def test_the_schema_is_served_as_json(anonymous_client):
    response = anonymous_client.get("/api/schema/", {"format": "json"})
    assert response.status_code == 200
    assert response.json()["info"]["title"] == "Netral API"


@pytest.fixture
def schema(anonymous_client):
    return anonymous_client.get("/api/schema/", {"format": "json"}).json()


def operations(schema):
    for path, item in schema["paths"].items():
        for method, operation in item.items():
            if method in {"get", "post", "put", "patch", "delete"}:
                yield path, method, operation


def test_every_operation_documents_401_403_and_the_error_shape(schema):
    for path, method, operation in operations(schema):
        if operation.get("security") == [{}]:  # public (apps.public): nobody signs in
            continue
        for code in ("401", "403"):
            content = operation["responses"][code]["content"]
            assert content == {
                "application/json": {"schema": {"$ref": "#/components/schemas/Error"}}
            }, (path, method, code)


def test_every_operation_with_a_path_parameter_documents_404(schema):
    for path, method, operation in operations(schema):
        if "{" in path:
            assert "404" in operation["responses"], (path, method)


def test_every_write_documents_400(schema):
    for path, method, operation in operations(schema):
        if method == "post":
            assert "400" in operation["responses"], (path, method)


def test_exports_are_documented_as_files(schema):
    listing = schema["paths"]["/api/v1/personnel/civil-servants/"]["get"]
    content = listing["responses"]["200"]["content"]
    assert content["text/csv"]["schema"] == {"type": "string", "format": "binary"}
    formats = next(p for p in listing["parameters"] if p["name"] == "format")
    assert set(formats["schema"]["enum"]) == {"json", "csv", "xlsx"}


def test_the_docs_page_loads_its_assets_from_the_app_not_a_cdn(client, db):
    response = client.get("/api/docs/")
    assert response.status_code == 200
    html = response.content.decode()
    assets = re.findall(r'(?:src|href)="([^"]+)"', html)
    assert assets
    for asset in assets:
        assert asset.startswith("/static/"), asset
        assert finders.find(asset.removeprefix("/static/")), asset


def test_a_token_made_with_the_api_token_command_authenticates(bkpsdm_officer):
    out = StringIO()
    call_command("api_token", "create", bkpsdm_officer.username, name="SIMPEG", stdout=out)
    key = out.getvalue().strip()
    assert re.fullmatch(r"ntl_[0-9a-f]{64}", key)
    client = token_client()
    client.credentials(HTTP_AUTHORIZATION=f"Token {key}")
    assert client.get("/api/v1/personnel/civil-servants/").status_code == 200
