"""The country a franchise serves: languages, currency, calendar, working week, brand."""

from __future__ import annotations

import datetime as dt
from enum import StrEnum
from typing import Any, Literal

from babel import Locale
from babel.numbers import is_currency
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


class Holiday(Sourced):
    """A public holiday on a given (Gregorian) date, when centres close."""

    date: dt.date
    name: LocalizedText


class Partnership(Sourced):
    """The franchise agreement: who supports the country, since when, in which areas."""

    partner: str = Field(description="ISO 3166-1 code of the supporting country, e.g. AZ.")
    instrument: LocalizedText = Field(description="The agreement, e.g. a memorandum.")
    signed: int | None = Field(default=None, description="Year the agreement was signed.")
    support_areas: tuple[LocalizedText, ...] = Field(
        description="What the partner provides: software, documents, training, ..."
    )


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
    calendar: str = Field(
        default="gregorian",
        pattern=r"^[a-z][a-z0-9_]*$",
        description="Calendar id, e.g. gregorian or solar_hijri.",
    )
    working_week: WorkingWeek | None = Field(
        default=None, description="Defaults to CLDR's week for the country."
    )
    holidays: tuple[Holiday, ...] = ()
    digits: DigitStyle = DigitStyle.LATIN
    operating_model: OperatingModel
    brand: LocalizedText = Field(description="Brand name of the centres, e.g. 'ASAN xidmət'.")
    max_processing_days: int | None = Field(
        default=None, ge=1, description="The country's own service standard, in working days."
    )
    partnership: Partnership | None = None

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
    "WEEKDAYS",
    "Country",
    "DigitStyle",
    "Holiday",
    "OperatingModel",
    "Partnership",
    "Provenance",
    "WorkingWeek",
    "is_subdivision_of",
]
