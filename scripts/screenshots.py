"""Screenshots of the partner fixtures' kits for docs/translators.md.

    python scripts/screenshots.py        # needs chromium and playwright (pip install -e ".[dev]")

Builds the two fixture partners (tests/fixtures/partners: Urdu, right to left; Amharic, its
own script and calendar) and the Uzbek kit of a new country, and writes PNGs to
docs/images/. Nothing here runs in CI; the browser test checks the same pages.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PARTNERS = ROOT / "tests" / "fixtures" / "partners"
IMAGES = ROOT / "docs" / "images"
SHOTS = [
    ("PK", "ur_PK/principles.html", "kit-urdu-principles.png"),
    ("ET", "am_ET/index.html", "kit-amharic-home.png"),
    ("UZ", "uz/handbooks/volunteer.html", "kit-uzbek-handbook.png"),
]


def main() -> None:
    from playwright.sync_api import sync_playwright

    work = Path(tempfile.mkdtemp())
    asan = str(Path(sys.executable).parent / "asan")
    subprocess.run([asan, "new", "country", "--no-input", "--out", str(work)], check=True)
    paths = [str(p) for p in sorted(PARTNERS.iterdir())]
    paths += [str(work / "asan-uzbekistan"), str(ROOT / "plugins" / "uzbek-language")]
    env = {
        **os.environ,
        "PYTHONPATH": os.pathsep.join(paths),
        "ASAN_DISABLE_PLUGIN_AUTOLOAD": "1",
        "ASAN_EXTRA_PLUGINS": "asan_pakistan:plugin,asan_ethiopia:plugin,asan_lang_am,"
        "asan_uzbekistan:plugin,asan_lang_uz",
    }
    IMAGES.mkdir(parents=True, exist_ok=True)
    chromium = shutil.which("chromium")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium, args=["--no-sandbox"])
        page = browser.new_page(viewport={"width": 1000, "height": 700})
        for code, path, name in SHOTS:
            kit = work / f"kit-{code}"
            subprocess.run([asan, "kit", "build", code, "--out", str(kit)], check=True, env=env)
            page.goto((kit / path).as_uri())
            page.evaluate("document.fonts.ready")
            page.screenshot(path=str(IMAGES / name))
            print(f"wrote docs/images/{name}")
        browser.close()
    shutil.rmtree(work)


if __name__ == "__main__":
    main()
