import io

import pytest
from PIL import Image

from apps.cases.models import Case, CaseEvent, Evidence, FollowUp
from tests.api.conftest import token_client
from tests.cases.api.conftest import PDF
from tests.cases.factories import REPORTER_NIK, CaseFactory
from tests.factories import CivilServantFactory

LIST = "/api/v1/cases/"


def intake_body(**overrides) -> dict:
    servant = CivilServantFactory()
    body = {
        "kind": "laporan",
        "election": "pilkada-kukar-2024",
        "received_at": "2024-11-09T10:00:00+08:00",
        "known_on": "2024-11-02",
        "incident_on": "2024-11-01",
        "incident_place": "Balai Desa Loa Janan Ulu",
        "kecamatan": "64.02.03",
        "chronology": "Terlapor mengajak warga memilih salah satu pasangan calon.",
        "violation_forms": ["media-sosial"],
        "reporter": {
            "name": "Pelapor Sintetis",
            "nik": REPORTER_NIK,
            "address": "Jl. Uji No. 1",
            "phone": "0812-3456-7890",
            "email": "pelapor@netral.invalid",
            "occupation": "Petani",
        },
        "respondents": [
            {"nip": servant.nip},
            {"name": "Kepala Desa Sintetis", "agency": "KEC-64.02.03", "position": "Staf"},
        ],
        "witnesses": [{"name": "Saksi Sintetis", "phone": "628123450000"}],
    }
    body.update(overrides)
    return body


def transition(user, case, action, **fields):
    return token_client(user).post(
        f"/api/v1/cases/{case.pk}/transitions/", {"action": action, **fields}, format="json"
    )


# --- intake -----------------------------------------------------------------------------------


def test_an_investigator_logs_a_laporan_and_is_assigned_to_it(investigator):
    body = intake_body()
    response = token_client(investigator).post(LIST, body, format="json")
    assert response.status_code == 201, response.content
    data = response.json()
    assert response["Location"] == f"/api/v1/cases/{data['id']}/"
    assert data["status"] == "received"
    assert data["reporter"]["phone"] == "+6281234567890"
    assert data["respondents"][0]["nip"] == body["respondents"][0]["nip"]
    assert data["respondents"][1]["agency"]["code"] == "KEC-64.02.03"
    assert data["violation_forms"][0]["code"] == "media-sosial"
    assert data["assigned_investigators"] == ["investigator"]
    assert [e["action"] for e in data["events"]] == ["create"]


def test_a_laporan_without_a_reporter_is_400(coordinator):
    response = token_client(coordinator).post(LIST, intake_body(reporter=None), format="json")
    assert response.status_code == 400
    assert list(response.json()["error"]["fields"]) == ["reporter"]


def test_a_temuan_needs_no_reporter(coordinator):
    body = intake_body(kind="temuan")
    del body["reporter"]
    response = token_client(coordinator).post(LIST, body, format="json")
    assert response.status_code == 201
    assert response.json()["reporter"] is None


def test_intake_names_every_invalid_field(coordinator):
    body = intake_body(
        election="tidak-ada",
        kecamatan="99.99",
        respondents=[{"nip": "199013132015011001"}],
        violation_forms=["bukan-bentuk"],
    )
    body["reporter"]["nik"] = "123"
    response = token_client(coordinator).post(LIST, body, format="json")
    assert response.status_code == 400
    fields = response.json()["error"]["fields"]
    assert {"election", "kecamatan", "violation_forms"} <= set(fields)


def test_the_service_names_a_bad_nik_and_nip(coordinator):
    body = intake_body(respondents=[{"nip": "199013132015011001"}])
    body["reporter"]["nik"] = "6402031204900"
    response = token_client(coordinator).post(LIST, body, format="json")
    assert response.status_code == 400
    assert {"reporter.nik", "respondents[0].nip"} <= set(response.json()["error"]["fields"])


def test_bkpsdm_may_not_log_cases(bkpsdm_officer):
    response = token_client(bkpsdm_officer).post(LIST, {"kind": "x"}, format="json")
    assert response.status_code == 403


# --- transitions ------------------------------------------------------------------------------


def test_a_coordinator_registers_a_case_and_gets_the_updated_case(coordinator):
    case = CaseFactory(status="received")
    response = transition(coordinator, case, "register")
    assert response.status_code == 200, response.content
    assert response.json()["status"] == "registered"
    assert response.json()["number"].startswith("001/Reg/LP/")


def test_registering_names_every_unmet_requirement(coordinator):
    case = CaseFactory(status="received", respondents=0, witnesses=0, evidence=0, incident_place="")
    response = transition(coordinator, case, "register")
    assert response.status_code == 400
    fields = response.json()["error"]["fields"]
    assert {"respondents", "incident_place", "evidence"} <= set(fields)
    case.refresh_from_db()
    assert case.status == "received"


