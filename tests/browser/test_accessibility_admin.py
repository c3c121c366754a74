"""The admin as Bawaslu and BKPSDM use it, every page audited by axe-core (WCAG 2.1 A and AA).

Each page is opened the way its user reaches it and then audited; a serious or critical violation
anywhere fails the test (tests/browser/axe.py).
"""

import re

import pytest
from playwright.sync_api import expect

from apps.cases.models import Case
from apps.notifications.models import Level, Notification
from apps.notifications.services import Draft, case_link, notifications_create
from tests.browser.conftest import DESKTOP
from tests.browser.helpers import log_in_admin
from tests.cases.factories import CaseFactory
from tests.personnel.import_files import csv_bytes, person

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
S = Case.Status


def visit(page, axe, url: str, state: str) -> None:
    page.goto(url)
    axe.check(page, state)


def test_the_coordinator_meets_no_barrier_from_the_case_list_to_every_case_page(
    new_page, axe, live_server, coordinator, investigator
):
    cases = {
        status: CaseFactory(status=status, assigned_to=[investigator])
        for status in (S.RECEIVED, S.REGISTERED, S.CLARIFICATION, S.FORWARDED, S.CLOSED)
    }
    page = new_page(viewport=DESKTOP)
    admin = f"{live_server.url}/admin"
    log_in_admin(page, live_server.url, "koordinator")

    page.locator("#content-main").get_by_role("link", name="Kasus", exact=True).last.click()
    expect(page.locator("#result_list")).to_be_visible()
    axe.check(page, "case list with a deadline badge per open case")

    for status, case in cases.items():
        visit(page, axe, f"{admin}/cases/case/{case.pk}/change/", f"case page, {status.label}")
    visit(page, axe, f"{admin}/cases/case/{cases[S.RECEIVED].pk}/history/", "case history")


def test_a_new_report_is_logged_on_a_page_whose_every_field_has_a_label(
    new_page, axe, live_server, coordinator
):
    page = new_page(viewport=DESKTOP)
    log_in_admin(page, live_server.url, "koordinator")
    page.goto(f"{live_server.url}/admin/cases/case/add/")
    axe.check(page, "case add page")
    expect(page.get_by_label("Tanggal").first).to_be_visible()  # the "Diterima" date
    page.get_by_role("button", name="Catat").click()
    expect(page.locator(".errornote")).to_be_visible()
    axe.check(page, "case add page after a failed submit")

    page.locator("#id_received_at_0").fill("09-11-2024")
    page.locator("#id_received_at_1").fill("10:00:00")
    page.locator("#id_known_on").fill("02-11-2024")
    page.get_by_label("Nama pelapor").fill("Pelapor Sintetis")
    page.locator("#id_respondents-0-name").fill("Terlapor Sintetis")
    page.get_by_role("button", name="Catat").click()
    page.wait_for_url(re.compile(r"/change/$"))
    expect(page.locator(".messagelist")).to_contain_text("Tambahkan alat bukti")
    axe.check(page, "new case page with its success message")


def test_the_action_assign_and_follow_up_pages_are_audited(
    new_page, axe, live_server, coordinator, investigator
):
    received = CaseFactory(status=S.RECEIVED)
    review = CaseFactory(status=S.REVIEW, assigned_to=[investigator])
    forwarded = CaseFactory(status=S.FORWARDED)
    respondent = forwarded.respondents.first()
    page = new_page(viewport=DESKTOP)
    admin = f"{live_server.url}/admin/cases/case"
    log_in_admin(page, live_server.url, "koordinator")

    visit(page, axe, f"{admin}/{received.pk}/change/", "case page, Diterima")
    page.get_by_role("button", name="Tidak diregistrasi").click()  # saves the page, opens the form
    page.locator("input[type=submit][value='Tidak diregistrasi']").click()
    expect(page.locator(".errornote")).to_be_visible()
    axe.check(page, "reject page after a failed submit")
    visit(page, axe, f"{admin}/{received.pk}/assign/", "assign page")
    visit(page, axe, f"{admin}/{review.pk}/action/forward/", "forward page")
    visit(page, axe, f"{admin}/{forwarded.pk}/decision/{respondent.pk}/", "decision page")
    page.get_by_role("button", name="Simpan keputusan").click()
    axe.check(page, "follow-up page after a failed submit")


