import hashlib
import re

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from apps.cases.evidence import evidence_add_file
from apps.cases.models import Clarification, ReporterAccess
from apps.cases.services import case_transition
from tests.api.conftest import token_client
from tests.cases.api.conftest import PDF
from tests.cases.factories import CaseFactory


def detail(user, case):
    return token_client(user).get(f"/api/v1/cases/{case.pk}/")


def test_the_detail_has_the_timeline_evidence_forwarding_and_follow_ups(coordinator):
    case = CaseFactory(status="received")
    case_transition(case_id=case.pk, action="register", actor=coordinator)
    body = detail(coordinator, case).json()
    assert {"events", "evidence", "clarifications", "forwarding", "follow_ups"} <= set(body)
    assert [e["action"] for e in body["events"]] == ["register"]
    assert body["events"][0]["from_status"] == "received"
    assert body["events"][0]["to_status"] == "registered"
    assert re.fullmatch(r"001/Reg/LP/PB/Kab/64\.02/[IVXLC]+/\d{4}", body["number"])
    assert body["evidence"][0]["url"].startswith("https://")
    assert body["forwarding"] is None
    assert "begin_clarification" in body["available_actions"]


def test_a_closed_case_shows_its_forwarding_and_follow_ups(bkpsdm_officer):
    case = CaseFactory(status="closed", respondents=2)
    body = detail(bkpsdm_officer, case).json()
    assert body["forwarding"]["recipients"][0]["code"] == "bkn-wasdal"
    assert body["forwarding"]["recommended_sanction"] == "berat"
    assert len(body["follow_ups"]) == 2
    follow_up = body["follow_ups"][0]
    assert (follow_up["outcome"], follow_up["final"]) == ("sanctioned", True)
    [sanction] = follow_up["sanctions"]
    assert sanction["sanction_type"]["code"] == "teguran-tertulis"
    assert sanction["decree_number"].startswith("800/") and sanction["state"] == "in_force"
    assert follow_up["respondent"] in {r["id"] for r in body["respondents"]}


def test_evidence_shows_its_hash_size_type_and_a_download_link(coordinator, private_media):
    case = CaseFactory(status="received", evidence=0)
    upload = SimpleUploadedFile("surat.pdf", PDF, content_type="application/pdf")
    evidence_add_file(case=case, uploaded_file=upload, kind="document", actor=coordinator)
    item = detail(coordinator, case).json()["evidence"][0]
    assert item["sha256"] == hashlib.sha256(PDF).hexdigest()
    assert item["size"] == len(PDF)
    assert item["type"] == "application/pdf"
    assert item["name"] == "surat.pdf"
    response = token_client(coordinator).get(item["download_url"])
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == PDF
    assert response["X-Content-SHA256"] == item["sha256"]


def test_evidence_of_a_case_out_of_scope_cannot_be_downloaded(bkpsdm_officer, coordinator):
    case = CaseFactory(status="received", evidence=0)
    upload = SimpleUploadedFile("surat.pdf", PDF, content_type="application/pdf")
    evidence = evidence_add_file(
        case=case, uploaded_file=upload, kind="document", actor=coordinator
    )
    url = f"/api/v1/cases/{case.pk}/evidence/{evidence.pk}/download/"
    assert token_client(bkpsdm_officer).get(url).status_code == 404
    assert token_client(coordinator).get(url).status_code == 200


def test_bawaslu_sees_the_reporter_witnesses_and_the_view_is_logged(investigator):
    case = CaseFactory(status="received", assigned_to=[investigator])
    body = detail(investigator, case).json()
    assert body["reporter"]["name"] == "Pelapor Sintetis"
    assert body["witnesses"][0]["name"] == "Saksi Sintetis 1"
    assert body["assigned_investigators"] == ["investigator"]
    access = ReporterAccess.objects.get(case=case)
    assert (access.user, access.channel) == (investigator, "api")


def test_bkpsdm_never_gets_the_reporter_nor_the_reporters_clarification(bkpsdm_officer):
    case = CaseFactory(status="forwarded")
    Clarification.objects.create(
        case=case,
        person_name="Pelapor Sintetis",
        role=Clarification.Role.REPORTER,
        held_at=timezone.now(),
        summary="Pelapor Sintetis menjelaskan unggahan.",
    )
    response = detail(bkpsdm_officer, case)
    body = response.json()
    assert "reporter" not in body and "witnesses" not in body
    assert body["clarifications"][0]["person_name"] == "Pelapor (identitas dirahasiakan)"
    assert body["clarifications"][0]["summary"] == ""
    assert "Pelapor Sintetis" not in response.content.decode()
    assert "6402031204900001" not in response.content.decode()
    assert not ReporterAccess.objects.exists()


def test_a_case_out_of_scope_is_404(investigator, other_investigator, bkpsdm_officer):
    case = CaseFactory(status="received", assigned_to=[investigator])
    assert detail(other_investigator, case).status_code == 404
    assert detail(bkpsdm_officer, case).status_code == 404
    assert detail(investigator, case).status_code == 200
    assert token_client(investigator).get("/api/v1/cases/999999/").status_code == 404
