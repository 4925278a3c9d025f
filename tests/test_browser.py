"""The Dari kit in a real browser: right-to-left layout, no console errors, accessibility.

Needs Debian's ``chromium`` and axe-core (``AXE_CORE_JS``: the path of ``axe.min.js``);
``.ci/run`` installs both and sets ``ASAN_REQUIRE_BROWSER=1``, so in CI a missing browser
fails instead of skipping.
"""

from __future__ import annotations

import json
import os
import shutil
import sys
from pathlib import Path
from typing import Any

import pytest

from asan_core.kit.pdf import CHROMIUM_FLAGS  # the kit's own: headless, network off
from tests.conftest import run_cli


def requirements() -> tuple[str, str]:
    chromium = shutil.which("chromium")
    axe = os.environ.get("AXE_CORE_JS", "")
    missing = []
    if chromium is None:
        missing.append("chromium (apt-get install chromium)")
    if not Path(axe).is_file():
        missing.append("axe-core (npm install axe-core; AXE_CORE_JS=…/axe.min.js)")
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        missing.append("playwright (pip install playwright)")
    if missing:
        if os.environ.get("ASAN_REQUIRE_BROWSER"):
            pytest.fail(f"browser test requirements missing: {', '.join(missing)}")
        pytest.skip(f"missing: {', '.join(missing)}")
    assert chromium is not None
    return chromium, axe


def serious_violations(page: Any, axe: str) -> list[dict[str, Any]]:
    """axe-core's serious and critical violations on the open ``page`` (id, impact, the
    first three nodes)."""
    page.add_script_tag(path=axe)
    violations: list[dict[str, Any]] = page.evaluate(
        # preload: false — axe would fetch the stylesheets by XHR, which file:// forbids
        "axe.run(document, {resultTypes: ['violations'], preload: false})"
        ".then(r => r.violations.map(v => ({id: v.id, impact: v.impact,"
        " nodes: v.nodes.slice(0, 3).map(n => n.target.join(' '))})))"
    )
    return [v for v in violations if v["impact"] in {"serious", "critical"}]


@pytest.fixture(scope="module")
def afghan_kit(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("browser") / "kit"
    env = dict(os.environ)
    os.environ.pop("ASAN_DISABLE_PLUGIN_AUTOLOAD", None)
    os.environ["ASAN_LOAD_PLUGINS"] = "asan_afghanistan"
    os.environ["ASAN_CACHE_DIR"] = "off"  # made before the tests' own isolation applies
    try:
        result = run_cli("kit", "build", "AF", "--out", str(out), "--locale", "fa_AF")
    finally:
        os.environ.clear()
        os.environ.update(env)
    assert result.exit_code == 0, result.output
    return out


@pytest.mark.browser
@pytest.mark.parametrize(
    "page_path",
    ["fa_AF/index.html", "a Dari service page", "fa_AF/centres.html", "fa_AF/plan/kabul.html"],
)
def test_the_dari_pages_read_right_to_left_without_errors_or_serious_violations(
    afghan_kit: Path, page_path: str, tmp_path: Path
) -> None:
    chromium, axe = requirements()
    from playwright.sync_api import sync_playwright

    if page_path == "a Dari service page":
        catalogue = json.loads((afghan_kit / "catalogue.json").read_text(encoding="utf-8"))
        page_path = f"fa_AF/charter/{catalogue['services'][0]['id']}.html"
    target = afghan_kit / page_path
    problems: list[str] = []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium, args=CHROMIUM_FLAGS)
        page = browser.new_page(viewport={"width": 1200, "height": 900})
        page.on("console", lambda m: problems.append(m.text) if m.type == "error" else None)
        page.on("pageerror", lambda e: problems.append(str(e)))
        page.goto(target.as_uri())
        assert page.evaluate("document.documentElement.dir") == "rtl"
        assert page.evaluate("document.documentElement.lang") == "fa-AF"
        assert page.evaluate("getComputedStyle(document.body).direction") == "rtl"
        # Right-to-left layout: the heading starts at the right edge of the content.
        box: Any = page.evaluate(
            "(() => { const h = document.querySelector('main h1').getBoundingClientRect();"
            " const m = document.querySelector('main').getBoundingClientRect();"
            " return {h: h.right, m: m.right, hl: h.left, ml: m.left}; })()"
        )
        assert abs(box["h"] - box["m"]) < 40 and box["hl"] > box["ml"]
        body = page.inner_text("body")
        assert any(d in body for d in "۰۱۲۳۴۵۶۷۸۹"), "no Persian digits on the page"
        shot = tmp_path / (page_path.replace("/", "_") + ".png")
        page.screenshot(path=str(shot), full_page=True)
        assert shot.stat().st_size > 10_000
        page_problems = list(problems)  # the page's own; axe's fetches are not the page's
        serious = serious_violations(page, axe)
        browser.close()
    assert page_problems == []
    assert serious == [], serious


