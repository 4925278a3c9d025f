"""Localization: catalogs, fallback chains, formatting, working days, escaping, coverage."""

from __future__ import annotations

import datetime as dt
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest
from babel.messages.pofile import read_po

from asan_core.base.resources import locales_dir
from asan_core.contract.host import get_plugin_manager
from asan_core.franchise import resolve
from asan_core.franchise.resolve import date_formatting
from asan_core.i18n.catalogs import build_chain
from asan_core.i18n.context import LocaleContext
from asan_core.i18n.formatting import Formatter
from asan_core.i18n.working_days import is_working_day, ready_on
from asan_core.kit.environment import make_environment
from asan_core.model import Country, Holiday
from tests.conftest import FixturePlugin, run_cli

CORE_LOCALES = ("en", "az", "ru", "fa_AF", "ps_AF")


def afghanistan(**changes: Any) -> Country:
    data: dict[str, Any] = {
        "code": "AF",
        "name": {"en": "Afghanistan"},
        "locales": ["fa_AF", "ps_AF", "en"],
        "currency": "AFN",
        "digits": "native",
        "operating_model": "one_stop_staff",
        "brand": {"en": "Asan Khedmat"},
        "provenance": "illustrative",
    }
    data.update(changes)
    return Country.model_validate(data)


def formatter(country: Country, locale: str) -> Formatter:
    chain = build_chain(locale, country.primary_locale)
    return Formatter(country, locale, chain, date_formatting(get_plugin_manager()))


# -- the core's catalogs ----------------------------------------------------------------


@pytest.mark.parametrize("locale", CORE_LOCALES)
def test_every_core_catalog_passes_msgfmt_check(locale: str) -> None:
    msgfmt = shutil.which("msgfmt")
    if msgfmt is None:
        pytest.skip("GNU gettext's msgfmt is not installed (.ci/run installs it)")
    path = locales_dir() / locale / "LC_MESSAGES" / "messages.po"
    result = subprocess.run(
        [msgfmt, "--check", "-o", "/dev/null", str(path)], capture_output=True, text=True
    )
    assert result.returncode == 0 and not result.stderr, result.stderr


@pytest.mark.parametrize("locale", CORE_LOCALES)
def test_every_core_catalog_is_complete(locale: str) -> None:
    with (locales_dir() / "messages.pot").open("rb") as handle:
        template = {m.id if isinstance(m.id, str) else m.id[0] for m in read_po(handle) if m.id}
    path = locales_dir() / locale / "LC_MESSAGES" / "messages.po"
    with path.open("rb") as handle:
        catalog = read_po(handle, locale=locale)
    translated = {
        (m.id if isinstance(m.id, str) else m.id[0])
        for m in catalog
        if m.id and not m.fuzzy and (all(m.string) if isinstance(m.string, tuple) else m.string)
    }
    assert template - translated == set()


def test_the_template_is_current(tmp_path: Path) -> None:
    from asan_core.i18n.workflow import Project, extract

    root = Path(__file__).resolve().parent.parent
    copy = tmp_path / "core"
    for name in ("asan_core", "templates", "babel.cfg"):
        source = root / name
        if source.is_dir():
            shutil.copytree(source, copy / name)
        else:
            shutil.copy(source, copy / name)
    (copy / "locales").mkdir()
    extract(Project.at(copy))
    for template in ("messages.pot", "content.pot"):
        fresh = (copy / "locales" / template).read_text(encoding="utf-8")
        assert fresh == (root / "locales" / template).read_text(encoding="utf-8"), (
            f"locales/{template} is stale: run 'asan i18n extract' and 'asan i18n update'"
        )


# -- fallback chains --------------------------------------------------------------------


def write_po(
    folder: Path, locale: str, body: str, plural: str = "nplurals=2; plural=(n != 1);"
) -> None:
    path = folder / locale / "LC_MESSAGES" / "messages.po"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(
        f'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=utf-8\\n"\n'
        f'"Plural-Forms: {plural}\\n"\n\n{body}',
        encoding="utf-8",
    )


def test_an_untranslated_plural_in_fa_af_falls_through_to_fa(tmp_path: Path) -> None:
    # python-babel #697: compiled as is, the empty fa_AF plural would show English.
    write_po(
        tmp_path,
        "fa_AF",
        'msgid "%(n)s file"\nmsgid_plural "%(n)s files"\nmsgstr[0] ""\nmsgstr[1] ""\n',
    )
    write_po(
        tmp_path,
        "fa",
        'msgid "%(n)s file"\nmsgid_plural "%(n)s files"\nmsgstr[0] "%(n)s پرونده"\n'
        'msgstr[1] "%(n)s پرونده"\n',
    )
    chain = build_chain("fa_AF", "fa_AF", [tmp_path], core=False)
    assert chain.ngettext("%(n)s file", "%(n)s files", 3) == "%(n)s پرونده"
    assert chain.fallbacks == {}  # fa is the same language as fa_AF: not a fallback


