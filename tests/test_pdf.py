"""The kit's print-ready PDFs (``asan kit build --pdf``), read back with other libraries.

The PDFs are printed by Chromium through Playwright and finished with pikepdf; these tests
read them with pypdf (text, fonts, metadata) and pypdfium2 (pictures of the first pages),
so nothing is checked by the code that wrote it. Tests that print need Debian's
``chromium`` and Playwright; they skip without them, and fail instead when
``ASAN_REQUIRE_BROWSER=1`` (as ``.ci/run`` sets). The error paths (no browser, no
Playwright) run everywhere.

The pictures of first pages are compared with ``tests/fixtures/pdf/*.png`` at a tolerance;
after a deliberate change of the design, regenerate them with
``ASAN_UPDATE_PDF_REFERENCES=1 python -m pytest tests/test_pdf.py -k look_like``.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import sys
import unicodedata
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from asan_core.kit.pages import PrintDocument, modules_for
from asan_core.kit.pdf import (
    PdfUnavailable,
    check_version,
    css_string,
    finish,
    native,
    page_css,
)
from tests.conftest import run_cli
from tests.test_browser import chromium_only

EPOCH = 1767225600  # 2026-01-01T00:00:00Z
REFERENCES = Path(__file__).parent / "fixtures" / "pdf"
LOCALES = ("fa_AF", "ps_AF", "en")
PERSIAN = "۰۱۲۳۴۵۶۷۸۹"
ROLES = ("volunteer", "front_desk", "agency_officer", "centre_manager", "trainer")


def chromium_or_skip() -> str:
    """The system Chromium with Playwright, as the browser tests find it (or a skip, or a
    failure where CI requires the browser)."""
    return chromium_only()


def build(out: Path, *extra: str, epoch: int | None = EPOCH) -> Any:
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("ASAN_LOAD_PLUGINS", "asan_afghanistan")
        patch.delenv("ASAN_DISABLE_PLUGIN_AUTOLOAD", raising=False)
        patch.setenv("ASAN_CACHE_DIR", "off")
        if epoch is None:
            patch.delenv("SOURCE_DATE_EPOCH", raising=False)
        else:
            patch.setenv("SOURCE_DATE_EPOCH", str(epoch))
        return run_cli("kit", "build", "AF", "--out", str(out), *extra)


@pytest.fixture(scope="module")
def pdf_kit(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The Afghan kit in Dari, Pashto and English, with its PDFs."""
    chromium_or_skip()
    out = tmp_path_factory.mktemp("pdf") / "kit"
    result = build(out, "--pdf")
    assert result.exit_code == 0, result.output + result.stderr
    return out


@pytest.fixture(scope="module")
def franchise() -> Any:
    from asan_core.contract.host import get_plugin_manager
    from asan_core.franchise import resolve

    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("ASAN_LOAD_PLUGINS", "asan_afghanistan")
        patch.delenv("ASAN_DISABLE_PLUGIN_AUTOLOAD", raising=False)
        return resolve("AF", get_plugin_manager())


def reader(path: Path) -> Any:
    from pypdf import PdfReader

    return PdfReader(path)


def words(text: str) -> set[str]:
    """The words of ``text`` as a PDF's extracted text can be compared with its source:
    presentation forms folded (NFKC), a zero-width non-joiner read as a word break."""
    text = unicodedata.normalize("NFKC", text).replace("\u200c", " ").replace("\u0640", "")
    return {w for w in re.split(r"[\W_]+", text) if len(w) > 1 and not w.isdigit()}


def expected_pdfs(kit: Path) -> set[str]:
    desks = {p.name.replace(".html", ".pdf") for p in (kit / "en" / "signage").glob("desk-*")}
    return {
        *(f"handbook-{role}.pdf" for role in ROLES),
        "citizen-charter.pdf",
        "principles-poster-a3.pdf",
        "principles-poster-a2.pdf",
        *desks,
    }


