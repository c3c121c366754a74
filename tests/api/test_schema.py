import re
from io import StringIO

import pytest
from django.contrib.staticfiles import finders
from django.core.management import call_command

from tests.api.conftest import token_client


def test_the_schema_is_valid_openapi_3_1_without_warnings(tmp_path, db):
    target = tmp_path / "schema.yaml"
    call_command(
        "spectacular", "--validate", "--fail-on-warn", "--file", str(target), stderr=StringIO()
    )
    assert target.read_text().startswith("openapi: 3.1")


def test_the_schema_passes_openapi_spec_validator(schema):
    from openapi_spec_validator import validate

    validate(schema)


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


EXPORTS = {
    "/api/v1/cases/": "/api/v1/cases/export/",
    "/api/v1/personnel/civil-servants/": "/api/v1/personnel/civil-servants/export/",
    "/api/v1/reports/cases/": "/api/v1/reports/cases/export/",
    "/api/v1/reports/deadlines/": "/api/v1/reports/deadlines/export/",
    "/api/v1/reports/training-coverage/": "/api/v1/reports/training-coverage/export/",
}
BINARY = {"type": "string", "format": "binary"}


@pytest.mark.parametrize(("listing", "export"), EXPORTS.items())
def test_a_list_answers_json_and_its_export_operation_answers_files(schema, listing, export):
    json_only = schema["paths"][listing]["get"]
    assert list(json_only["responses"]["200"]["content"]) == ["application/json"]
    assert "format" not in {p["name"] for p in json_only["parameters"]}

    files = schema["paths"][export]["get"]
    content = files["responses"]["200"]["content"]
    # octet-stream first: the media type a generated client reads as bytes.
    assert next(iter(content)) == "application/octet-stream"
    assert {media: body["schema"] for media, body in content.items()} == {
        "application/octet-stream": BINARY,
        "text/csv": BINARY,
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": BINARY,
    }
    parameters = {p["name"]: p["schema"] for p in files["parameters"]}
    assert parameters["format"] == {
        "$ref": "#/components/schemas/ExportFormatEnum",
        "default": "csv",
    }
    assert schema["components"]["schemas"]["ExportFormatEnum"]["enum"] == ["csv", "xlsx"]
    listed = {p["name"] for p in json_only["parameters"]} - {"page", "page_size"}
    assert listed <= set(parameters)


def test_format_is_not_a_parameter_where_it_means_nothing(schema):
    create = schema["paths"]["/api/v1/cases/"]["post"]
    download = schema["paths"]["/api/v1/cases/{id}/evidence/{evidence_id}/download/"]["get"]
    assert "format" not in {p["name"] for p in create.get("parameters", [])}
    assert "format" not in {p["name"] for p in download.get("parameters", [])}


def test_request_bodies_are_json_except_uploads(schema):
    uploads = {
        "/api/v1/cases/{id}/evidence/",
        "/api/v1/personnel/imports/",
        "/api/v1/training/pledges/",
    }
    for path, method, operation in operations(schema):
        if "requestBody" in operation:
            expected = ["multipart/form-data"] if path in uploads else ["application/json"]
            assert list(operation["requestBody"]["content"]) == expected, (path, method)


@pytest.mark.parametrize("report", ["/api/v1/reports/cases/", "/api/v1/reports/deadlines/"])
def test_reports_declare_the_case_filters(schema, report):
    names = {p["name"] for p in schema["paths"][report]["get"]["parameters"]}
    assert {"status", "kind", "election", "kecamatan", "agency", "updated_after"} <= names


def test_every_ordering_is_an_enum_of_the_lists_fields(schema):
    orderings = [
        (path, next(p for p in op.get("parameters", []) if p["name"] == "ordering"))
        for path, method, op in operations(schema)
        if any(p["name"] == "ordering" for p in op.get("parameters", []))
    ]
    assert len(orderings) >= 5
    for path, ordering in orderings:
        values = ordering["schema"]["enum"]
        assert values and all(f"-{v}" in values for v in values if not v.startswith("-")), path
    cases = dict(orderings)["/api/v1/cases/"]["schema"]["enum"]
    assert {"updated_at", "-updated_at", "received_at", "-received_at"} <= set(cases)


def test_query_enums_are_the_named_response_enums(schema):
    listing = schema["paths"]["/api/v1/cases/"]["get"]
    parameters = {p["name"]: p["schema"] for p in listing["parameters"]}
    assert parameters["kind"] == {"$ref": "#/components/schemas/CaseKindEnum"}
    assert parameters["status"]["items"] == {"$ref": "#/components/schemas/CaseStatusEnum"}
    for path, method, operation in operations(schema):
        for parameter in operation.get("parameters", []):
            assert "title" not in parameter["schema"], (path, method, parameter["name"])


def test_nullable_references_are_one_of_the_reference_or_null(schema):
    detail = schema["components"]["schemas"]["CaseDetailOutput"]["properties"]
    for name in ("village", "forwarding"):
        assert {"type": "null"} in detail[name]["oneOf"], name
    email = schema["components"]["schemas"]["ReporterOutput"]["properties"]["email"]
    assert "oneOf" not in email


def test_the_token_scheme_is_http_bearer(schema):
    scheme = schema["components"]["securitySchemes"]["tokenAuth"]
    assert (scheme["type"], scheme["scheme"]) == ("http", "bearer")


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


def _pointer(*parts: str) -> str:
    return "#/" + "/".join(p.replace("~", "~0").replace("/", "~1") for p in parts)


def _media_examples(schema):
    for path, method, operation in operations(schema):
        bodies = [("requestBody", operation.get("requestBody", {}))]
        bodies += [(f"responses/{code}", r) for code, r in operation["responses"].items()]
        for where, body in bodies:
            for media_type, media in body.get("content", {}).items():
                for name, example in media.get("examples", {}).items():
                    pointer = _pointer("paths", path, method, *where.split("/"))
                    pointer += "/" + _pointer("content", media_type, "schema")[2:]
                    yield f"{method} {path} {where} {name}", pointer, example["value"]


def test_the_main_operations_have_examples_and_each_is_valid(schema):
    from openapi_schema_validator import OAS31Validator

    examples = list(_media_examples(schema))
    described = {name.split(" ")[1] for name, _pointer, _value in examples}
    assert {
        "/api/v1/cases/",
        "/api/v1/cases/{id}/transitions/",
        "/api/v1/cases/{id}/follow-ups/",
        "/api/v1/reports/cases/",
        "/api/v1/reports/deadlines/",
    } <= described
    for name, pointer, value in examples:
        # The whole document is the schema root, so that its ``#/components/...`` resolve.
        validator = OAS31Validator({**schema, "$ref": pointer})
        errors = [e.message for e in validator.iter_errors(value)]
        assert errors == [], name
