"""The plan of a new country: every answer checked and everything derived from them."""

from __future__ import annotations

import difflib
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from functools import lru_cache
from typing import Any, TypeVar

import pycountry
from babel import Locale, localedata
from babel.numbers import is_currency

from asan_core.base.problems import Problem, ProblemsError
from asan_core.base.version import __version__
from asan_core.franchise import installed_calendars
from asan_core.model import SOURCE_LOCALE, DigitStyle, OperatingModel, is_subdivision_of
from asan_core.model.common import check_locale_identifier
from asan_core.new_country.places import (
    AreaMatch,
    country_suggestions,
    english_name,
    find_country_code,
    match_area,
    slugify,
    subdivisions_of,
    territory_currency,
)

ANSWERS: dict[str, str] = {
    "country": "the country: its English name or ISO 3166-1 code (UZ, PK)",
    "brand": "the brand name of the centres (e.g. ASAN xidmət)",
    "languages": "Babel locales separated by commas, the first being the default (uz, ru, en)",
    "currency": "ISO 4217 code; empty for the country's currency in CLDR",
    "calendar": "gregorian, or the id of the country's calendar (solar_hijri, ethiopian); its "
    "plugin may be installed later",
    "digits": "latin or native",
    "operating_model": "agency_front_office or one_stop_staff",
    "first_centre_city": "the city of the first centre",
    "first_centre_area": "ISO 3166-2 code of its area; empty to derive it from the city",
}
"""Every answer the template asks for, and what it expects."""


@dataclass(frozen=True)
class NewCountry:
    """What the answers amount to, checked: everything the template writes comes from here."""

    code: str
    slug: str
    locales: tuple[str, ...]
    currency: str
    calendar: str
    calendar_distribution: str | None
    """The distribution that provides a non-core calendar (a dependency of the project)."""
    calendar_installed: bool
    """False when no installed plugin provides the calendar yet (recorded; see summary)."""
    digits: DigitStyle
    operating_model: OperatingModel
    brand: str
    city: str
    area: AreaMatch

    @property
    def package(self) -> str:
        """The import package: ``asan_uzbekistan``."""
        return f"asan_{self.slug}"

    @property
    def distribution(self) -> str:
        """The distribution (and project folder): ``asan-uzbekistan``."""
        return f"asan-{self.slug.replace('_', '-')}"

    @property
    def english_name(self) -> str:
        """``Uzbekistan``."""
        return english_name(self.code)

    @property
    def default_locale(self) -> str:
        """The first declared locale."""
        return self.locales[0]

    @property
    def text_locales(self) -> tuple[str, ...]:
        """The keys of every text: the declared locales, and English (the source, kept as
        the end of every fallback chain and the translators' reference)."""
        extra = () if SOURCE_LOCALE in self.locales else (SOURCE_LOCALE,)
        return (*self.locales, *extra)

    @property
    def placeholder_locales(self) -> tuple[str, ...]:
        """Declared locales whose starting text is the English text, awaiting translation."""
        return tuple(loc for loc in self.locales if loc.split("_")[0] != SOURCE_LOCALE)

    @property
    def right_to_left(self) -> tuple[str, ...]:
        """Declared locales written right to left."""
        return tuple(
            loc for loc in self.locales if Locale.parse(loc).character_order == "right-to-left"
        )

    @property
    def dependencies(self) -> tuple[str, ...]:
        """The project's requirements: asan-sdk, and the calendar's plugin if needed."""
        extra = (self.calendar_distribution,) if self.calendar_distribution else ()
        return (f"asan-sdk>={__version__},<1", *extra)

    @property
    def first_centre_id(self) -> str:
        """The first centre's record id, from its city: ``tashkent``."""
        return slugify(self.city, "-") or "first-centre"

    def name_in(self, locale: str) -> str:
        """The country's name in ``locale`` (CLDR), e.g. ``Oʻzbekiston`` in ``uz``."""
        return str(Locale.parse(locale).territories.get(self.code) or self.english_name)

    def language_name(self, locale: str) -> str:
        """``uz`` → ``oʻzbek (Uzbek)``: the language's own name, then its English name."""
        parsed = Locale.parse(locale)
        own = parsed.get_display_name(locale) or locale
        english = parsed.get_display_name("en") or locale
        return own if own == english else f"{own} ({english})"


