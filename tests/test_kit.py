"""The deployment kit: artifacts, reproducibility, atomicity, strictness, overrides, HTML."""

from __future__ import annotations

import json
import re
from pathlib import Path

import html5lib
import pytest

from tests.conftest import FixturePlugin, run_cli

PAGES = (
    "index.html",
    "charter/index.html",
    "charter/id-card.html",
    "charter/notary-copy.html",
    "centres.html",
    "principles.html",
    "handbooks/index.html",
    "signage/index.html",
    "signage/principles-poster.html",
    "signage/desk-interior.html",
    "signage/desk-justice.html",
)
ROLES = ("volunteer", "front_desk", "agency_officer", "centre_manager", "trainer")


def build(out: Path, *args: str) -> None:
    result = run_cli("kit", "build", "UZ", "--out", str(out), *args)
    assert result.exit_code == 0, result.output


def test_every_artifact_exists_for_every_locale(
    country_plugin: FixturePlugin, tmp_path: Path
) -> None:
    out = tmp_path / "kit"
    build(out)
    for locale in ("uz", "ru", "en"):
        for page in PAGES:
            assert (out / locale / page).is_file(), f"{locale}/{page}"
        for role in ROLES:
            assert (out / locale / "handbooks" / f"{role}.html").is_file()
            assert (out / locale / "handbooks" / f"{role}-print.html").is_file()
    for shared in (
        "index.html",
        "catalogue.json",
        "manifest.json",
        "assets/kit.css",
        "assets/search.js",
    ):
        assert (out / shared).is_file(), shared
    manifest = json.loads((out / "manifest.json").read_text())
    assert manifest["locales"] == ["uz", "ru", "en"]
    assert manifest["plugins"]["asan_core.builtins.principles"]["distribution"] == "asan-sdk"
    listed = set(manifest["files"])
    on_disk = {p.relative_to(out).as_posix() for p in out.rglob("*") if p.is_file()}
    assert listed == on_disk - {"manifest.json"}
    catalogue = json.loads((out / "catalogue.json").read_text())
    assert catalogue["format"] == "asan-catalogue"
    assert [s["id"] for s in catalogue["services"]] == ["id-card", "notary-copy"]


def test_only_the_requested_locales_are_built(
    country_plugin: FixturePlugin, tmp_path: Path
) -> None:
    out = tmp_path / "kit"
    build(out, "--locale", "ru")
    assert (out / "ru" / "index.html").is_file()
    assert not (out / "uz").exists()


def test_every_page_has_lang_and_dir_uses_no_network_and_parses_as_html(
    country_plugin: FixturePlugin, tmp_path: Path
) -> None:
    out = tmp_path / "kit"
    build(out)
    parser = html5lib.HTMLParser(strict=True, namespaceHTMLElements=False)
    pages = sorted(out.rglob("*.html"))
    assert len(pages) > 40
    for page in pages:
        text = page.read_text(encoding="utf-8")
        document = parser.parse(text)  # raises on any parse error
        root = document.getroot() if hasattr(document, "getroot") else document
        assert root.get("lang") and root.get("dir") in {"ltr", "rtl"}, page
        # Structured data names its vocabulary by IRI (nothing is fetched); nothing else may.
        loaded = re.sub(r'<script type="application/ld\+json">.*?</script>', "", text, flags=re.S)
        assert "http://" not in loaded and "https://" not in loaded, page


