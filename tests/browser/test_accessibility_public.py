"""The pages reached before or beside a role's own pages: the login pages, a user without a role,
and the API documentation. Every one audited by axe-core (WCAG 2.1 A and AA)."""

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import DESKTOP, PHONE
from tests.browser.helpers import assert_fits_width
from tests.factories import UserFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_the_login_page_and_its_error_are_readable_on_a_phone(new_page, axe, live_server):
    page = new_page(viewport=PHONE)
    page.goto(f"{live_server.url}/login/")
    axe.check(page, "login page")
    assert_fits_width(page)
    page.get_by_label("Nama pengguna").fill("tidak-ada")
    page.get_by_label("Sandi").fill("salah-sekali")
    page.get_by_role("button", name="Masuk").click()
    expect(page.locator(".message.error")).to_be_visible()
    axe.check(page, "login page after a wrong password")
    assert_fits_width(page)


def test_the_admin_login_page_and_its_error_are_readable(new_page, axe, live_server):
    page = new_page(viewport=DESKTOP)
    page.goto(f"{live_server.url}/admin/login/")
    axe.check(page, "admin login page")
    page.get_by_label("Nama pengguna").fill("tidak-ada")
    page.get_by_label("Sandi").fill("salah-sekali")
    page.get_by_role("button", name="Masuk").click()
    expect(page.locator(".errornote")).to_be_visible()
    axe.check(page, "admin login page after a wrong password")


def test_a_user_without_a_role_is_told_so_in_a_readable_page(
    new_page, axe, live_server, reference_data
):
    UserFactory(username="tanpa-peran")
    page = new_page(viewport=PHONE)
    page.goto(f"{live_server.url}/login/?next=/")
    page.get_by_label("Nama pengguna").fill("tanpa-peran")
    page.get_by_label("Sandi").fill("sandi-rahasia-123")
    page.get_by_role("button", name="Masuk").click()
    expect(page.get_by_text("belum memiliki peran")).to_be_visible()
    axe.check(page, "home page of a user without a role")


def test_the_api_documentation_is_readable_and_served_from_the_app(
    new_page, axe, live_server, reference_data
):
    page = new_page(viewport=DESKTOP)
    outside = []
    page.on(
        "request",
        lambda request: (
            outside.append(request.url)
            if not request.url.startswith((live_server.url, "data:"))
            else None
        ),
    )
    page.goto(f"{live_server.url}/api/docs/")
    expect(page.locator(".opblock").first).to_be_visible()
    axe.check(page, "API docs")
    page.locator(".opblock-summary-control").first.click()
    expect(page.locator(".opblock-body").first).to_be_visible()
    axe.check(page, "API docs with one operation open")
    assert outside == [], "nothing is loaded from outside the app (no CDN)"
