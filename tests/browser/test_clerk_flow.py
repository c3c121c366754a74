"""A camat clerk, on a phone-sized screen: log in, create a session, add a participant by NIP,
check them in at the kiosk, see them present; the second scan says "already present"."""

import re

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from apps.training.models import Registration
from tests.factories import CivilServantFactory, persona

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _log_in(page, base_url, username):
    page.goto(f"{base_url}/login/")
    page.get_by_label("Nama pengguna").fill(username)
    page.get_by_label("Sandi").fill("sandi-rahasia-123")
    page.get_by_role("button", name="Masuk").click()
    page.wait_for_url(re.compile(r"/training/$"))
    expect(page.get_by_role("main")).to_be_visible()  # the landing page is audited too


def test_a_clerk_runs_a_session_from_creation_to_kiosk_check_in(page, live_server, reference_data):
    persona("camat_clerk", username="camat-loajanan", kecamatan_code="64.02.03")
    teacher = CivilServantFactory(position="Guru Ahli Muda")
    base = live_server.url

    _log_in(page, base, "camat-loajanan")
    page.get_by_role("link", name="Buat sesi").click()
    page.get_by_label("Judul").fill("Sosialisasi Netralitas ASN Loa Janan")
    # A clerk dates a session ahead (or at most 30 days back).
    year = timezone.localdate().year + 1
    page.get_by_label("Mulai (WITA)").fill(f"{year}-11-22T09:00")
    page.get_by_label("Selesai (WITA)").fill(f"{year}-11-22T12:00")
    page.get_by_label("Tempat").fill("Aula Kantor Camat Loa Janan")
    page.locator("[name=speakers-0-name]").fill("Rahmawati Syahrani")
    page.locator("[name=speakers-0-institution]").fill("BKPSDM")
    page.get_by_role("button", name="Simpan").click()
    page.get_by_text("Sesi dibuat.").wait_for()
    session_url = page.url

    page.get_by_role("link", name="Tambah peserta").click()
    page.locator("#nip-input").press_sequentially(teacher.nip)
    preview = page.locator("#nip-preview")
    preview.get_by_text(teacher.name).wait_for()
    # What registering needs, no more: the name and whether the ASN is active (issue 19).
    assert "ASN aktif" in preview.inner_text()
    assert "Guru Ahli Muda" not in preview.inner_text()
    page.get_by_role("button", name="Daftarkan ASN ini").click()
    page.get_by_text(f"{teacher.name} didaftarkan.").wait_for()
    code = Registration.objects.get(civil_servant=teacher).code

    page.goto(session_url)
    page.get_by_role("link", name="Kios absensi").click()
    kiosk_input = page.locator("#kiosk-input")
    assert kiosk_input.evaluate("el => el === document.activeElement")  # ready for the scanner
    page.keyboard.type(code)  # a keyboard-wedge scanner types the QR payload, then Enter
    page.keyboard.press("Enter")
    headline = page.locator("#kiosk-headline")
    page.wait_for_function("document.querySelector('#kiosk-headline').textContent.trim() !== ''")
    assert headline.inner_text() == "HADIR"
    assert page.locator("#kiosk-name").inner_text() == teacher.name
    assert "tone-ok" in page.locator("#kiosk-answer").get_attribute("class")
    assert page.locator("#kiosk-present").inner_text() == "1"
    assert kiosk_input.input_value() == ""

    page.keyboard.type(teacher.nip)  # the same person again, typing the NIP this time
    page.keyboard.press("Enter")
    page.wait_for_function(
        "document.querySelector('#kiosk-headline').textContent.trim() === 'SUDAH HADIR'"
    )
    assert "tone-warn" in page.locator("#kiosk-answer").get_attribute("class")

    page.keyboard.type("ZZZZ9999")
    page.keyboard.press("Enter")
    page.wait_for_function(
        "document.querySelector('#kiosk-headline').textContent.trim() === 'TIDAK TERDAFTAR'"
    )
    assert "tone-bad" in page.locator("#kiosk-answer").get_attribute("class")

    page.goto(session_url)
    row = page.locator("tr", has_text=teacher.name)
    assert "Hadir" in row.inner_text()
    assert "Belum hadir" not in row.inner_text()
    registration = Registration.objects.get(civil_servant=teacher)
    assert registration.attendance_method == "qr"


def test_the_printed_attendance_list_carries_a_qr_code_for_each_participant(
    page, live_server, reference_data
):
    from tests.training.factories import RegistrationFactory, SessionFactory

    clerk = persona("camat_clerk", username="camat-loajanan", kecamatan_code="64.02.03")
    session = SessionFactory(created_by=clerk)
    registrations = [RegistrationFactory(session=session) for _ in range(3)]
    _log_in(page, live_server.url, "camat-loajanan")
    page.goto(f"{live_server.url}/training/sesi/{session.pk}/daftar-hadir/")
    assert page.locator("table.sheet svg").count() == 3
    assert sorted(page.locator("table.sheet .code").all_inner_texts()) == sorted(
        r.code for r in registrations
    )
    page.emulate_media(media="print")
    assert not page.locator(".topbar").is_visible()


def test_a_nip_typed_before_the_page_script_loaded_still_gets_its_preview(
    page, live_server, reference_data
):
    """On a slow connection the clerk may finish typing before training.js has arrived: the
    preview must still appear once it does (seen in CI under load: the preview stayed empty)."""
    from tests.training.factories import SessionFactory

    clerk = persona("camat_clerk", username="camat-loajanan", kecamatan_code="64.02.03")
    session = SessionFactory(created_by=clerk)
    teacher = CivilServantFactory(position="Guru Ahli Muda")
    _log_in(page, live_server.url, "camat-loajanan")

    held = []

    def hold(route):  # the script is requested but not delivered yet
        held.append(route)

    page.route("**/training.js", hold)
    page.goto(f"{live_server.url}/training/sesi/{session.pk}/peserta/tambah/", wait_until="commit")
    page.locator("#nip-input").press_sequentially(teacher.nip)
    page.wait_for_function("() => true")  # let the route handler record the request
    assert held, "the page did not ask for training.js"
    assert page.locator("#nip-preview").inner_text() == ""
    held[0].continue_()

    page.locator("#nip-preview").get_by_text(teacher.name).wait_for()
    assert page.locator("#nip-save").is_visible()
