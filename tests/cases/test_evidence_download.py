"""Evidence files are served only through the download view, to users who may see the case."""

from io import BytesIO

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image

from apps.cases.evidence import evidence_add_file
from apps.cases.models import Case, Evidence
from tests.cases.factories import CaseFactory

PDF = b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog >>\nendobj\ntrailer\n%%EOF\n"


@pytest.fixture(autouse=True)
def private_media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def stored_pdf(investigator, status=None) -> Evidence:
    case = CaseFactory(assigned_to=[investigator], evidence=0)
    evidence = evidence_add_file(
        case=case,
        uploaded_file=SimpleUploadedFile("surat undangan.pdf", PDF),
        kind="document",
        actor=investigator,
    )
    if status:
        Case.objects.filter(pk=case.pk).update(status=status)
    return evidence


def download(client, evidence):
    return client.get(reverse("cases:evidence-download", args=[evidence.pk]))


def test_the_assigned_investigator_downloads_the_file_as_an_attachment(client, investigator):
    evidence = stored_pdf(investigator)
    client.force_login(investigator)
    response = download(client, evidence)
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == PDF
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"].startswith("attachment;")
    assert "surat undangan.pdf" in response["Content-Disposition"]
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Cache-Control"] == "private, no-store"


def test_a_coordinator_downloads_any_case_evidence(client, coordinator, investigator):
    evidence = stored_pdf(investigator)
    client.force_login(coordinator)
    assert download(client, evidence).status_code == 200


def test_another_investigator_gets_not_found(client, investigator, other_investigator):
    evidence = stored_pdf(investigator)
    client.force_login(other_investigator)
    assert download(client, evidence).status_code == 404


def stored_photo(investigator, name: str, status=None, **case_fields) -> Evidence:
    case = CaseFactory(assigned_to=[investigator], evidence=0, **case_fields)
    image = BytesIO()
    Image.new("RGB", (8, 8), (200, 10, 10)).save(image, "PNG")
    evidence = evidence_add_file(
        case=case,
        uploaded_file=SimpleUploadedFile(name, image.getvalue()),
        kind="photo",
        actor=investigator,
    )
    if status:
        Case.objects.filter(pk=case.pk).update(status=status)
    return evidence


def test_bkpsdm_gets_the_evidence_of_forwarded_cases_only(client, investigator, bkpsdm_officer):
    pending = stored_photo(investigator, "foto.png")
    forwarded = stored_photo(investigator, "foto.png", status=Case.Status.FORWARDED)
    client.force_login(bkpsdm_officer)
    assert download(client, pending).status_code == 404
    assert download(client, forwarded).status_code == 200


def test_outside_bawaslu_a_file_has_a_neutral_name_that_cannot_reveal_the_reporter(
    client, investigator, bkpsdm_officer
):
    """Security review: a photo named after the reporter and their phone reached BKPSDM."""
    named = "WA Sutrisno Pelapor 081234567890.png"
    number = "007/Reg/LP/PB/Kab/64.02/XI/2024"
    evidence = stored_photo(investigator, named, status=Case.Status.FORWARDED, number=number)
    client.force_login(bkpsdm_officer)
    response = download(client, evidence)
    disposition = response["Content-Disposition"]
    assert "Sutrisno" not in disposition and "0812" not in disposition
    assert 'filename="bukti-007-Reg-LP-PB-Kab-64.02-XI-2024-1.png"' in disposition
    page = client.get(reverse("admin:cases_case_change", args=[evidence.case_id])).content
    assert b"Sutrisno" not in page and b"bukti-007-Reg-LP-PB-Kab-64.02-XI-2024-1.png" in page
    client.force_login(investigator)
    assert named in download(client, evidence)["Content-Disposition"]


def test_outside_bawaslu_a_document_that_may_carry_metadata_is_withheld_with_the_reason(
    client, investigator, bkpsdm_officer
):
    """Security review: a PDF's author/title metadata can name the reporter."""
    evidence = stored_pdf(investigator, status=Case.Status.FORWARDED)
    client.force_login(bkpsdm_officer)
    response = download(client, evidence)
    assert response.status_code == 403
    assert b"%PDF" not in response.content
    assert "metadata" in response.content.decode()
    page = client.get(reverse("admin:cases_case_change", args=[evidence.case_id])).content.decode()
    assert "hanya dapat diunduh oleh Bawaslu" in page
    assert reverse("cases:evidence-download", args=[evidence.pk]) not in page


def test_a_camat_clerk_gets_not_found(client, investigator, clerk_loajanan):
    evidence = stored_pdf(investigator, status=Case.Status.FORWARDED)
    client.force_login(clerk_loajanan)
    response = download(client, evidence)
    assert response.status_code == 404
    assert b"%PDF" not in response.content


def test_an_anonymous_visitor_is_sent_to_the_login(client, investigator):
    evidence = stored_pdf(investigator)
    response = download(client, evidence)
    assert response.status_code == 302
    assert response["Location"].startswith("/login/")


def test_a_link_or_a_lost_file_is_not_found(client, investigator):
    evidence = stored_pdf(investigator)
    evidence.file.storage.delete(evidence.file.name)
    link = CaseFactory(assigned_to=[investigator]).evidence.get()
    client.force_login(investigator)
    assert download(client, evidence).status_code == 404
    assert download(client, link).status_code == 404


def test_evidence_files_have_no_public_url(client, settings, coordinator, investigator):
    evidence = stored_pdf(investigator)
    client.force_login(coordinator)
    assert not settings.MEDIA_URL
    for url in (f"/{evidence.file.name}", f"/media/{evidence.file.name}"):
        assert client.get(url).status_code == 404


def test_the_api_download_sends_the_same_protective_headers_as_the_admins(client, investigator):
    from tests.api.conftest import token_client

    evidence = stored_pdf(investigator)
    client.force_login(investigator)
    admin = download(client, evidence)
    api = token_client(investigator).get(
        f"/api/v1/cases/{evidence.case_id}/evidence/{evidence.pk}/download/"
    )
    assert api.status_code == 200
    for header in ("X-Content-Type-Options", "Cache-Control", "Content-Security-Policy"):
        assert api[header] == admin[header], header
    assert api["Content-Security-Policy"] == "default-src 'none'; sandbox"
