"""What a generated client relies on beyond the schema's shape: orderings it does not list are
refused, the bearer header it sends is accepted, the export operations answer files (and errors
in the one error shape), id filters refuse numbers no row can have."""

import pytest

from apps.core.tokens import api_token_create
from tests.api.conftest import token_client
from tests.api.test_errors import assert_error_shape
from tests.cases.factories import CaseFactory

CASES = "/api/v1/cases/"


def test_an_unknown_ordering_is_a_400_in_bahasa_indonesia(coordinator):
    response = token_client(coordinator).get(CASES, {"ordering": "bogus"})
    error = assert_error_shape(response, 400, "invalid")
    assert error["fields"]["ordering"][0].startswith("Urutan tidak dikenal: bogus.")
    assert "-updated_at" in error["fields"]["ordering"][0]


def test_a_listed_ordering_orders(coordinator):
    first, second = CaseFactory(), CaseFactory()
    response = token_client(coordinator).get(CASES, {"ordering": "-id"})
    assert [c["id"] for c in response.json()["results"]] == [second.pk, first.pk]


@pytest.mark.parametrize("listing", ["/api/v1/training/sessions/", "/api/v1/notifications/"])
def test_every_list_refuses_an_ordering_it_does_not_list(coordinator, listing):
    response = token_client(coordinator).get(listing, {"ordering": "password"})
    assert_error_shape(response, 400, "invalid")


@pytest.mark.parametrize("scheme", ["Bearer", "Token"])
def test_the_key_is_accepted_after_bearer_or_token(bkpsdm_officer, scheme, anonymous_client):
    _token, key = api_token_create(user=bkpsdm_officer, name="SIMPEG")
    anonymous_client.credentials(HTTP_AUTHORIZATION=f"{scheme} {key}")
    assert anonymous_client.get(CASES).status_code == 200


def test_the_export_operation_answers_csv_by_default_and_xlsx_on_request(bkpsdm_officer):
    CaseFactory(status="forwarded")
    client = token_client(bkpsdm_officer)
    csv = client.get(f"{CASES}export/")
    assert csv["Content-Type"].startswith("text/csv")
    assert b"".join(csv.streaming_content).count(b"\n") == 2
    xlsx = client.get(f"{CASES}export/", {"format": "xlsx"})
    assert b"".join(xlsx.streaming_content).startswith(b"PK\x03\x04")


def test_the_export_operation_answers_errors_in_the_one_shape(bkpsdm_officer):
    client = token_client(bkpsdm_officer)
    assert_error_shape(client.get(f"{CASES}export/", {"format": "json"}), 404)
    assert_error_shape(client.get(f"{CASES}export/", {"ordering": "bogus"}), 400)


def test_the_list_still_exports_with_format(bkpsdm_officer):
    CaseFactory(status="forwarded")
    response = token_client(bkpsdm_officer).get(CASES, {"format": "csv"})
    assert response["Content-Type"].startswith("text/csv")


def test_a_json_endpoint_refuses_a_form_body(coordinator):
    case = CaseFactory(status="registered")
    response = token_client(coordinator).post(
        f"{CASES}{case.pk}/transitions/", {"action": "begin_clarification"}, format="multipart"
    )
    assert_error_shape(response, 415)


@pytest.mark.parametrize("session", ["0", "-1", str(2**63), "99999999999999999999999", "1.5"])
def test_an_id_filter_refuses_what_cannot_be_an_id(coordinator, session):
    response = token_client(coordinator).get("/api/v1/training/pledges/", {"session": session})
    assert_error_shape(response, 400, "invalid")


def test_a_large_export_from_the_export_operation_becomes_a_job_that_finishes(
    bkpsdm_officer, settings, tmp_path, django_capture_on_commit_callbacks
):
    from apps.core.models import ExportJob
    from tests.factories import CivilServantFactory

    settings.MEDIA_ROOT = settings.PRIVATE_MEDIA_ROOT = tmp_path
    settings.NETRAL_EXPORT_ASYNC_ROWS = 1
    CivilServantFactory.create_batch(3)
    with django_capture_on_commit_callbacks(execute=True):
        response = token_client(bkpsdm_officer).get(
            "/api/v1/personnel/civil-servants/export/", {"format": "xlsx"}
        )
    assert response.status_code == 202
    job = ExportJob.objects.get(pk=response.json()["id"])
    assert (job.status, job.rows_written) == ("done", 3)
