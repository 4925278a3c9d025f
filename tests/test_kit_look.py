"""The kit's look from the country's data: brand colour, logo, and what a page shows.

A country may name a brand colour (``#RRGGBB``) and a logo (SVG or PNG inside its plugin's
package); the kit paints its header and covers with them and stays readable whatever the
colour. Bad values are errors that say where and how to fix them.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from asan_core.kit.theme import contrast
from tests.conftest import FixturePlugin, run_cli

SVG = (
    '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10">'
    '<rect width="10" height="10"/></svg>'
)
PNG_1x1 = bytes.fromhex(  # a 1x1 PNG
    "89504e470d0a1a0a0000000d4948445200000001000000010806000000"
    "1f15c4890000000d49444154789c6360000002000001e221bc330000000049454e44ae426082"
)


def brand(plugin: FixturePlugin, lines: str) -> None:
    plugin.replace(
        "country.yaml", "  max_processing_days: 15\n", f"  max_processing_days: 15\n{lines}"
    )


def test_the_brand_colour_and_logo_paint_the_kit(
    country_plugin: FixturePlugin, tmp_path: Path
) -> None:
    assets = country_plugin.package_dir / "assets"
    assets.mkdir()
    (assets / "logo.svg").write_text(SVG, encoding="utf-8")
    brand(country_plugin, "  brand_colour: '#006a4e'\n  logo: {file: ../assets/logo.svg}\n")
    out = tmp_path / "kit"
    result = run_cli("kit", "build", "UZ", "--out", str(out))
    assert result.exit_code == 0, result.output
    theme = (out / "assets" / "theme.css").read_text(encoding="utf-8")
    assert "--brand: #006a4e;" in theme and "--on-brand: #ffffff;" in theme
    assert (out / "assets" / "logo.svg").read_text(encoding="utf-8") == SVG
    home = (out / "en" / "index.html").read_text(encoding="utf-8")
    assert '<img class="logo" src="../assets/logo.svg" alt="">' in home
    assert '<link rel="stylesheet" href="../assets/theme.css">' in home
    handbook = (out / "en" / "handbooks" / "volunteer-print.html").read_text(encoding="utf-8")
    assert '<img class="logo" src="../../assets/logo.svg" alt="">' in handbook  # the cover
    manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    assert {"assets/logo.svg", "assets/theme.css"} <= set(manifest["files"])


def test_without_brand_data_the_kit_is_neutral(
    country_plugin: FixturePlugin, tmp_path: Path
) -> None:
    out = tmp_path / "kit"
    assert run_cli("kit", "build", "UZ", "--out", str(out)).exit_code == 0
    assert "--brand: #1f4e79;" in (out / "assets" / "theme.css").read_text(encoding="utf-8")
    assert not list((out / "assets").glob("logo.*"))
    assert 'class="logo"' not in (out / "en" / "index.html").read_text(encoding="utf-8")


@pytest.mark.parametrize(
    ("colour", "on_brand", "on_white"),
    [("#ffd700", "#1b1f24", "#1b1f24"), ("#0b3d91", "#ffffff", "#0b3d91")],
)
def test_any_brand_colour_stays_readable(
    country_plugin: FixturePlugin, tmp_path: Path, colour: str, on_brand: str, on_white: str
) -> None:
    """A light colour (gold) gets dark text on it and is never used as text on white."""
    brand(country_plugin, f"  brand_colour: '{colour}'\n")
    out = tmp_path / "kit"
    assert run_cli("kit", "build", "UZ", "--out", str(out)).exit_code == 0
    theme = (out / "assets" / "theme.css").read_text(encoding="utf-8")
    assert f"--on-brand: {on_brand};" in theme and f"--brand-ink-on-white: {on_white};" in theme
    assert contrast(colour, on_brand) >= 4.5 or contrast(colour, on_brand) >= contrast(
        colour, "#ffffff" if on_brand != "#ffffff" else "#1b1f24"
    )
    assert contrast(on_white, "#ffffff") >= 4.5


@pytest.mark.parametrize(
    ("lines", "message"),
    [
        ("  brand_colour: blue\n", "'blue' is not a colour as #RRGGBB"),
        ("  brand_colour: '#12345'\n", "'#12345' is not a colour as #RRGGBB"),
        ("  logo: {file: /etc/logo.svg}\n", "is an absolute path"),
        ("  logo: {file: ../assets/logo.gif}\n", "is not an .svg or .png file"),
        ("  logo: {file: ../../outside.svg}\n", "is outside the plugin's package"),
        ("  logo: {file: ../assets/missing.svg}\n", "does not exist"),
        ("  logo: {file: ../assets/fake.png}\n", "is not a PNG image"),
        ("  logo: {file: ../assets/page.svg}\n", "is not an SVG image"),
        ("  logo: {file: ../assets/huge.png}\n", "KiB; at most 256 KiB"),
        ("  logo: {file: ../assets/script.svg}\n", "holds a <script> element"),
        ("  logo: {file: ../assets/onload.svg}\n", "has onload="),
        ("  logo: {file: ../assets/linked.svg}\n", "has href='https://"),
    ],
)
def test_a_bad_brand_colour_or_logo_is_a_located_error(
    country_plugin: FixturePlugin, tmp_path: Path, lines: str, message: str
) -> None:
    assets = country_plugin.package_dir / "assets"
    assets.mkdir()
    (assets / "fake.png").write_text("not a png", encoding="utf-8")
    (assets / "page.svg").write_text("<html><body/></html>", encoding="utf-8")
    (assets / "huge.png").write_bytes(PNG_1x1 + b"\0" * 300_000)
    svg = (
        '<svg xmlns="http://www.w3.org/2000/svg" xmlns:x="http://www.w3.org/1999/xlink"%s>%s</svg>'
    )
    (assets / "script.svg").write_text(svg % ("", "<script>alert(1)</script>"), "utf-8")
    (assets / "onload.svg").write_text(svg % (' onload="alert(1)"', ""), "utf-8")
    (assets / "linked.svg").write_text(
        svg % ("", '<image x:href="https://x.example/a.png"/>'), "utf-8"
    )
    (country_plugin.package_dir.parent / "outside.svg").write_text(SVG, encoding="utf-8")
    brand(country_plugin, lines)
    result = run_cli("kit", "build", "UZ", "--out", str(tmp_path / "kit"))
    assert result.exit_code == 2
    assert message in result.stderr
    assert "country.yaml:" in result.stderr and "Traceback" not in result.stderr
    assert re.search(r"country\.(brand_colour|logo)", result.stderr)


def test_a_png_logo_is_copied_as_it_is(country_plugin: FixturePlugin, tmp_path: Path) -> None:
    (country_plugin.package_dir / "logo.png").write_bytes(PNG_1x1)
    brand(country_plugin, "  logo: {file: ../logo.png}\n")
    out = tmp_path / "kit"
    assert run_cli("kit", "build", "UZ", "--out", str(out)).exit_code == 0
    assert (out / "assets" / "logo.png").read_bytes() == PNG_1x1


def test_each_locale_writes_its_own_digits_whichever_locale_was_built_first(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Compiled templates are shared by the locales of a build: a value computed from a
    constant (the digits 0-9 in the locale's script) must not be frozen at compile time
    with the first locale's digits."""
    monkeypatch.delenv("ASAN_DISABLE_PLUGIN_AUTOLOAD", raising=False)
    monkeypatch.setenv("ASAN_LOAD_PLUGINS", "asan_afghanistan")
    out = tmp_path / "kit"
    assert run_cli("kit", "build", "AF", "--out", str(out)).exit_code == 0
    for locale, digits in (("fa_AF", "۰۱۲۳۴۵۶۷۸۹"), ("en", "0123456789")):
        charter = (out / locale / "charter" / "index.html").read_text(encoding="utf-8")
        assert f'data-digits="{digits}"' in charter, locale
        handbook = (out / locale / "handbooks" / "trainer-print.html").read_text(encoding="utf-8")
        assert f'data-pdf-digits="{digits}"' in handbook, locale


def test_the_centres_page_lists_the_week_and_the_services_of_each_centre(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("ASAN_DISABLE_PLUGIN_AUTOLOAD", raising=False)
    monkeypatch.setenv("ASAN_LOAD_PLUGINS", "asan_afghanistan")
    out = tmp_path / "kit"
    assert run_cli("kit", "build", "AF", "--out", str(out), "--locale", "fa_AF").exit_code == 0
    page = (out / "fa_AF" / "centres.html").read_text(encoding="utf-8")
    kabul = page[page.index('id="centre-kabul') :]
    kabul = kabul[: kabul.index("</section>")]
    days = re.findall(r'<tr data-day="(\w+)">', kabul)
    assert days == ["sat", "sun", "mon", "tue", "wed", "thu", "fri"]  # Afghanistan's week
    assert kabul.count("بسته") == 2  # Thursday and Friday: closed
    assert "۰۸:۰۰–۱۶:۰۰" in kabul
    assert '<details class="centre-services">' in kabul and 'href="charter/' in kabul
