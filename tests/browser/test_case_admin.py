"""An investigator in the admin: what they typed on the case page is never lost when they press
an action. Tried as a new user would: a new evidence row vanished without a word when
*Registrasi* was pressed; now the page saves it first, then opens the action."""

import os

import pytest

from apps.cases.models import Case, Evidence
from tests.browser.helpers import log_in_admin
from tests.cases.factories import CaseFactory
from tests.factories import persona

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
SHOTS = os.environ.get("NETRAL_SCREENSHOTS")


def test_a_new_evidence_row_is_saved_before_registration_opens(page, live_server, reference_data):
    investigator = persona("bawaslu_investigator", username="investigator")
    case = CaseFactory(evidence=0, witnesses=0, assigned_to=[investigator])
    page.set_viewport_size({"width": 1366, "height": 900})
    log_in_admin(page, live_server.url, "investigator")
    page.goto(f"{live_server.url}/admin/cases/case/{case.pk}/change/")

    page.locator("#evidence-2-group .add-row a").click()
    page.locator("#id_evidence-2-0-kind").select_option("link")
    page.locator("#id_evidence-2-0-url").fill("https://media-sosial.invalid/unggahan/77")
    page.locator("#id_evidence-2-0-captured_at_0").fill("09/11/2024")
    page.locator("#id_evidence-2-0-captured_at_1").fill("08:30:00")
    if SHOTS:
        page.screenshot(path=f"{SHOTS}/case-page-before-action.png", full_page=True)
    page.get_by_role("button", name="Registrasi", exact=True).click()

    page.wait_for_url(f"**/admin/cases/case/{case.pk}/action/register/")
    assert Evidence.objects.filter(case=case, url__endswith="/unggahan/77").exists()
    page.get_by_text("Perubahan disimpan.").wait_for()
    if SHOTS:
        page.screenshot(path=f"{SHOTS}/action-page.png", full_page=True)
    page.locator("input[type=submit]").click()
    page.get_by_text("kini berstatus Diregistrasi").wait_for()
    assert Case.objects.get(pk=case.pk).status == Case.Status.REGISTERED


def test_a_refused_row_keeps_everything_typed_and_saves_nothing(page, live_server, reference_data):
    investigator = persona("bawaslu_investigator", username="investigator")
    case = CaseFactory(evidence=0, witnesses=0, assigned_to=[investigator])
    log_in_admin(page, live_server.url, "investigator")
    page.goto(f"{live_server.url}/admin/cases/case/{case.pk}/change/")

    page.locator("#id_incident_place").fill("Aula Kantor Camat Loa Janan")
    page.locator("#evidence-2-group .add-row a").click()
    page.locator("#id_evidence-2-0-kind").select_option("link")
    page.locator("#id_evidence-2-0-url").fill("https://media-sosial.invalid/unggahan/78")
    page.get_by_role("button", name="Registrasi", exact=True).click()  # the capture time is missing

    page.get_by_text("Isi kapan tautan ini diambil").wait_for()
    assert page.locator("#id_incident_place").input_value() == "Aula Kantor Camat Loa Janan"
    assert page.locator("#id_evidence-2-0-url").input_value().endswith("/unggahan/78")
    if SHOTS:
        page.screenshot(path=f"{SHOTS}/case-page-refused.png", full_page=True)
    case.refresh_from_db()
    assert case.incident_place != "Aula Kantor Camat Loa Janan"
    assert not Evidence.objects.filter(case=case).exists()
