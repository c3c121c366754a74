"""A reporter follows a report on a phone (390×844) with the code and PIN printed on the
receipt (tanda terima); anyone reads the notice board and the open statistics on a phone."""

import io
import re
from datetime import timedelta

import pytest
from playwright.sync_api import expect
from pypdf import PdfReader

from apps.cases.models import Case
from apps.core import clock
from apps.documents.services import case_document_issue
from tests.browser.conftest import PHONE
from tests.browser.helpers import assert_fits_width
from tests.cases.factories import CaseFactory
from tests.factories import persona

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SHOTS = "/tmp/netral-public"


def printed_code_and_pin(case, actor) -> tuple[str, str]:
    """What the reporter reads off the receipt the office printed for them."""
    receipt = case_document_issue(case_id=case.pk, document_type="receipt", actor=actor)
    with receipt.file.open("rb") as handle:
        reader = PdfReader(io.BytesIO(handle.read()))
    text = " ".join(" ".join((page.extract_text() or "").split()) for page in reader.pages)
    code = re.search(r"Kode pelacakan: ([A-Z0-9]{4}-[A-Z0-9]{4})", text).group(1)
    pin = re.search(r"PIN: (\d{6})", text).group(1)
    return code, pin


def test_a_reporter_tracks_a_report_on_a_phone_with_the_code_and_pin_from_the_receipt(
    new_page, live_server, reference_data, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path
    investigator = persona("bawaslu_investigator", username="investigator-lacak")
    case = CaseFactory(status=Case.Status.REGISTERED, assigned_to=[investigator])
    code, pin = printed_code_and_pin(case, investigator)

    phone = new_page(viewport=PHONE)
    phone.goto(f"{live_server.url}/lacak/")
    expect(phone.get_by_role("heading", name="Lacak laporan")).to_be_visible()
    assert_fits_width(phone)
    phone.screenshot(path=f"{SHOTS}-form.png", full_page=True)

    phone.get_by_label("Kode pelacakan").fill(code)
    phone.get_by_label("PIN").fill("000000")
    phone.get_by_role("button", name="Lihat status").click()
    expect(phone.get_by_role("alert")).to_contain_text("Kode pelacakan atau PIN tidak cocok")
    assert_fits_width(phone)

    phone.get_by_label("Kode pelacakan").fill(code.lower().replace("-", " "))
    phone.get_by_label("PIN").fill(pin)
    phone.get_by_role("button", name="Lihat status").click()
    result = phone.locator("#hasil")
    expect(result.get_by_role("heading", name=re.compile("Status: Diregistrasi"))).to_be_visible()
    expect(result).to_contain_text(case.number)
    expect(result).to_contain_text("Langkah berikutnya")
    for private in ("Pelapor Sintetis", case.chronology, case.respondents.get().name):
        assert private not in result.inner_text()
    assert_fits_width(phone)
    phone.screenshot(path=f"{SHOTS}-status.png", full_page=True)


def test_anyone_reads_the_notice_board_and_the_statistics_on_a_phone(
    new_page, live_server, reference_data
):
    recently = clock.now() - timedelta(days=2)
    for _ in range(4):
        CaseFactory(status=Case.Status.REGISTERED, received_at=recently)
    CaseFactory(
        status=Case.Status.NOT_REGISTERED,
        reason_code=Case.ReasonCode.EXPIRED,
        received_at=recently,
    )
    phone = new_page(viewport=PHONE)

    phone.goto(f"{live_server.url}/papan-pengumuman/")
    expect(phone.get_by_role("heading", name="Papan pengumuman")).to_be_visible()
    expect(phone.get_by_role("table")).to_contain_text("Tidak diregistrasi")
    assert_fits_width(phone)
    phone.screenshot(path=f"{SHOTS}-board.png", full_page=True)

    phone.get_by_role("link", name="Statistik").click()
    expect(phone.get_by_role("heading", name="Statistik terbuka")).to_be_visible()
    expect(phone.locator("figure.chart canvas").first).to_be_visible()
    expect(phone.get_by_role("link", name="Unduh CSV")).to_be_visible()
    assert_fits_width(phone)
    phone.screenshot(path=f"{SHOTS}-statistics.png", full_page=True)

    # One election: chosen in the selector, the page, and the CSV link, narrow to it.
    phone.get_by_label("Pemilihan", exact=True).select_option(label="Pemilihan Umum 2024")
    phone.get_by_role("button", name="Tampilkan").click()
    expect(phone.locator("section h2")).to_have_count(1)
    expect(phone.locator("section h2")).to_have_text("Pemilihan Umum 2024")
    csv = phone.get_by_role("link", name="Unduh CSV")
    expect(csv).to_have_attribute("href", "/statistik/statistik.csv?election=pemilu-2024")
    assert_fits_width(phone)
    phone.screenshot(path=f"{SHOTS}-statistics-one.png", full_page=True)
