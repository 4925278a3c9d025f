"""The country a franchise serves: languages, currency, calendar, working week, brand."""

from __future__ import annotations

import datetime as dt
import re
from enum import StrEnum
from typing import Any, ClassVar, Literal

from babel import Locale
from babel.numbers import is_currency, parse_pattern
from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from asan_core.model.common import LocaleId, LocalizedText, Provenance, Sourced
from asan_core.model.iso import is_country_code, subdivision, subdivisions

Weekday = Literal["mon", "tue", "wed", "thu", "fri", "sat", "sun"]

WEEKDAYS: tuple[Weekday, ...] = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
"""Weekday names as written in data files, in Python's ``date.weekday()`` order."""


class OperatingModel(StrEnum):
    """Who serves citizens at the counter.

    ``agency_front_office``: officers of each agency sit in the centre and the agency keeps
    its back office (Azerbaijan). ``one_stop_staff``: one provider's staff take applications
    for every agency (the front office moves to one provider, as in Kazakhstan's variant).
    """

    AGENCY_FRONT_OFFICE = "agency_front_office"
    ONE_STOP_STAFF = "one_stop_staff"


class DigitStyle(StrEnum):
    """Digits in generated text: ``latin`` (0-9) or the locale's ``native`` digits."""

    LATIN = "latin"
    NATIVE = "native"


class WorkingWeek(BaseModel):
    """The week as the country lives it: first day and weekend days."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    first_day: Weekday = Field(description="First day of the week.")
    weekend: tuple[Weekday, ...] = Field(description="Days on which centres' agencies are closed.")

    @classmethod
    def from_cldr(cls, territory: str) -> WorkingWeek:
        """The week CLDR records for ``territory`` (via Babel).

        Week data belongs to the territory, not the language: ``und_AF`` resolves to
        CLDR's likely locale for Afghanistan, which carries Afghanistan's week.
        """
        cldr = Locale.parse(f"und_{territory}")
        days = [cldr.weekend_start]
        while days[-1] != cldr.weekend_end:
            days.append((days[-1] + 1) % 7)
        return cls(
            first_day=WEEKDAYS[cldr.first_week_day],
            weekend=tuple(WEEKDAYS[d] for d in days),
        )

    def is_weekend(self, day: dt.date) -> bool:
        """True when ``day`` falls on a weekend day."""
        return WEEKDAYS[day.weekday()] in self.weekend

    @property
    def days(self) -> tuple[Weekday, ...]:
        """The seven days in the country's order, from ``first_day`` (Saturday first in
        Afghanistan)."""
        start = WEEKDAYS.index(self.first_day)
        return WEEKDAYS[start:] + WEEKDAYS[:start]


class YearlyDate(BaseModel):
    """A day that recurs every year in the country's calendar: ``{month: 1, day: 1}`` is
    1 Hamal in the Solar Hijri calendar, 1 Meskerem in the Ethiopian one."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    month: int = Field(ge=1, le=13, description="The month of the country's calendar, 1-based.")
    day: int = Field(ge=1, le=31, description="The day of that month, 1-based.")


