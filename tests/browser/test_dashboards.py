"""Each role's home page on the demo data (``seed --demo``), at 1366 px as on the offices'
laptops: log in, see what is late at the top, open a chart with its table, download a report's
CSV. ``NETRAL_SCREENSHOTS=<dir>`` keeps a screenshot of each page."""

import os
import re
from io import StringIO
from pathlib import Path

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.utils import timezone
from playwright.sync_api import expect

from apps.cases.dashboard import due_rows
from apps.cases.models import Case
from apps.cases.selectors import cases_visible_to

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
SHOTS = os.environ.get("NETRAL_SCREENSHOTS")
PASSWORD = "sandi-demo-uji-123"
DESKTOP = {"width": 1366, "height": 900}


@pytest.fixture
def demo(reference_data, settings, tmp_path):
    settings.NETRAL_DEMO_PASSWORD = PASSWORD
    settings.MEDIA_ROOT = tmp_path
    call_command("seed", demo=True, stdout=StringIO())


def log_in_demo(page, base_url: str, username: str) -> None:
    page.set_viewport_size(DESKTOP)
    page.goto(f"{base_url}/login/")
    page.get_by_label("Nama pengguna").fill(username)
    page.get_by_label("Sandi").fill(PASSWORD)
    page.get_by_role("button", name="Masuk").click()
    page.wait_for_url(re.compile(r"/$"))


def most_urgent(username: str, *, forwarded_only=False):
    user = get_user_model().objects.get(username=username)
    cases = cases_visible_to(user)
    if forwarded_only:
        cases = cases.filter(status="forwarded")
    first = due_rows(cases, timezone.now())[0]
    assert first.overdue, "the demo data has an overdue case for this role"
    return first


def shot(page, name: str) -> None:
    if SHOTS:
        page.screenshot(path=f"{SHOTS}/{name}.png", full_page=True)


def see_overdue_case_first(page, expected) -> None:
    first_row = page.locator("table.due-table tbody tr").first
    expect(first_row.get_by_role("link")).to_have_text(expected.number)
    expect(first_row.locator(".deadline")).to_have_text("Terlambat")


def open_chart_and_table(page) -> None:
    figure = page.locator("figure.chart").first
    expect(figure).to_have_attribute("data-drawn", "")
    expect(figure.locator("canvas")).to_be_visible()
    assert figure.locator("table.chart-table tbody tr").count() > 0


def download_csv(page, base_url: str, report: str, header: str) -> None:
    page.goto(f"{base_url}/laporan/")
    page.get_by_role("link", name=report).click()
    open_chart_and_table(page)
    with page.expect_download() as download:
        page.get_by_role("link", name="Unduh CSV").click()
    text = Path(download.value.path()).read_text(encoding="utf-8-sig")
    assert text.splitlines()[0].startswith(header), text[:200]


def filter_by_a_kecamatan(page) -> None:
    """Pick a kecamatan from the report's filter list and show the report for it: the choice
    stays selected and the page counts that kecamatan's cases only."""
    kecamatan = page.get_by_label("Kecamatan", exact=True)
    expect(kecamatan.locator("option").first).to_have_text("Semua kecamatan")
    code = kecamatan.locator("option").nth(1).get_attribute("value")
    kecamatan.select_option(code)
    page.get_by_role("button", name="Tampilkan").click()
    page.wait_for_url(re.compile(rf"kecamatan={re.escape(code)}"))
    expect(page.get_by_label("Kecamatan", exact=True)).to_have_value(code)
    matching = Case.objects.filter(kecamatan__code=code).count()
    expect(page.get_by_text("Jumlah kasus yang cocok")).to_contain_text(f": {matching}")


def test_a_coordinator_opens_on_what_is_late(page, live_server, demo):
    expected = most_urgent("demo-koordinator")
    log_in_demo(page, live_server.url, "demo-koordinator")
    expect(page.get_by_role("heading", name="Beranda koordinator")).to_be_visible()
    see_overdue_case_first(page, expected)
    open_chart_and_table(page)
    shot(page, "home-coordinator")
    download_csv(page, live_server.url, "Kasus per bentuk pelanggaran", "Kode,Bentuk pelanggaran")
    shot(page, "report-violation-form")
    filter_by_a_kecamatan(page)
    shot(page, "report-violation-form-one-kecamatan")


def test_an_investigator_opens_on_their_own_late_cases(page, live_server, demo):
    expected = most_urgent("demo-investigator")
    log_in_demo(page, live_server.url, "demo-investigator")
    expect(page.get_by_role("heading", name="Beranda investigator")).to_be_visible()
    see_overdue_case_first(page, expected)
    open_chart_and_table(page)
    shot(page, "home-investigator")
    download_csv(page, live_server.url, "Kasus per bulan diterima", "Kode,Bulan diterima")


def test_bkpsdm_opens_on_what_waits_for_the_ppk(page, live_server, demo):
    expected = most_urgent("demo-bkpsdm", forwarded_only=True)
    log_in_demo(page, live_server.url, "demo-bkpsdm")
    expect(page.get_by_role("heading", name="Beranda BKPSDM")).to_be_visible()
    see_overdue_case_first(page, expected)
    expect(page.locator("table.waiting-table tbody tr").first).to_be_visible()
    open_chart_and_table(page)
    shot(page, "home-bkpsdm")
    download_csv(page, live_server.url, "Cakupan sosialisasi dan terlapor", "Kode,Perangkat daerah")
    shot(page, "report-training")


def test_the_case_list_shows_its_deadlines_and_counts_at_1366px(page, live_server, demo):
    log_in_demo(page, live_server.url, "demo-koordinator")
    page.get_by_role("link", name="kasus terlambat").click()
    expect(page.locator("#changelist-filter")).to_contain_text("Terlambat (")
    page.get_by_role("link", name="batas waktu berikutnya").click()
    first_badge = page.locator("#result_list tbody tr").first.locator(".deadline")
    expect(first_badge).to_have_text("terlewat")
    shot(page, "case-list")