# -- what the kit holds --------------------------------------------------------------


@pytest.mark.browser
def test_each_locale_has_its_handbooks_charter_posters_and_desk_signs_listed_in_the_manifest(
    pdf_kit: Path,
) -> None:
    manifest = json.loads((pdf_kit / "manifest.json").read_text(encoding="utf-8"))
    expected = expected_pdfs(pdf_kit)
    assert len([n for n in expected if n.startswith("desk-")]) >= 5
    for locale in LOCALES:
        folder = pdf_kit / locale / "pdf"
        assert {p.name for p in folder.iterdir()} == expected
        for path in folder.iterdir():
            entry = manifest["files"][f"{locale}/pdf/{path.name}"]
            data = path.read_bytes()
            assert entry == {"sha256": hashlib.sha256(data).hexdigest(), "bytes": len(data)}
            assert data.startswith(b"%PDF-")


@pytest.mark.browser
@pytest.mark.parametrize(
    ("name", "pages", "paper_mm"),
    [
        ("handbook-volunteer.pdf", (12, 60), (210, 297)),
        ("handbook-trainer.pdf", (40, 160), (210, 297)),
        ("citizen-charter.pdf", (3, 12), (210, 297)),
        ("principles-poster-a3.pdf", (1, 1), (297, 420)),
        ("principles-poster-a2.pdf", (1, 1), (420, 594)),
        ("desk-moia.pdf", (1, 1), (297, 210)),
    ],
)
def test_documents_have_their_paper_and_a_page_count_in_range(
    pdf_kit: Path, name: str, pages: tuple[int, int], paper_mm: tuple[int, int]
) -> None:
    for locale in LOCALES:
        pdf = reader(pdf_kit / locale / "pdf" / name)
        assert pages[0] <= len(pdf.pages) <= pages[1], (locale, name, len(pdf.pages))
        box = pdf.pages[0].mediabox
        size = (round(float(box.width) / 72 * 25.4), round(float(box.height) / 72 * 25.4))
        assert size == paper_mm, (locale, name)


@pytest.mark.browser
def test_every_font_is_embedded_and_each_script_is_set_in_the_bundled_face(
    pdf_kit: Path,
) -> None:
    bundled = {"fa_AF": "NotoNaskhArabic", "ps_AF": "NotoNaskhArabic", "en": "NotoSans"}
    for locale in LOCALES:
        for name in ("handbook-volunteer.pdf", "citizen-charter.pdf", "desk-moia.pdf"):
            pdf = reader(pdf_kit / locale / "pdf" / name)
            fonts: dict[str, bool] = {}
            for page in pdf.pages:
                for font in (page["/Resources"].get("/Font") or {}).values():
                    font = font.get_object()
                    if font["/Subtype"] == "/Type3":
                        continue  # glyphs drawn in the file itself
                    descendant = font.get("/DescendantFonts")
                    described = (descendant[0].get_object() if descendant else font)[
                        "/FontDescriptor"
                    ]
                    files = ("/FontFile", "/FontFile2", "/FontFile3")
                    fonts[str(font["/BaseFont"]).split("+")[-1]] = any(
                        k in described for k in files
                    )
            assert fonts and all(fonts.values()), (locale, name, fonts)
            assert any(f.startswith(bundled[locale]) for f in fonts), (locale, name, fonts)


