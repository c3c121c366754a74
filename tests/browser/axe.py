"""axe-core in the browser tests: every page a test visits is audited against WCAG 2.1 A and AA.

A page is audited without the test asking:
- when the test first acts on a new document (a click, a fill, an ``expect``), as it loaded:
  a Playwright locator handler sees the document is not audited yet, and audits it first;
- at the end of the test, every page still open, as the test left it.
A state that appears without a new document (a kiosk answer, an error shown by a script) is
audited where the test calls ``axe.check(page, "what the user sees")``. A document the test loaded
but neither acted on nor checked fails the test: nothing shown to a user goes unaudited.

A serious or critical violation fails the test, naming every page and state that had one.
Moderate ones are listed in the terminal summary. ``AXE_RESULTS=<file>`` appends one JSON line
per audit (for before/after tables). axe-core is vendored under ``vendor/`` for the tests only:
the app never serves it.
"""

from __future__ import annotations

import json
import os
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

from playwright.sync_api import TimeoutError as PlaywrightTimeout

VENDOR = Path(__file__).parent / "vendor"
AXE_VERSION = json.loads((VENDOR / "package.json").read_text())["dependencies"]["axe-core"]
AXE_SOURCE = (VENDOR / "axe-core" / "axe.min.js").read_text(encoding="utf-8")
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
FAILING = ("critical", "serious")
IMPACTS = ("critical", "serious", "moderate", "minor")
SHOWN_TARGETS = 5

MARK = "data-netral-axe"
# Runs in the page: the result trimmed to what a report needs (axe's full result is megabytes).
# The mark on <html> tells a document already audited from a new one.
RUN_AXE = """async ([tags, shown, mark]) => {
  const fresh = !document.documentElement.hasAttribute(mark);
  const result = await axe.run(document, {runOnly: {type: "tag", values: tags}});
  document.documentElement.setAttribute(mark, "audited");
  const brief = (rule) => ({
    id: rule.id, impact: rule.impact, help: rule.help, helpUrl: rule.helpUrl,
    nodes: rule.nodes.length,
    targets: rule.nodes.slice(0, shown).map((n) => n.target.join(" ")),
  });
  return {
    version: axe.version, url: location.href, fresh,
    violations: result.violations.map(brief), incomplete: result.incomplete.map(brief),
  };
}"""
# Parsed and styled (contrast is computed on the styles). Not the load event: a test may hold a
# script back on purpose, and a deferred script holds that event back with it.
READY = """() => document.readyState !== "loading"
  && [...document.querySelectorAll("link[rel=stylesheet]")].every((link) => link.sheet)"""
COMPLETE = "() => document.readyState === 'complete'"
IS_HTML = "() => document.contentType === 'text/html'"
HAS_AXE = "() => typeof window.axe === 'object'"
MARK_ONLY = "(mark) => document.documentElement.setAttribute(mark, 'not html')"


@dataclass(frozen=True)
class Rule:
    id: str
    impact: str
    help: str
    help_url: str
    nodes: int
    targets: tuple[str, ...]

    @classmethod
    def from_axe(cls, data: dict) -> Rule:
        return cls(
            id=data["id"],
            impact=data["impact"] or "minor",
            help=data["help"],
            help_url=data["helpUrl"],
            nodes=data["nodes"],
            targets=tuple(data["targets"]),
        )

    def describe(self) -> str:
        more = (
            f" and {self.nodes - len(self.targets)} more" if self.nodes > len(self.targets) else ""
        )
        return (
            f"{self.impact} {self.id}: {self.help} ({self.nodes} element(s): "
            f"{', '.join(self.targets)}{more})\n      {self.help_url}"
        )


@dataclass(frozen=True)
class PageAudit:
    test: str
    state: str
    path: str
    violations: tuple[Rule, ...]
    incomplete: tuple[Rule, ...]

    @property
    def failing(self) -> list[Rule]:
        return [r for r in self.violations if r.impact in FAILING]

    def of_impact(self, impact: str) -> list[Rule]:
        return [r for r in self.violations if r.impact == impact]

    def as_json(self) -> dict:
        return {
            "test": self.test,
            "state": self.state,
            "path": self.path,
            "violations": {
                impact: {
                    "rules": sorted(r.id for r in self.of_impact(impact)),
                    "nodes": sum(r.nodes for r in self.of_impact(impact)),
                }
                for impact in IMPACTS
            },
            "incomplete": sorted({r.id for r in self.incomplete}),
        }


