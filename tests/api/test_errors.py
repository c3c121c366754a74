import pytest

from tests.api.conftest import token_client

LIST = "/api/v1/personnel/civil-servants/"


def assert_error_shape(response, status: int, code: str | None = None) -> dict:
    assert response.status_code == status
    assert response["Content-Type"].startswith("application/json")
    error = response.json()["error"]
    assert set(error) == {"status", "code", "message", "fields"}
    assert error["status"] == status
    assert error["message"]
    if code:
        assert error["code"] == code
    return error


def test_an_anonymous_request_is_401_with_a_token_challenge(anonymous_client):
    response = anonymous_client.get(LIST)
    assert_error_shape(response, 401, "not_authenticated")
    assert response["WWW-Authenticate"] == "Token"


def test_a_wrong_token_is_401(anonymous_client):
    anonymous_client.credentials(
        HTTP_AUTHORIZATION="Token 0000000000000000000000000000000000000000"
    )
    assert_error_shape(anonymous_client.get(LIST), 401, "authentication_failed")


def test_a_session_login_works_as_well_as_a_token(client, bkpsdm_officer):
    client.force_login(bkpsdm_officer)
    assert client.get(LIST).status_code == 200


def test_an_invalid_filter_names_the_field(bkpsdm_officer):
    error = assert_error_shape(token_client(bkpsdm_officer).get(LIST, {"golongan": "V/z"}), 400)
    assert list(error["fields"]) == ["golongan"]


@pytest.mark.parametrize(
    "path, parameter",
    [
        ("/api/v1/cases/", "updated_after"),
        ("/api/v1/cases/", "received_before"),
        ("/api/v1/training/sessions/", "starts_after"),
    ],
)
def test_a_time_with_an_offset_postgresql_refuses_is_compared_in_utc(path, parameter, coordinator):
    """Found by schemathesis on PostgreSQL: an offset beyond ±15:59 (valid ISO 8601) failed in the
    database and aborted the request's transaction."""
    response = token_client(coordinator).get(path, {parameter: "0381-10-04T20:38:01-22:09"})
    assert response.status_code == 200


def test_a_time_without_a_utc_equivalent_is_a_400_naming_the_filter(coordinator):
    response = token_client(coordinator).get(
        "/api/v1/cases/", {"updated_after": "0001-01-01T00:00:00+05:00"}
    )
    error = assert_error_shape(response, 400)
    assert "rentang" in error["fields"]["updated_after"][0]


@pytest.mark.parametrize("value", ["99999999999999999999999999", "1e400", "0", "1.5"])
def test_an_id_filter_the_database_cannot_hold_is_a_400_naming_it(value, coordinator):
    """Found by schemathesis: ``?session=<huge>`` overflowed in the database (a 500)."""
    response = token_client(coordinator).get("/api/v1/training/pledges/", {"session": value})
    assert list(assert_error_shape(response, 400)["fields"]) == ["session"]


def test_an_unknown_api_address_is_404_in_the_error_shape(bkpsdm_officer):
    assert_error_shape(token_client(bkpsdm_officer).get("/api/v1/tidak-ada/"), 404, "not_found")


def test_a_page_past_the_end_is_404_in_the_error_shape(bkpsdm_officer):
    assert_error_shape(token_client(bkpsdm_officer).get(LIST, {"page": 999}), 404, "not_found")


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_errors_of_an_export_are_json_not_a_spreadsheet(fmt, anonymous_client, bkpsdm_officer):
    assert_error_shape(anonymous_client.get(LIST, {"format": fmt}), 401)
    response = token_client(bkpsdm_officer).get(LIST, {"format": fmt, "golongan": "V/z"})
    assert_error_shape(response, 400)


def test_an_unknown_format_is_404(bkpsdm_officer):
    assert_error_shape(token_client(bkpsdm_officer).get(LIST, {"format": "pdf"}), 404)


def test_a_role_without_access_is_403_in_the_error_shape(clerk_loajanan):
    error = assert_error_shape(token_client(clerk_loajanan).get(LIST), 403, "permission_denied")
    assert "kepegawaian" in error["message"]


def test_a_server_error_is_500_in_the_error_shape_without_a_traceback(bkpsdm_officer, monkeypatch):
    from apps.personnel.api.views import CivilServantListView

    def explode(self, request, *args, **kwargs):
        raise RuntimeError("rahasia internal")

    monkeypatch.setattr(CivilServantListView, "list", explode)
    client = token_client(bkpsdm_officer)
    client.raise_request_exception = False
    response = client.get(LIST)
    error = assert_error_shape(response, 500, "server_error")
    assert "rahasia" not in response.content.decode()
    assert error["fields"] == {}
