"""Print-ready PDFs of the kit, rendered by the system's Chromium through Playwright.

The PDFs are printed from the kit's own print pages (the same HTML, the same bundled
fonts), so right-to-left pages are laid out by the engine that lays out the site; there
is no second layout engine. What this module adds to a page before printing it:

- **the page** (``@page``): its size (A4, A4 landscape, A3, A2) and margins, and for a
  book a running header (the ``data-pdf-header`` the page's template writes: country,
  document, language) and page numbers in the locale's own digits, both CSS page-margin
  boxes (Chromium 131+). The numbers use a ``@counter-style`` made of the digits the page
  declares (``data-pdf-digits``), so Dari and Pashto pages are numbered ۱، ۲، ۳ …;
  Chromium's ``headerTemplate`` would print Latin digits only;
- **the contents' page numbers**: a book is printed once, the page of every target of the
  table of contents is read from the PDF's named destinations, the numbers are
  written into the contents in the locale's digits, and the book is printed again — a
  third time if that moved a target (it cannot move more: the contents end on a page
  break);
- **one sheet for signs**: a poster or desk sign that would run onto a second sheet is
  printed again smaller (CSS ``zoom`` on the page's content) until it fits.

Then pikepdf (qpdf) sets the metadata (title, author = the country's brand, subject, ``/Lang``,
right-to-left reading order in ``/ViewerPreferences``) and makes the file reproducible:
Chromium writes the time of printing as the creation and modification dates; they are
replaced by ``SOURCE_DATE_EPOCH`` when it is set and left out otherwise, and the file
identifier is a hash of the content (qpdf's deterministic id). Same inputs, same Chromium:
the same bytes.

Nothing is fetched: Chromium starts with networking off (``CHROMIUM_FLAGS``) and every
request that is not a ``file:`` URL of the kit is refused. Playwright is imported only here,
only when PDFs are asked for; a missing Playwright or browser is a :class:`PdfUnavailable`
problem that says how to install it.
"""

from __future__ import annotations

import datetime as dt
import io
import os
import shutil
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import quote, unquote, urlsplit

from asan_core.base.problems import Problem, ProblemsError
from asan_core.base.version import __version__
from asan_core.kit.pages import PrintDocument

if TYPE_CHECKING:
    from playwright.sync_api import Browser, Page

BROWSER_ENV = "ASAN_CHROMIUM"
"""The environment variable naming the browser (a path, or a name on ``PATH``)."""

BROWSER_NAMES = ("chromium", "chromium-browser", "google-chrome-stable", "google-chrome")
"""What is looked for on ``PATH`` when no browser is named."""

INSTALL_HINT = (
    "install Chromium (Debian/Ubuntu: apt-get install chromium; Fedora: dnf install "
    "chromium) or name one with --browser PATH or ASAN_CHROMIUM=PATH; the HTML kit does "
    "not need it"
)

CHROMIUM_FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-domain-reliability",
    "--no-pings",
]
"""Chromium without the network: nothing at start, no updates, no telemetry."""

PAPER = {
    "A4": "210mm 297mm",
    "A4 landscape": "297mm 210mm",
    "A3": "297mm 420mm",
    "A2": "420mm 594mm",
}
"""CSS page sizes of the papers a document can name (CSS has no ``A2`` keyword)."""

MARGINS = {"top": "20mm", "bottom": "18mm", "inline": "17mm"}
SIGN_ZOOMS = (1.0, 0.9, 0.8, 0.7, 0.6, 0.5)
"""The sizes tried, largest first, until a sign fits on one sheet."""

OLDEST_CHROMIUM = 131
"""The first Chromium that prints CSS page-margin boxes (running header, page numbers)."""

MAX_PASSES = 3
"""Printings of a book at most: one to find the pages, one or two with the numbers in."""


class PdfUnavailable(ProblemsError):
    """The PDF step cannot run here (no Playwright, no browser, a browser that fails)."""


@dataclass(frozen=True)
class PrintJob:
    """One PDF to print: the page (below the kit folder) and what to print it as."""

    locale: str
    document: PrintDocument

    @property
    def source(self) -> str:
        return f"{self.locale}/{self.document.source}"

    @property
    def target(self) -> str:
        return f"{self.locale}/pdf/{self.document.name}"