def _is_web_page(url: str) -> bool:
    return urlsplit(url).scheme in ("http", "https")


def _path(url: str) -> str:
    parts = urlsplit(url)
    return parts.path + (f"?{parts.query}" if parts.query else "")


@dataclass
class AxeAudit:
    """The audits of one test: ``watch`` the pages it drives, ``check`` a state, ``finish``."""

    test: str
    audits: list[PageAudit] = field(default_factory=list)
    pages: list = field(default_factory=list)
    loaded: list[str] = field(default_factory=list)  # the path of every document loaded
    fresh: list[str] = field(default_factory=list)  # ... and of every document audited

    def watch(self, page) -> None:
        """Audit each new document of ``page`` before the test first acts on it."""
        self.pages.append(page)
        page.on("load", lambda: self.loaded.append(_path(page.url)))
        page.add_locator_handler(
            page.locator(f"html:not([{MARK}])"),
            lambda _html: self._audit(page, "as loaded"),
        )

    def check(self, page, state: str) -> PageAudit | None:
        """Audit what ``page`` shows now; ``state`` names it in the report."""
        return self._audit(page, state)

    def finish(self, browser=None) -> None:
        """Audit every page still open, then fail on a violation or a page never audited."""
        open_pages = [p for p in self.pages if not p.is_closed()]
        if browser is not None:
            others = [p for c in browser.contexts for p in c.pages if p not in open_pages]
            open_pages += [p for p in others if not p.is_closed()]
        for page in open_pages:
            self._audit(page, "end of test")
        problems = []
        failing = [a for a in self.audits if a.failing]
        if failing:
            problems.append(failure_report(failing))
        missed = Counter(self.loaded) - Counter(self.fresh)
        if missed:
            problems.append(
                "pages loaded but never audited (act on them, or call "
                f"axe.check(page, '<state>') before leaving): {', '.join(sorted(missed))}"
            )
        if problems:
            raise AssertionError("\n".join(problems))

    def _audit(self, page, state: str) -> PageAudit | None:
        if not _is_web_page(page.url):
            return None
        try:  # the page's own scripts have run (the admin names its autocomplete boxes on load)
            page.wait_for_function(COMPLETE, timeout=3_000)
        except PlaywrightTimeout:  # a script held back on purpose: audit what is there
            page.wait_for_function(READY)
        if not page.evaluate(IS_HTML):  # a JSON or text response shown by the browser
            page.evaluate(MARK_ONLY, MARK)
            self.fresh.append(_path(page.url))
            return None
        if not page.evaluate(HAS_AXE):
            # Evaluated over the DevTools protocol: no content-security policy applies.
            page.evaluate(AXE_SOURCE + "\n;undefined")
        result = page.evaluate(RUN_AXE, [WCAG_TAGS, SHOWN_TARGETS, MARK])
        if result["version"] != AXE_VERSION:
            raise AssertionError(f"axe-core {result['version']} ran, {AXE_VERSION} is vendored")
        if result["fresh"]:
            self.fresh.append(_path(result["url"]))
        audit = PageAudit(
            test=self.test,
            state=state,
            path=_path(result["url"]),
            violations=tuple(Rule.from_axe(r) for r in result["violations"]),
            incomplete=tuple(Rule.from_axe(r) for r in result["incomplete"]),
        )
        self.audits.append(audit)
        _record(audit)
        return audit


def failure_report(audits: list[PageAudit]) -> str:
    count = sum(len(a.failing) for a in audits)
    lines = [
        f"axe-core {AXE_VERSION} (WCAG 2.1 A and AA): {count} serious or critical violation(s) "
        f"on {len(audits)} page(s) or state(s)"
    ]
    for audit in audits:
        lines.append(f"  {audit.path} ({audit.state}):")
        lines += [f"    {rule.describe()}" for rule in audit.failing]
    return "\n".join(lines)


def moderate_report(audits: list[PageAudit]) -> list[str]:
    """One line per page and moderate rule, however often the tests met it."""
    seen: dict[tuple[str, str], Rule] = {}
    for audit in audits:
        for rule in audit.of_impact("moderate"):
            seen.setdefault((audit.path, rule.id), rule)
    return [
        f"{path}: {rule.id} ({rule.nodes} element(s)): {rule.help}"
        for (path, _id), rule in sorted(seen.items())
    ]


def _record(audit: PageAudit) -> None:
    target = os.environ.get("AXE_RESULTS")
    if target:
        with open(target, "a", encoding="utf-8") as out:
            out.write(json.dumps(audit.as_json()) + "\n")
