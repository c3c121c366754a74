"""Official documents as their users meet them, on a phone (390×844): a camat clerk issues the
attendance list from the session page and downloads it; anyone checks a printed letter on the
public verification page, with the PDF as issued and with an altered one."""

import io
import re

import pytest
from pypdf import PdfReader, PdfWriter

from apps.documents.models import IssuedDocument
from tests.factories import persona
from tests.training.factories import RegistrationFactory, SessionFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PHONE = {"width": 390, "height": 844}
SHOTS = "/tmp/netral-documents"


@pytest.fixture
def phone(browser):
    context = browser.new_context(locale="id-ID", viewport=PHONE, accept_downloads=True)
    page = context.new_page()
    page.set_default_timeout(15_000)
    yield page
    context.close()


def _no_sideways_scroll(page):
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")


def _log_in(page, base_url, username):
    page.goto(f"{base_url}/login/")
    page.get_by_label("Nama pengguna").fill(username)
    page.get_by_label("Sandi").fill("sandi-rahasia-123")
    page.get_by_role("button", name="Masuk").click()
    page.wait_for_url(re.compile(r"/training/$"))


def test_a_clerk_issues_and_downloads_the_attendance_list_on_a_phone(
    phone, live_server, reference_data, tmp_path
):
    persona("camat_clerk", username="camat-loajanan", kecamatan_code="64.02.03")
    session = SessionFactory(title="Sosialisasi Netralitas ASN Loa Janan")
    person = RegistrationFactory(session=session)
    _log_in(phone, live_server.url, "camat-loajanan")

    phone.goto(f"{live_server.url}/training/sesi/{session.pk}/")
    panel = phone.locator(".doc-panel")
    row = panel.locator("[data-type=attendance_list]")
    assert "Belum diterbitkan." in row.inner_text()
    row.get_by_role("button", name="Terbitkan daftar hadir").click()
    phone.get_by_text(
        re.compile(r"Daftar hadir sosialisasi nomor .* versi 1 diterbitkan")
    ).wait_for()
    _no_sideways_scroll(phone)
    phone.screenshot(path=f"{SHOTS}-session.png", full_page=True)

    row = phone.locator(".doc-panel [data-type=attendance_list]")
    with phone.expect_download() as download_info:
        row.get_by_role("link", name=re.compile("Unduh PDF")).click()
    path = tmp_path / "daftar-hadir.pdf"
    download_info.value.save_as(path)
    text = PdfReader(path).pages[0].extract_text()
    assert person.name in text

    row.get_by_role("button", name=re.compile(r"Terbitkan ulang \(versi 2\)")).click()
    phone.get_by_text(re.compile(r"versi 2 diterbitkan")).wait_for()
    assert IssuedDocument.objects.filter(session=session).count() == 2
    assert (
        "Versi sebelumnya" in phone.locator(".doc-panel [data-type=attendance_list]").inner_text()
    )
    _no_sideways_scroll(phone)


def test_anyone_checks_a_printed_letter_on_the_verification_page(
    phone, live_server, reference_data, tmp_path
):
    from apps.documents.services import session_document_issue

    clerk = persona("camat_clerk", username="camat-loajanan", kecamatan_code="64.02.03")
    session = SessionFactory()
    RegistrationFactory(session=session)
    document = session_document_issue(
        session_id=session.pk, document_type="attendance_list", actor=clerk
    )
    issued = tmp_path / "asli.pdf"
    with document.file.open("rb") as handle:
        issued.write_bytes(handle.read())
    writer = PdfWriter(clone_from=PdfReader(issued))
    writer.add_metadata({"/Subject": "Diubah setelah diterbitkan"})
    altered = io.BytesIO()
    writer.write(altered)
    tampered = tmp_path / "diubah.pdf"
    tampered.write_bytes(altered.getvalue())

    phone.goto(f"{live_server.url}/verifikasi/")
    phone.get_by_label("Kode verifikasi").fill(
        "-".join(document.verification_code[i : i + 4] for i in (0, 4, 8)).lower()
    )
    phone.get_by_role("button", name="Periksa").click()
    phone.get_by_text("Kode ini terdaftar").wait_for()
    assert document.number in phone.content()
    assert document.sha256 in phone.content()
    _no_sideways_scroll(phone)

    phone.get_by_label("Cocokkan berkas PDF").set_input_files(str(issued))
    phone.get_by_role("button", name="Cocokkan", exact=True).click()
    phone.get_by_text("Cocok: berkas ini sama persis").wait_for()
    _no_sideways_scroll(phone)
    phone.screenshot(path=f"{SHOTS}-verify-ok.png", full_page=True)

    phone.get_by_label("Cocokkan berkas PDF").set_input_files(str(tampered))
    phone.get_by_role("button", name="Cocokkan", exact=True).click()
    phone.get_by_text("Tidak cocok").wait_for()
    _no_sideways_scroll(phone)
    phone.screenshot(path=f"{SHOTS}-verify-bad.png", full_page=True)


def test_a_coordinator_issues_the_forwarding_letter_from_the_case_page(
    browser, live_server, reference_data, tmp_path
):
    from apps.cases.models import Case
    from tests.cases.factories import CaseFactory

    persona("bawaslu_coordinator", username="koordinator")
    case = CaseFactory(status=Case.Status.FORWARDED, reporter__name="Pelapor Rahasia Sintetis")
    context = browser.new_context(locale="id-ID", viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.set_default_timeout(15_000)
    page.goto(f"{live_server.url}/admin/login/?next=/admin/cases/case/{case.pk}/change/")
    page.locator("#id_username").fill("koordinator")
    page.locator("#id_password").fill("sandi-rahasia-123")
    page.locator("input[type=submit]").click()

    row = page.locator(".doc-panel [data-type=forwarding_letter]")
    row.get_by_role("link", name="Terbitkan surat penerusan").click()
    page.get_by_label("Tembusan").fill("Ketua Bawaslu Provinsi Kalimantan Timur")
    page.get_by_role("button", name="Terbitkan").click()
    page.locator("li.success", has_text=re.compile(r"nomor .* versi 1 diterbitkan")).wait_for()
    page.screenshot(path=f"{SHOTS}-case.png", full_page=True)

    row = page.locator(".doc-panel [data-type=forwarding_letter]")
    with page.expect_download() as download_info:
        row.get_by_role("link", name=re.compile("Unduh PDF")).click()
    path = tmp_path / "surat.pdf"
    download_info.value.save_as(path)
    text = PdfReader(path).pages[0].extract_text()
    assert "Ketua Bawaslu Provinsi Kalimantan Timur" in text
    assert "Pelapor Rahasia Sintetis" not in text
    assert "Dokumen resmi diterbitkan" in page.content()  # the case's timeline
    context.close()
