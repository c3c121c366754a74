"""No public answer — page or API, right or wrong code — holds a name, NIK, NIP, phone, agency or
chronology of the demo data (`seed --demo`): every public response is scanned for each of them."""

import pytest
from django.test import Client
from rest_framework.test import APIClient

from apps.cases import services
from apps.cases.demo import seed_demo_cases
from apps.cases.models import Case, Clarification, Evidence, Reporter, Respondent, Witness
from apps.core.seeds import seed_demo as seed_demo_accounts
from apps.personnel.seeds import seed_demo as seed_demo_civil_servants


@pytest.fixture
def demo(reference_data, settings, tmp_path):
    settings.NETRAL_DEMO_PASSWORD = "sandi-demo-uji-123"
    settings.MEDIA_ROOT = tmp_path
    settings.NETRAL_NOTICE_BOARD_DAYS = 3650  # every decision of the demo on the board
    settings.NETRAL_TRACK_RATE_CLIENT = "1000/m"
    seed_demo_accounts(log=lambda *_: None)
    seed_demo_civil_servants(log=lambda *_: None)
    seed_demo_cases(log=lambda *_: None)


def secrets_of_the_demo() -> set[str]:
    """Every personal or confidential text the demo cases hold."""
    found = set()
    for name, nik, phone, address in Reporter.objects.values_list(
        "name", "nik", "phone", "address"
    ):
        found |= {name, nik, phone, phone.replace("+62", "0"), address}
    for name, nip, nik, agency_name in Respondent.objects.values_list(
        "name", "nip", "nik", "agency_name"
    ):
        found |= {name, nip, nik, agency_name}
    for name, phone in Witness.objects.values_list("name", "phone"):
        found |= {name, phone}
    for chronology, reason, conclusion, place in Case.objects.values_list(
        "chronology", "closing_reason", "conclusion", "incident_place"
    ):
        found |= {chronology, reason, conclusion, place}
    found |= set(Evidence.objects.values_list("description", flat=True))
    found |= set(Evidence.objects.values_list("url", flat=True))
    found |= set(Clarification.objects.values_list("summary", flat=True))
    found |= set(Clarification.objects.values_list("person_name", flat=True))
    return {text.strip() for text in found if text and len(text.strip()) >= 5}


def public_responses() -> dict[str, str]:
    pins = {}
    for case in Case.objects.filter(kind=Case.Kind.REPORT):
        pins[case.tracking_code] = services.case_tracking_pin_issue(case=case)
    page, api = Client(), APIClient()
    answers = {
        "/lacak/": page.get("/lacak/"),
        "/papan-pengumuman/": page.get("/papan-pengumuman/"),
        "/papan-pengumuman/rss/": page.get("/papan-pengumuman/rss/"),
        "/statistik/": page.get("/statistik/"),
        "/statistik/statistik.csv": page.get("/statistik/statistik.csv"),
        "api statistics": api.get("/api/v1/public/statistics/"),
        "api notices": api.get("/api/v1/public/notices/"),
        "wrong pin page": page.post("/lacak/", {"kode": next(iter(pins)), "pin": "000000"}),
        "wrong pin api": api.post(
            "/api/v1/public/track/", {"code": next(iter(pins)), "pin": "000000"}
        ),
    }
    for code, pin in pins.items():
        answers[f"page {code}"] = page.post("/lacak/", {"kode": code, "pin": pin})
        answers[f"api {code}"] = api.post("/api/v1/public/track/", {"code": code, "pin": pin})
    texts = {}
    for name, response in answers.items():
        assert response.status_code in (200, 404), name
        body = b"".join(response.streaming_content) if response.streaming else response.content
        texts[name] = body.decode("utf-8-sig")
    return texts


def test_no_public_answer_holds_anything_personal_from_the_demo(demo):
    secrets = secrets_of_the_demo()
    assert len(secrets) > 50  # names, NIKs, NIPs, phones, agencies, chronologies, ...
    texts = public_responses()
    tracked = [name for name, text in texts.items() if "Langkah berikutnya" in text]
    assert len(tracked) == Case.objects.filter(kind=Case.Kind.REPORT).count()
    statuses = {str(s.label) for s in Case.Status}
    assert any(label in texts["/papan-pengumuman/"] for label in statuses)
    leaks = [(name, secret) for name, text in texts.items() for secret in secrets if secret in text]
    assert leaks == []
