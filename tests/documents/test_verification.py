"""The public verification page: what a code stands for, and whether a PDF is the one issued."""

import io

import pytest
from django.core.cache import cache
from django.core.files.uploadedfile import SimpleUploadedFile
from pypdf import PdfReader, PdfWriter

from apps.documents.services import session_document_issue
from apps.documents.verification import display_code
from tests.documents.conftest import stored_pdf
from tests.training.factories import RegistrationFactory, SessionFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def fresh_rate_limits():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def document(reference_data, clerk_loajanan):
    session = SessionFactory(title="Sosialisasi Netralitas ASN Loa Janan")
    RegistrationFactory(session=session, civil_servant__name="Peserta Rahasia Sintetis")
    return session_document_issue(
        session_id=session.pk, document_type="attendance_list", actor=clerk_loajanan
    )


def _url(document):
    return f"/verifikasi/{document.verification_code}/"


def _upload(data: bytes):
    return {"berkas": SimpleUploadedFile("surat.pdf", data, content_type="application/pdf")}


def test_anyone_sees_type_number_date_office_and_hash_without_personal_data(client, document):
    response = client.get(_url(document))
    assert response.status_code == 200
    page = response.content.decode()
    assert "Daftar hadir sosialisasi" in page
    assert document.number in page
    assert "KECAMATAN LOA JANAN" in page
    assert document.sha256 in page
    assert "Peserta Rahasia Sintetis" not in page
    assert "Sosialisasi Netralitas ASN Loa Janan" not in page  # nothing of the content


def test_a_code_typed_from_paper_with_dashes_and_lower_case_is_found(client, document):
    typed = display_code(document.verification_code).lower()
    response = client.get("/verifikasi/", {"kode": typed})
    assert response.status_code == 302
    assert response["Location"] == _url(document)


def test_the_pdf_as_issued_matches(client, document):
    response = client.post(_url(document), _upload(stored_pdf(document)))
    assert response.status_code == 200
    assert "Cocok: berkas ini sama persis" in response.content.decode()


def test_a_tampered_pdf_fails_verification(client, document):
    """Opened and saved again with a changed field: still a valid PDF, but not the one issued."""
    reader = PdfReader(io.BytesIO(stored_pdf(document)))
    writer = PdfWriter(clone_from=reader)
    writer.add_metadata({"/Subject": "Diubah setelah diterbitkan"})
    tampered = io.BytesIO()
    writer.write(tampered)

    response = client.post(_url(document), _upload(tampered.getvalue()))

    page = response.content.decode()
    assert "Tidak cocok" in page
    assert "Cocok: berkas ini sama persis" not in page


def test_an_unknown_code_is_a_404_that_says_so(client, document):
    response = client.get("/verifikasi/ZZZZZZZZZZ/")
    assert response.status_code == 404
    assert "ZZZZ-ZZZZ-ZZ tidak terdaftar" in response.content.decode()


def test_a_newer_version_is_pointed_out_on_the_old_one(client, document, clerk_loajanan):
    session_document_issue(
        session_id=document.session_id, document_type="attendance_list", actor=clerk_loajanan
    )
    page = client.get(_url(document)).content.decode()
    assert "sudah terbit versi 2" in page


def test_the_page_is_rate_limited_per_address(client, document, settings):
    settings.NETRAL_VERIFY_RATE = "3/m"
    codes = [client.get(_url(document)).status_code for _ in range(4)]
    assert codes == [200, 200, 200, 429]
    other = client.get(_url(document), REMOTE_ADDR="10.9.8.7")
    assert other.status_code == 200
    assert "Retry-After" in client.get(_url(document))


def test_an_upload_over_the_limit_is_refused_with_a_reason(client, document, settings):
    settings.NETRAL_VERIFY_MAX_UPLOAD_BYTES = 100
    page = client.post(_url(document), _upload(stored_pdf(document))).content.decode()
    assert "Berkas terlalu besar" in page