@dataclass
class PdfTimings:
    """Seconds spent by the PDF step: start-up, and per printed page (for the benchmark)."""

    start: float = 0.0
    printing: float = 0.0
    pages: int = 0
    printings: int = 0


def find_browser(browser: str | None = None) -> Path:
    """The Chromium to drive: ``browser`` (a path or a name on ``PATH``), else
    ``$ASAN_CHROMIUM``, else the first of :data:`BROWSER_NAMES` on ``PATH``.

    :raises PdfUnavailable: nothing found, or what was named is not an executable file.
    """
    named = browser or os.environ.get(BROWSER_ENV) or None
    if named:
        found = shutil.which(named) or (named if Path(named).is_file() else None)
        origin = "--browser" if browser else BROWSER_ENV
        if found is None or not os.access(found, os.X_OK):
            raise PdfUnavailable(
                [
                    Problem(
                        f"the browser {named!r} (from {origin}) is not an executable file, "
                        "so no PDF was printed",
                        field=origin,
                        hint=INSTALL_HINT,
                    )
                ]
            )
        return Path(found)
    for name in BROWSER_NAMES:
        found = shutil.which(name)
        if found:
            return Path(found)
    raise PdfUnavailable(
        [
            Problem(
                "no Chromium found to print the PDFs (looked on PATH for "
                f"{', '.join(BROWSER_NAMES)}), so no PDF was printed",
                hint=INSTALL_HINT,
            )
        ]
    )


def _playwright() -> Any:
    try:
        from playwright import sync_api
    except ImportError as exc:
        raise PdfUnavailable(
            [
                Problem(
                    f"printing PDFs needs Playwright, which is not installed ({exc})",
                    hint="pip install 'asan-sdk[pdf]' (Playwright and pikepdf; it drives the "
                    "system's Chromium and downloads no browser)",
                )
            ]
        ) from exc
    try:
        import pikepdf  # noqa: F401
    except ImportError as exc:
        raise PdfUnavailable(
            [Problem(f"printing PDFs needs pikepdf ({exc})", hint="pip install 'asan-sdk[pdf]'")]
        ) from exc
    return sync_api


def render_pdfs(
    root: Path,
    jobs: Sequence[PrintJob],
    browser: str | None = None,
    progress: Callable[[str], None] | None = None,
    timings: PdfTimings | None = None,
) -> dict[str, bytes]:
    """Print every job's page from the kit folder ``root``: kit path → PDF bytes.

    All or nothing: the PDFs are returned only when every one was printed.

    :raises PdfUnavailable: no Playwright or browser, or the browser failed.
    """
    step = progress or (lambda _: None)
    spent = timings if timings is not None else PdfTimings()
    sync_api = _playwright()
    executable = find_browser(browser)
    results: dict[str, bytes] = {}
    started = time.perf_counter()
    try:
        with sync_api.sync_playwright() as playwright:
            chromium = playwright.chromium.launch(
                executable_path=str(executable), args=CHROMIUM_FLAGS
            )
            try:
                check_version(chromium.version, executable)
                page = _offline_page(chromium)
                spent.start = time.perf_counter() - started
                for job in jobs:
                    step(f"printing {job.target}")
                    results[job.target] = _print(page, root / job.source, job, spent)
            finally:
                chromium.close()
    except sync_api.Error as exc:
        first = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
        raise PdfUnavailable(
            [
                Problem(
                    f"Chromium ({executable}) failed while printing the PDFs: {first}",
                    hint="check that this browser starts (chromium --headless --version); "
                    + INSTALL_HINT,
                )
            ]
        ) from exc
    return results


def check_version(version: str, executable: Path) -> None:
    """Refuse a Chromium too old to print page-margin boxes: its PDFs would have no running
    header and no page numbers.

    :raises PdfUnavailable: the major version is below :data:`OLDEST_CHROMIUM`.
    """
    major = version.split(".", 1)[0]
    if major.isdigit() and int(major) < OLDEST_CHROMIUM:
        raise PdfUnavailable(
            [
                Problem(
                    f"Chromium {version} ({executable}) is too old to print the running "
                    f"headers and page numbers (CSS page-margin boxes need {OLDEST_CHROMIUM} "
                    "or later), so no PDF was printed",
                    hint="update it (apt-get install chromium), or name a newer one with "
                    "--browser PATH",
                )
            ]
        )


