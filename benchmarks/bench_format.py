"""Formatting speed: asan-sdk's Formatter against plain Babel calls on the same values.

For each locale, formats 10,000 mixed values (numbers, money, percentages, dates, working
days) through ``asan_core.i18n.formatting.Formatter`` and, in the same run, through the plain
Babel calls that do the same job without digits, calendars or plurals (the baseline).
Prints the time of each and the ratio. Run from the repository root:

    python benchmarks/bench_format.py
"""

from __future__ import annotations

import datetime as dt
import functools
import random
import time
from collections.abc import Callable
from decimal import Decimal

from babel.dates import format_date
from babel.numbers import format_currency, format_decimal, format_percent

from asan_core.contract.host import get_plugin_manager
from asan_core.i18n.catalogs import build_chain
from asan_core.i18n.formatting import Formatter
from asan_core.model import Country

VALUES = 10_000
COUNTRIES = {
    "AF": Country.model_validate(
        {
            "code": "AF",
            "name": {"en": "Afghanistan"},
            "locales": ["fa_AF", "ps_AF", "en"],
            "currency": "AFN",
            "digits": "native",
            "operating_model": "one_stop_staff",
            "brand": {"en": "Asan Khedmat"},
            "provenance": "illustrative",
        }
    ),
    "AZ": Country.model_validate(
        {
            "code": "AZ",
            "name": {"en": "Azerbaijan"},
            "locales": ["az", "ru", "en"],
            "currency": "AZN",
            "operating_model": "agency_front_office",
            "brand": {"en": "ASAN Service"},
            "provenance": "illustrative",
        }
    ),
}


def mixed_values(seed: int) -> list[tuple[str, object]]:
    rng = random.Random(seed)
    start = dt.date(2019, 1, 1)
    kinds = ("number", "money", "percent", "date", "days")
    values: list[tuple[str, object]] = []
    for i in range(VALUES):
        kind = kinds[i % len(kinds)]
        if kind == "number":
            values.append((kind, Decimal(rng.randint(0, 10**7)) / 10))
        elif kind == "money":
            values.append((kind, Decimal(rng.randint(0, 10**6))))
        elif kind == "percent":
            values.append((kind, rng.random()))
        elif kind == "date":
            values.append((kind, start + dt.timedelta(days=rng.randint(0, 3000))))
        else:
            values.append((kind, rng.randint(0, 40)))
    return values


def timed(function: Callable[[], None]) -> float:
    best = float("inf")
    for _ in range(3):
        began = time.perf_counter()
        function()
        best = min(best, time.perf_counter() - began)
    return best


def ours(fmt: Formatter, values: list[tuple[str, object]]) -> None:
    """Every value through asan-sdk's formatter (native digits, calendar hook, plurals)."""
    for kind, value in values:
        if kind == "number":
            fmt.number(value)  # type: ignore[arg-type]
        elif kind == "money":
            fmt.money(value)  # type: ignore[arg-type]
        elif kind == "percent":
            fmt.percent(value)  # type: ignore[arg-type]
        elif kind == "date":
            fmt.date(value)  # type: ignore[arg-type]
        else:
            fmt.working_days(value)  # type: ignore[arg-type]


def plain(locale: str, currency: str, values: list[tuple[str, object]]) -> None:
    """The same values through bare Babel: the baseline."""
    for kind, value in values:
        if kind == "number":
            format_decimal(value, locale=locale)  # type: ignore[arg-type]
        elif kind == "money":
            format_currency(value, currency, locale=locale)  # type: ignore[arg-type]
        elif kind == "percent":
            format_percent(value, locale=locale)  # type: ignore[arg-type]
        elif kind == "date":
            format_date(value, format="long", locale=locale)  # type: ignore[arg-type]
        else:
            format_decimal(value, locale=locale)  # type: ignore[arg-type]


def main() -> None:
    host = get_plugin_manager()
    values = mixed_values(2019)
    header = f"{'locale':8} {'asan-sdk':>10} {'babel':>10} {'ratio':>7}"
    print(f"{header}   ({VALUES:,} values, best of 3)")
    for country in COUNTRIES.values():
        for locale in country.locales:
            fmt = Formatter(country, locale, host, build_chain(locale, country.primary_locale))
            ours_s = timed(functools.partial(ours, fmt, values))
            plain_s = timed(functools.partial(plain, locale, country.currency, values))
            ratio = ours_s / plain_s
            print(f"{locale:8} {ours_s * 1000:9.0f}ms {plain_s * 1000:9.0f}ms {ratio:6.2f}x")


if __name__ == "__main__":
    main()
