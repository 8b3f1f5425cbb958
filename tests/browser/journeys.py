"""Journeys by clicks alone: a person starts on the home page or the sign-in page and from then on only clicks
links and buttons (and types into fields). Every click is counted; every page reached is checked with axe-core
(vendored: tests/browser/vendor, MPL-2.0) and must have no serious or critical violation."""

import json
import re
from collections import defaultdict
from pathlib import Path

from playwright.sync_api import Page, expect

AXE = Path(__file__).resolve().parent / "vendor" / "axe-4.14.1.min.js"
ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts" / "browser"
BLOCKING = {"serious", "critical"}
# Wagtail's own admin screens are checked and reported, not held to zero: their markup is Wagtail's.
WAGTAIL_ADMIN = re.compile(r"^/admin/")
CLICKS: dict[str, int] = {}
AXE_FOUND: dict[str, list] = defaultdict(list)


def _path(url: str) -> str:
    return re.sub(r"^https?://[^/]+", "", url).split("?")[0].split("#")[0]


class Journey:
    def __init__(self, page: Page, name: str):
        self.page, self.name, self.clicks = page, name, 0
        self.checked: set[str] = set()

    # --- the only two ways to move: the start, then clicks ------------------------------------------------
    def start(self, path: str) -> "Journey":
        self.page.goto(path)
        self._arrived()
        return self

    def click(self, target, *, navigates: bool = True) -> "Journey":
        locator = target if not isinstance(target, str) else self.page.locator(target)
        locator = locator.first
        expect(locator).to_be_visible()
        self.clicks += 1
        CLICKS[self.name] = self.clicks
        if navigates:
            with self.page.expect_navigation():
                locator.click()
            self._arrived()
        else:
            locator.click()
        return self

    def link(self, name: str, *, within: str = "body", exact: bool = False) -> "Journey":
        return self.click(self.page.locator(within).get_by_role("link", name=name, exact=exact))

    def button(self, name: str, *, within: str = "body", navigates: bool = True, exact: bool = False) -> "Journey":
        return self.click(self.page.locator(within).get_by_role("button", name=name, exact=exact), navigates=navigates)

    def check(self, label: str) -> "Journey":
        self.clicks += 1
        CLICKS[self.name] = self.clicks
        self.page.get_by_label(label, exact=True).check()
        return self

    # --- what the person sees -----------------------------------------------------------------------------
    def see(self, *texts: str, within: str = "main") -> "Journey":
        for text in texts:
            expect(self.page.locator(within).first).to_contain_text(text)
        return self

    def fill(self, label: str, value: str, exact: bool = True) -> "Journey":
        self.page.get_by_label(label, exact=exact).first.fill(value)
        return self

    # --- accessibility of every page passed ----------------------------------------------------------------
    def _arrived(self) -> None:
        self.page.wait_for_load_state("domcontentloaded")
        path = _path(self.page.url)
        key = re.sub(r"\d+", "N", path)
        if key in self.checked:
            return
        self.checked.add(key)
        self.page.add_script_tag(path=str(AXE))
        result = self.page.evaluate("""async () => {
            const r = await axe.run(document, {resultTypes: ['violations']});
            return r.violations.map(v => ({id: v.id, impact: v.impact, help: v.help,
                                           nodes: v.nodes.slice(0, 3).map(n => n.target.join(' '))}));
        }""")
        blocking = [v for v in result if v["impact"] in BLOCKING]
        AXE_FOUND[path].extend(result)
        _write_axe_report()
        if not WAGTAIL_ADMIN.match(path):
            assert not blocking, f"axe on {path}: " + json.dumps(blocking, ensure_ascii=False, indent=1)


def _write_axe_report() -> None:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    (ARTIFACTS / "axe.json").write_text(json.dumps(AXE_FOUND, ensure_ascii=False, indent=1), encoding="utf-8")
    (ARTIFACTS / "clicks.json").write_text(json.dumps(CLICKS, ensure_ascii=False, indent=1), encoding="utf-8")