class CurrencyFormat(BaseModel):
    """How the country writes money, where it differs from CLDR's default for a locale.

    ``patterns`` are CLDR number patterns per locale (or base language): ``¤`` is the
    currency's symbol in that locale, text in single quotes is written as it is, and the
    spacing and position are the pattern's — ``"#,##0 ¤"``, ``"¤ #,##0.00"``,
    ``"#,##0 'soʻm'"``. ``decimals`` fixes the number of decimals (CLDR's for the currency
    otherwise). A locale with no pattern keeps CLDR's.
    """

    model_config = ConfigDict(frozen=True, extra="forbid")

    LOCALE_KEYED_SETTINGS: ClassVar[bool] = True
    """Its ``patterns`` are keyed by locale but are not text to translate."""

    patterns: dict[LocaleId, str] = Field(default_factory=dict)
    decimals: int | None = Field(default=None, ge=0, le=4)

    @field_validator("patterns")
    @classmethod
    def _cldr_patterns(cls, value: dict[str, str]) -> dict[str, str]:
        for locale, pattern in value.items():
            where = f"{pattern!r} ({locale})"
            if pattern.count("'") % 2:
                raise ValueError(f"{where} has an unclosed quote: quote text as 'text'")
            try:
                parsed = parse_pattern(pattern)
            except (ValueError, IndexError) as exc:
                raise ValueError(f"{where} is not a CLDR number pattern: {exc}") from exc
            if parsed.int_prec[0] < 1:
                raise ValueError(f"{where} has no digits outside quotes (#,##0)")
            if parsed.scale != 0 or parsed.exp_prec is not None:
                raise ValueError(
                    f"{where} would multiply the amount (% or ‰) or write it in scientific "
                    "notation: money is written as it is"
                )
            if "¤" not in pattern and "'" not in pattern:
                raise ValueError(
                    f"{where} shows no currency: put ¤ where the symbol goes, or the symbol "
                    "in single quotes (#,##0 'soʻm')"
                )
        return value

    def pattern_for(self, locale: str) -> str | None:
        """The pattern for ``locale`` or its base language, else None (CLDR's)."""
        return self.patterns.get(locale) or self.patterns.get(locale.split("_")[0])


class Holiday(Sourced):
    """A public holiday, when centres close: on a ``date`` (Gregorian), or ``yearly`` on a
    day of the country's calendar.

    A yearly holiday is expanded by the calendar's plugin (``asan_yearly_dates``) into one
    dated holiday per year the country's ``holiday_years`` cover; movable feasts (lunar
    holidays whose day in the country's calendar moves) stay dated records.
    """

    date: dt.date | None = Field(default=None, description="The Gregorian date.")
    yearly: YearlyDate | None = Field(
        default=None, description="A day of the country's calendar, every year."
    )
    name: LocalizedText

    @model_validator(mode="after")
    def _one_date(self) -> Holiday:
        if (self.date is None) == (self.yearly is None):
            raise ValueError(
                "give the holiday a date (2026-03-21) or a yearly day of the country's "
                "calendar (yearly: {month: 1, day: 1}), not both"
            )
        return self


class DatedHoliday(Sourced):
    """One day the centres close: a dated holiday, or one year's occurrence of a yearly one
    (a resolved franchise's ``holidays``)."""

    date: dt.date
    name: LocalizedText
    yearly: YearlyDate | None = Field(
        default=None, description="The yearly day it is an occurrence of, if any."
    )

    @classmethod
    def of(cls, holiday: Holiday, date: dt.date) -> DatedHoliday:
        """``holiday`` on ``date`` (its origin kept)."""
        dated = cls(
            date=date, name=holiday.name, yearly=holiday.yearly, provenance=holiday.provenance
        )
        return dated.with_origin(holiday.origin) if holiday.origin is not None else dated


class ServiceTargets(BaseModel):
    """The country's own targets for what happens at the counters (``asan ops`` measures
    against them). Every field is optional: an indicator whose target is not set is shown
    without one, never against an invented number.
    """

    model_config = ConfigDict(frozen=True, extra="forbid")

    waiting_minutes: float | None = Field(
        default=None, gt=0, le=600, description="Longest wait, issue to call, in minutes."
    )
    service_minutes: float | None = Field(
        default=None, gt=0, le=600, description="Longest time at the counter, in minutes."
    )
    served_within_target_percent: float | None = Field(
        default=None,
        ge=0,
        le=100,
        description="Share of citizens called within waiting_minutes, in percent.",
    )
    abandonment_percent: float | None = Field(
        default=None, ge=0, le=100, description="Most tickets never served, in percent."
    )
    processing_within_standard_percent: float | None = Field(
        default=None,
        ge=0,
        le=100,
        description="Share of applications ready within the service's processing days.",
    )
    satisfaction_percent: float | None = Field(
        default=None, ge=0, le=100, description="Share of ratings of 4 or 5 (of 5), in percent."
    )
    complaints_percent: float | None = Field(
        default=None, ge=0, le=100, description="Most ratings that are complaints, in percent."
    )

    def value(self, key: str) -> float | None:
        """The target named ``key``, or None (an unknown key is None too)."""
        if key not in type(self).model_fields:
            return None
        result = getattr(self, key)
        return None if result is None else float(result)


