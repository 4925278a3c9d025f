"""Built-in plugin: the Gregorian calendar, formatted by Babel (CLDR)."""

from __future__ import annotations

import datetime as dt

from babel.dates import format_date

from asan_core.contract.markers import hookimpl
from asan_core.model import Country


@hookimpl
def asan_calendars() -> list[str]:
    """The core provides ``gregorian``."""
    return ["gregorian"]


@hookimpl
def asan_format_date(country: Country, date: dt.date, locale: str, style: str) -> str | None:
    """Format any date in the Gregorian calendar with CLDR's pattern for ``style``.

    Registered first, so asked last: a country's own calendar plugin answers before it,
    and this is the fallback for every locale a calendar plugin leaves alone.
    """
    del country  # the Gregorian calendar is the same for every country
    return format_date(date, format=style, locale=locale)


@hookimpl
def asan_yearly_dates(
    calendar: str, month: int, day: int, start: dt.date, end: dt.date
) -> list[dt.date] | None:
    """A yearly Gregorian date (``month``/``day``) in every year from ``start`` to ``end``.

    29 February falls only in leap years. Other calendars are their plugins' to expand.
    """
    if calendar != "gregorian":
        return None
    dates = []
    for year in range(start.year, end.year + 1):
        try:
            date = dt.date(year, month, day)
        except ValueError:
            continue  # 29 February of a common year, or a date no year has
        if start <= date <= end:
            dates.append(date)
    return dates