def _offline_page(browser: Browser) -> Page:
    page = browser.new_page()

    def only_files(route: Any) -> None:
        # The kit's files only, and none of its scripts: a page reads without them, and a
        # script changing the page while it prints would change the PDF.
        request = route.request
        if request.url.startswith("file:") and request.resource_type != "script":
            route.continue_()
        else:
            route.abort()

    page.route("**/*", only_files)
    return page


PAGE_FACTS = """() => ({
  title: document.body.dataset.pdfTitle || document.title,
  header: document.body.dataset.pdfHeader || '',
  author: document.body.dataset.pdfAuthor || '',
  subject: document.body.dataset.pdfSubject || '',
  digits: document.body.dataset.pdfDigits || '0123456789',
  lang: document.documentElement.lang,
  dir: document.documentElement.dir,
  font: getComputedStyle(document.body).fontFamily,
})"""

FILL_CONTENTS = """(numbers) => {
  for (const link of document.querySelectorAll('nav.toc a[href^="#"]')) {
    const target = decodeURIComponent(link.getAttribute('href').slice(1));
    let slot = link.parentElement.querySelector(':scope > .toc-page');
    if (!slot) {
      slot = document.createElement('span');
      slot.className = 'toc-page';
      link.after(slot);
    }
    slot.textContent = numbers[target] || '';
  }
}"""


ZOOM = "(zoom) => { document.querySelector('main').style.zoom = zoom }"


def _print(page: Page, source: Path, job: PrintJob, spent: PdfTimings) -> bytes:
    page.goto(source.as_uri(), wait_until="load")
    page.evaluate("document.fonts.ready.then(() => true)")
    facts: dict[str, str] = page.evaluate(PAGE_FACTS)
    document = job.document
    page.add_style_tag(content=page_css(document, facts))
    if document.book:
        data = _print_once(page, spent)
        filled: dict[str, int] = {}
        for _ in range(MAX_PASSES - 1):
            found = contents_pages(data, _contents_targets(page))
            if not found or found == filled:
                break
            filled = found
            page.evaluate(
                FILL_CONTENTS,
                {target: native(number, facts["digits"]) for target, number in found.items()},
            )
            data = _print_once(page, spent)
    else:
        for zoom in SIGN_ZOOMS:
            if zoom != 1.0:
                page.evaluate(ZOOM, zoom)
            data = _print_once(page, spent)
            if page_count(data) == 1:
                break
    spent.pages += page_count(data)
    return finish(data, facts, document, reproducible_date(), links=(source.parent, job))


def _print_once(page: Page, spent: PdfTimings) -> bytes:
    started = time.perf_counter()
    data: bytes = page.pdf(
        prefer_css_page_size=True,
        print_background=True,
        tagged=True,
        outline=True,
    )
    spent.printing += time.perf_counter() - started
    spent.printings += 1
    return data


def _contents_targets(page: Page) -> list[str]:
    targets: list[str] = page.evaluate(
        "[...document.querySelectorAll('nav.toc a[href^=\"#\"]')]"
        ".map(a => decodeURIComponent(a.getAttribute('href').slice(1)))"
    )
    return targets


# -- the page: CSS -------------------------------------------------------------------


def css_string(text: str) -> str:
    """``text`` as a CSS string literal: every character that is not a letter, digit or
    space is a hex escape, so no text can close the string or the rule."""
    out = []
    for char in text:
        if char.isalnum() or char == " ":
            out.append(char)
        else:
            out.append(f"\\{ord(char):06x}")
    return '"' + "".join(out) + '"'