@pytest.mark.browser
def test_metadata_language_reading_order_and_dates_come_from_the_kit(pdf_kit: Path) -> None:
    brands = {"fa_AF": "آسان خدمت", "ps_AF": "اسان خدمت", "en": "Asan Khedmat"}
    for locale in LOCALES:
        pdf = reader(pdf_kit / locale / "pdf" / "handbook-volunteer.pdf")
        root = pdf.trailer["/Root"]
        assert root["/Lang"] == locale.replace("_", "-")
        rtl = locale != "en"
        assert root["/ViewerPreferences"]["/Direction"] == ("/R2L" if rtl else "/L2R")
        assert bool(root["/MarkInfo"]["/Marked"]) and "/StructTreeRoot" in root  # tagged
        info = pdf.metadata
        assert info["/Author"] == brands[locale]
        assert info["/CreationDate"] == info["/ModDate"] == "D:20260101000000Z"
        assert info["/Creator"].startswith("asan-sdk ")
        titles = {"fa_AF": "رهنمای آموزشی", "ps_AF": "لارښود", "en": "Handbook: Volunteer"}
        assert titles[locale] in info["/Title"], info["/Title"]
        assert pdf.trailer["/ID"][0] == pdf.trailer["/ID"][1]


# -- the text -------------------------------------------------------------------------


@pytest.mark.browser
@pytest.mark.parametrize("locale", ["fa_AF", "ps_AF"])
def test_the_handbook_text_is_the_source_text_in_dari_and_pashto(
    pdf_kit: Path, franchise: Any, locale: str
) -> None:
    from asan_core.i18n.context import LocaleContext
    from asan_core.model import Role

    context = LocaleContext(franchise, locale)
    pdf = reader(pdf_kit / locale / "pdf" / "handbook-volunteer.pdf")
    printed = words(" ".join(page.extract_text() for page in pdf.pages))
    source: set[str] = set()
    for module in modules_for(franchise, Role.VOLUNTEER):
        source |= words(str(context.text(module.title)))
        for objective in module.objectives:
            source |= words(str(context.text(objective)))
    assert len(source) > 100
    assert source - printed == set()
    assert not printed & words("Learning objectives Handbook Volunteer")  # no English left


@pytest.mark.browser
@pytest.mark.parametrize(
    ("locale", "digits"), [("fa_AF", PERSIAN), ("ps_AF", PERSIAN), ("en", "0123456789")]
)
def test_pages_and_contents_are_numbered_in_the_locales_digits(
    pdf_kit: Path, locale: str, digits: str
) -> None:
    pdf = reader(pdf_kit / locale / "pdf" / "handbook-trainer.pdf")
    # Noto Naskh Arabic draws the Persian six (U+06F6) with the glyph of the Arabic-Indic
    # six (U+0666), so the PDF's text map reads that glyph back as U+0666.
    texts = [page.extract_text().replace("\u0666", "\u06f6") for page in pdf.pages]
    other = "0123456789" if digits == PERSIAN else PERSIAN
    # The cover has no number; every other page carries its own, in the locale's digits.
    assert native(1, digits) not in texts[0].split()
    for number in (2, 3, 10, len(texts)):
        lines = texts[number - 1].splitlines()
        assert _shown(number, digits) & set(lines[:3]), (locale, number, lines[:3])
    # The contents (page 2) give, for each module, the page where its title is printed.
    contents = texts[1]
    assert not any(d in contents for d in other)
    targets = _destinations(pdf)
    assert len(targets) >= 10
    for target, page in targets.items():
        assert _shown(page, digits) & set(contents.split()), (target, page)


def _shown(number: int, digits: str) -> set[str]:
    """How ``number`` can come out of a PDF's text: in order, or, in a right-to-left line,
    as pypdf reads it (the digits in visual order)."""
    written = native(number, digits)
    return {written, written[::-1]}


def _destinations(pdf: Any) -> dict[str, int]:
    found = {}
    for name, destination in pdf.named_destinations.items():
        if str(name).lstrip("/").startswith(("module-", "service-cards")):
            found[str(name)] = pdf.get_destination_page_number(destination) + 1
    return found


@pytest.mark.browser
def test_a_heading_never_ends_a_page(pdf_kit: Path, franchise: Any) -> None:
    """The English trainer's guide: no page's last line is one of the section headings."""
    headings = {
        "Learning objectives",
        "Session plan",
        "Exercises",
        "Check your understanding",
        "How to apply",
    }
    pdf = reader(pdf_kit / "en" / "pdf" / "handbook-trainer.pdf")
    for number, page in enumerate(pdf.pages[2:], start=3):
        lines = [line.strip() for line in page.extract_text().splitlines() if line.strip()]
        assert lines[-1] not in headings, (number, lines[-3:])


