"""The camat-office pages on a phone (390×844), every page and kiosk state audited by axe-core.

The session of the Loa Janan kind: 45 present (two of them from the paper list), 5 not yet.
Each page must also fit the phone's width (no sideways scrolling).
"""

import re

import pytest
from playwright.sync_api import expect

from apps.training.models import AttendanceMethod, Session
from tests.browser.conftest import PHONE
from tests.browser.helpers import assert_fits_width, log_in
from tests.factories import CivilServantFactory
from tests.training.factories import PledgeFactory, RegistrationFactory, SessionFactory, wita

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def a_held_session(clerk) -> Session:
    session = SessionFactory(
        created_by=clerk, title="Sosialisasi Netralitas ASN Loa Janan", status=Session.Status.HELD
    )
    for i in range(50):
        present = i < 45
        RegistrationFactory(
            session=session,
            attended_at=wita(2024, 11, 22, 8, 30 + i % 30) if present else None,
            attendance_method=AttendanceMethod.PAPER if i in (3, 7) else AttendanceMethod.QR,
        )
    return session


def audit(page, axe, state: str) -> None:
    axe.check(page, state)
    assert_fits_width(page)


def test_a_clerk_reads_the_sessions_and_their_attendance_on_a_phone(
    new_page, axe, live_server, clerk_loajanan
):
    session = a_held_session(clerk_loajanan)
    SessionFactory(created_by=clerk_loajanan, title="Sosialisasi lanjutan")
    page = new_page(viewport=PHONE)
    log_in(page, live_server.url, "camat-loajanan")
    audit(page, axe, "session list")

    page.get_by_role("link", name=session.title).click()
    expect(page.get_by_role("heading", name=session.title)).to_be_visible()
    audit(page, axe, "held session with 45 present")
    page.get_by_role("link", name="Daftar hadir (cetak)").click()
    expect(page.locator("table.sheet")).to_be_visible()
    axe.check(page, "attendance sheet")  # printed on paper: wider than a phone by design

    page.goto(f"{live_server.url}/training/sesi/{session.pk}/ubah/")
    audit(page, axe, "session form")
    page.get_by_label("Judul").fill("")
    page.get_by_label("Selesai (WITA)").fill("2024-11-22T08:00")
    page.get_by_role("button", name="Simpan").click()
    expect(page.locator(".field.has-error").first).to_be_visible()
    audit(page, axe, "session form after a failed submit")


def test_a_clerk_records_pledges_and_imports_participants_on_a_phone(
    new_page, axe, live_server, clerk_loajanan
):
    session = a_held_session(clerk_loajanan)
    PledgeFactory(civil_servant=session.registrations.first().civil_servant)
    unsigned = session.registrations.last()
    newcomer = CivilServantFactory()
    page = new_page(viewport=PHONE)
    log_in(page, live_server.url, "camat-loajanan")

    page.goto(f"{live_server.url}/training/sesi/{session.pk}/pakta/")
    audit(page, axe, "session pledges")
    row = page.locator("tr", has_text=unsigned.nip)
    row.get_by_role("button", name="Tandai ditandatangani").click()
    expect(page.locator(".message.success")).to_be_visible()
    audit(page, axe, "session pledges after one is marked")
    page.get_by_role("button", name="Catat pakta").click()
    audit(page, axe, "session pledge form after a failed submit")

    page.get_by_role("link", name="Semua pakta integritas").first.click()
    expect(page.get_by_role("heading", name="Semua pakta integritas")).to_be_visible()
    audit(page, axe, "pledge list")

    page.goto(f"{live_server.url}/training/sesi/{session.pk}/peserta/impor/")
    audit(page, axe, "participant import")
    rows = f"nip,nama,jenis peserta\n{newcomer.nip},,\n,Kepala Desa Sintetis,kepala desa\n123,,\n"
    page.get_by_label("Berkas CSV atau XLSX").set_input_files(
        files=[{"name": "peserta.csv", "mimeType": "text/csv", "buffer": rows.encode()}]
    )
    page.get_by_role("button", name="Impor").click()
    expect(page.locator("#import-report")).to_be_visible()
    audit(page, axe, "participant import report with a rejected row")


def test_the_participant_form_announces_success_and_sends_focus_to_the_first_error(
    new_page, axe, live_server, clerk_loajanan
):
    session = SessionFactory(created_by=clerk_loajanan)
    teacher = CivilServantFactory(position="Guru Ahli Muda")
    page = new_page(viewport=PHONE)
    log_in(page, live_server.url, "camat-loajanan")
    page.goto(f"{live_server.url}/training/sesi/{session.pk}/peserta/tambah/")
    audit(page, axe, "participant form")

    page.locator("#nip-input").press_sequentially(teacher.nip)
    page.locator("#nip-preview").get_by_text(teacher.name).wait_for()
    audit(page, axe, "participant form with an ASN found by NIP")
    page.get_by_role("button", name="Daftarkan ASN ini").click()
    expect(
        page.get_by_role("status").filter(has_text=f"{teacher.name} didaftarkan.")
    ).to_be_visible()
    audit(page, axe, "participant form after an ASN is registered")

    page.get_by_label("Nama", exact=False).last.fill("")
    page.get_by_role("button", name="Daftarkan", exact=True).click()
    expect(page.locator(".field.has-error").first).to_be_visible()
    audit(page, axe, "non-ASN form after a failed submit")
    focused = page.evaluate("() => document.activeElement.name")
    assert focused == "lain-participant_type", "focus is on the first field in error"
    page.get_by_label("Jenis peserta").select_option(label="Kepala desa")
    page.locator("[name=lain-name]").fill("Kepala Desa Sintetis")
    page.get_by_label("Telepon").fill("081234567890")
    page.get_by_role("button", name="Daftarkan", exact=True).click()
    expect(page.get_by_role("status").filter(has_text="Kepala Desa Sintetis")).to_be_visible()
    audit(page, axe, "non-ASN registered")


def test_every_kiosk_answer_is_readable_on_a_phone(new_page, axe, live_server, clerk_loajanan):
    session = SessionFactory(created_by=clerk_loajanan)
    registration = RegistrationFactory(session=session)
    page = new_page(viewport=PHONE)
    log_in(page, live_server.url, "camat-loajanan")
    page.goto(f"{live_server.url}/training/sesi/{session.pk}/kios/")
    audit(page, axe, "kiosk waiting for a scan")

    answers = [
        (registration.code, "HADIR"),
        (registration.nip, "SUDAH HADIR"),
        ("ZZZZ9999", "TIDAK TERDAFTAR"),
    ]
    for typed, headline in answers:
        page.locator("#kiosk-input").fill(typed)
        page.keyboard.press("Enter")
        expect(page.locator("#kiosk-headline")).to_have_text(headline)
        page.wait_for_function("!document.querySelector('#kiosk-answer').getAnimations().length")
        audit(page, axe, f"kiosk: {headline}")


def test_a_missing_page_is_readable_too(new_page, axe, live_server, clerk_loajanan):
    page = new_page(viewport=PHONE)
    log_in(page, live_server.url, "camat-loajanan")
    page.goto(f"{live_server.url}/training/sesi/999999/")
    expect(page.get_by_role("heading")).to_be_visible()
    audit(page, axe, "404 page")
    assert re.search(r"tidak ditemukan", page.content(), re.I)