def test_a_plugin_catalog_overrides_the_core_and_the_chain_ends_in_english(
    tmp_path: Path,
) -> None:
    write_po(tmp_path, "ps_AF", 'msgid "Citizen charter"\nmsgstr "د اتباعو منشور (ولایتي)"\n')
    chain = build_chain("ps_AF", "fa_AF", [tmp_path])
    assert chain.gettext("Citizen charter") == "د اتباعو منشور (ولایتي)"
    assert chain.gettext("A string nobody translated") == "A string nobody translated"
    assert chain.fallbacks == {"A string nobody translated": "en"}


def test_the_default_locale_comes_before_english(tmp_path: Path) -> None:
    write_po(tmp_path, "fa_AF", 'msgid "Only in Dari"\nmsgstr "فقط به دری"\n')
    chain = build_chain("ps_AF", "fa_AF", [tmp_path], core=False)
    assert chain.gettext("Only in Dari") == "فقط به دری"
    assert chain.fallbacks == {"Only in Dari": "fa_AF"}


# -- formatting ----------------------------------------------------------------------


def test_money_in_afn_has_no_decimals_and_persian_digits() -> None:
    fmt = formatter(afghanistan(), "fa_AF")
    assert fmt.money(1234567.5) == "\u200e؋\xa0۱٬۲۳۴٬۵۶۸"
    assert fmt.currency_decimals() == 0


def test_latin_digits_when_the_country_asks_for_them() -> None:
    fmt = formatter(afghanistan(digits="latin"), "fa_AF")
    assert fmt.money(1234567.5) == "\u200e؋\xa01,234,568"
    assert fmt.number(1234.5) == "1,234.5"


def test_numbers_and_percent_follow_the_locale() -> None:
    fmt = formatter(afghanistan(), "fa_AF")
    assert fmt.number(1234.5) == "۱٬۲۳۴٫۵"
    assert fmt.percent(0.985) == "۹۸٪"
    azerbaijan = afghanistan(code="AZ", locales=["az", "ru", "en"], currency="AZN", digits="latin")
    assert formatter(azerbaijan, "az").money(30) == "30,00\xa0₼"
    assert formatter(azerbaijan, "ru").number(1234567.5) == "1\xa0234\xa0567,5"


@pytest.mark.parametrize(
    ("days", "text"),
    [
        (1, "1 рабочий день"),
        (2, "2 рабочих дня"),
        (5, "5 рабочих дней"),
        (21, "21 рабочий день"),
    ],
)
def test_russian_working_days_take_the_right_plural(days: int, text: str) -> None:
    azerbaijan = afghanistan(code="AZ", locales=["az", "ru", "en"], currency="AZN", digits="latin")
    assert formatter(azerbaijan, "ru").working_days(days) == text


def test_working_days_in_dari_use_persian_digits() -> None:
    assert "۵" in formatter(afghanistan(), "fa_AF").working_days(5)


def test_gregorian_dates_get_native_digits() -> None:
    fmt = formatter(afghanistan(calendar="gregorian"), "fa_AF")
    text = fmt.date(dt.date(2019, 3, 1))
    assert "۲۰۱۹" in text and "2019" not in text


def test_weekday_names_and_direction() -> None:
    fmt = formatter(afghanistan(), "fa_AF")
    assert fmt.weekday("sat") == "شنبه"
    assert fmt.direction == "rtl" and fmt.lang == "fa-AF"
    assert formatter(afghanistan(), "en").direction == "ltr"
    assert fmt.isolate("AZ-BA") == "\u2068AZ-BA\u2069"


def test_lists_are_separated_the_way_the_language_writes_them() -> None:
    dari, pashto, english = (formatter(afghanistan(), loc) for loc in ("fa_AF", "ps_AF", "en"))
    assert dari.comma == pashto.comma == "، " and dari.semicolon == "؛ "
    assert english.comma == ", " and english.semicolon == "; "


# -- working days --------------------------------------------------------------------


def test_a_ready_on_date_skips_the_afghan_weekend_and_a_holiday() -> None:
    holiday = Holiday(
        date=dt.date(2025, 3, 22), name={"en": "A declared holiday"}, provenance="illustrative"
    )
    country = afghanistan(holidays=[holiday])
    wednesday = dt.date(2025, 3, 19)
    # Thursday 20 and Friday 21 are the weekend, Saturday 22 the holiday.
    assert not is_working_day(country, dt.date(2025, 3, 20))
    assert ready_on(country, wednesday, 1) == dt.date(2025, 3, 23)
    assert ready_on(country, wednesday, 0) == wednesday
    assert ready_on(country, dt.date(2025, 3, 21), 0) == dt.date(2025, 3, 23)


def test_a_ready_on_date_in_azerbaijan_skips_saturday_and_sunday() -> None:
    country = afghanistan(code="AZ", locales=["az", "en"], currency="AZN")
    friday = dt.date(2025, 3, 21)
    assert ready_on(country, friday, 1) == dt.date(2025, 3, 24)


# -- Jinja2 ----------------------------------------------------------------------------


