"""A reporter follows a report by its tracking code and PIN, with nothing else to show."""

import re
from datetime import date

import pytest
from rest_framework.test import APIClient

from apps.cases import services, tracking
from apps.cases.models import Case
from apps.public.next_steps import NEXT_STEPS
from tests.cases.factories import REPORTER_NIK, election, wita
from tests.public.conftest import PIN, tracked_case

URL = "/api/v1/public/track/"
pytestmark = pytest.mark.django_db


def track(code, pin, **extra):
    return APIClient().post(URL, {"code": code, "pin": pin}, format="json", **extra)


def test_every_status_has_a_next_step():
    assert set(NEXT_STEPS) == set(Case.Status)


def test_intake_gives_a_report_a_code_and_a_pin_stored_only_as_a_hash(investigator):
    case = services.case_create(
        actor=investigator,
        kind=Case.Kind.REPORT,
        election=election(),
        received_at=wita(2024, 11, 9, 10, 0),
        known_on=date(2024, 11, 8),
        reporter={"name": "Pelapor Sintetis", "nik": REPORTER_NIK},
    )
    case.refresh_from_db()
    assert len(case.tracking_code) == tracking.CODE_LENGTH
    assert set(case.tracking_code) <= set(tracking.CODE_ALPHABET)
    assert str(case.pk) != case.tracking_code
    assert case.reporter_pin.isdigit() and len(case.reporter_pin) == 6
    assert case.reporter_pin not in case.tracking_pin
    assert tracking.pin_matches(case.reporter_pin, case.tracking_pin)

    response = track(tracking.display_code(case.tracking_code), case.reporter_pin)
    assert response.status_code == 200
    assert response.json()["status"] == "received"


def test_it_answers_the_right_code_and_pin_with_status_dates_and_next_step():
    case = tracked_case(status=Case.Status.REGISTERED)
    response = track(case.tracking_code.lower(), PIN)
    assert response.status_code == 200
    body = response.json()
    assert body["code"] == tracking.display_code(case.tracking_code)
    assert body["status"] == "registered"
    assert body["status_label"] == "Diregistrasi"
    assert body["register_number"] == case.number
    assert body["next_step"] == str(NEXT_STEPS[Case.Status.REGISTERED])
    assert body["reason"] is None
    assert set(body) == {
        "code", "kind", "kind_label", "status", "status_label", "received_on",
        "register_number", "history", "next_step", "reason",
    }  # fmt: skip


def test_a_wrong_pin_and_a_wrong_code_get_one_identical_answer():
    case = tracked_case()
    wrong_pin = track(case.tracking_code, "000000")
    wrong_code = track("ZZZZ-ZZZZ", PIN)
    assert wrong_pin.status_code == wrong_code.status_code == 404
    assert wrong_pin.content == wrong_code.content
    assert "Kode pelacakan atau PIN tidak cocok" in wrong_pin.json()["error"]["message"]


def test_a_case_without_a_pin_cannot_be_tracked_and_says_no_more_than_a_wrong_code():
    case = tracked_case()
    Case.objects.filter(pk=case.pk).update(tracking_pin="")
    assert track(case.tracking_code, "").content == track("ZZZZZZZZ", "").content


def test_a_case_not_registered_says_why_in_the_words_of_the_status_notice():
    case = tracked_case(
        status=Case.Status.NOT_REGISTERED,
        reason_code=Case.ReasonCode.MATERIAL_UNMET,
        evidence=0,
        witnesses=0,
    )
    body = track(case.tracking_code, PIN).json()
    assert body["status_label"] == "Tidak diregistrasi"
    assert body["reason"]["category"] == "Syarat materiel tidak terpenuhi"
    assert any("alat bukti atau saksi" in line for line in body["reason"]["unmet"])


def test_the_history_lists_each_change_of_status_with_its_time(investigator, coordinator):
    case = services.case_create(
        actor=investigator,
        kind=Case.Kind.REPORT,
        election=election(),
        received_at=wita(2024, 11, 9, 10, 0),
        known_on=date(2024, 11, 8),
        reporter={"name": "Pelapor Sintetis", "nik": REPORTER_NIK},
    )
    services.case_transition(
        case_id=case.pk, action="reject", actor=coordinator,
        fields={"reason": "Tidak lengkap.", "reason_code": "formal"},
    )  # fmt: skip
    body = track(case.tracking_code, case.reporter_pin).json()
    assert [row["status"] for row in body["history"]] == ["received", "not_registered"]
    assert "Tidak lengkap." not in str(body)  # the free-text reason stays in the notice


def test_attempts_are_throttled_per_client_with_retry_after(settings):
    settings.NETRAL_TRACK_RATE_CLIENT = "3/m"
    for _ in range(3):
        assert track("ABCDEFGH", "123456").status_code == 404
    limited = track("ABCDEFGH", "123456")
    assert limited.status_code == 429
    assert int(limited["Retry-After"]) > 0
    assert limited.json()["error"]["status"] == 429


