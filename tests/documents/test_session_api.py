"""The session documents over the API: list, issue (201), fetch the PDF."""

import hashlib

import pytest

from tests.api.conftest import token_client
from tests.documents.conftest import pdf_text
from tests.training.factories import RegistrationFactory, SessionFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def session(reference_data):
    session = SessionFactory(title="Sosialisasi Netralitas ASN Loa Janan")
    RegistrationFactory(session=session)
    return session


def _documents(session):
    return f"/api/v1/training/sessions/{session.pk}/documents/"


def _issue(client, session, body):
    return client.post(_documents(session), body, format="json")


def test_a_clerk_issues_the_attendance_list_and_fetches_the_pdf(session, clerk_loajanan):
    api = token_client(clerk_loajanan)

    response = _issue(api, session, {"type": "attendance_list", "blank_rows": 2})

    assert response.status_code == 201, response.json()
    body = response.json()
    assert (body["type"], body["version"], body["page_count"]) == ("attendance_list", 1, 1)
    assert body["number"].startswith("001/DH/64.02.03/")
    assert body["download_url"].endswith(f"/api/v1/documents/{body['id']}/pdf/")
    assert "/verifikasi/" in body["verification_url"]

    pdf = api.get(body["download_url"], HTTP_ACCEPT="application/pdf")
    assert pdf.status_code == 200
    assert pdf["Content-Type"] == "application/pdf"
    data = b"".join(pdf.streaming_content)
    assert hashlib.sha256(data).hexdigest() == body["sha256"]
    assert "DAFTAR HADIR" in pdf_text(data)

    listing = api.get(_documents(session)).json()
    assert listing["count"] == 1 and listing["results"][0]["id"] == body["id"]


def test_issuing_again_lists_both_versions_newest_first(session, clerk_loajanan):
    api = token_client(clerk_loajanan)
    first = _issue(api, session, {"type": "attendance_list"}).json()
    second = _issue(api, session, {"type": "attendance_list"}).json()
    results = api.get(_documents(session)).json()["results"]
    assert [r["version"] for r in results] == [2, 1]
    assert [r["id"] for r in results] == [second["id"], first["id"]]
    assert first["number"] == second["number"]


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({}, "type"),
        ({"type": "receipt"}, "type"),
        ({"type": "attendance_list", "blank_rows": "banyak"}, "blank_rows"),
        ({"type": "attendance_list", "warna": "merah"}, "warna"),
    ],
)
def test_bad_input_is_a_400_naming_the_field(session, clerk_loajanan, body, field):
    response = _issue(token_client(clerk_loajanan), session, body)
    assert response.status_code == 400
    assert field in response.json()["error"]["fields"]


def test_who_gets_what_over_the_api(session, clerk_loajanan, clerk_tenggarong, coordinator):
    issued = _issue(token_client(clerk_loajanan), session, {"type": "attendance_list"}).json()
    pdf_url = f"/api/v1/documents/{issued['id']}/pdf/"

    other_clerk = token_client(clerk_tenggarong)
    assert other_clerk.get(_documents(session)).status_code == 404
    assert other_clerk.get(pdf_url).status_code == 404
    assert _issue(other_clerk, session, {"type": "attendance_list"}).status_code == 404

    bawaslu = token_client(coordinator)
    assert bawaslu.get(_documents(session)).status_code == 200
    assert bawaslu.get(pdf_url).status_code == 200
    refused = _issue(bawaslu, session, {"type": "pledge_forms"})
    assert refused.status_code == 403
    assert refused.json()["error"]["code"] == "forbidden"

    assert token_client().get(pdf_url).status_code == 401


def test_a_missing_document_is_a_404_in_the_error_shape(clerk_loajanan):
    response = token_client(clerk_loajanan).get(
        "/api/v1/documents/999999/pdf/", HTTP_ACCEPT="application/pdf"
    )
    assert response.status_code == 404
    assert response.json()["error"]["code"] == "not_found"


def test_the_list_costs_the_same_queries_for_one_or_three_documents(
    session, clerk_loajanan, django_assert_num_queries
):
    from apps.documents.services import session_document_issue

    api = token_client(clerk_loajanan)
    session_document_issue(
        session_id=session.pk, document_type="attendance_list", actor=clerk_loajanan
    )
    api.get(_documents(session))  # the token is created on the first call
    with django_assert_num_queries(6):
        assert api.get(_documents(session)).json()["count"] == 1
    for _ in range(2):
        session_document_issue(
            session_id=session.pk, document_type="pledge_forms", actor=clerk_loajanan
        )
    with django_assert_num_queries(6):
        assert api.get(_documents(session)).json()["count"] == 3
