"""Screenshots of kits for the docs (docs/translators.md, docs/print.md).

    python scripts/screenshots.py        # needs chromium and playwright (pip install -e ".[dev]")

Builds the two fixture partners (tests/fixtures/partners: Urdu, right to left; Amharic, its
own script and calendar), the Uzbek kit of a new country, and the Afghan kit with its PDFs
(the design in English, left to right, and Dari, right to left; and the first pages of a
Dari handbook, rendered with pypdfium2), and writes PNGs to docs/images/. Nothing here
runs in CI; the browser tests and tests/test_pdf.py check the same pages.
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
AFGHAN_SHOTS = [  # (page, file, viewport width, height)
    ("en/index.html", "kit-design-en-home.png", 1000, 700),
    ("fa_AF/charter/passport.html", "kit-design-fa-service.png", 1000, 760),
    ("fa_AF/centres.html", "kit-design-fa-centres.png", 1000, 760),
    ("en/centres.html", "kit-design-en-phone.png", 390, 760),
]
AFGHAN_PDF_PAGES = [  # (PDF in the kit, page index, file)
    ("fa_AF/pdf/handbook-volunteer.pdf", 0, "pdf-fa-handbook-cover.png"),
    ("fa_AF/pdf/handbook-volunteer.pdf", 1, "pdf-fa-handbook-contents.png"),
    ("fa_AF/pdf/handbook-volunteer.pdf", 2, "pdf-fa-handbook-page.png"),
    ("ps_AF/pdf/desk-moia.pdf", 0, "pdf-ps-desk-sign.png"),
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
        afghan = work / "kit-AF"
        af_env = {k: v for k, v in os.environ.items() if k != "ASAN_DISABLE_PLUGIN_AUTOLOAD"}
        af_env["ASAN_LOAD_PLUGINS"] = "asan_afghanistan"
        subprocess.run(
            [asan, "kit", "build", "AF", "--pdf", "--out", str(afghan)], check=True, env=af_env
        )
        for path, name, width, height in AFGHAN_SHOTS:
            page.set_viewport_size({"width": width, "height": height})
            page.goto((afghan / path).as_uri())
            page.evaluate("document.fonts.ready")
            page.screenshot(path=str(IMAGES / name))
            print(f"wrote docs/images/{name}")
        browser.close()
    import pypdfium2

    for path, index, name in AFGHAN_PDF_PAGES:
        document = pypdfium2.PdfDocument(afghan / path)
        sheet = document[index]
        sheet.render(scale=520 / sheet.get_width()).to_pil().save(IMAGES / name, optimize=True)
        document.close()
        print(f"wrote docs/images/{name}")
    shutil.rmtree(work)


if __name__ == "__main__":
    main()
