"""Evidence files are served only through the download view, to users who may see the case."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

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


def test_bkpsdm_gets_the_evidence_of_forwarded_cases_only(client, investigator, bkpsdm_officer):
    pending = stored_pdf(investigator)
    forwarded = stored_pdf(investigator, status=Case.Status.FORWARDED)
    client.force_login(bkpsdm_officer)
    assert download(client, pending).status_code == 404
    assert download(client, forwarded).status_code == 200


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