def answer_of(answers: Mapping[str, Any], key: str) -> str:
    """The answer to ``key`` as stripped text (a list is joined; missing is empty)."""
    value = answers.get(key)
    if isinstance(value, list | tuple):
        return ", ".join(str(v) for v in value)
    return "" if value is None else str(value).strip()


def split_languages(value: str) -> list[str]:
    """``"uz, ru en"`` → ``["uz", "ru", "en"]``."""
    return [part for part in re.split(r"[,\s]+", value) if part]


def plan_country(
    answers: Mapping[str, Any], calendars: Mapping[str, str | None] | None = None
) -> NewCountry:
    """Check the answers and derive the new country from them.

    :param answers: the template's answers (keys of :data:`ANSWERS`; ``_`` keys are ignored).
    :param calendars: calendar ids and their distributions; the installed plugins' when
        ``None`` (looked up only for a calendar other than gregorian).
    :raises ProblemsError: every wrong answer, each saying what, why, and how to fix it.
    """
    problems: list[Problem] = []

    def wrong(key: str, message: str, hint: str) -> None:
        problems.append(Problem(message, field=key, hint=hint))

    raw_country = answer_of(answers, "country")
    code = find_country_code(raw_country)
    if code is None:
        close = country_suggestions(raw_country)
        wrong(
            "country",
            f"{raw_country!r} is not a country in ISO 3166-1: asan-sdk takes a country's "
            "areas, currency and working week from its ISO code",
            (f"did you mean {' or '.join(close)}? " if close else "")
            + "answer an ISO 3166-1 alpha-2 code such as UZ or PK, or the English name",
        )
    elif not subdivisions_of(code):
        wrong(
            "country",
            f"{english_name(code)} ({code}) has no ISO 3166-2 areas in pycountry's data, and "
            "every centre of asan-sdk is placed in one",
            "choose a country with ISO 3166-2 subdivisions",
        )
        code = None

    locales = _plan_locales(answer_of(answers, "languages"), wrong)
    currency = _plan_currency(answer_of(answers, "currency"), code, wrong)
    calendar, calendar_distribution, calendar_installed = _plan_calendar(
        answer_of(answers, "calendar") or "gregorian", calendars, wrong
    )
    digits = _choice(answers, "digits", DigitStyle, wrong)
    operating_model = _choice(answers, "operating_model", OperatingModel, wrong)
    brand = answer_of(answers, "brand")
    if not brand:
        wrong(
            "brand",
            "the centres need a brand name: it heads every page of the kit",
            "answer the name citizens will see on the centres, e.g. ASAN xidmət",
        )
    city = answer_of(answers, "first_centre_city")
    if not city and code is not None:  # an unknown country gives no default city
        wrong(
            "first_centre_city",
            "the first centre needs a city: the network starts with one centre",
            "answer the city where the first centre opens",
        )
    area = _plan_area(code, city, answer_of(answers, "first_centre_area"), wrong)

    if problems:
        raise ProblemsError(problems)
    assert code is not None and area is not None and digits is not None
    assert operating_model is not None
    return NewCountry(
        code=code,
        slug=slugify(english_name(code)),
        locales=tuple(locales),
        currency=currency,
        calendar=calendar,
        calendar_distribution=calendar_distribution,
        calendar_installed=calendar_installed,
        digits=digits,
        operating_model=operating_model,
        brand=brand,
        city=city,
        area=area,
    )


Complaint = Callable[[str, str, str], None]