def test_notifications_and_the_event_log_are_readable(new_page, axe, live_server, coordinator):
    case = CaseFactory(status=S.REGISTERED)
    [notification] = notifications_create(
        drafts=[
            Draft(
                recipient=coordinator,
                kind=Notification.Kind.DEADLINE,
                level=Level.OVERDUE,
                title=f"Batas keputusan terlewat: {case}",
                body="Batas waktu keputusan kasus ini telah terlewat.",
                link=case_link(case),
                case=case,
                deadline="decision",
                due_at=case.decision_due_at,
            )
        ]
    )
    page = new_page(viewport=DESKTOP)
    log_in_admin(page, live_server.url, "koordinator")
    visit(page, axe, f"{live_server.url}/admin/notifications/notification/", "notification list")
    page.get_by_role("link", name=notification.title).click()
    expect(page.locator("#content")).to_contain_text(notification.body)
    axe.check(page, "notification page")
    visit(page, axe, f"{live_server.url}/admin/cases/caseevent/", "event log")


def test_bkpsdm_imports_the_registry_and_follows_up_a_case_without_a_barrier(
    new_page, axe, live_server, bkpsdm_officer
):
    forwarded = CaseFactory(status=S.FORWARDED)
    page = new_page(viewport=DESKTOP)
    log_in_admin(page, live_server.url, "bkpsdm")
    page.get_by_role("link", name="ASN", exact=True).first.click()
    expect(page.locator("#result_list")).to_be_visible()
    axe.check(page, "civil servant list")
    page.locator("#result_list tbody a").first.click()
    expect(page.locator("#content-main form")).to_be_visible()
    axe.check(page, "civil servant page")

    page.goto(f"{live_server.url}/admin/personnel/personnelimport/upload/")
    page.get_by_role("button", name="Unggah dan impor").click()
    axe.check(page, "import page after a submit without a file")
    page.get_by_label("Berkas").set_input_files(
        files=[
            {
                "name": "pegawai.csv",
                "mimeType": "text/csv",
                "buffer": csv_bytes([person(1), person(2, NIP="123")]),
            }
        ]
    )
    page.get_by_role("button", name="Unggah dan impor").click()
    expect(page.locator(".messagelist")).to_be_visible()
    axe.check(page, "finished import with its rejected row")
    visit(page, axe, f"{live_server.url}/admin/personnel/personnelimport/", "import history")

    visit(page, axe, f"{live_server.url}/admin/cases/case/{forwarded.pk}/change/", "forwarded")
    page.get_by_role("link", name="Catat keputusan PPK").first.click()
    page.locator("#id_outcome").select_option("sanctioned")
    page.locator("#id_sanction_type_1").select_option(label="Teguran tertulis")
    page.locator("#id_decree_number_1").fill("800/1/BKPSDM/2024")
    page.locator("#id_decree_date_1").fill("20-11-2024")
    page.get_by_role("button", name="Simpan keputusan").click()
    expect(page.locator(".messagelist")).to_contain_text("dicatat")
    axe.check(page, "forwarded case after a follow-up")


def test_the_legal_basis_of_a_deadline_opens_from_the_keyboard(
    new_page, axe, live_server, coordinator
):
    CaseFactory(status=S.REGISTERED)
    page = new_page(viewport=DESKTOP)
    log_in_admin(page, live_server.url, "koordinator")
    page.goto(f"{live_server.url}/admin/cases/case/")
    basis = page.locator("details.deadline-basis").first
    expect(basis.locator("p")).to_be_hidden()
    basis.locator("summary").focus()
    page.keyboard.press("Enter")
    expect(basis.locator("p")).to_be_visible()
    expect(basis.locator("p")).to_contain_text("UU 10/2016 Pasal 134")
    axe.check(page, "case list with a deadline's legal basis open")