def test_two_builds_are_byte_identical_wherever_they_are_run(
    country_plugin: FixturePlugin, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    build(tmp_path / "one")
    # From the folder holding the plugin, paths would print relative: the report in the
    # kit must not depend on where the command runs.
    monkeypatch.chdir(tmp_path)
    build(tmp_path / "two")
    one = (tmp_path / "one" / "manifest.json").read_bytes()
    assert one == (tmp_path / "two" / "manifest.json").read_bytes()
    for path in (tmp_path / "one").rglob("*"):
        if path.is_file():
            twin = tmp_path / "two" / path.relative_to(tmp_path / "one")
            assert path.read_bytes() == twin.read_bytes(), path


def test_source_date_epoch_is_recorded(
    country_plugin: FixturePlugin, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    build(tmp_path / "kit")
    manifest = json.loads((tmp_path / "kit" / "manifest.json").read_text())
    assert manifest["source_date_epoch"] == 1700000000


def test_a_build_that_fails_midway_leaves_the_previous_kit_intact(
    country_plugin: FixturePlugin, tmp_path: Path
) -> None:
    out = tmp_path / "kit"
    build(out)
    before = (out / "manifest.json").read_bytes()
    broken = country_plugin.package_dir / "templates" / "kit"
    broken.mkdir(parents=True)
    (broken / "centres.html").write_text(
        "{% extends 'kit/base.html' %}{% block main %}{{ no_such_variable }}{% endblock %}\n"
    )
    result = run_cli("kit", "build", "UZ", "--out", str(out))
    assert result.exit_code == 2
    # every locale's page is broken: the one reported is whichever process met it first,
    # this one from the first locale or the forked one from the last
    assert re.search(r"a template failed while rendering (uz|en)\b", result.stderr)
    assert "templates/kit/centres.html:1" in result.stderr
    assert "Traceback" not in result.output
    assert (out / "manifest.json").read_bytes() == before
    assert not [p.name for p in tmp_path.iterdir() if p.name.startswith(".kit.")]


def test_strict_fails_when_a_string_falls_back_to_another_language(
    country_plugin: FixturePlugin, tmp_path: Path
) -> None:
    result = run_cli("kit", "build", "UZ", "--out", str(tmp_path / "kit"), "--strict")
    assert result.exit_code == 2
    assert "shown in uz fell back to another language" in result.stderr
    assert not (tmp_path / "kit").exists()
    lenient = run_cli("kit", "build", "UZ", "--out", str(tmp_path / "kit"))
    assert lenient.exit_code == 0
    assert "uz:" in lenient.stdout and "shown in another language" in lenient.stdout


def test_a_country_template_overrides_the_core_template(
    country_plugin: FixturePlugin, tmp_path: Path
) -> None:
    override = country_plugin.package_dir / "templates" / "kit"
    override.mkdir(parents=True)
    (override / "principles.html").write_text(
        "{% extends 'kit/base.html' %}{% block title %}UZ{% endblock %}"
        "{% block main %}<h1>Our own principles page</h1>{% endblock %}\n"
    )
    build(tmp_path / "kit")
    page = (tmp_path / "kit" / "ru" / "principles.html").read_text()
    assert "Our own principles page" in page
    assert 'lang="ru"' in page  # the override still extends the core's layout


def test_a_country_service_card_shows_in_every_handbook_and_service_page(
    country_plugin: FixturePlugin, tmp_path: Path
) -> None:
    # A card is rendered once per locale, service and heading level and reused: the
    # country's own kit/macros.html must still be the one used, in each locale's words.
    core = (Path(__file__).parents[1] / "templates" / "kit" / "macros.html").read_text()
    ours = core.replace('<article class="service-card"', '<article class="service-card ours"')
    assert ours != core
    override = country_plugin.package_dir / "templates" / "kit"
    override.mkdir(parents=True)
    (override / "macros.html").write_text(ours)
    build(tmp_path / "kit")
    services = len(list((tmp_path / "kit" / "en" / "charter").glob("*.html"))) - 1
    assert services >= 2
    labels = {"en": "Documents to bring", "ru": "Необходимые документы"}
    for locale, label in labels.items():
        books = tmp_path / "kit" / locale / "handbooks"
        for role in ("front_desk", "agency_officer", "trainer"):
            for page in (f"{role}.html", f"{role}-print.html"):
                html = (books / page).read_text()
                assert html.count('class="service-card ours"') == services, (locale, page)
                assert html.count(f"<dt>{label}</dt>") == services, (locale, page)
        assert 'class="service-card ours"' not in (books / "volunteer.html").read_text()
        card = (tmp_path / "kit" / locale / "charter" / "id-card.html").read_text()
        assert '<article class="service-card ours" id="service-id-card">' in card
        assert "<h1>" in card.split('class="service-card ours"')[1]  # the page's own level


def test_the_result_line_prints_the_folder_as_it_is_named(
    country_plugin: FixturePlugin, tmp_path: Path
) -> None:
    out = tmp_path / "kit[bold]"  # brackets are Rich markup: a plain line keeps them
    result = run_cli("kit", "build", "UZ", "--out", str(out))
    assert result.exit_code == 0, result.output
    assert "kit[bold]: " in result.stdout
    assert (out / "manifest.json").is_file()


def test_a_service_page_names_the_centres_that_offer_it_in_the_locales_words(
    country_plugin: FixturePlugin, tmp_path: Path
) -> None:
    # Tashkent offers only the id card; Samarkand everything; the bus is no centre.
    country_plugin.replace("records.yaml", "    all_services: true\n", "    services: [id-card]\n")
    country_plugin.write(
        "more-centres.yaml",
        "country: UZ\ncentres:\n"
        "  - id: samarkand-1\n"
        "    name: {uz: Samarqand markazi, ru: Самаркандский центр, en: Samarkand centre}\n"
        "    city: {uz: Samarqand, ru: Самарканд, en: Samarkand}\n"
        "    area: UZ-SA\n    agencies: [interior, justice]\n    all_services: true\n"
        "    provenance: illustrative\n"
        "  - id: bus\n    kind: mobile\n    name: {en: Mobile centre}\n"
        "    serves_areas: [UZ-SA]\n    agencies: [interior]\n    all_services: true\n"
        "    provenance: illustrative\n",
    )
    build(tmp_path / "kit")

    def offering(locale: str, page: str) -> str:
        html = (tmp_path / "kit" / locale / "charter" / page).read_text()
        return html.split("</article>")[1].split("</p>")[0].split(":", 1)[1].strip()

    # in the order of the country's centres (more-centres.yaml is read first)
    assert offering("en", "id-card.html") == "Samarkand centre, Tashkent centre"
    assert offering("ru", "id-card.html") == "Самаркандский центр, Ташкентский центр"
    assert offering("en", "notary-copy.html") == "Samarkand centre"
    country_plugin.replace(
        "more-centres.yaml", "    area: UZ-SA\n", "    area: UZ-SA\n    services: []\n"
    )
    country_plugin.replace(
        "more-centres.yaml",
        "    all_services: true\n    provenance: illustrative\n  - id: bus",
        "    provenance: illustrative\n  - id: bus",
    )
    build(tmp_path / "kit")
    assert offering("en", "notary-copy.html") == "none yet"


def test_illustrative_data_is_marked_on_the_charter(
    country_plugin: FixturePlugin, tmp_path: Path
) -> None:
    build(tmp_path / "kit")
    page = (tmp_path / "kit" / "en" / "charter" / "id-card.html").read_text()
    assert 'class="illustrative"' in page


def test_a_sourced_fee_of_an_illustrative_service_is_still_marked(
    country_plugin: FixturePlugin, tmp_path: Path
) -> None:
    country_plugin.replace(
        "records.yaml",
        "        currency: UZS\n        provenance: illustrative",
        "        currency: UZS\n        provenance: Tariff order No. 1 (test fixture)",
    )
    build(tmp_path / "kit")
    for page in ("charter/id-card.html", "charter/index.html"):
        html = (tmp_path / "kit" / "en" / page).read_text()
        assert re.search(r'Free of charge(</\w+>)?\s*<span class="illustrative"', html), page


def test_conformance_errors_stop_the_build_unless_forced(
    country_plugin: FixturePlugin, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    module = tmp_path / "strict_rule.py"
    module.write_text(
        "from asan_core import Severity, hookimpl, rule\n\n"
        "asan_contract = '>=2.0,<3'\n\n"
        "@rule('test.always', 'comfort', Severity.ERROR, 'd', 'r', 'h')\n"
        "def always(this, franchise):\n    return [this.finding('no')]\n\n"
        "@hookimpl\ndef asan_conformance_rules():\n    return [always]\n"
    )
    monkeypatch.syspath_prepend(str(tmp_path))
    import os

    monkeypatch.setenv("ASAN_EXTRA_PLUGINS", os.environ["ASAN_EXTRA_PLUGINS"] + ",strict_rule")
    refused = run_cli("kit", "build", "UZ", "--out", str(tmp_path / "kit"))
    assert refused.exit_code == 2
    assert "conformance error test.always: no" in refused.stderr
    forced = run_cli("kit", "build", "UZ", "--out", str(tmp_path / "kit"), "--force")
    assert forced.exit_code == 0, forced.output


def test_a_folder_that_is_not_a_kit_is_never_replaced(
    country_plugin: FixturePlugin, tmp_path: Path
) -> None:
    precious = tmp_path / "documents"
    precious.mkdir()
    (precious / "notes.txt").write_text("do not lose me")
    result = run_cli("kit", "build", "UZ", "--out", str(precious))
    assert result.exit_code == 2
    assert "is not a kit" in result.stderr
    assert (precious / "notes.txt").read_text() == "do not lose me"
    a_file = run_cli("kit", "build", "UZ", "--out", str(precious / "notes.txt"))
    assert a_file.exit_code == 2 and "is a file, not a folder" in a_file.stderr
    assert (precious / "notes.txt").read_text() == "do not lose me"


def test_serve_refuses_a_folder_that_is_not_a_kit(tmp_path: Path) -> None:
    result = run_cli("kit", "serve", str(tmp_path))
    assert result.exit_code == 2
    assert "is not a kit" in result.stderr