def page_css(document: PrintDocument, facts: dict[str, str]) -> str:
    """The ``@page`` rules of one document: size, margins, and for a book the running
    header and page numbers in the page's digits (no header or number on the cover)."""
    digits = facts.get("digits") or "0123456789"
    if len(digits) != 10:
        digits = "0123456789"
    symbols = " ".join(css_string(d) for d in digits)
    font = facts.get("font") or "sans-serif"
    rules = [
        f"@counter-style asan-page {{ system: numeric; symbols: {symbols}; }}",
        f":root {{ --print-scale: {document.scale}; }}",
    ]
    if document.book:
        box = f"font-family: {font}; font-size: 8.5pt; color: #4a5560;"
        rules += [
            f"@page {{ size: {PAPER[document.size]}; margin: {MARGINS['top']} {MARGINS['inline']} "
            f"{MARGINS['bottom']};",
            f"  @top-center {{ content: {css_string(facts.get('header', ''))}; {box} "
            "vertical-align: bottom; padding-bottom: 3mm; border-bottom: .4pt solid #c9d1d9; }",
            f"  @bottom-center {{ content: counter(page, asan-page); {box} "
            "font-size: 10pt; vertical-align: top; padding-top: 3mm; }",
            "}",
            "@page :first { @top-center { content: none; border: 0; } "
            "@bottom-center { content: none; } }",
        ]
    else:
        rules.append(f"@page {{ size: {PAPER[document.size]}; margin: 12mm; }}")
    return "\n".join(rules) + "\n"


def native(number: int, digits: str) -> str:
    """``number`` written with ``digits`` (the ten digits of the locale, 0 to 9)."""
    if len(digits) != 10:
        return str(number)
    return str(number).translate(str.maketrans("0123456789", digits))


# -- reading and finishing the PDF ----------------------------------------------------


def _renumber_structure_ids(pdf: Any) -> None:
    """Chromium names tagged elements ``node<DOM node id>``, and DOM node ids are handed
    out on first use, in an order that varies from one printing to the next. The names
    become ``id1``, ``id2``, … in the order of the structure tree (depth first), and the ID
    tree is written again in that order, so the same tree gives the same bytes."""
    import pikepdf

    root = pdf.Root.get("/StructTreeRoot")
    if root is None or "/IDTree" not in root:
        return
    by_name = {str(name): element for name, element in pikepdf.NameTree(root.IDTree).items()}
    if not by_name:
        return
    order: list[str] = []
    seen: set[tuple[int, int]] = set()

    def visit(node: Any) -> None:
        if isinstance(node, pikepdf.Array):
            for child in node:
                visit(child)
            return
        if not isinstance(node, pikepdf.Dictionary) or node.get("/Type") == "/MCR":
            return
        if node.is_indirect:
            if node.objgen in seen:
                return
            seen.add(node.objgen)
        name = node.get("/ID")
        if isinstance(name, pikepdf.String) and str(name) in by_name:
            order.append(str(name))
        if "/K" in node:
            visit(node.K)

    visit(root.get("/K"))
    order += sorted(set(by_name) - set(order))
    width = len(str(len(order)))
    renamed = {name: f"id{index:0{width}d}" for index, name in enumerate(order, start=1)}

    def rename(value: Any) -> Any:
        return pikepdf.String(renamed.get(str(value), str(value)))

    for element in by_name.values():
        element.ID = rename(element.ID)
    for obj in pdf.objects:
        attributes = obj.get("/A") if isinstance(obj, pikepdf.Dictionary) else None
        for attribute in attributes if isinstance(attributes, pikepdf.Array) else [attributes]:
            if isinstance(attribute, pikepdf.Dictionary) and "/Headers" in attribute:
                attribute.Headers = pikepdf.Array([rename(h) for h in attribute.Headers])
    flat = pikepdf.Array()
    for name in order:
        flat.append(pikepdf.String(renamed[name]))
        flat.append(by_name[name])
    root.IDTree = pdf.make_indirect(pikepdf.Dictionary(Names=flat))


def _relative_links(pdf: Any, folder: Path, job: PrintJob) -> None:
    """A link to another page of the kit is printed as a ``file:`` URI of the folder the
    kit was built in; it becomes a path relative to the PDF (``../charter/x.html``), so
    the PDF works wherever the kit is published and names no folder of the builder's.
    Any other ``file:`` link is removed."""
    import pikepdf

    kit = folder.parents[len(Path(job.source).parts) - 2]
    pdf_folder = kit / Path(job.target).parent
    for page in pdf.pages:
        annotations = page.get("/Annots")
        if not isinstance(annotations, pikepdf.Array):
            continue
        kept = []
        for annotation in annotations:
            action = annotation.get("/A")
            uri = str(action.get("/URI", "")) if isinstance(action, pikepdf.Dictionary) else ""
            if isinstance(action, pikepdf.Dictionary) and uri.startswith("file:"):
                parsed = urlsplit(uri)
                target = Path(unquote(parsed.path))
                if not target.is_relative_to(kit):
                    continue
                relative = os.path.relpath(target, pdf_folder).replace(os.sep, "/")
                fragment = f"#{parsed.fragment}" if parsed.fragment else ""
                action.URI = pikepdf.String(quote(relative) + fragment)
            kept.append(annotation)
        page.Annots = pikepdf.Array(kept)


