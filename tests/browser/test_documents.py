"""Official documents as their users meet them, on a phone (390×844): a camat clerk issues the
attendance list from the session page and downloads it; anyone checks a printed letter on the
public verification page, with the PDF as issued and with an altered one."""

import io
import re

import pytest
from pypdf import PdfReader, PdfWriter

from apps.documents.models import IssuedDocument
from tests.browser.conftest import DESKTOP, PHONE
from tests.browser.helpers import assert_fits_width, log_in, log_in_admin
from tests.factories import persona
from tests.training.factories import RegistrationFactory, SessionFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SHOTS = "/tmp/netral-documents"


def test_a_clerk_issues_and_downloads_the_attendance_list_on_a_phone(
    new_page, axe, live_server, reference_data, tmp_path
):
    phone = new_page(viewport=PHONE, accept_downloads=True)
    persona("camat_clerk", username="camat-loajanan", kecamatan_code="64.02.03")
    session = SessionFactory(title="Sosialisasi Netralitas ASN Loa Janan")
    person = RegistrationFactory(session=session)
    log_in(phone, live_server.url, "camat-loajanan")

    phone.goto(f"{live_server.url}/training/sesi/{session.pk}/")
    panel = phone.locator(".doc-panel")
    row = panel.locator("[data-type=attendance_list]")
    assert "Belum diterbitkan." in row.inner_text()
    row.get_by_role("button", name="Terbitkan daftar hadir").click()
    phone.get_by_text(
        re.compile(r"Daftar hadir sosialisasi nomor .* versi 1 diterbitkan")
    ).wait_for()
    assert_fits_width(phone)
    axe.check(phone, "session page with an issued document")
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
    assert_fits_width(phone)


def test_anyone_checks_a_printed_letter_on_the_verification_page(
    new_page, axe, live_server, reference_data, tmp_path
):
    phone = new_page(viewport=PHONE)
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
    axe.check(phone, "verification page of a known code")
    assert document.number in phone.content()
    assert document.sha256 in phone.content()
    assert_fits_width(phone)

    phone.get_by_label("Cocokkan berkas PDF").set_input_files(str(issued))
    phone.get_by_role("button", name="Cocokkan", exact=True).click()
    phone.get_by_text("Cocok: berkas ini sama persis").wait_for()
    assert_fits_width(phone)
    phone.screenshot(path=f"{SHOTS}-verify-ok.png", full_page=True)

    phone.get_by_label("Cocokkan berkas PDF").set_input_files(str(tampered))
    phone.get_by_role("button", name="Cocokkan", exact=True).click()
    phone.get_by_text("Tidak cocok").wait_for()
    assert_fits_width(phone)
    axe.check(phone, "verification page: the PDF does not match")
    phone.screenshot(path=f"{SHOTS}-verify-bad.png", full_page=True)


def test_a_coordinator_issues_the_forwarding_letter_from_the_case_page(
    new_page, axe, live_server, reference_data, tmp_path
):
    from apps.cases.models import Case
    from tests.cases.factories import CaseFactory

    persona("bawaslu_coordinator", username="koordinator")
    case = CaseFactory(status=Case.Status.FORWARDED, reporter__name="Pelapor Rahasia Sintetis")
    page = new_page(viewport=DESKTOP, accept_downloads=True)
    log_in_admin(page, live_server.url, "koordinator")
    page.goto(f"{live_server.url}/admin/cases/case/{case.pk}/change/")

    row = page.locator(".doc-panel [data-type=forwarding_letter]")
    row.get_by_role("link", name="Terbitkan surat penerusan").click()
    axe.check(page, "the forwarding letter's form")
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
