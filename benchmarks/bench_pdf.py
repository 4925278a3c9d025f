"""The PDF step's speed: time per printed page, against Chromium printing a blank page.

Builds the Afghan kit once (HTML only, untimed), then in the same run and the same browser:

- **baseline**: Chromium prints an empty A4 page (``page.pdf`` of ``about:blank``), the
  least a printed page can cost with this browser on this machine;
- **PDF step**: ``asan_core.kit.pdf.render_pdfs`` prints every PDF of the kit (the
  handbooks twice, to number their contents; the signs until they fit) and finishes
  them with pikepdf.

Prints the seconds per page of each and the ratio, and the whole step against the HTML
build (the figure behind "--pdf is an option, not always on"). Run from the repository
root (needs Chromium and ``pip install -e '.[pdf]'``):

    python benchmarks/bench_pdf.py                 # every locale of AF (~40 s)
    python benchmarks/bench_pdf.py --locale fa_AF  # one locale (~15 s)
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import tempfile
import time
from pathlib import Path

from asan_core.contract.host import get_plugin_manager
from asan_core.franchise import resolve
from asan_core.kit import build_kit
from asan_core.kit.pages import print_documents
from asan_core.kit.pdf import CHROMIUM_FLAGS, PdfTimings, PrintJob, find_browser, render_pdfs

BLANKS = 30


def blank_page_seconds(browser: Path) -> float:
    """The median time for Chromium to print one empty A4 page."""
    from playwright.sync_api import sync_playwright

    times = []
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(browser), args=CHROMIUM_FLAGS)
        page = chromium.new_page()
        page.goto("about:blank")
        page.pdf(format="A4")  # warm up
        for _ in range(BLANKS):
            started = time.perf_counter()
            page.pdf(format="A4")
            times.append(time.perf_counter() - started)
        chromium.close()
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--locale", action="append", help="only this locale (repeatable)")
    args = parser.parse_args()
    os.environ.setdefault("ASAN_LOAD_PLUGINS", "asan_afghanistan")
    franchise = resolve("AF", get_plugin_manager())
    locales = args.locale or list(franchise.country.locales)
    browser = find_browser()
    work = Path(tempfile.mkdtemp())
    try:
        started = time.perf_counter()
        build_kit(franchise, work / "kit", locales)
        html = time.perf_counter() - started
        blank = blank_page_seconds(browser)
        jobs = [PrintJob(loc, doc) for loc in locales for doc in print_documents(franchise)]
        timings = PdfTimings()
        started = time.perf_counter()
        pdfs = render_pdfs(work / "kit", jobs, timings=timings)
        step = time.perf_counter() - started
    finally:
        shutil.rmtree(work, ignore_errors=True)
    per_page = step / timings.pages
    print(f"kit: AF, locales {', '.join(locales)}; Chromium {browser}")
    print(f"HTML kit build:                 {html:7.2f} s")
    print(
        f"PDF step:                       {step:7.2f} s for {len(pdfs)} PDFs, "
        f"{timings.pages} pages ({timings.printings} printings; browser start "
        f"{timings.start:.2f} s, Chromium printing {timings.printing:.2f} s)"
    )
    print(f"baseline, blank A4 page:        {blank * 1000:7.1f} ms per page (median of {BLANKS})")
    print(f"PDF step per page:              {per_page * 1000:7.1f} ms per page")
    print(f"ratio (PDF step / blank page):  {per_page / blank:7.1f}x")
    print(f"ratio (PDF step / HTML build):  {step / html:7.1f}x")


if __name__ == "__main__":
    main()
