"""The Afghanistan plugin: the data files, plus the Solar Hijri calendar.

Records (country, agencies, services, centres, legal resources, principle changes) come
from ``data/*.yaml`` through :class:`~asan_core.plugin_kit.data_plugin.DataPlugin`; this class adds
the behaviour the data cannot express: the ``solar_hijri`` calendar and its formatter.
"""

from __future__ import annotations

import datetime as dt

from asan_afghanistan.calendar import format_solar_hijri, language_of
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
