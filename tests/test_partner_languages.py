"""Any partner's language: translation as its own layer, through gettext catalogs.

Two countries no plugin ships live in ``tests/fixtures/partners``: Pakistan (Urdu, right to
left, Nastaliq), whose own plugin translates the core's interface and shared content, and
Ethiopia (Amharic, Ge'ez script, the Ethiopian calendar), whose plugin translates only its
data while a language pack (``asan_lang_am``) translates the core's. Both build ``--strict``
with no core file changed. Their data files are English only: every Urdu and Amharic text
comes from a catalog.
"""

from __future__ import annotations

import datetime as dt
import json
import re
import shutil
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from babel.messages.pofile import read_po, write_po

from asan_core import FontFace, LanguagePack, ProblemsError, hookimpl, resolve
from asan_core.base.po import catalog_path, read_catalog
from asan_core.base.resources import locales_dir
from asan_core.contract.host import get_plugin_manager
from asan_core.i18n.workflow import coverage
from asan_core.model import CurrencyFormat
from tests.conftest import FixturePlugin, run_cli

PARTNERS = Path(__file__).parent / "fixtures" / "partners"
FIXTURE_PACKAGES = ("asan_pakistan", "asan_ethiopia", "asan_lang_am")


@pytest.fixture
def partners(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """Copies of the fixture partners, registered like installed plugins."""
    root = tmp_path / "partners"
    shutil.copytree(PARTNERS, root)
    for project in sorted(root.iterdir()):
        monkeypatch.syspath_prepend(str(project))
    monkeypatch.setenv(
        "ASAN_EXTRA_PLUGINS", "asan_pakistan:plugin,asan_ethiopia:plugin,asan_lang_am"
    )
    yield root
    for name in FIXTURE_PACKAGES:
        sys.modules.pop(name, None)


def build(code: str, out: Path, *options: str) -> str:
    result = run_cli("kit", "build", code, "--out", str(out), *options)
    assert result.exit_code == 0, result.output
    return result.output


def page(kit: Path, path: str) -> str:
    return (kit / path).read_text(encoding="utf-8")


def entries(path: Path) -> dict[str, str]:
    """msgctxt → msgstr of a content catalog."""
    with path.open("rb") as handle:
        return {m.context: str(m.string) for m in read_po(handle) if m.id and m.context}


# -- the two partners ---------------------------------------------------------------


def test_a_right_to_left_partner_builds_strict_with_its_own_plugin_translating_everything(
    partners: Path, tmp_path: Path
) -> None:
    kit = tmp_path / "kit"
    build("PK", kit, "--strict")
    home = page(kit, "ur_PK/index.html")
    assert '<html lang="ur-PK" dir="rtl">' in home
    principles = page(kit, "ur_PK/principles.html")
    assert "شفافیت" in principles  # transparency, from the plugin's content.po
    charter = page(kit, "ur_PK/charter/passport.html")
    assert "پاسپورٹ کا اجرا" in charter  # the service's title: data, translated in a catalog
    fonts = page(kit, "assets/fonts.css")
    assert (
        '[lang|="ur-PK"] { font-family: "Noto Nastaliq Urdu", "Noto Sans", serif; '
        "line-height: 2.2; }"
    ) in fonts
    assert (kit / "assets" / "fonts" / "NotoNastaliqUrdu-Regular.ttf").is_file()
    assert "SIL Open Font License" in page(kit, "assets/fonts/OFL.txt")
    assert not (kit / "assets" / "fonts" / "NotoSansEthiopic-Regular.ttf").exists()


def test_a_partner_with_its_own_script_and_calendar_builds_strict_through_a_language_pack(
    partners: Path, tmp_path: Path
) -> None:
    kit = tmp_path / "kit"
    build("ET", kit, "--strict")
    home = page(kit, "am_ET/index.html")
    assert '<html lang="am-ET" dir="ltr">' in home
    # Yearly holidays of the Ethiopian calendar, expanded for 2025-2026 and shown in it.
    assert '<time datetime="2025-09-11">መስከረም 1 ቀን 2018 ዓ.ም.</time>' in home
    assert '<time datetime="2026-09-27">መስከረም 17 ቀን 2019 ዓ.ም.</time>' in home
    assert "እንቁጣጣሽ" in home
    # Money as the country writes it (currency_format), not CLDR's default for am.
    assert "1,200.00 ብር" in page(kit, "am_ET/charter/passport.html")
    handbook = page(kit, "am_ET/handbooks/volunteer.html")
    assert "በጎ ፈቃደኛ" in handbook  # the curriculum, from the language pack
    assert '"Noto Sans Ethiopic"' in page(kit, "assets/fonts.css")


def test_stats_count_each_text_by_the_source_that_supplied_it(partners: Path) -> None:
    result = run_cli("i18n", "stats", "ET", "--json")
    assert result.exit_code == 0, result.output
    am = json.loads(result.stdout)["locales"][0]
    assert am["locale"] == "am_ET"
    assert am["catalog"]["sources"] == {"language pack asan_lang_am": 207}
    assert am["data"]["sources"] == {
        "country plugin asan_ethiopia": 18,
        "language pack asan_lang_am": 248,
    }
    assert am["data"]["missing"] == [] and am["routes"] == []
    pk = json.loads(run_cli("i18n", "stats", "PK", "--json").stdout)["locales"][0]
    assert pk["catalog"]["sources"] == {"country plugin asan_pakistan": 207}


def test_a_translation_is_never_reported_as_a_change_to_the_model(partners: Path) -> None:
    result = run_cli("check", "ET", "--format", "json")
    report = json.loads(result.stdout)
    rules = [f["rule"] for f in report["findings"]]
    assert rules and "principles.changed" not in rules
    assert "adapts the model" not in result.stdout


# -- precedence: the country's plugin, then a language pack, then the core -----------


def write_content(folder: Path, locale: str, context: str, source: str, text: str) -> None:
    path = catalog_path(folder, locale, "content")
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(
        'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=utf-8\\n"\n\n'
        f'msgctxt "{context}"\nmsgid "{source}"\nmsgstr "{text}"\n',
        encoding="utf-8",
    )


class RussianPack:
    """A language pack for Russian, in a temporary folder."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder

    @hookimpl
    def asan_language_packs(self) -> list[LanguagePack]:
        return [LanguagePack(locale="ru", catalogs=self.folder)]


def test_the_country_plugin_wins_over_a_language_pack_which_wins_over_the_core(
    country_plugin: FixturePlugin, tmp_path: Path
) -> None:
    context, english = "Principle efficiency name", "Efficiency"
    core = entries(catalog_path(locales_dir(), "ru", "content"))[context]
    assert resolve("UZ").principles[0].name["ru"] == core == "Оперативность"

    pack = RussianPack(tmp_path / "pack")
    write_content(pack.folder, "ru", context, english, "Быстрота (пакет)")
    host = get_plugin_manager([pack])
    franchise = resolve("UZ", host)
    assert franchise.principles[0].name["ru"] == "Быстрота (пакет)"
    assert franchise.translations.source_of(context, "ru").label.startswith("language pack")

    write_content(country_plugin.package_dir / "locales", "ru", context, english, "Скорость")
    franchise = resolve("UZ", get_plugin_manager([pack]))
    assert franchise.principles[0].name["ru"] == "Скорость"
    assert franchise.translations.source_of(context, "ru").kind == "country plugin"


def test_a_catalog_translation_wins_over_one_written_inline_and_stats_say_so(
    country_plugin: FixturePlugin,
) -> None:
    franchise = resolve("UZ")
    service = franchise.services[0]
    context = f"Service {service.id} title"
    inline = service.title["ru"]
    write_content(
        country_plugin.package_dir / "locales", "ru", context, service.title["en"], "Новое"
    )
    franchise = resolve("UZ")
    assert franchise.services[0].title["ru"] == "Новое" != inline
    ru = next(r for r in coverage(franchise) if r.locale == "ru")
    assert ru.shadowed == 1


# -- stale translations ----------------------------------------------------------------


def test_a_translation_of_an_older_source_text_is_stale_never_shown_and_updated_fuzzy(
    partners: Path, tmp_path: Path
) -> None:
    records = partners / "asan-ethiopia" / "asan_ethiopia" / "data" / "records.yaml"
    text = records.read_text(encoding="utf-8")
    records.write_text(
        text.replace("en: Issue of a passport\n", "en: Issue of a new passport\n"), "utf-8"
    )

    kit = tmp_path / "kit"
    build("ET", kit)  # without --strict: shown in English, and marked as English
    charter = page(kit, "am_ET/charter/passport.html")
    assert "ፓስፖርት መስጠት" not in charter
    assert '<span lang="en" dir="ltr">Issue of a new passport</span>' in charter
    assert "<title>Issue of a new passport —" in charter  # no markup inside <title>

    stats = json.loads(run_cli("i18n", "stats", "ET", "--json").stdout)["locales"][0]
    assert stats["data"]["stale"] == ["service 'passport': title"]
    strict = run_cli("kit", "build", "ET", "--out", str(tmp_path / "strict"), "--strict")
    assert strict.exit_code == 2
    assert "service 'passport': title (stale" in strict.stderr
    assert "asan i18n stats ET" in strict.stderr

    project = str(partners / "asan-ethiopia")
    assert run_cli("i18n", "extract", "--project", project).exit_code == 0
    assert run_cli("i18n", "update", "--project", project).exit_code == 0
    po = catalog_path(partners / "asan-ethiopia" / "asan_ethiopia" / "locales", "am_ET", "content")
    with po.open("rb") as handle:
        updated = {m.context: m for m in read_po(handle) if m.id}
    entry = updated["Service passport title"]
    assert entry.fuzzy and entry.id == "Issue of a new passport"
    assert entry.string == "ፓስፖርት መስጠት"  # kept for the translator to review
    assert '#| msgid "Issue of a passport"' in po.read_text(encoding="utf-8")


def test_update_keeps_a_translation_with_its_field_whatever_the_new_english_reads(
    partners: Path,
) -> None:
    records = partners / "asan-ethiopia" / "asan_ethiopia" / "data" / "records.yaml"
    text = records.read_text(encoding="utf-8")
    text = text.replace("en: Issue of a passport\n", "en: Information about passports\n")
    records.write_text(text, "utf-8")  # close to another service's English, not to its own
    project = str(partners / "asan-ethiopia")
    assert run_cli("i18n", "extract", "--project", project).exit_code == 0
    assert run_cli("i18n", "update", "--project", project).exit_code == 0
    po = catalog_path(partners / "asan-ethiopia" / "asan_ethiopia" / "locales", "am_ET", "content")
    with po.open("rb") as handle:
        updated = {m.context: m for m in read_po(handle) if m.id}
    entry = updated["Service passport title"]
    assert entry.string == "ፓስፖርት መስጠት" and entry.fuzzy  # its own, never the other's
    assert '#| msgid "Issue of a passport"' in po.read_text(encoding="utf-8")
    assert not updated["Service information title"].fuzzy


def test_an_adapted_principle_is_not_reported_stale_against_the_cores_catalog(
    country_plugin: FixturePlugin,
) -> None:
    country_plugin.write(
        "changes.yaml",
        "country: UZ\nprinciple_changes:\n  - id: efficiency\n    action: adapt\n"
        "    name: {en: Speed, ru: Скорость, uz: Tezlik}\n"
        "    reason: {en: The country's own word}\n    provenance: illustrative\n",
    )
    franchise = resolve("UZ")
    assert franchise.principles[0].name["ru"] == "Скорость"
    assert franchise.translations.stale == []


# -- the round trip a translator makes --------------------------------------------------


def test_extract_translate_compile_and_build_strict_in_a_language_the_core_does_not_ship(
    partners: Path, tmp_path: Path
) -> None:
    project = partners / "asan-ethiopia"
    locales = project / "asan_ethiopia" / "locales"
    memory = entries(catalog_path(locales, "am_ET", "content"))  # the translator's memory
    shutil.rmtree(locales)
    core_before = {p: p.read_bytes() for p in locales_dir().rglob("*.po*")}

    extract = run_cli("i18n", "extract", "--project", str(project))
    assert extract.exit_code == 0, extract.output
    assert "18 content texts" in extract.stdout
    update = run_cli("i18n", "update", "--project", str(project), "--locale", "am_ET")
    assert update.exit_code == 0, update.output
    po = catalog_path(locales, "am_ET", "content")
    template = po.read_text(encoding="utf-8")
    assert 'msgctxt "Service passport title"' in template
    assert "#: asan_ethiopia/data/records.yaml:" in template  # the data file and line
    assert "#. note: Test fixture: an example agency" in template  # the data's notes

    # What Poedit or Weblate does: fill in every msgstr, save the PO.
    with po.open("rb") as handle:
        catalog = read_po(handle, locale="am_ET")
    for message in catalog:
        if message.id:
            message.string = memory[message.context]
    with po.open("wb") as handle:
        write_po(handle, catalog, width=100)

    compiled = run_cli("i18n", "compile", "--project", str(project))
    assert compiled.exit_code == 0, compiled.output
    assert po.with_suffix(".mo").is_file()
    kit = tmp_path / "kit"
    build("ET", kit, "--strict")
    assert "ፓስፖርት መስጠት" in page(kit, "am_ET/charter/passport.html")
    assert {p: p.read_bytes() for p in locales_dir().rglob("*.po*")} == core_before


def test_extract_in_a_folder_that_is_not_the_installed_plugin_says_so(
    partners: Path, tmp_path: Path
) -> None:
    other = tmp_path / "elsewhere" / "asan-ethiopia"
    shutil.copytree(partners / "asan-ethiopia", other)
    records = other / "asan_ethiopia" / "data" / "records.yaml"
    records.write_text(records.read_text(encoding="utf-8") + "\n# edited\n", "utf-8")
    template = other / "asan_ethiopia" / "locales" / "content.pot"
    before = template.read_bytes()
    result = run_cli("i18n", "extract", "--project", str(other))
    assert result.exit_code == 2
    assert "the installed asan_ethiopia is not the one in" in result.stderr
    assert "pip install -e" in result.stderr
    assert template.read_bytes() == before  # nothing deleted, nothing written


def test_include_core_puts_the_cores_strings_and_content_in_the_plugins_catalogs(
    partners: Path,
) -> None:
    project = partners / "asan-pakistan"
    result = run_cli("i18n", "extract", "--project", str(project), "--include-core")
    assert result.exit_code == 0, result.output
    assert "207 interface strings" in result.stdout and "265 content texts" in result.stdout
    pot = (project / "asan_pakistan" / "locales" / "content.pot").read_text(encoding="utf-8")
    assert 'msgctxt "CurriculumModule volunteers title"' in pot
    assert "#: asan_core/builtins/content/curriculum/volunteers.yaml:" in pot


def test_moving_inline_translations_into_the_catalog_loses_nothing(
    country_plugin: FixturePlugin,
) -> None:
    project = country_plugin.package_dir.parent
    (project / "pyproject.toml").write_text('[project]\nname = "fixture"\n', encoding="utf-8")
    before = {p.name: p.read_bytes() for p in country_plugin.data_dir.iterdir()}
    franchise = resolve("UZ")
    result = run_cli("i18n", "move", "--project", str(project))
    assert result.exit_code == 0, result.output
    po = catalog_path(country_plugin.package_dir / "locales", "ru", "content")
    moved = entries(po)
    assert moved["Country UZ brand"] == franchise.country.brand["ru"]
    assert moved[f"Service {franchise.services[0].id} title"] == franchise.services[0].title["ru"]
    assert {p.name: p.read_bytes() for p in country_plugin.data_dir.iterdir()} == before
    again = run_cli("i18n", "move", "--project", str(project))
    assert re.search(r"ru: 0 moved, \d+ already in the catalog", again.stdout)
    # A catalog that says something else keeps its text, and the difference is reported.
    po.write_text(
        po.read_text(encoding="utf-8").replace(franchise.country.brand["ru"], "Другое"), "utf-8"
    )
    conflict = run_cli("i18n", "move", "--project", str(project))
    assert conflict.exit_code == 1
    assert "Country UZ brand" in conflict.stderr
    assert entries(po)["Country UZ brand"] == "Другое"


# -- fallback text carries its own language ---------------------------------------------


def test_text_that_falls_back_carries_its_own_lang_and_dir_in_pages_and_the_search_index(
    partners: Path, tmp_path: Path
) -> None:
    po = catalog_path(partners / "asan-ethiopia" / "asan_ethiopia" / "locales", "am_ET", "content")
    text = po.read_text(encoding="utf-8")
    po.write_text(text.replace('msgstr "ፓስፖርት መስጠት"', 'msgstr ""'), encoding="utf-8")
    kit = tmp_path / "kit"
    build("ET", kit)
    charter = page(kit, "am_ET/charter/index.html")
    assert '<span lang="en" dir="ltr">Issue of a passport</span>' in charter
    index = re.search(r'<script type="application/json" id="search-index">(.*?)</script>', charter)
    assert index is not None
    passport = next(e for e in json.loads(index.group(1)) if e["id"] == "passport")
    assert passport["title"] == {"text": "Issue of a passport", "lang": "en", "dir": "ltr"}
    assert passport["text"][0]["lang"] == "am-ET"
    # An entry left empty is missing, not stale.
    stats = json.loads(run_cli("i18n", "stats", "ET", "--json").stdout)["locales"][0]
    assert stats["data"]["missing"] == ["service 'passport': title"]
    assert stats["data"]["stale"] == []


# -- typography -----------------------------------------------------------------------------


class EthiopicSerif:
    """A plugin that sets Amharic in another face of its own."""

    def __init__(self, face: FontFace) -> None:
        self.face = face

    @hookimpl
    def asan_fonts(self, country: object) -> list[FontFace]:
        return [self.face]


def test_asan_fonts_a_plugins_face_wins_over_the_cores_for_the_locales_it_names(
    partners: Path, tmp_path: Path
) -> None:
    regular = Path("/usr/share/fonts/truetype/noto/NotoSerifEthiopic-Regular.ttf")
    source = (
        regular
        if regular.is_file()
        else next(Path(__file__).parent.parent.rglob("NotoSansEthiopic-Regular.ttf"))
    )
    licence = tmp_path / "LICENCE.txt"
    licence.write_text("SIL Open Font License 1.1", encoding="utf-8")
    face = FontFace(family="Ethiopic Test Serif", locales=("am",), files=(source,), licence=licence)
    franchise = resolve("ET", get_plugin_manager([EthiopicSerif(face)]))
    assert franchise.plugins.font_for("am_ET") == face
    assert franchise.plugins.font_for("en").family == "Noto Sans"
    from asan_core.i18n.fonts import kit_fonts

    fonts = kit_fonts(franchise, ["am_ET", "en"])
    assert '[lang|="am-ET"] { font-family: "Ethiopic Test Serif", "Noto Sans", serif;' in fonts.css
    assert fonts.files[f"fonts/{source.name}"] == source
    assert fonts.files["fonts/LICENCE.txt"] == licence


def test_asan_fonts_a_face_whose_files_are_missing_is_a_located_problem(
    partners: Path, tmp_path: Path
) -> None:
    face = FontFace(
        family="Missing", scripts=("Ethi",), files=(tmp_path / "no.ttf",), licence=tmp_path / "x"
    )
    with pytest.raises(ProblemsError) as caught:
        resolve("ET", get_plugin_manager([EthiopicSerif(face)]))
    (problem,) = [p for p in caught.value.problems if "names files that do not exist" in p.message]
    assert problem.plugin is not None and "EthiopicSerif" in problem.plugin
    assert "no.ttf" in problem.message and problem.hint


# -- language packs, holidays, calendars, money -----------------------------------------


def test_asan_language_packs_a_pack_serves_every_country_of_its_language(
    partners: Path,
) -> None:
    franchise = resolve("ET")
    assert [s.label for s in franchise.plugins.catalog_chain] == [
        "country plugin asan_ethiopia",
        "language pack asan_lang_am",
        "core",
    ]
    assert "language pack" not in [s.kind for s in resolve("PK").plugins.catalog_chain]


def test_asan_language_packs_a_pack_without_its_catalogs_is_a_clear_problem(
    partners: Path, tmp_path: Path
) -> None:
    pack = RussianPack(tmp_path / "missing")
    with pytest.raises(Exception, match="names a catalog folder that does not exist"):
        resolve(
            "ET",
            get_plugin_manager(
                [
                    type(
                        "AmharicPack",
                        (),
                        {
                            "asan_language_packs": hookimpl(
                                lambda self: [LanguagePack(locale="am", catalogs=pack.folder)]
                            )
                        },
                    )()
                ]
            ),
        )


def test_asan_yearly_dates_gregorian_skips_29_february_of_common_years() -> None:
    from asan_core.builtins.calendar import asan_yearly_dates

    dates = asan_yearly_dates("gregorian", 2, 29, dt.date(2023, 1, 1), dt.date(2028, 12, 31))
    assert dates == [dt.date(2024, 2, 29), dt.date(2028, 2, 29)]
    assert (
        asan_yearly_dates("solar_hijri", 1, 1, dt.date(2025, 1, 1), dt.date(2025, 12, 31)) is None
    )


def test_asan_yearly_dates_a_day_no_year_has_is_a_located_error(partners: Path) -> None:
    country = partners / "asan-ethiopia" / "asan_ethiopia" / "data" / "country.yaml"
    text = country.read_text(encoding="utf-8")
    country.write_text(text.replace("{month: 1, day: 17}", "{month: 13, day: 7}"), "utf-8")
    result = run_cli("check", "ET")
    assert result.exit_code == 2
    assert "month 13, day 7 of the 'ethiopian' calendar is a day no year has" in result.stderr
    assert "country.yaml" in result.stderr and "holidays[1].yearly" in result.stderr


class LunarCalendar:
    """A plugin that declares a calendar and formats its dates, but expands no yearly day."""

    @hookimpl
    def asan_calendars(self) -> list[str]:
        return ["lunar_hijri"]

    @hookimpl
    def asan_format_date(self, country: object, date: dt.date, locale: str, style: str) -> str:
        return date.isoformat()


def test_a_yearly_holiday_in_a_calendar_whose_plugin_cannot_expand_it_is_a_located_error(
    partners: Path,
) -> None:
    country = partners / "asan-pakistan" / "asan_pakistan" / "data" / "country.yaml"
    text = country.read_text(encoding="utf-8")
    country.write_text(text.replace("calendar: gregorian", "calendar: lunar_hijri"), "utf-8")
    with pytest.raises(ProblemsError) as caught:
        resolve("PK", get_plugin_manager([LunarCalendar()]))
    (problem,) = caught.value.problems
    assert "no installed plugin expands yearly dates of the 'lunar_hijri' calendar" in (
        problem.message
    )
    assert problem.file and problem.file.endswith("country.yaml")
    assert problem.field and problem.field.endswith("holidays[0].yearly")


def test_a_yearly_day_that_only_some_years_have_is_no_error(partners: Path) -> None:
    country = partners / "asan-pakistan" / "asan_pakistan" / "data" / "country.yaml"
    text = country.read_text(encoding="utf-8")
    country.write_text(text.replace("{month: 8, day: 14}", "{month: 2, day: 29}"), "utf-8")
    franchise = resolve("PK")  # 2025-2026 has no 29 February: no date, and no error
    assert franchise.holidays == ()


@pytest.mark.parametrize("years", ["[2026, 2025]", "[0, 1]", "[2000, 2100]"])
def test_holiday_years_must_be_a_short_span_of_years(partners: Path, years: str) -> None:
    country = partners / "asan-pakistan" / "asan_pakistan" / "data" / "country.yaml"
    text = country.read_text(encoding="utf-8")
    country.write_text(text.replace("[2025, 2026]", years), "utf-8")
    result = run_cli("check", "PK")
    assert result.exit_code == 2 and "holiday_years" in result.stderr
    assert "Traceback" not in result.output


def test_a_country_writes_money_its_own_way_through_cldr_patterns() -> None:
    from asan_core.i18n.catalogs import build_chain
    from asan_core.i18n.formatting import Formatter
    from tests.test_i18n import afghanistan

    display = CurrencyFormat(patterns={"en": "¤ #,##0.00", "ps": "#,##0 'افغانۍ'"})
    assert display.pattern_for("ps_AF") == "#,##0 'افغانۍ'"
    country = afghanistan(currency_format=display)
    english = Formatter(country, "en", build_chain("en", "fa_AF"), lambda *a: "")
    assert english.money(1234) == "AFN 1,234"  # the country's pattern, CLDR's 0 decimals
    only_decimals = afghanistan(currency_format=CurrencyFormat(decimals=1))
    fixed = Formatter(only_decimals, "en", build_chain("en", "fa_AF"), lambda *a: "")
    assert fixed.money(1234.56) == "AFN1,234.6" and fixed.currency_decimals() == 1  # CLDR en


@pytest.mark.parametrize(
    ("pattern", "said"),
    [
        ("#,##0", "shows no currency"),
        ("¤ #,##0%", "would multiply the amount"),
        ("0.###E0 ¤", "scientific notation"),
        ("'#,##0' ¤", "no digits outside quotes"),
        ("#,##0.00 '", "unclosed quote"),
    ],
)
def test_a_currency_pattern_that_would_misstate_money_is_refused(pattern: str, said: str) -> None:
    with pytest.raises(ValueError, match=said):
        CurrencyFormat(patterns={"uz": pattern})


# -- the Uzbek language pack ---------------------------------------------------------------


def test_a_new_country_with_no_input_builds_an_uzbek_kit_strict_with_the_uzbek_pack(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    created = run_cli("new", "country", "--no-input", "--out", str(tmp_path))
    assert created.exit_code == 0, created.output
    monkeypatch.syspath_prepend(str(tmp_path / "asan-uzbekistan"))
    monkeypatch.syspath_prepend(str(Path(__file__).parent.parent / "plugins" / "uzbek-language"))
    monkeypatch.setenv("ASAN_EXTRA_PLUGINS", "asan_uzbekistan:plugin,asan_lang_uz")
    try:
        kit = tmp_path / "kit"
        build("UZ", kit, "--strict")
        principles = page(kit, "uz/principles.html")
        assert '<html lang="uz" dir="ltr">' in principles
        assert "<h1>Tamoyillar</h1>" in principles
        assert "Shaffoflik" in principles
        assert "Koʻngillilar dasturi" in page(kit, "uz/handbooks/volunteer.html")
    finally:
        for name in ("asan_uzbekistan", "asan_lang_uz"):
            sys.modules.pop(name, None)


def test_the_uzbek_pack_is_complete_and_marked_a_first_edition() -> None:
    folder = Path(__file__).parent.parent / "plugins" / "uzbek-language" / "asan_lang_uz"
    for domain in ("messages", "content"):
        catalog = read_catalog(catalog_path(folder / "locales", "uz", domain), "uz")
        untranslated = [m.id for m in catalog if m.id and (not m.string or m.fuzzy)]
        assert untranslated == [], domain
    sys.path.insert(0, str(folder.parent))
    try:
        import asan_lang_uz

        (pack,) = asan_lang_uz.asan_language_packs()
    finally:
        sys.path.remove(str(folder.parent))
        sys.modules.pop("asan_lang_uz", None)
    assert pack.locale == "uz" and pack.status == "first edition, for native review"
    assert (pack.catalogs / "uz" / "LC_MESSAGES" / "content.po").is_file()


def test_english_copied_under_a_locale_is_a_placeholder_not_a_translation(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A new country starts with the reference catalogue's English under its locale: moving
    it to the catalog, or counting it as an inline text a catalog overrides, would be wrong."""
    created = run_cli("new", "country", "--no-input", "--out", str(tmp_path))
    assert created.exit_code == 0, created.output
    project = tmp_path / "asan-uzbekistan"
    monkeypatch.syspath_prepend(str(project))
    monkeypatch.setenv("ASAN_EXTRA_PLUGINS", "asan_uzbekistan:plugin")
    try:
        moved = run_cli("i18n", "move", "--project", str(project))
        assert moved.exit_code == 0, moved.output
        assert "uz: 1 moved" in moved.stdout  # only the country's name (CLDR's): a real one
        po = catalog_path(project / "asan_uzbekistan" / "locales", "uz", "content")
        assert entries(po) == {"Country UZ name": "Oʻzbekiston"}
        po.unlink()
        franchise = resolve("UZ")
        service = franchise.services[0]
        write_content(
            project / "asan_uzbekistan" / "locales",
            "uz",
            f"Service {service.id} title",
            service.title["en"],
            "Shaxsiy guvohnoma berish",
        )
        franchise = resolve("UZ")
        assert franchise.services[0].title["uz"] == "Shaxsiy guvohnoma berish"
        assert franchise.translations.shadowed == []
    finally:
        sys.modules.pop("asan_uzbekistan", None)


def test_asan_language_packs_a_pack_answers_only_for_its_own_locale() -> None:
    from asan_core.contract.translations import CatalogSource

    uzbek = CatalogSource("language pack", Path("."), "asan_lang_uz", locale="uz")
    brazil = CatalogSource("language pack", Path("."), "asan_lang_pt_br", locale="pt_BR")
    assert uzbek.serves("uz") and uzbek.serves("uz_UZ") and not uzbek.serves("ru")
    assert brazil.serves("pt_BR") and not brazil.serves("pt") and not brazil.serves("pt_PT")
    assert CatalogSource("core", Path(".")).serves("ru")  # the core's folder: any locale