def test_attempts_are_throttled_per_code_from_any_address(settings):
    settings.NETRAL_TRACK_RATE_CODE = "2/h"
    case = tracked_case()
    for address in ("10.0.0.1", "10.0.0.2"):
        assert track(case.tracking_code, "000000", REMOTE_ADDR=address).status_code == 404
    limited = track(case.tracking_code, PIN, REMOTE_ADDR="10.0.0.3")
    assert limited.status_code == 429
    assert int(limited["Retry-After"]) > 0
    assert track("ABCDEFGH", "123456", REMOTE_ADDR="10.0.0.3").status_code == 404


def test_missing_code_or_pin_is_a_clear_error():
    response = APIClient().post(URL, {}, format="json")
    assert response.status_code == 400
    assert set(response.json()["error"]["fields"]) == {"code", "pin"}


def test_tracking_needs_no_sign_in_and_no_csrf_token():
    case = tracked_case()
    client = APIClient(enforce_csrf_checks=True)
    assert client.post(URL, {"code": case.tracking_code, "pin": PIN}).status_code == 200


def test_the_admin_shows_the_code_and_pin_once_after_intake_and_only_the_code_after(
    client, investigator
):
    from datetime import timedelta

    from django.utils import timezone

    client.force_login(investigator)
    yesterday = timezone.localdate() - timedelta(days=1)
    form = client.get("/admin/cases/case/add/").context["form"]
    response = client.post(
        "/admin/cases/case/add/",
        {
            "kind": "laporan",
            "election": form.fields["election"].queryset.get(code="pilkada-kukar-2024").pk,
            "received_at_0": yesterday.strftime("%d/%m/%Y"),
            "received_at_1": "10:05",
            "known_on": (yesterday - timedelta(days=1)).strftime("%d/%m/%Y"),
            "chronology": "Terlapor membagikan stiker pasangan calon.",
            "reporter-name": "Pelapor Uji Sintetis",
            "reporter-nik": REPORTER_NIK,
            "respondents-TOTAL_FORMS": "0",
            "respondents-INITIAL_FORMS": "0",
            "witnesses-TOTAL_FORMS": "0",
            "witnesses-INITIAL_FORMS": "0",
        },
        follow=True,
    )
    case = Case.objects.get(chronology="Terlapor membagikan stiker pasangan calon.")
    code = tracking.display_code(case.tracking_code)
    page = response.content.decode()
    (pin,) = re.findall(rf"Kode pelacakan {code}, PIN (\d{{6}})", page)
    assert tracking.pin_matches(pin, case.tracking_pin)
    again = client.get(f"/admin/cases/case/{case.pk}/change/").content.decode()
    assert code in again and "PIN sudah diberikan" in again
    assert f"PIN {pin}" not in again


def test_the_receipt_prints_the_code_and_a_fresh_pin_and_the_old_pin_stops_working(
    investigator, settings, tmp_path
):
    from apps.documents.services import case_document_issue
    from tests.documents.conftest import pdf_text, stored_pdf

    settings.MEDIA_ROOT = tmp_path
    case = tracked_case(status=Case.Status.REGISTERED, assigned_to=[investigator])
    pins = []
    for _ in range(2):
        receipt = case_document_issue(case_id=case.pk, document_type="receipt", actor=investigator)
        text = pdf_text(stored_pdf(receipt))
        assert f"Kode pelacakan: {tracking.display_code(case.tracking_code)}" in text
        pins.append(re.search(r"PIN: (\d{6})", text).group(1))
    assert track(case.tracking_code, PIN).status_code == 404
    assert track(case.tracking_code, pins[0]).status_code == 404 or pins[0] == pins[1]
    assert track(case.tracking_code, pins[1]).status_code == 200


def test_the_page_is_throttled_too_and_says_when_to_try_again(client, settings):
    settings.NETRAL_TRACK_RATE_CLIENT = "2/m"
    for _ in range(2):
        assert client.post("/lacak/", {"kode": "ABCDEFGH", "pin": "1"}).status_code == 404
    limited = client.post("/lacak/", {"kode": "ABCDEFGH", "pin": "1"})
    assert limited.status_code == 429
    assert int(limited["Retry-After"]) > 0
    assert "Terlalu banyak percobaan" in limited.content.decode()


def test_the_pin_is_stored_under_a_key_a_database_copy_does_not_hold(settings):
    """Six digits are a million values: an unkeyed hash, however slow, falls to an offline search
    of a leaked database. The stored value only checks out with the server's secret."""
    stored = tracking.hash_pin("246810")
    assert stored.startswith("hmac_sha256$") and "246810" not in stored
    assert tracking.pin_matches("246810", stored)
    assert not tracking.pin_matches("246811", stored)
    settings.SECRET_KEY = "another-secret-key-" * 3
    assert not tracking.pin_matches("246810", stored)


def test_pins_issued_before_a_key_rotation_still_work(settings):
    old_key = settings.SECRET_KEY
    stored = tracking.hash_pin("135790")
    settings.SECRET_KEY = "the-new-secret-key-" * 3
    settings.SECRET_KEY_FALLBACKS = [old_key]
    assert tracking.pin_matches("135790", stored)
    assert tracking.hash_pin("135790") != stored  # new PINs are made under the new key