def test_an_investigator_may_not_forward(investigator):
    case = CaseFactory(status="review", assigned_to=[investigator])
    response = transition(investigator, case, "forward")
    assert response.status_code == 403
    assert response.json()["error"]["code"] == "forbidden"


def test_an_action_not_allowed_from_the_state_is_409(coordinator):
    case = CaseFactory(status="received")
    response = transition(coordinator, case, "begin_review")
    assert response.status_code == 409
    assert response.json()["error"]["code"] == "invalid_transition"


def test_an_unknown_action_is_400(coordinator):
    response = transition(coordinator, CaseFactory(status="received"), "melompat")
    assert response.status_code == 400
    assert "action" in response.json()["error"]["fields"]


def test_unknown_fields_of_an_action_are_named(coordinator):
    case = CaseFactory(status="registered")
    response = transition(coordinator, case, "begin_clarification", tanggal="x")
    assert response.status_code == 400
    assert "tanggal" in response.json()["error"]["fields"]


@pytest.mark.parametrize("key", ["case_id", "actor", "action_", "fields"])
def test_reserved_words_in_a_transition_body_are_named_not_a_500(coordinator, key):
    """Security review: ``{"case_id": …}`` or ``{"actor": …}`` in the body raised a TypeError."""
    case = CaseFactory(status="registered")
    body = {"action": "begin_clarification", key: 1}
    response = token_client(coordinator).post(
        f"/api/v1/cases/{case.pk}/transitions/", body, format="json"
    )
    assert response.status_code == 400
    assert response.json()["error"]["fields"][key] == [
        "Isian ini tidak dikenal untuk tindakan 'Mulai klarifikasi'."
    ]
    case.refresh_from_db()
    assert case.status == "registered"


def test_reject_needs_a_reason(coordinator):
    case = CaseFactory(status="received")
    response = transition(coordinator, case, "reject")
    assert response.status_code == 400
    assert "reason" in response.json()["error"]["fields"]
    response = transition(coordinator, case, "reject", reason="Daluwarsa.", reason_code="expired")
    assert response.json()["status"] == "not_registered"


def test_extend_works_once(investigator, day_after_receipt):
    case = CaseFactory(status="clarification", assigned_to=[investigator])
    first = transition(investigator, case, "extend", reason="Perlu keterangan ahli.")
    assert first.status_code == 200
    assert first.json()["extended_at"] is not None
    assert transition(investigator, case, "extend", reason="Lagi.").status_code == 409


def test_forward_records_the_recommendation(coordinator):
    case = CaseFactory(status="review")
    response = transition(
        coordinator,
        case,
        "forward",
        recipients=["bkn-wasdal"],
        letter_number="005/PP.01.02/K.KT-05/XI/2024",
        letter_date="2024-11-12",
        recommended_sanction="berat",
    )
    assert response.status_code == 200, response.content
    body = response.json()
    assert body["status"] == "forwarded"
    assert body["forwarding"]["letter_number"] == "005/PP.01.02/K.KT-05/XI/2024"
    assert [d["name"] for d in body["deadlines"]][-1] == "follow_up"


def test_forward_with_missing_and_wrong_fields_names_them_all(coordinator):
    response = transition(
        coordinator, CaseFactory(status="review"), "forward", recipients=["tidak-ada"]
    )
    assert response.status_code == 400
    fields = response.json()["error"]["fields"]
    assert {"letter_number", "letter_date", "recommended_sanction", "recipients"} <= set(fields)


def test_bkpsdm_closes_a_case_once_every_respondent_is_followed_up(bkpsdm_officer):
    case = CaseFactory(status="forwarded", followed_up=True)
    response = transition(bkpsdm_officer, case, "close")
    assert response.status_code == 200
    assert response.json()["status"] == "closed"
    assert "reporter" not in response.json()


def test_closing_without_follow_ups_is_400(bkpsdm_officer):
    response = transition(bkpsdm_officer, CaseFactory(status="forwarded"), "close")
    assert response.status_code == 400
    assert "follow_ups" in response.json()["error"]["fields"]


def test_a_transition_on_a_case_out_of_scope_is_404(bkpsdm_officer):
    assert transition(bkpsdm_officer, CaseFactory(status="received"), "register").status_code == 404


# --- evidence ---------------------------------------------------------------------------------


def png() -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (8, 8), "blue").save(out, "PNG")
    return out.getvalue()


def upload(user, case, data):
    return token_client(user).post(f"/api/v1/cases/{case.pk}/evidence/", data, format="multipart")


def test_an_assigned_investigator_uploads_a_photo(investigator):
    case = CaseFactory(status="clarification", assigned_to=[investigator])
    photo = io.BytesIO(png())
    photo.name = "foto.png"
    response = upload(investigator, case, {"kind": "photo", "file": photo, "description": "Foto"})
    assert response.status_code == 201, response.content
    body = response.json()
    assert body["type"] == "image/png"
    assert len(body["sha256"]) == 64
    assert body["download_url"].endswith(f"/evidence/{body['id']}/download/")
    assert CaseEvent.objects.filter(case=case, action="evidence_added").exists()