# -- reproducible ---------------------------------------------------------------------


@pytest.mark.browser
def test_printing_again_gives_byte_identical_pdfs(pdf_kit: Path, tmp_path: Path) -> None:
    """The same inputs (data, locales, SOURCE_DATE_EPOCH) in another folder: the same
    bytes, PDF for PDF (no printing time, no builder's folder, no random id)."""
    again = tmp_path / "again"
    result = build(again, "--pdf")
    assert result.exit_code == 0, result.output + result.stderr
    names = sorted(p.relative_to(pdf_kit).as_posix() for p in pdf_kit.glob("*/pdf/*.pdf"))
    assert len(names) > 40
    different = [n for n in names if (pdf_kit / n).read_bytes() != (again / n).read_bytes()]
    assert different == []
    for name in names:
        assert str(tmp_path).encode() not in (again / name).read_bytes()


def test_without_source_date_epoch_a_pdf_carries_no_date_and_the_same_id() -> None:
    pytest.importorskip("pikepdf")
    blank = _blank_pdf()
    facts = {"title": "T", "author": "A", "lang": "fa-AF", "dir": "rtl"}
    document = PrintDocument("x.html", "x.pdf", "A4", book=False)
    first = finish(blank, facts, document, None)
    assert first == finish(blank, facts, document, None)
    pdf = reader_bytes(first)
    assert "/CreationDate" not in pdf.metadata and "/ModDate" not in pdf.metadata
    assert pdf.trailer["/Root"]["/ViewerPreferences"]["/Direction"] == "/R2L"


def reader_bytes(data: bytes) -> Any:
    import io

    from pypdf import PdfReader

    return PdfReader(io.BytesIO(data))


def _blank_pdf() -> bytes:
    """A one-page PDF with Chromium's kind of dates (made with pypdf, no browser)."""
    import io

    from pypdf import PdfWriter

    writer = PdfWriter()
    writer.add_blank_page(595, 842)
    writer.add_metadata({"/CreationDate": "D:20991231235959Z", "/Producer": "Skia/PDF"})
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


# -- what the PDF step puts around a page ----------------------------------------------


def test_running_header_text_cannot_break_out_of_its_css_string() -> None:
    hostile = 'Brand"; } body { display: none } @page { x: "\\'
    css = page_css(
        PrintDocument("h.html", "h.pdf", "A4", book=True),
        {"header": hostile, "digits": PERSIAN, "font": '"Noto Sans", serif'},
    )
    literal = css_string(hostile)
    assert literal in css
    assert '"' not in literal[1:-1] and "}" not in literal and "\\" + "\n" not in literal
    assert "counter(page, asan-page)" in css
    assert 'symbols: "۰" "۱"' in css  # the Persian digits, as they are


def test_page_numbers_are_written_in_the_given_digits() -> None:
    assert native(1234, PERSIAN) == "۱۲۳۴"
    assert native(7, "0123456789") == "7"
    assert native(12, "bad") == "12"


# -- when the PDFs cannot be printed ----------------------------------------------------


@pytest.mark.parametrize("how", ["option", "environment"])
def test_a_missing_browser_says_how_to_install_one_and_the_rest_of_the_kit_is_built(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, how: str
) -> None:
    pytest.importorskip("playwright")
    pytest.importorskip("pikepdf")
    out = tmp_path / "kit"
    missing = str(tmp_path / "no-such-chromium")
    if how == "option":
        result = build(out, "--pdf", "--browser", missing, "--locale", "en")
    else:
        monkeypatch.setenv("ASAN_CHROMIUM", missing)
        result = build(out, "--pdf", "--locale", "en")
    assert result.exit_code == 2
    assert "Traceback" not in result.stderr
    assert "apt-get install chromium" in result.stderr
    assert "no-such-chromium" in result.stderr
    assert "built without its PDFs" in result.stderr
    assert (out / "en" / "index.html").is_file()
    assert not (out / "en" / "pdf").exists()
    manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    assert not any("/pdf/" in name for name in manifest["files"])


