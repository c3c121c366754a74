"""The audit itself: it fails on serious or critical violations, lists moderate ones, and notices a
page a test loaded without auditing it. Pages are served by the test (no server, no network)."""

import pytest

from tests.browser.axe import AXE_VERSION, AxeAudit, moderate_report

pytestmark = pytest.mark.browser

PAGES = {  # path: (what goes in <head>, what goes in <main>)
    "/clean/": ("", '<h1>Netral</h1><p><a href="/grey/">lanjut</a></p>'),
    # Grey on white, 2.3:1: the contrast rule is serious.
    "/grey/": ("", '<h1>Netral</h1><p style="color:#aaa">tulisan samar</p>'),
    # A page that may not be zoomed: moderate (WCAG 1.4.4), listed but not failing.
    "/zoom-locked/": ('<meta name="viewport" content="user-scalable=no">', "<h1>Netral</h1>"),
}


@pytest.fixture
def site(browser):
    """A page on a made-up origin whose documents come from PAGES, watched by its own audit."""
    context = browser.new_context()
    page = context.new_page()
    page.set_default_timeout(15_000)

    def serve(route):
        path = route.request.url.removeprefix("http://netral.invalid")
        head, main = PAGES[path]
        body = f'<!doctype html><html lang="id"><title>uji</title>{head}<main>{main}</main></html>'
        route.fulfill(status=200, content_type="text/html", body=body)

    page.route("http://netral.invalid/**", serve)
    audit = AxeAudit(test="site")
    audit.watch(page)
    yield page, audit
    context.close()


def test_a_page_is_audited_before_the_first_action_on_it_and_at_the_end(site):
    page, audit = site
    page.goto("http://netral.invalid/clean/")
    page.get_by_role("link", name="lanjut").click()  # /clean/ is audited before this click
    page.wait_for_url("**/grey/")
    with pytest.raises(AssertionError) as failure:
        audit.finish()
    assert [(a.path, a.state) for a in audit.audits] == [
        ("/clean/", "as loaded"),
        ("/grey/", "end of test"),
    ]
    assert audit.audits[0].violations == ()
    assert "/grey/ (end of test)" in str(failure.value)
    assert "/clean/" not in str(failure.value)


def test_a_serious_violation_fails_naming_the_page_the_rule_and_the_element(site):
    page, audit = site
    page.goto("http://netral.invalid/grey/")
    audit.check(page, "grey text")
    with pytest.raises(AssertionError) as failure:
        audit.finish()
    message = str(failure.value)
    assert f"axe-core {AXE_VERSION}" in message
    assert "/grey/ (grey text):" in message
    assert "serious color-contrast" in message
    [rule] = audit.audits[0].failing
    assert rule.nodes == 1
    assert f"1 element(s): {rule.targets[0]}" in message


def test_a_moderate_violation_is_listed_but_does_not_fail(site):
    page, audit = site
    page.goto("http://netral.invalid/zoom-locked/")
    audit.check(page, "zoom locked")
    audit.finish()
    assert [r.id for r in audit.audits[-1].of_impact("moderate")] == ["meta-viewport"]
    assert moderate_report(audit.audits)[0].startswith("/zoom-locked/: meta-viewport")


def test_a_page_loaded_but_never_audited_fails_the_test(site):
    page, audit = site
    page.goto("http://netral.invalid/clean/")
    page.goto(
        "http://netral.invalid/zoom-locked/"
    )  # the first page was neither acted on nor checked
    with pytest.raises(AssertionError, match=r"loaded but never audited.*/clean/"):
        audit.finish()