class Partnership(Sourced):
    """The franchise agreement: who supports the country, since when, in which areas."""

    partner: str = Field(description="ISO 3166-1 code of the supporting country, e.g. AZ.")
    instrument: LocalizedText = Field(description="The agreement, e.g. a memorandum.")
    signed: int | None = Field(default=None, description="Year the agreement was signed.")
    support_areas: tuple[LocalizedText, ...] = Field(
        description="What the partner provides: software, documents, training, ..."
    )


LOGO_SUFFIXES = (".svg", ".png")
"""The logo's formats: vector (SVG) or raster (PNG)."""

LOGO_MAX_BYTES = 256 * 1024
"""A logo larger than this is refused (a kit travels on slow links)."""

DEFAULT_BRAND_COLOUR = "#1f4e79"
"""The neutral colour of a kit whose country names none: a deep civic blue."""


class Logo(BaseModel):
    """The country's logo in the kit's header and on the covers of its PDFs.

    ``file`` is a path relative to the country's data file, inside the plugin's package
    (``../assets/logo.svg``); the loader checks that it exists, stays inside the package,
    is an SVG or PNG and is at most 256 KiB.
    """

    model_config = ConfigDict(frozen=True, extra="forbid")

    file: str = Field(description="SVG or PNG, relative to the country file, in the package.")

    @field_validator("file")
    @classmethod
    def _relative_svg_or_png(cls, value: str) -> str:
        path = value.replace("\\", "/")
        if path.startswith("/") or (len(path) > 1 and path[1] == ":"):
            raise ValueError(
                f"{value!r} is an absolute path: give the logo's path relative to the "
                "country file, inside the plugin's package (e.g. ../assets/logo.svg)"
            )
        if not path.lower().endswith(LOGO_SUFFIXES):
            raise ValueError(f"{value!r} is not an .svg or .png file: the logo is SVG or PNG")
        return value