def _plan_locales(value: str, wrong: Complaint) -> list[str]:
    locales: list[str] = []
    if not value:
        wrong(
            "languages",
            "no language given: the kit and every text are published in the country's languages",
            "answer Babel locales separated by commas, the default first: uz, ru, en",
        )
    for item in split_languages(value):
        try:
            locale = check_locale_identifier(item)
        except ValueError:
            known = localedata.locale_identifiers()
            close = difflib.get_close_matches(item.replace("-", "_"), known, n=3)
            wrong(
                "languages",
                f"{item!r} is not a locale Babel knows: asan-sdk needs CLDR's data for each "
                "language (plural rules, digits, dates, writing direction)",
                (f"did you mean {', '.join(close)}? " if close else "")
                + "use Babel identifiers such as uz, ru, en, ur_PK or ar_IQ",
            )
            continue
        if locale in locales:
            wrong("languages", f"{item!r} is listed twice", "give each language once")
            continue
        locales.append(locale)
    return locales


def _plan_currency(value: str, code: str | None, wrong: Complaint) -> str:
    cldr = territory_currency(code) if code else ""
    currency = value.upper() or cldr
    if not currency:
        wrong(
            "currency",
            "no currency given, and CLDR names none for this country",
            "answer the ISO 4217 code of the currency fees are paid in",
        )
    elif len(currency) != 3 or not is_currency(currency):
        wrong(
            "currency",
            f"{value!r} is not an ISO 4217 currency code: fees are stated and formatted "
            "in the country's currency",
            (
                f"{code}'s currency in CLDR is {cldr}: answer {cldr}, or leave the answer empty"
                if cldr
                else "answer a code such as UZS, PKR or EUR"
            ),
        )
    return currency


def _plan_calendar(
    calendar: str, calendars: Mapping[str, str | None] | None, wrong: Complaint
) -> tuple[str, str | None, bool]:
    """The calendar, the distribution providing it, and whether it is installed.

    A calendar no installed plugin provides is accepted and recorded: the plugin may not
    be written or installed yet. :func:`summary` says what to do next.
    """
    if not re.fullmatch(r"[a-z][a-z0-9_]*", calendar):
        wrong(
            "calendar",
            f"{calendar!r} is not a calendar id: lower-case letters, digits and _ "
            "(gregorian, solar_hijri, ethiopian)",
            f"calendar: {ANSWERS['calendar']}",
        )
        return calendar, None, False
    if calendars is None:
        calendars = {"gregorian": None} if calendar == "gregorian" else installed_calendars()
    if calendar not in calendars:
        return calendar, None, False
    return calendar, calendars[calendar], True


Choice = TypeVar("Choice", DigitStyle, OperatingModel)


def _choice(
    answers: Mapping[str, Any], key: str, kind: type[Choice], wrong: Complaint
) -> Choice | None:
    value = answer_of(answers, key)
    try:
        return kind(value)
    except ValueError:
        choices = ", ".join(member.value for member in kind)
        wrong(key, f"{value!r} is not one of {choices}", f"{key}: {ANSWERS[key]}")
        return None


def _plan_area(code: str | None, city: str, given: str, wrong: Complaint) -> AreaMatch | None:
    if code is None or not city:
        return None
    if given:
        area = given.upper()
        if not is_subdivision_of(area, code):
            examples = ", ".join(sorted(s.code for s in subdivisions_of(code))[:6])
            wrong(
                "first_centre_area",
                f"{given!r} is not an ISO 3166-2 area of {code}: the centre's area says "
                "which citizens it serves",
                f"use one of {examples}, ...; or leave it empty to derive it from the city",
            )
            return None
        found: Any = pycountry.subdivisions.get(code=area)  # type: ignore[no-untyped-call]
        return AreaMatch(area, str(found.name), "given")
    return match_area(code, city)


@lru_cache(maxsize=32)
def _plan_cached(items: tuple[tuple[str, str], ...]) -> NewCountry:
    return plan_country(dict(items))


def plan_from_answers(answers: Mapping[str, Any]) -> NewCountry:
    """:func:`plan_country`, remembered for the same answers (the template asks often)."""
    return _plan_cached(tuple((key, answer_of(answers, key)) for key in ANSWERS))
