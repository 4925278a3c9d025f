"""The Afghanistan plugin: the data files, plus the Solar Hijri calendar.

Records (country, agencies, services, centres, legal resources, principle changes) come
from ``data/*.yaml`` through :class:`~asan_core.plugin_kit.data_plugin.DataPlugin`; this class adds
the behaviour the data cannot express: the ``solar_hijri`` calendar and its formatter.
"""

from __future__ import annotations

import datetime as dt

from asan_afghanistan.calendar import (
    format_solar_hijri,
    from_solar_hijri,
    language_of,
    to_solar_hijri,
)
from asan_core import DataPlugin, hookimpl
from asan_core.model import Country, DigitStyle

CALENDAR = "solar_hijri"
"""The calendar id countries name in their ``calendar:`` field."""

CALENDAR_LANGUAGES = frozenset({"fa", "ps"})
"""Languages this plugin formats dates for; others (English) get the core's Gregorian."""


class AfghanistanPlugin(DataPlugin):
    """Afghanistan's data files and the Solar Hijri calendar with Afghan month names."""

    @hookimpl
    def asan_calendars(self) -> list[str]:
        """This plugin provides ``solar_hijri``."""
        return [CALENDAR]

    @hookimpl
    def asan_format_date(
        self, country: Country, date: dt.date, locale: str, style: str
    ) -> str | None:
        """Dates of a ``solar_hijri`` country in Dari or Pashto: ``۱۰ حوت ۱۳۹۷``.

        Any other calendar or language (English) returns None, so the core's Gregorian
        formatter answers. Digits follow the country's ``digits`` setting.
        """
        if country.calendar != CALENDAR or language_of(locale) not in CALENDAR_LANGUAGES:
            return None
        return format_solar_hijri(
            date, locale, style, native_digits=country.digits is DigitStyle.NATIVE
        )

    @hookimpl
    def asan_yearly_dates(
        self, calendar: str, month: int, day: int, start: dt.date, end: dt.date
    ) -> list[dt.date] | None:
        """1 Hamal (``month: 1, day: 1``) and the like, as Gregorian dates from start to end."""
        if calendar != CALENDAR:
            return None
        if not 1 <= month <= 12 or not 1 <= day <= (31 if month <= 6 else 30):
            return []  # no such day: the core reports it, located in the data
        dates = []
        for year in range(to_solar_hijri(start).year, to_solar_hijri(end).year + 1):
            try:
                date = from_solar_hijri(year, month, day)
            except ValueError:
                continue  # 30 Hut of a common year
            if start <= date <= end:
                dates.append(date)
        return dates