def page_count(data: bytes) -> int:
    """The number of pages of a PDF."""
    import pikepdf

    with pikepdf.open(io.BytesIO(data)) as pdf:
        return len(pdf.pages)


def contents_pages(data: bytes, targets: Sequence[str]) -> dict[str, int]:
    """The page (1-based) of each of ``targets`` (element ids) in a PDF printed by
    Chromium, which writes a named destination for every target of an internal link."""
    import pikepdf

    wanted = set(targets)
    found: dict[str, int] = {}
    with pikepdf.open(io.BytesIO(data)) as pdf:
        numbers: dict[Any, int] = {page.objgen: index + 1 for index, page in enumerate(pdf.pages)}
        destinations: dict[str, Any] = {}
        if "/Dests" in pdf.Root:
            destinations.update((str(k), v) for k, v in pdf.Root.Dests.items())
        if "/Names" in pdf.Root and "/Dests" in pdf.Root.Names:
            tree = pikepdf.NameTree(pdf.Root.Names.Dests)
            destinations.update((str(k), v) for k, v in tree.items())
        for name, destination in destinations.items():
            key = name.lstrip("/")
            if isinstance(destination, pikepdf.Dictionary) and "/D" in destination:
                destination = destination.D
            if key in wanted and isinstance(destination, pikepdf.Array) and len(destination):
                number = numbers.get(destination[0].objgen)
                if number is not None:
                    found[key] = number
    return found


def reproducible_date() -> dt.datetime | None:
    """``SOURCE_DATE_EPOCH`` as a UTC date, or None when it is not set (or not a number)."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "")
    if not epoch.isdigit():
        return None
    return dt.datetime.fromtimestamp(int(epoch), tz=dt.UTC)


def finish(
    data: bytes,
    facts: dict[str, str],
    document: PrintDocument,
    date: dt.datetime | None,
    links: tuple[Path, PrintJob] | None = None,
) -> bytes:
    """Chromium's PDF made reproducible and described: our metadata, language and reading
    order; its printing time replaced by ``date`` (or removed); the ids Chromium gives the
    structure elements (from its DOM node counter) renumbered in order; links to pages of
    the kit made relative to the PDF (``links``: the page's folder and the job); and an
    identifier derived from the content (qpdf's deterministic id)."""
    import pikepdf

    with pikepdf.open(io.BytesIO(data)) as pdf:
        _renumber_structure_ids(pdf)
        if links is not None:
            _relative_links(pdf, *links)
        producer = str(pdf.docinfo.get("/Producer", "Chromium")) if "/Info" in pdf.trailer else ""
        info = {
            "/Title": facts.get("title", ""),
            "/Author": facts.get("author", ""),
            "/Subject": facts.get("subject", ""),
            "/Creator": f"asan-sdk {__version__}",
            "/Producer": f"{producer or 'Chromium'} (Chromium); pikepdf",
        }
        if date is not None:
            info["/CreationDate"] = info["/ModDate"] = date.strftime("D:%Y%m%d%H%M%SZ")
        pdf.docinfo = pdf.make_indirect(
            pikepdf.Dictionary({k: pikepdf.String(v) for k, v in info.items() if v})
        )
        if facts.get("lang"):
            pdf.Root.Lang = pikepdf.String(facts["lang"])
        preferences = pdf.Root.get("/ViewerPreferences")
        if not isinstance(preferences, pikepdf.Dictionary):
            preferences = pdf.Root.ViewerPreferences = pikepdf.Dictionary()
        preferences.DisplayDocTitle = True
        preferences.Direction = pikepdf.Name.R2L if facts.get("dir") == "rtl" else pikepdf.Name.L2R
        out = io.BytesIO()
        pdf.save(out, deterministic_id=True)
    return out.getvalue()
