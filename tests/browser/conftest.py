"""Playwright against pytest-django's live server, driving Debian's Chromium (never a download).

Every page a test drives is audited by axe-core (``tests/browser/axe.py``): before the browser
leaves it, at the end of the test, and where the test calls ``axe.check(page, "state")``. A serious
or critical violation fails the test; moderate ones are listed in the terminal summary.
"""

import os

import pytest

from tests.browser.axe import AxeAudit, moderate_report
from tests.conftest import CHROMIUM

AUDIT = pytest.StashKey[AxeAudit]()
AUDITS = pytest.StashKey[list]()
PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 900}

CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


@pytest.fixture(scope="session")
def live_server(request):
    """pytest-django's live server, started while MEDIA_URL has a value.

    The settings keep ``MEDIA_URL = None`` (private files are never under a public URL), but
    Django's test server wraps every request in a media-files handler that parses MEDIA_URL when
    it starts and fails on None. It only needs a prefix that nothing uses; the setting goes back
    to None once the server runs.
    """
    from django.test import override_settings
    from pytest_django.live_server_helper import LiveServer

    addr = request.config.getvalue("liveserver") or os.getenv(
        "DJANGO_LIVE_TEST_SERVER_ADDRESS", "localhost"
    )
    with override_settings(MEDIA_URL="/_no-public-media/"):
        server = LiveServer(addr)
    yield server
    server.stop()


@pytest.fixture(scope="package")
def browser():
    """Chromium for the tests of this package only.

    Playwright's sync API runs an event loop in this thread. While it runs, Django's ORM calls
    made by the test itself (fixtures, assertions) would refuse to run "in an async context",
    and asgiref keeps this thread's database connections apart from the ones it had before
    (in a context variable instead of the thread's storage): they are closed before the loop
    stops, or they would outlive the test database and keep PostgreSQL from dropping it.
    """
    from django.db import connections
    from playwright.sync_api import sync_playwright

    with pytest.MonkeyPatch.context() as patch, sync_playwright() as playwright:
        patch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")  # for this package only
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS
        )
        yield browser
        browser.close()
        connections.close_all()


@pytest.fixture
def axe(request):
    """This test's accessibility audits; ``axe.check(page, "state")`` audits a state now."""
    audit = AxeAudit(test=request.node.nodeid)
    request.node.stash[AUDIT] = audit
    yield audit
    request.config.stash.setdefault(AUDITS, []).extend(audit.audits)


@pytest.fixture
def new_page(browser, axe):
    """Open a page in a context of its own, audited like ``page`` (a second user, a kiosk)."""
    contexts = []

    def open_page(*, viewport=None, **options):
        context = browser.new_context(locale="id-ID", viewport=viewport or PHONE, **options)
        contexts.append(context)
        page = context.new_page()
        page.set_default_timeout(15_000)
        axe.watch(page)
        return page

    yield open_page
    for context in contexts:
        context.close()


@pytest.fixture
def page(new_page):
    return new_page(viewport={"width": 412, "height": 915})


@pytest.hookimpl(wrapper=True)
def pytest_runtest_call(item):
    """After a test that passed, audit the pages it left open and fail on what axe found."""
    result = yield
    audit = item.stash.get(AUDIT, None)
    if audit is not None:
        browser = item.funcargs.get("browser")
        audit.finish(browser)
    return result


def pytest_terminal_summary(terminalreporter, config):
    audits = config.stash.get(AUDITS, [])
    if not audits:
        return
    lines = moderate_report(audits)
    terminalreporter.section(f"axe: {len(audits)} audits; moderate violations (not failing)")
    for line in lines or ["none"]:
        terminalreporter.line(line)
