"""What most browser tests do: log in as a persona, and check a phone-sized page fits its width."""

import re

from playwright.sync_api import expect

PASSWORD = "sandi-rahasia-123"  # tests.factories.UserFactory's password


def log_in(page, base_url: str, username: str, *, lands_on: str = r"/training/$") -> None:
    """Log in on /login/ as a user would; the page they land on is audited like any other."""
    page.goto(f"{base_url}/login/")
    page.get_by_label("Nama pengguna").fill(username)
    page.get_by_label("Sandi").fill(PASSWORD)
    page.get_by_role("button", name="Masuk").click()
    page.wait_for_url(re.compile(lands_on))
    expect(page.get_by_role("main")).to_be_visible()


def log_in_admin(page, base_url: str, username: str) -> None:
    """Log in on the admin's own login page; lands on the admin index."""
    page.goto(f"{base_url}/admin/login/")
    page.get_by_label("Nama pengguna").fill(username)
    page.get_by_label("Sandi").fill(PASSWORD)
    page.get_by_role("button", name="Masuk").click()
    page.wait_for_url(re.compile(r"/admin/$"))
    expect(page.locator("#content")).to_be_visible()


def assert_fits_width(page) -> None:
    """No horizontal scrolling: the document is no wider than the viewport."""
    overflow = page.evaluate(
        "() => document.documentElement.scrollWidth - document.documentElement.clientWidth"
    )
    assert overflow <= 0, f"{page.url} scrolls sideways by {overflow}px"
