"""Locale negotiation: what people type, mapped to a country's declared locales."""

from __future__ import annotations

import pytest

from asan_core.base.problems import ProblemsError
from asan_core.i18n.negotiation import negotiate_locale
from asan_core.model import Country

AFGHANISTAN = Country.model_validate(
    {
        "code": "AF",
        "name": {"en": "Afghanistan"},
        "locales": ["fa_AF", "ps_AF", "en"],
        "currency": "AFN",
        "operating_model": "one_stop_staff",
        "brand": {"en": "Asan Khedmat"},
        "provenance": "illustrative",
    }
)
AZERBAIJAN = AFGHANISTAN.model_copy(
    update={"code": "AZ", "locales": ("az", "ru", "en"), "default_locale": "az"}
)


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("fa_AF", "fa_AF"),
        ("prs", "fa_AF"),
        ("dari", "fa_AF"),
        ("Dari", "fa_AF"),
        ("fa-AF", "fa_AF"),
        ("fa", "fa_AF"),
        ("ps", "ps_AF"),
        ("pashto", "ps_AF"),
        ("en_GB", "en"),
    ],
)
def test_what_people_type_resolves_to_an_afghan_locale(typed: str, expected: str) -> None:
    assert negotiate_locale(typed, AFGHANISTAN) == expected


@pytest.mark.parametrize(
    ("typed", "expected"), [("az_AZ", "az"), ("az-Latn-AZ", "az"), ("RU", "ru")]
)
def test_what_people_type_resolves_to_an_azerbaijani_locale(typed: str, expected: str) -> None:
    assert negotiate_locale(typed, AZERBAIJAN) == expected


@pytest.mark.parametrize("typed", ["ru", "klingon", "zz", ""])
def test_an_undeclared_or_unknown_locale_lists_the_country_locales(typed: str) -> None:
    with pytest.raises(ProblemsError) as caught:
        negotiate_locale(typed, AFGHANISTAN)
    (problem,) = caught.value.problems
    assert problem.message == f"AF does not publish in {typed!r}"
    assert "fa_AF, ps_AF, en" in (problem.hint or "")
