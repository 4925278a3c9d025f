"""Afghanistan, Asan Khedmat: what the plugin's data and calendar must say.

Each test states one fact (of the source article, of CLDR, of the Solar Hijri calendar)
or one rule of data honesty, and checks it through the public surface:
``asan_core.franchise.resolve.resolve``, the ``asan_format_date`` hook, the calendar functions of
``asan_afghanistan.calendar`` and the ``asan`` CLI. Run with ``pytest plugins/afghanistan``.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Iterator
from typing import Any

import pytest
from asan_afghanistan.calendar import (
    DARI_MONTHS,
    PASHTO_MONTHS,
    SolarHijriDate,
    format_solar_hijri,
    from_solar_hijri,
    month_name,
    to_native_digits,
    to_solar_hijri,
)
from pydantic import BaseModel
from typer.testing import CliRunner

from asan_core.cli.app import app
from asan_core.contract.franchise import Franchise
from asan_core.contract.host import PluginHost, get_plugin_manager
from asan_core.franchise import resolve
from asan_core.model import (
    AgencyKind,
    DigitStyle,
    Feature,
    OperatingModel,
    Sourced,
    localized_fields,
)

LOCALES = ("fa_AF", "ps_AF", "en")

PASHTO_ONLY_LETTERS = set("ټډړږښګڼۍېځڅ")
"""Letters of Pashto that Dari does not use."""

CENTRE_AREAS = {"kabul": "AF-KAB", "kandahar": "AF-KAN", "khost": "AF-KHO"}
"""The centres public sources name, and their provinces (ISO 3166-2)."""

SUPPORT_AREAS = (
    "Access to software solutions",
    "Exchange of strategic and legal documents",
    "Support on organisational structure",
    "Exchange of training programmes and methodology",
    "Access to ASAN's training facilities while the partner develops its own",
)
"""What ASAN provides under the 2016 memorandum (source article), in its order."""


@pytest.fixture(scope="module")
def host() -> Iterator[PluginHost]:
    """The plugin host with this plugin alone (other plugins may be mid-edit)."""
    with pytest.MonkeyPatch.context() as mp:
        mp.delenv("ASAN_DISABLE_PLUGIN_AUTOLOAD", raising=False)
        mp.delenv("ASAN_EXTRA_PLUGINS", raising=False)
        mp.setenv("ASAN_LOAD_PLUGINS", "asan_afghanistan")
        yield get_plugin_manager()


@pytest.fixture(scope="module")
def af(host: PluginHost) -> Franchise:
    """Afghanistan, resolved."""
    return resolve("AF", host)


@pytest.fixture
def cli(monkeypatch: pytest.MonkeyPatch) -> Any:
    """Run ``asan ARGS`` in-process with this plugin alone; return the result."""
    monkeypatch.delenv("ASAN_DISABLE_PLUGIN_AUTOLOAD", raising=False)
    monkeypatch.delenv("ASAN_EXTRA_PLUGINS", raising=False)
    monkeypatch.setenv("ASAN_LOAD_PLUGINS", "asan_afghanistan")

    def run(*args: str) -> Any:
        return CliRunner().invoke(app, list(args), catch_exceptions=False)

    return run


def published(af: Franchise) -> list[BaseModel]:
    """Every record whose texts citizens read."""
    return [
        af.country,
        *af.principles,
        *af.agencies,
        *af.services,
        *af.centres,
        *af.legal_resources,
    ]


def format_date(host: PluginHost, af: Franchise, day: dt.date, locale: str, style: str) -> str:
    """A date as the ``asan_format_date`` hook formats it for Afghanistan."""
    text = host.manager.hook.asan_format_date(
        country=af.country, date=day, locale=locale, style=style
    )
    assert isinstance(text, str)
    return text


# --- The country ---------------------------------------------------------------------------


def test_afghanistan_publishes_in_dari_pashto_and_english_dari_first(af: Franchise) -> None:
    assert af.country.locales == LOCALES
    assert af.country.primary_locale == "fa_AF"
    assert af.owner == "asan_afghanistan"


def test_the_country_is_named_in_its_three_languages(af: Franchise) -> None:
    assert af.country.name == {"fa_AF": "افغانستان", "ps_AF": "افغانستان", "en": "Afghanistan"}


def test_money_is_in_afghani_and_dates_in_the_solar_hijri_calendar(af: Franchise) -> None:
    assert af.country.currency == "AFN"
    assert af.country.calendar == "solar_hijri"
    assert af.country.digits is DigitStyle.NATIVE


def test_the_week_starts_on_saturday_and_the_weekend_is_thursday_and_friday(
    af: Franchise,
) -> None:
    assert af.country.week.first_day == "sat"
    assert af.country.week.weekend == ("thu", "fri")
    assert af.country.week.is_weekend(dt.date(2025, 3, 21))  # a Friday
    assert not af.country.week.is_weekend(dt.date(2025, 3, 22))  # a Saturday


def test_the_brand_is_asan_khedmat_with_the_pashto_spelling_without_madda(
    af: Franchise,
) -> None:
    assert af.country.brand == {
        "fa_AF": "آسان خدمت",
        "ps_AF": "اسان خدمت",
        "en": "Asan Khedmat",
    }


def test_the_operating_model_is_a_choice_marked_illustrative(af: Franchise) -> None:
    assert af.country.operating_model is OperatingModel.AGENCY_FRONT_OFFICE
    provenance = af.country.provenance
    assert provenance.source and "Asan Khedmat" in provenance.source
    assert {"operating_model", "brand"} <= set(provenance.illustrative_fields)


def test_no_service_standard_is_invented(af: Franchise) -> None:
    assert af.country.max_processing_days is None


def test_holidays_are_yearly_solar_hijri_days_expanded_for_the_published_years(
    af: Franchise,
) -> None:
    named = {"Nowruz (1 Hamal)": (1, 1), "Independence Day (28 Asad)": (5, 28)}
    assert [(h.yearly.month, h.yearly.day) for h in af.country.holidays if h.yearly] == [
        (1, 1),
        (5, 28),
    ]
    assert [h.date.isoformat() for h in af.holidays] == [
        "2025-03-21",
        "2025-08-19",
        "2026-03-21",
        "2026-08-19",
    ]
    for holiday in af.holidays:
        assert holiday.provenance.illustrative, holiday.date
        assert holiday.provenance.note and "confirm" in holiday.provenance.note
        assert set(holiday.name) == set(LOCALES)
        solar = to_solar_hijri(holiday.date)
        assert (solar.month, solar.day) == named[holiday.name["en"]], holiday.date


def test_the_partnership_is_the_2016_memorandum_with_azerbaijan(af: Franchise) -> None:
    partnership = af.country.partnership
    assert partnership is not None
    assert partnership.partner == "AZ"
    assert partnership.signed == 2016
    assert partnership.instrument["en"] == "Memorandum of understanding"
    assert partnership.instrument["fa_AF"] == "تفاهم‌نامه"
    assert partnership.provenance.source and "2016" in partnership.provenance.source


def test_the_partnership_lists_the_memorandums_five_support_areas_in_three_languages(
    af: Franchise,
) -> None:
    partnership = af.country.partnership
    assert partnership is not None
    assert tuple(area["en"] for area in partnership.support_areas) == SUPPORT_AREAS
    for area in partnership.support_areas:
        assert set(area) == set(LOCALES), area["en"]


# --- The principles -------------------------------------------------------------------------


def test_politeness_is_adapted_as_gentleness_without_forking_the_core(af: Franchise) -> None:
    [change] = af.principle_changes
    assert (change.id, change.action) == ("politeness", "adapt")
    gentleness = next(p for p in af.principles if p.id == "politeness")
    assert gentleness.name == {"fa_AF": "ملایمت", "ps_AF": "نرمي", "en": "Gentleness"}
    assert set(gentleness.definition) == set(LOCALES)
    assert set(change.reason) == set(LOCALES)


def test_the_other_five_principles_of_the_model_are_kept_including_ethics(
    af: Franchise,
) -> None:
    assert [p.id for p in af.principles] == [
        "efficiency",
        "transparency",
        "politeness",
        "responsibility",
        "ethics",
        "comfort",
    ]


def test_only_the_english_word_gentleness_is_sourced(af: Franchise) -> None:
    gentleness = next(p for p in af.principles if p.id == "politeness")
    assert gentleness.provenance.source
    assert set(gentleness.provenance.illustrative_fields) == {"name", "definition"}


# --- The centres ----------------------------------------------------------------------------


def test_the_centres_are_kabul_kandahar_and_khost(af: Franchise) -> None:
    assert {c.id: c.area for c in af.centres} == CENTRE_AREAS


def test_each_centre_is_named_in_every_language(af: Franchise) -> None:
    for centre in af.centres:
        assert set(centre.name) == set(LOCALES), centre.id
        assert centre.city is not None and set(centre.city) == set(LOCALES), centre.id
    assert af.centre("kabul").name["fa_AF"] == "مرکز آسان خدمت کابل"
    assert af.centre("kabul").name["ps_AF"] == "د کابل د اسان خدمت مرکز"


def test_no_address_and_no_invented_opening_day(af: Franchise) -> None:
    # The article says "mid-January 2019" for Kabul: not a day.
    for centre in af.centres:
        assert centre.address is None, centre.id
        assert centre.opened is None, centre.id


def test_centre_details_beyond_their_existence_are_marked_illustrative(af: Franchise) -> None:
    for centre in af.centres:
        provenance = centre.provenance
        assert provenance.source, centre.id
        marked = set(provenance.illustrative_fields)
        assert {"agencies", "features"} <= marked, centre.id
        assert ("all_services" if centre.all_services else "services") in marked, centre.id
        for field in ("opening_hours", "volunteers", "counters"):
            if getattr(centre, field):
                assert field in marked, (centre.id, field)


def test_each_centre_has_the_information_desk_and_electronic_queue_of_the_model(
    af: Franchise,
) -> None:
    for centre in af.centres:
        assert {Feature.INFORMATION_DESK, Feature.E_QUEUE} <= set(centre.features), centre.id


def test_each_centre_hosts_agencies_and_offers_at_least_twelve_services(
    af: Franchise,
) -> None:
    for centre in af.centres:
        assert {"nsia", "moia"} <= set(centre.agencies), centre.id
        assert len(af.services_at(centre)) >= 12, centre.id


# --- Agencies and coverage ------------------------------------------------------------------


def test_every_agency_mapping_is_illustrative(af: Franchise) -> None:
    for agency in af.agencies:
        assert agency.provenance.illustrative, agency.id
        assert agency.provenance.note, agency.id
        assert set(agency.name) == set(LOCALES), agency.id


def test_the_ministries_have_provincial_divisions_in_every_province(af: Franchise) -> None:
    for agency in af.agencies:
        if agency.kind is AgencyKind.MUNICIPALITY:
            continue
        assert any(d.whole_country for d in agency.divisions), agency.id


def test_all_34_provinces_are_served_by_a_centre_or_a_fallback_division(
    af: Franchise,
) -> None:
    assert len(af.area_coverage) == 34
    assert all(a.centres or a.divisions for a in af.area_coverage)
    by_centre = {a.area for a in af.area_coverage if a.served_by_centre}
    assert by_centre == set(CENTRE_AREAS.values())


# --- Services -------------------------------------------------------------------------------


def test_at_least_twelve_services_of_the_asan_catalogue(af: Franchise) -> None:
    ids = {s.id for s in af.services}
    assert len(ids) >= 12
    assert {
        "e-tazkira",
        "passport",
        "criminal-record-certificate",
        "birth-registration",
        "marriage-registration",
        "death-registration",
        "notarial-certification",
        "driving-licence",
        "business-licence",
        "vehicle-registration",
        "electricity-connection",
    } <= ids


def test_the_e_tazkira_is_issued_by_the_statistics_and_information_authority(
    af: Franchise,
) -> None:
    service = af.service("e-tazkira")
    assert service.agency == "nsia"
    assert af.agency("nsia").name["en"] == "National Statistics and Information Authority"


def test_every_service_is_illustrative_and_says_what_to_confirm(af: Franchise) -> None:
    for service in af.services:
        assert service.provenance.illustrative, service.id
        assert service.provenance.note and "confirm" in service.provenance.note, service.id


def test_every_fee_is_in_afghani_and_a_placeholder(af: Franchise) -> None:
    for service in af.services:
        for cost in service.costs:
            assert cost.currency == "AFN", service.id
            assert cost.provenance.illustrative, service.id


def test_no_legal_citation_is_invented(af: Franchise) -> None:
    assert all(not s.legal_basis for s in af.services)


def test_every_published_text_is_in_dari_pashto_and_english(af: Franchise) -> None:
    for record in published(af):
        for path, text in localized_fields(record):
            assert set(text) == set(LOCALES), (record, path)


def test_dari_and_pashto_are_written_in_their_own_script_and_are_not_copies(
    af: Franchise,
) -> None:
    differ = 0
    for service in af.services:
        for field in (service.title, service.description):
            assert re.search(r"[\u0600-\u06ff]", field["fa_AF"]), service.id
            assert re.search(r"[\u0600-\u06ff]", field["ps_AF"]), service.id
            differ += field["fa_AF"] != field["ps_AF"]
    assert differ == 2 * len(af.services)


def test_pashto_uses_pashto_letters_and_dari_does_not(af: Franchise) -> None:
    for record in published(af):
        for path, text in localized_fields(record):
            pashto, dari = text.get("ps_AF", ""), text.get("fa_AF", "")
            # Pashto g is ګ; Arabic kaf and yeh with hamza-less forms are not used.
            assert "گ" not in pashto and "ك" not in pashto, (record, path, pashto)
            assert "ك" not in dari and "ي" not in dari, (record, path, dari)
            assert not PASHTO_ONLY_LETTERS & set(dari), (record, path, dari)


def test_no_phone_number_anywhere(af: Franchise) -> None:
    for record in published(af):
        for path, text in localized_fields(record):
            for value in text.values():
                ascii_digits = to_latin(value)
                assert not re.search(r"\d{3}[\s-]?\d{3}", ascii_digits), (record, path, value)


def to_latin(text: str) -> str:
    """Persian digits written as ASCII digits."""
    return text.translate(str.maketrans("۰۱۲۳۴۵۶۷۸۹", "0123456789"))


# --- Legal resources ------------------------------------------------------------------------


def test_the_memorandum_is_listed_by_title_only(af: Franchise) -> None:
    [mou] = af.legal_resources
    assert mou.id == "mou-2016"
    assert mou.number is None and mou.date is None and mou.url is None
    assert mou.provenance.source and "2016" in mou.provenance.source
    assert set(mou.title) == set(LOCALES)


def test_sourced_records_say_where_they_come_from(af: Franchise) -> None:
    for item in af.sourced_records():
        record: Sourced = item.record
        assert record.provenance.source or record.provenance.illustrative, item.name


# --- The calendar ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("day", "solar"),
    [
        (dt.date(2019, 3, 1), SolarHijriDate(1397, 12, 10)),  # the month Kabul opened in
        (dt.date(2025, 3, 20), SolarHijriDate(1403, 12, 30)),  # last day of a leap year
        (dt.date(2025, 3, 21), SolarHijriDate(1404, 1, 1)),  # Nowruz
        (dt.date(2025, 8, 19), SolarHijriDate(1404, 5, 28)),  # Independence Day
    ],
)
def test_gregorian_dates_convert_to_the_solar_hijri_calendar(
    day: dt.date, solar: SolarHijriDate
) -> None:
    assert to_solar_hijri(day) == solar
    assert solar.to_gregorian() == day
    assert from_solar_hijri(solar.year, solar.month, solar.day) == day


def test_conversion_round_trips_for_every_day_of_several_years() -> None:
    day = dt.date(2018, 1, 1)
    while day < dt.date(2028, 1, 1):
        solar = to_solar_hijri(day)
        assert solar.to_gregorian() == day
        day += dt.timedelta(days=1)


def test_a_datetime_converts_by_its_date() -> None:
    assert to_solar_hijri(dt.datetime(2025, 3, 21, 23, 59)) == SolarHijriDate(1404, 1, 1)


def test_a_day_that_does_not_exist_is_refused() -> None:
    with pytest.raises(ValueError, match="not a Solar Hijri date"):
        from_solar_hijri(1404, 13, 1)


def test_the_afghan_month_names_in_dari_and_pashto() -> None:
    assert DARI_MONTHS == (
        "حمل",
        "ثور",
        "جوزا",
        "سرطان",
        "اسد",
        "سنبله",
        "میزان",
        "عقرب",
        "قوس",
        "جدی",
        "دلو",
        "حوت",
    )
    assert PASHTO_MONTHS == (
        "وری",
        "غویی",
        "غبرګولی",
        "چنګاښ",
        "زمری",
        "وږی",
        "تله",
        "لړم",
        "لیندۍ",
        "مرغومی",
        "سلواغه",
        "کب",
    )


def test_pashto_month_names_use_pashto_letters() -> None:
    joined = "".join(PASHTO_MONTHS)
    assert "گ" not in joined  # Persian gaf: Pashto writes ګ
    assert "ي" not in joined  # the -ay ending is ی, not Arabic yeh
    assert {"ګ", "ښ", "ږ", "ړ", "ۍ"} <= set(joined)


def test_month_names_by_locale() -> None:
    assert month_name(12, "fa_AF") == "حوت"
    assert month_name(12, "ps_AF") == "کب"
    assert month_name(1, "ps-AF") == "وری"
    assert month_name(12, "en") == "Hut"
    with pytest.raises(ValueError):
        month_name(13, "fa_AF")
    with pytest.raises(ValueError, match="no Afghan month names"):
        month_name(1, "ru")


def test_long_and_medium_dates_are_day_month_year_in_persian_digits() -> None:
    day = dt.date(2019, 3, 1)
    assert format_solar_hijri(day, "fa_AF", "long") == "۱۰ حوت ۱۳۹۷"
    assert format_solar_hijri(day, "fa_AF", "medium") == "۱۰ حوت ۱۳۹۷"
    assert format_solar_hijri(day, "ps_AF", "long") == "۱۰ کب ۱۳۹۷"


def test_short_dates_are_year_month_day() -> None:
    assert format_solar_hijri(dt.date(2019, 3, 1), "fa_AF", "short") == "۱۳۹۷/۱۲/۱۰"
    assert format_solar_hijri(dt.date(2025, 3, 21), "ps_AF", "short") == "۱۴۰۴/۱/۱"


def test_latin_digits_when_asked() -> None:
    day = dt.date(2025, 3, 20)
    assert format_solar_hijri(day, "fa_AF", "long", native_digits=False) == "30 حوت 1403"
    assert format_solar_hijri(day, "en", "long", native_digits=False) == "30 Hut 1403"


def test_an_unknown_style_is_refused() -> None:
    with pytest.raises(ValueError, match="unknown date style"):
        format_solar_hijri(dt.date(2025, 3, 21), "fa_AF", "tiny")


def test_native_digits_are_persian_for_dari_and_pashto_only() -> None:
    assert to_native_digits("1397/12/10", "fa_AF") == "۱۳۹۷/۱۲/۱۰"
    assert to_native_digits("0123456789", "ps_AF") == "۰۱۲۳۴۵۶۷۸۹"
    assert to_native_digits("1397", "en") == "1397"


# --- The calendar hook ----------------------------------------------------------------------


def test_the_plugin_provides_the_solar_hijri_calendar(host: PluginHost) -> None:
    calendars = {c for answer in host.manager.hook.asan_calendars() for c in answer}
    assert {"gregorian", "solar_hijri"} <= calendars


def test_dates_are_solar_hijri_in_dari_and_pashto(host: PluginHost, af: Franchise) -> None:
    day = dt.date(2019, 3, 1)
    assert format_date(host, af, day, "fa_AF", "long") == "۱۰ حوت ۱۳۹۷"
    assert format_date(host, af, day, "ps_AF", "long") == "۱۰ کب ۱۳۹۷"
    assert format_date(host, af, day, "fa_AF", "short") == "۱۳۹۷/۱۲/۱۰"
    assert format_date(host, af, dt.date(2025, 3, 21), "fa_AF", "long") == "۱ حمل ۱۴۰۴"


def test_english_falls_back_to_the_gregorian_calendar(host: PluginHost, af: Franchise) -> None:
    assert format_date(host, af, dt.date(2019, 3, 1), "en", "long") == "March 1, 2019"


def test_latin_digits_when_the_country_asks_for_them(host: PluginHost, af: Franchise) -> None:
    latin = af.country.model_copy(update={"digits": DigitStyle.LATIN})
    text = host.manager.hook.asan_format_date(
        country=latin, date=dt.date(2019, 3, 1), locale="fa_AF", style="long"
    )
    assert text == "10 حوت 1397"


def test_a_gregorian_country_is_left_to_the_core(host: PluginHost, af: Franchise) -> None:
    gregorian = af.country.model_copy(update={"calendar": "gregorian"})
    text = host.manager.hook.asan_format_date(
        country=gregorian, date=dt.date(2019, 3, 1), locale="fa_AF", style="long"
    )
    assert "حوت" not in text and "2019" in to_latin(text)


# --- The command line -----------------------------------------------------------------------


def test_asan_services_lists_the_services_in_dari(cli: Any) -> None:
    result = cli("services", "AF", "--locale", "fa_AF", "--json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    titles = {s["id"]: s["title"] for s in data["services"]}
    assert titles["e-tazkira"] == "صدور تذکرهٔ الکترونیکی"
    assert titles["passport"] == "صدور پاسپورت عادی"


def test_asan_check_finds_no_errors_and_shows_the_adapted_principle(cli: Any) -> None:
    result = cli("check", "AF", "--format", "json")
    assert result.exit_code == 0, result.output
    report = json.loads(result.stdout)
    assert report["summary"]["error"] == 0
    assert report["illustrative"] > 0
    politeness = next(p for p in report["principles"] if p["id"] == "politeness")
    assert politeness["name"] == "Gentleness"
