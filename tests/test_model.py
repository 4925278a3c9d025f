"""The data model: defaults from CLDR, provenance rules, localized text lookup."""

from __future__ import annotations

from typing import Any

import pytest
from pydantic import ValidationError

from asan_core.model import Country, Provenance, WorkingWeek, locale_chain, pick_text


def country(**changes: Any) -> Country:
    data: dict[str, Any] = {
        "code": "AF",
        "name": {"en": "Afghanistan"},
        "locales": ["fa_AF", "ps_AF", "en"],
        "currency": "AFN",
        "operating_model": "one_stop_staff",
        "brand": {"en": "Asan Khedmat"},
        "provenance": "illustrative",
    }
    data.update(changes)
    return Country.model_validate(data)


def test_the_working_week_defaults_to_cldr_for_the_country() -> None:
    assert country().week == WorkingWeek(first_day="sat", weekend=("thu", "fri"))
    azerbaijan = country(code="AZ", locales=["az", "ru", "en"], currency="AZN")
    assert azerbaijan.week == WorkingWeek(first_day="mon", weekend=("sat", "sun"))


def test_a_declared_working_week_overrides_cldr() -> None:
    week = {"first_day": "sun", "weekend": ["fri", "sat"]}
    assert country(working_week=week).week.weekend == ("fri", "sat")


def test_the_default_locale_is_the_first_declared() -> None:
    assert country().primary_locale == "fa_AF"
    assert country(default_locale="ps_AF").primary_locale == "ps_AF"


def test_a_default_locale_outside_the_declared_ones_is_rejected() -> None:
    with pytest.raises(ValidationError, match="default_locale 'ru' is not one of locales"):
        country(default_locale="ru")


def test_locales_are_normalised_to_babel_spelling() -> None:
    assert country(locales=["fa-af", "ps_AF"]).locales == ("fa_AF", "ps_AF")


def test_a_model_is_frozen_and_forbids_unknown_fields() -> None:
    afghanistan = country()
    with pytest.raises(ValidationError):
        afghanistan.code = "AZ"  # type: ignore[misc]
    with pytest.raises(ValidationError, match="Extra inputs are not permitted"):
        country(colour="green")


def test_provenance_shorthands() -> None:
    assert Provenance.model_validate("illustrative").illustrative is True
    assert Provenance.model_validate("Decree No. 685").source == "Decree No. 685"
    with pytest.raises(ValidationError, match="give a source"):
        Provenance.model_validate({"note": "who knows"})
    with pytest.raises(ValidationError, match="already illustrative"):
        Provenance.model_validate({"illustrative": True, "illustrative_fields": ["counters"]})


def test_text_falls_back_from_variant_to_language_to_default_to_english() -> None:
    assert locale_chain("fa_AF", "fa_AF") == ["fa_AF", "fa", "en"]
    assert locale_chain("ps_AF", "fa_AF") == ["ps_AF", "ps", "fa_AF", "fa", "en"]
    text = {"fa": "خدمت", "en": "Service"}
    assert pick_text(text, "fa_AF", "fa_AF") == ("خدمت", "fa")
    assert pick_text(text, "ps_AF", "fa_AF") == ("خدمت", "fa")
    assert pick_text({"en": "Service"}, "ru", "az") == ("Service", "en")


def test_iso_3166_2_areas_are_pycountrys_own() -> None:
    # The core reads pycountry's database file itself (its loader is slow): every code,
    # country, parent and name must still be pycountry's, and lookups ignore case.
    import pycountry

    from asan_core.model.iso import subdivision, subdivisions, top_level_area

    theirs = list(pycountry.subdivisions)
    assert len(theirs) > 5000
    for sub in theirs:
        ours = subdivision(sub.code)
        assert ours is not None
        assert (ours.code, ours.country_code, ours.parent_code, ours.name) == (
            sub.code,
            sub.country_code,
            sub.parent_code,
            sub.name,
        )
    for code in ("AF", "AZ", "UZ", "FR"):
        expected = sorted(s.code for s in pycountry.subdivisions.get(country_code=code))
        assert sorted(s.code for s in subdivisions(code)) == expected
    assert subdivision("af-kab") == subdivision("AF-KAB")
    assert subdivision("AF-XXX") is None and subdivisions("XX") == []
    assert top_level_area("AZ-BAB") == "AZ-NX"


def test_iso_3166_1_codes_are_pycountrys_own_in_upper_case() -> None:
    # The core reads pycountry's country list itself too (pycountry is not imported by a
    # check or a build): every alpha-2 code is a country, in upper case only.
    import pycountry

    from asan_core.model.iso import is_country_code

    codes = {country.alpha_2 for country in pycountry.countries}
    assert len(codes) > 240
    assert all(is_country_code(code) for code in codes)
    assert not any(is_country_code(code.lower()) for code in codes)
    letters = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
    others = {a + b for a in letters for b in letters} - codes
    assert not any(is_country_code(code) for code in others)
