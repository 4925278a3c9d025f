"""Working days: when is a service ready, given the country's weekend and holidays."""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection

from asan_core.model import Country


def is_working_day(
    country: Country, day: dt.date, holidays: Collection[dt.date] | None = None
) -> bool:
    """False on the country's weekend days and holidays.

    :param holidays: the holidays' dates (a franchise's ``holidays``, yearly ones
        expanded); by default the dated holidays of ``country``.
    """
    if country.week.is_weekend(day):
        return False
    if holidays is None:
        holidays = {h.date for h in country.holidays if h.date is not None}
    return day not in holidays


def ready_on(
    country: Country,
    applied: dt.date,
    processing_days: int,
    holidays: Collection[dt.date] | None = None,
) -> dt.date:
    """The date a service applied for on ``applied`` is ready.

    ``processing_days`` counts working days after the day of application: 0 is the same
    day (or the next working day when ``applied`` is not one), 1 the next working day.
    Weekends (the country's, e.g. Thursday–Friday in Afghanistan) and holidays are skipped.
    """
    if processing_days < 0:
        raise ValueError("processing_days cannot be negative")
    if holidays is None:
        holidays = {h.date for h in country.holidays if h.date is not None}
    day = applied
    while not is_working_day(country, day, holidays):
        day += dt.timedelta(days=1)
    remaining = processing_days
    while remaining:
        day += dt.timedelta(days=1)
        if is_working_day(country, day, holidays):
            remaining -= 1
    return day