def test_a_chromium_too_old_for_page_margin_boxes_is_refused() -> None:
    check_version("156.0.8078.114", Path("/usr/bin/chromium"))  # new enough: no error
    with pytest.raises(PdfUnavailable) as refused:
        check_version("120.0.6099.71", Path("/usr/bin/chromium"))
    (problem,) = refused.value.problems
    assert "too old" in problem.message and "131" in problem.message
    assert problem.hint is not None and "--browser" in problem.hint


def test_without_playwright_the_error_names_the_pip_install(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setitem(sys.modules, "playwright", None)  # import playwright fails
    out = tmp_path / "kit"
    result = build(out, "--pdf", "--locale", "en")
    assert result.exit_code == 2
    assert "pip install 'asan-sdk[pdf]'" in result.stderr
    assert "Traceback" not in result.stderr
    assert (out / "en" / "index.html").is_file()


def test_asan_help_does_not_import_playwright() -> None:
    import subprocess

    code = (
        "import sys; from asan_core.cli.app import app; "
        "from typer.testing import CliRunner; CliRunner().invoke(app, ['kit', 'build', '--help']); "
        "print('playwright' in sys.modules, 'pikepdf' in sys.modules)"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.split() == ["False", "False"]


# -- how they look --------------------------------------------------------------------

LOOKS = [
    ("fa_AF", "handbook-volunteer.pdf", 0),
    ("fa_AF", "handbook-volunteer.pdf", 2),
    ("ps_AF", "citizen-charter.pdf", 2),
    ("en", "desk-moia.pdf", 0),
    ("fa_AF", "principles-poster-a3.pdf", 0),
]


def picture(path: Path, index: int) -> Any:
    import pypdfium2

    document = pypdfium2.PdfDocument(path)
    try:
        page = document[index]
        width = page.get_width()
        image = page.render(scale=200 / width).to_pil().convert("L")
    finally:
        document.close()
    return image


@pytest.mark.browser
@pytest.mark.parametrize(("locale", "name", "index"), LOOKS)
def test_first_pages_look_like_the_references(
    pdf_kit: Path, locale: str, name: str, index: int
) -> None:
    from PIL import Image, ImageChops, ImageStat

    image = picture(pdf_kit / locale / "pdf" / name, index)
    reference_path = REFERENCES / f"{locale}-{name.removesuffix('.pdf')}-{index + 1}.png"
    if os.environ.get("ASAN_UPDATE_PDF_REFERENCES"):
        REFERENCES.mkdir(parents=True, exist_ok=True)
        image.save(reference_path, optimize=True)
    reference = Image.open(reference_path).convert("L")
    assert image.size == reference.size
    difference = ImageStat.Stat(ImageChops.difference(image, reference)).mean[0]
    # 0 is identical; a changed font, a lost column or a mirrored page is well above 3.
    assert difference < 3.0, f"{reference_path.name}: mean difference {difference:.2f}"


def test_a_mirrored_page_would_fail_the_look_test(tmp_path: Path) -> None:
    """The tolerance catches what matters: the Dari page mirrored (left-to-right) is far
    from its reference."""
    from PIL import Image, ImageChops, ImageOps, ImageStat

    reference = Image.open(REFERENCES / "fa_AF-handbook-volunteer-3.png").convert("L")
    mirrored = ImageOps.mirror(reference)
    assert ImageStat.Stat(ImageChops.difference(mirrored, reference)).mean[0] > 3.0


@pytest.fixture(autouse=True)
def _no_stray_epoch(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    yield