@pytest.mark.browser
def test_the_charter_search_filters_services_offline(afghan_kit: Path) -> None:
    chromium, _ = requirements()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium, args=CHROMIUM_FLAGS)
        page = browser.new_page()
        page.goto((afghan_kit / "fa_AF" / "charter" / "index.html").as_uri())
        rows = page.locator("tr[data-service]")
        total = rows.count()
        first_title = page.locator("tr[data-service] a").first.inner_text()
        page.fill("#search", first_title)
        visible = page.locator("tr[data-service]:not([hidden])").count()
        status = page.inner_text("#search-count")
        browser.close()
    assert total > 1 and 1 <= visible < total
    assert any(d in status for d in "۰۱۲۳۴۵۶۷۸۹")


def chromium_only() -> str:
    """Chromium and Playwright (no axe-core): for tests that look, not audit."""
    chromium = shutil.which("chromium")
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        chromium = None
    if chromium is None:
        if os.environ.get("ASAN_REQUIRE_BROWSER"):
            pytest.fail("browser test requirements missing: chromium and playwright")
        pytest.skip("missing: chromium (apt-get install chromium) or playwright")
    return chromium


@pytest.mark.browser
@pytest.mark.parametrize(
    ("code", "locale", "direction", "face"),
    [("PK", "ur_PK", "rtl", "Noto Nastaliq Urdu"), ("ET", "am_ET", "ltr", "Noto Sans Ethiopic")],
)
def test_a_partner_page_shows_its_own_script_and_marks_fallback_text_with_its_language(
    code: str,
    locale: str,
    direction: str,
    face: str,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A page of each fixture partner in Chromium: its script's bundled face is loaded, and
    a service title left untranslated reads as English (lang, dir, Noto Sans) inside it."""
    chromium = chromium_only()
    from playwright.sync_api import sync_playwright

    partners = tmp_path / "partners"
    shutil.copytree(Path(__file__).parent / "fixtures" / "partners", partners)
    for project in sorted(partners.iterdir()):
        monkeypatch.syspath_prepend(str(project))
    monkeypatch.setenv(
        "ASAN_EXTRA_PLUGINS", "asan_pakistan:plugin,asan_ethiopia:plugin,asan_lang_am"
    )
    package = {"PK": "asan-pakistan/asan_pakistan", "ET": "asan-ethiopia/asan_ethiopia"}[code]
    po = partners / package / "locales" / locale / "LC_MESSAGES" / "content.po"
    text = po.read_text(encoding="utf-8")
    marker = 'msgctxt "Service passport title"\nmsgid "Issue of a passport"\nmsgstr "'
    start = text.index(marker) + len(marker)
    po.write_text(text[:start] + text[text.index('"', start) :], encoding="utf-8")
    out = tmp_path / "kit"
    try:
        result = run_cli("kit", "build", code, "--out", str(out))
    finally:
        for name in ("asan_pakistan", "asan_ethiopia", "asan_lang_am"):
            sys.modules.pop(name, None)
    assert result.exit_code == 0, result.output
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium, args=CHROMIUM_FLAGS)
        page = browser.new_page(viewport={"width": 1000, "height": 800})
        page.goto((out / locale / "charter" / "index.html").as_uri())
        page.evaluate("document.fonts.ready")
        html = page.evaluate(
            "({lang: document.documentElement.lang, dir: document.documentElement.dir,"
            " font: getComputedStyle(document.body).fontFamily})"
        )
        loaded = page.evaluate(f"document.fonts.check('16px \"{face}\"')")
        span: Any = page.evaluate(
            "(() => { const s = document.querySelector('tr[data-service=passport] span[lang]');"
            " return s && {lang: s.lang, dir: s.dir, text: s.textContent,"
            " direction: getComputedStyle(s).direction,"
            " font: getComputedStyle(s).fontFamily}; })()"
        )
        shot = tmp_path / f"{locale}.png"
        page.screenshot(path=str(shot), full_page=True)
        browser.close()
    assert html["lang"] == locale.replace("_", "-") and html["dir"] == direction
    assert face in html["font"] and loaded
    assert span == {
        "lang": "en",
        "dir": "ltr",
        "text": "Issue of a passport",
        "direction": "ltr",
        "font": '"Noto Sans", sans-serif',
    }
    assert shot.stat().st_size > 10_000