class Country(Sourced):
    """A country that runs (or will run) a network of one-stop-shop centres."""

    code: str = Field(description="ISO 3166-1 alpha-2 code, e.g. AF.")
    name: LocalizedText
    locales: tuple[LocaleId, ...] = Field(
        min_length=1, description="Babel locales the country publishes in."
    )
    default_locale: LocaleId | None = Field(
        default=None, description="The main locale; the first of `locales` when omitted."
    )
    currency: str = Field(description="ISO 4217 code, e.g. AFN.")
    currency_format: CurrencyFormat | None = Field(
        default=None, description="How money is written where it differs from CLDR's default."
    )
    calendar: str = Field(
        default="gregorian",
        pattern=r"^[a-z][a-z0-9_]*$",
        description="Calendar id, e.g. gregorian or solar_hijri.",
    )
    working_week: WorkingWeek | None = Field(
        default=None, description="Defaults to CLDR's week for the country."
    )
    holidays: tuple[Holiday, ...] = ()
    holiday_years: tuple[int, int] | None = Field(
        default=None,
        description="The first and last Gregorian year the published holiday calendar covers "
        "(yearly holidays are expanded for them); by default the years of the dated "
        "holidays, else the build's year and the next.",
    )
    digits: DigitStyle = DigitStyle.LATIN
    operating_model: OperatingModel
    brand: LocalizedText = Field(description="Brand name of the centres, e.g. 'ASAN xidmət'.")
    brand_colour: str | None = Field(
        default=None,
        description="The brand's colour as #RRGGBB (header, covers, signs); a neutral "
        "civic blue when omitted.",
    )
    logo: Logo | None = Field(
        default=None, description="The brand's logo (SVG or PNG) for the kit's header and covers."
    )
    max_processing_days: int | None = Field(
        default=None, ge=1, description="The country's own service standard, in working days."
    )
    partnership: Partnership | None = None
    targets: ServiceTargets | None = Field(
        default=None,
        description="Targets for waiting, service, satisfaction (asan ops measures against them).",
    )

    @field_validator("brand_colour")
    @classmethod
    def _rrggbb(cls, value: str | None) -> str | None:
        if value is not None and not re.fullmatch(r"#[0-9A-Fa-f]{6}", value):
            raise ValueError(
                f"{value!r} is not a colour as #RRGGBB (six hexadecimal digits, e.g. "
                "'#1f4e79'; quote it in YAML, where # starts a comment)"
            )
        return value

    @field_validator("holiday_years")
    @classmethod
    def _years(cls, value: tuple[int, int] | None) -> tuple[int, int] | None:
        if value is not None:
            first, last = value
            if not 1900 <= first <= last <= 2200:
                raise ValueError(
                    f"holiday_years {list(value)} is not a span of years: give the first and "
                    "the last Gregorian year, first <= last, e.g. [2025, 2026]"
                )
            if last - first > 50:
                raise ValueError(f"holiday_years {list(value)} spans more than 50 years")
        return value

    @field_validator("code")
    @classmethod
    def _iso_3166_1(cls, value: str) -> str:
        if not is_country_code(value):
            raise ValueError(
                f"{value!r} is not an ISO 3166-1 alpha-2 country code (e.g. AZ, AF, UZ)"
            )
        return value

    @field_validator("currency")
    @classmethod
    def _iso_4217(cls, value: str) -> str:
        if len(value) != 3 or value != value.upper() or not is_currency(value):
            raise ValueError(f"{value!r} is not an ISO 4217 currency code (e.g. AZN, AFN, EUR)")
        return value

    @model_validator(mode="before")
    @classmethod
    def _defaults(cls, data: Any) -> Any:
        # Both defaults derive from other fields; filling them before validation keeps the
        # model frozen and its fields plain.
        if not isinstance(data, dict):
            return data
        data = dict(data)
        locales = data.get("locales")
        if data.get("default_locale") is None and isinstance(locales, list | tuple) and locales:
            data["default_locale"] = locales[0]
        return data

    @model_validator(mode="after")
    def _consistent(self) -> Country:
        if self.default_locale not in self.locales:
            raise ValueError(
                f"default_locale {self.default_locale!r} is not one of locales {list(self.locales)}"
            )
        if len(set(self.locales)) != len(self.locales):
            raise ValueError(f"locales lists a locale twice: {list(self.locales)}")
        if self.working_week is None:
            week = WorkingWeek.from_cldr(self.code)
            object.__setattr__(self, "working_week", week)
        return self

    @property
    def primary_locale(self) -> str:
        """The default locale (always set after validation)."""
        return self.default_locale or self.locales[0]

    @property
    def week(self) -> WorkingWeek:
        """The working week (CLDR's unless the data overrides it)."""
        assert self.working_week is not None  # set by validation
        return self.working_week

    def areas(self) -> list[str]:
        """ISO 3166-2 codes of the country's top-level subdivisions, sorted."""
        return sorted(s.code for s in subdivisions(self.code) if s.parent_code is None)


def is_subdivision_of(area: str, country_code: str) -> bool:
    """True when ``area`` is an ISO 3166-2 code of ``country_code`` (any level)."""
    sub = subdivision(area)
    return sub is not None and sub.country_code == country_code


__all__ = [
    "DEFAULT_BRAND_COLOUR",
    "LOGO_MAX_BYTES",
    "WEEKDAYS",
    "Country",
    "CurrencyFormat",
    "DatedHoliday",
    "DigitStyle",
    "Holiday",
    "Logo",
    "OperatingModel",
    "Partnership",
    "Provenance",
    "ServiceTargets",
    "WorkingWeek",
    "YearlyDate",
    "is_subdivision_of",
]