def test_a_link_is_evidence_with_when_it_was_captured(coordinator):
    case = CaseFactory(status="received")
    response = upload(
        coordinator,
        case,
        {
            "kind": "link",
            "url": "https://media-sosial.invalid/p/1",
            "captured_at": "2024-11-09T09:00:00+08:00",
        },
    )
    assert response.status_code == 201
    assert response.json()["download_url"] is None


def test_a_link_without_its_capture_time_is_400(coordinator):
    response = upload(coordinator, CaseFactory(status="received"), {"kind": "link", "url": "x"})
    assert response.status_code == 400
    assert {"url", "captured_at"} <= set(response.json()["error"]["fields"])


def test_a_refused_file_type_is_400(coordinator):
    text = io.BytesIO(b"#!/bin/sh\necho bukan bukti\n")
    text.name = "skrip.pdf"
    response = upload(
        coordinator, CaseFactory(status="received"), {"kind": "document", "file": text}
    )
    assert response.status_code == 400
    assert "file" in response.json()["error"]["fields"]


def test_evidence_after_the_decision_is_409(coordinator):
    document = io.BytesIO(PDF)
    document.name = "surat.pdf"
    case = CaseFactory(status="forwarded")
    assert upload(coordinator, case, {"kind": "document", "file": document}).status_code == 409


def test_bkpsdm_may_not_add_evidence(bkpsdm_officer):
    case = CaseFactory(status="forwarded")
    response = upload(bkpsdm_officer, case, {"kind": "link", "url": "https://x.invalid"})
    assert response.status_code == 403
    assert not Evidence.objects.filter(case=case, url="https://x.invalid").exists()


# --- follow-ups -------------------------------------------------------------------------------


def follow_up(user, case, **body):
    return token_client(user).post(f"/api/v1/cases/{case.pk}/follow-ups/", body, format="json")


def test_bkpsdm_records_a_sanction_then_corrects_it(bkpsdm_officer):
    case = CaseFactory(status="forwarded")
    respondent = case.respondents.get()
    first = follow_up(
        bkpsdm_officer,
        case,
        respondent=respondent.pk,
        sanction_type="teguran-tertulis",
        decree_number="800/1/BKPSDM/2024",
        decree_date="2024-11-20",
    )
    assert first.status_code == 201, first.content
    assert first.json()["outcome"] == "sanctioned"
    assert [s["sanction_type"]["code"] for s in first.json()["sanctions"]] == ["teguran-tertulis"]
    second = follow_up(
        bkpsdm_officer,
        case,
        respondent=respondent.pk,
        sanction_type="none",
        reason="Tidak terbukti.",
    )
    assert second.status_code == 200
    assert second.json()["outcome"] == "not_sanctioned" and second.json()["sanctions"] == []
    assert FollowUp.objects.get(respondent=respondent).outcome == "not_sanctioned"


@pytest.mark.parametrize(
    ("body", "fields"),
    [
        ({"sanction_type": "none"}, {"reason"}),
        (
            {"sanction_type": "teguran-tertulis"},
            {"sanctions[0].decree_number", "sanctions[0].decree_date"},
        ),
        ({"sanction_type": "tidak-ada"}, {"sanctions[0].sanction_type"}),
        ({"reason": "x"}, {"outcome"}),
    ],
)
def test_an_incomplete_follow_up_names_what_is_missing(body, fields, bkpsdm_officer):
    case = CaseFactory(status="forwarded")
    response = follow_up(bkpsdm_officer, case, respondent=case.respondents.get().pk, **body)
    assert response.status_code == 400
    assert set(response.json()["error"]["fields"]) == fields


def test_a_respondent_of_another_case_is_400(bkpsdm_officer):
    case, other = CaseFactory(status="forwarded"), CaseFactory(status="forwarded")
    response = follow_up(
        bkpsdm_officer,
        case,
        respondent=other.respondents.get().pk,
        sanction_type="none",
        reason="x",
    )
    assert response.status_code == 400
    assert list(response.json()["error"]["fields"]) == ["respondent"]


def test_a_follow_up_before_forwarding_is_409(coordinator):
    case = CaseFactory(status="review")
    response = follow_up(
        coordinator, case, respondent=case.respondents.get().pk, sanction_type="none", reason="x"
    )
    assert response.status_code == 409


def test_an_investigator_may_not_record_a_follow_up(investigator):
    case = CaseFactory(status="forwarded", assigned_to=[investigator])
    response = follow_up(
        investigator, case, respondent=case.respondents.get().pk, sanction_type="none", reason="x"
    )
    assert response.status_code == 403
    assert Case.objects.get(pk=case.pk).status == "forwarded"
