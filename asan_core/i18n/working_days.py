"""Working days: when is a service ready, given the country's weekend and holidays."""

from __future__ import annotations

import datetime as dt

from asan_core.model import Country


def is_working_day(country: Country, day: dt.date) -> bool:
    """False on the country's weekend days and declared holidays."""
    if country.week.is_weekend(day):
        return False
    return all(holiday.date != day for holiday in country.holidays)


def ready_on(country: Country, applied: dt.date, processing_days: int) -> dt.date:
    """The date a service applied for on ``applied`` is ready.

    ``processing_days`` counts working days after the day of application: 0 is the same
    day (or the next working day when ``applied`` is not one), 1 the next working day.
    Weekends (the country's, e.g. Thursday–Friday in Afghanistan) and holidays are skipped.
    """
    if processing_days < 0:
        raise ValueError("processing_days cannot be negative")
    day = applied
    while not is_working_day(country, day):
        day += dt.timedelta(days=1)
    remaining = processing_days
    while remaining:
        day += dt.timedelta(days=1)
        if is_working_day(country, day):
            remaining -= 1
    return day