def test_a_malicious_translation_cannot_inject_script(
    country_plugin: FixturePlugin, tmp_path: Path
) -> None:
    catalogs = country_plugin.package_dir / "locales"
    write_po(
        catalogs,
        "ru",
        'msgid "Citizen charter"\nmsgstr "<script>alert(1)</script>Хартия"\n\n'
        'msgid "Handbook: %(role)s"\nmsgstr "<b>%(role)s</b>"\n',
        plural="nplurals=3; plural=(n%10==1 && n%100!=11 ? 0 : n%10>=2 && n%10<=4 && "
        "(n%100<10 || n%100>=20) ? 1 : 2);",
    )
    host = get_plugin_manager()
    franchise = resolve("UZ", host)
    env = make_environment(LocaleContext(franchise, "ru"))
    page = env.from_string('<h1>{{ _("Citizen charter") }}</h1>').render()
    assert page == "<h1>&lt;script&gt;alert(1)&lt;/script&gt;Хартия</h1>"
    role = env.from_string('{{ _("Handbook: %(role)s", role="<i>x</i>") }}').render()
    assert role == "&lt;b&gt;&lt;i&gt;x&lt;/i&gt;&lt;/b&gt;"


def test_every_page_knows_its_language_and_direction(country_plugin: FixturePlugin) -> None:
    host = get_plugin_manager()
    franchise = resolve("UZ", host)
    env = make_environment(LocaleContext(franchise, "ru"))
    html = env.from_string('<html lang="{{ lang }}" dir="{{ dir }}">{{ 30|money }}</html>').render()
    assert html.startswith('<html lang="ru" dir="ltr">')
    assert "сўм" in html or "UZS" in html


# -- coverage and the workflow commands ----------------------------------------------------


def test_stats_report_missing_translations_and_strict_fails(country_plugin: FixturePlugin) -> None:
    result = run_cli("i18n", "stats", "UZ", "--json")
    assert result.exit_code == 0, result.output
    import json

    by_locale = {entry["locale"]: entry for entry in json.loads(result.stdout)["locales"]}
    uz = by_locale["uz"]
    assert uz["catalog"]["translated"] == 0  # the core has no Uzbek catalog yet
    assert uz["catalog"]["total"] == len(uz["catalog"]["missing"]) > 0
    assert uz["data"]["translated"] < uz["data"]["total"]  # principles have no Uzbek text
    assert by_locale["ru"]["catalog"]["missing"] == []
    strict = run_cli("i18n", "stats", "UZ", "--strict")
    assert strict.exit_code == 1
    assert "missing translations" in strict.stdout


def test_extract_update_and_compile_work_on_a_plugin_folder(tmp_path: Path) -> None:
    plugin = tmp_path / "asan-xx"
    package = plugin / "asan_xx"
    (package / "templates" / "kit").mkdir(parents=True)
    (package / "__init__.py").write_text(
        'from asan_core.i18n.catalogs import N_\n\nGREETING = N_("Welcome to the centre")\n'
    )
    (package / "templates" / "kit" / "extra.html").write_text(
        "<p>{% trans %}Bring your ID card{% endtrans %}</p>\n"
    )
    assert run_cli("i18n", "extract", "--project", str(plugin)).exit_code == 0
    pot = (package / "locales" / "messages.pot").read_text()
    assert 'msgid "Welcome to the centre"' in pot and 'msgid "Bring your ID card"' in pot
    update = run_cli("i18n", "update", "--project", str(plugin), "--locale", "uz")
    assert update.exit_code == 0, update.output
    po = package / "locales" / "uz" / "LC_MESSAGES" / "messages.po"
    po.write_text(
        po.read_text().replace(
            'msgid "Welcome to the centre"\nmsgstr ""',
            'msgid "Welcome to the centre"\nmsgstr "Xush kelibsiz"',
        )
    )
    assert run_cli("i18n", "compile", "--project", str(plugin)).exit_code == 0
    assert po.with_suffix(".mo").is_file()
    bad = run_cli("i18n", "update", "--project", str(plugin), "--locale", "zz")
    assert bad.exit_code == 2 and "'zz' is not a locale Babel knows" in bad.stderr


def test_update_leaves_catalogs_that_have_nothing_new_untouched(tmp_path: Path) -> None:
    plugin = tmp_path / "asan-xx"
    package = plugin / "asan_xx"
    package.mkdir(parents=True)
    (package / "__init__.py").write_text(
        'from asan_core.i18n.catalogs import N_\n\nGREETING = N_("Welcome to the centre")\n'
    )
    assert run_cli("i18n", "extract", "--project", str(plugin)).exit_code == 0
    first = run_cli("i18n", "update", "--project", str(plugin), "--locale", "uz")
    assert "updated" in first.stdout
    uz = package / "locales" / "uz" / "LC_MESSAGES" / "messages.po"
    before = uz.stat().st_mtime_ns
    second = run_cli("i18n", "update", "--project", str(plugin), "--locale", "ru")
    assert "locales/ru/" in second.stdout.replace("\\", "/")
    assert "locales/uz/" not in second.stdout.replace("\\", "/")
    assert uz.stat().st_mtime_ns == before
    third = run_cli("i18n", "update", "--project", str(plugin))
    assert "every catalog is up to date" in third.stdout
