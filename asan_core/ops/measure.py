"""Indicators computed: every declared indicator, per country, centre, agency and service,
for a month and the month before it, in one SQL query per month and level.

The SQL is built from the indicators' declarations (:mod:`asan_core.contract.indicators`)
and runs on the views :func:`asan_core.ops.engine.prepare_views` makes; the same queries
run on a warehouse that holds tables of those names (docs/ops.md).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from statistics import fmean
from typing import TYPE_CHECKING, Any, Literal

from asan_core.base.problems import Problem, ProblemsError
from asan_core.contract.franchise import Franchise
from asan_core.contract.indicators import Indicator
from asan_core.ops.engine import engine_error

if TYPE_CHECKING:
    import duckdb

Level = Literal["country", "centre", "agency", "service"]
LEVELS: tuple[Level, ...] = ("country", "centre", "agency", "service")
GroupKey = tuple[Level, str | None, str]
"""``(level, id, month)``: the country (id None), a centre, an agency or a service."""


@dataclass
class Measured:
    """Every indicator's value per group and month, and the distributions."""

    month: str
    previous: str
    indicators: tuple[Indicator, ...]
    targets: dict[str, float | None]
    """Each indicator's target (by indicator id), None where it has none."""
    values: dict[GroupKey, dict[str, float | None]] = field(default_factory=dict)
    distributions: dict[tuple[Level, str | None, str, str], dict[int, float | None]] = field(
        default_factory=dict
    )
    illustrative_rows: dict[str, int] = field(default_factory=dict)
    """Rows of the month marked illustrative, per table."""
    rows_in_month: dict[str, int] = field(default_factory=dict)

    def value(
        self, level: Level, key: str | None, indicator: str, month: str | None = None
    ) -> float | None:
        return self.values.get((level, key, month or self.month), {}).get(indicator)

    def has(self, level: Level, key: str | None, month: str | None = None) -> bool:
        return (level, key, month or self.month) in self.values

    def keys(self, level: Level, month: str | None = None) -> list[str]:
        wanted = month or self.month
        return sorted(
            str(k) for (lv, k, m) in self.values if lv == level and m == wanted and k is not None
        )

    def scalar_indicators(self) -> list[Indicator]:
        return [i for i in self.indicators if i.by is None]

    def principle_scores(
        self, level: Level, key: str | None, month: str | None = None
    ) -> dict[str, float | None]:
        """Each principle's score, 0–100: the mean attainment of its indicators that have a
        target and a value (:func:`attainment`); None when none has both."""
        found: dict[str, list[float]] = {}
        for indicator in self.scalar_indicators():
            if indicator.principle is None:
                continue
            found.setdefault(indicator.principle, [])
            value = self.value(level, key, indicator.id, month)
            target = self.targets.get(indicator.id)
            if value is None or target is None or indicator.better is None:
                continue
            found[indicator.principle].append(attainment(value, target, indicator.better))
        return {p: (round(fmean(v), 1) if v else None) for p, v in found.items()}

    def overall(self, level: Level, key: str | None, month: str | None = None) -> float | None:
        """The mean of the principle scores that exist (for ranking centres)."""
        scores = [s for s in self.principle_scores(level, key, month).values() if s is not None]
        return round(fmean(scores), 1) if scores else None

    def ranked_centres(self) -> list[tuple[str, float | None]]:
        """Centres with records in the month, best overall score first (ties by id)."""
        scored = [(c, self.overall("centre", c)) for c in self.keys("centre")]
        return sorted(scored, key=lambda item: (item[1] is None, -(item[1] or 0), item[0]))


def attainment(value: float, target: float, better: str) -> float:
    """How far ``value`` reaches ``target``, 0–100 (100 when met).

    ``higher`` is better: ``100 × value / target``, at most 100. ``lower`` is better: 100
    when ``value ≤ target``, else ``100 × target / value``.
    """
    if better == "higher":
        return 100.0 if target <= 0 else min(100.0, 100.0 * value / target)
    if value <= target:
        return 100.0
    return 0.0 if value <= 0 else max(0.0, 100.0 * target / value)


def indicator_targets(
    franchise: Franchise, indicators: Sequence[Indicator]
) -> dict[str, float | None]:
    """Each indicator's target: the country's ``targets`` entry it names, or its own number."""
    targets = franchise.country.targets
    found: dict[str, float | None] = {}
    for indicator in indicators:
        if isinstance(indicator.target, str):
            found[indicator.id] = targets.value(indicator.target) if targets else None
        elif indicator.target is not None:
            found[indicator.id] = float(indicator.target)
        else:
            found[indicator.id] = None
    return found


def check_indicators(connection: duckdb.DuckDBPyConnection, franchise: Franchise) -> None:
    """Compile every indicator's expression on empty tables.

    :raises ProblemsError: naming the plugin and the indicator whose SQL does not compile.
    """
    error = engine_error()
    problems: list[Problem] = []
    for indicator in franchise.plugins.indicators:
        try:
            connection.execute(
                f"SELECT {indicator.expression} AS value "
                f"FROM (SELECT * FROM t_{indicator.table} LIMIT 0)"
            ).fetchall()
        except error as exc:
            problems.append(
                Problem(
                    f"indicator {indicator.id!r}: its expression does not compile: "
                    f"{str(exc).splitlines()[0]}",
                    plugin=franchise.plugins.indicator_plugins.get(indicator.id),
                    field=indicator.id,
                    hint="write one SQL aggregate over the prepared columns (docs/ops.md)",
                )
            )
    if problems:
        raise ProblemsError(problems)


def measure_month(
    connection: duckdb.DuckDBPyConnection, franchise: Franchise, month: str, previous: str
) -> Measured:
    """Every indicator of ``franchise`` for ``month`` and ``previous``, at every level."""
    check_indicators(connection, franchise)
    indicators = franchise.plugins.indicators
    result = Measured(
        month=month,
        previous=previous,
        indicators=indicators,
        targets=indicator_targets(franchise, indicators),
    )
    months = [month, previous]
    for table in ("tickets", "ratings"):
        row = connection.execute(
            f"SELECT count(*) FILTER (WHERE illustrative), count(*) FROM {table} WHERE month = ?",
            [month],
        ).fetchone()
        assert row is not None
        result.illustrative_rows[table] = int(row[0])
        result.rows_in_month[table] = int(row[1])
        scalar = [i for i in indicators if i.table == table and i.by is None]
        if scalar:
            _scalars(connection, table, scalar, months, result)
        for by in sorted({i.by for i in indicators if i.table == table and i.by}):
            _distribution(
                connection,
                table,
                by,
                [i for i in indicators if i.table == table and i.by == by],
                months,
                result,
            )
    return result


LEVEL_COLUMN: dict[Level, str | None] = {
    "country": None,
    "centre": "centre",
    "agency": "agency",
    "service": "service",
}


def scalar_sql(table: str, indicators: Sequence[Indicator], level: Level) -> str:
    """The query of ``indicators`` over ``t_<table>`` for one month (a parameter) at one
    level: one row for the country, or one per centre, agency or service; the values in
    the indicators' order after the key.

    One query per month and level, not ``GROUPING SETS``: an exact percentile keeps every
    value of its group in memory, and this bounds them to one month at one level. Several
    percentiles of the same column and filter (the median and the 90th of the wait) are
    taken by one ``quantile_cont`` with a list of fractions (:func:`shared_quantiles`),
    which keeps each value once and sorts once.
    """
    inner, outer = shared_quantiles(indicators)
    column = LEVEL_COLUMN[level]
    if column is None:
        query = f"SELECT NULL AS key, {inner} FROM t_{table} WHERE month = ?"
    else:
        query = (
            f"SELECT {column} AS key, {inner} FROM t_{table} "
            f"WHERE month = ? AND {column} IS NOT NULL GROUP BY {column}"
        )
    return f"SELECT key, {outer} FROM ({query})"


_QUANTILE = re.compile(
    r"quantile_cont\(\s*([A-Za-z_][A-Za-z0-9_]*)\s*,\s*(0?\.[0-9]+|[01](?:\.0*)?)\s*\)"
    r"(\s+FILTER\s*\(\s*WHERE\s+[A-Za-z_][A-Za-z0-9_ ]*\))?",
    re.IGNORECASE,
)


def shared_quantiles(indicators: Sequence[Indicator]) -> tuple[str, str]:
    """The select lists of :func:`scalar_sql`: the aggregates (inner) and each indicator's
    value from them (outer, ``v0``, ``v1``…).

    An indicator whose whole expression is ``quantile_cont(column, fraction)`` with an
    optional ``FILTER (WHERE …)`` of plain words shares one list-quantile with the others
    of the same column and filter; any other expression is computed as written."""
    groups: dict[tuple[str, str], list[str]] = {}
    parts: list[tuple[int, tuple[str, str], str] | tuple[int, None, str]] = []
    for n, indicator in enumerate(indicators):
        found = _QUANTILE.fullmatch(indicator.expression.strip())
        if found is None:
            parts.append((n, None, indicator.expression))
            continue
        key = (found.group(1), (found.group(3) or "").strip())
        groups.setdefault(key, []).append(found.group(2))
        parts.append((n, key, found.group(2)))
    shared = {key: f"q{i}" for i, key in enumerate(groups)}
    inner = [f"{expression} AS a{n}" for n, key, expression in parts if key is None]
    inner += [
        f"quantile_cont({column}, [{', '.join(groups[(column, where)])}]) {where} AS {name}"
        for (column, where), name in shared.items()
    ]
    outer = [
        f"a{n} AS v{n}"
        if key is None
        else f"{shared[key]}[{groups[key].index(fraction) + 1}] AS v{n}"
        for n, key, fraction in parts
    ]
    return ", ".join(inner), ", ".join(outer)


def _scalars(
    connection: duckdb.DuckDBPyConnection,
    table: str,
    indicators: Sequence[Indicator],
    months: list[str],
    result: Measured,
) -> None:
    for month in months:
        present = connection.execute(
            f"SELECT count(*) FROM t_{table} WHERE month = ?", [month]
        ).fetchone()
        if present is None or not present[0]:
            continue
        for level in LEVELS:
            for row in connection.execute(scalar_sql(table, indicators, level), [month]).fetchall():
                key = None if level == "country" else str(row[0])
                bucket = result.values.setdefault((level, key, month), {})
                for n, indicator in enumerate(indicators):
                    bucket[indicator.id] = _number(row[1 + n])


def _distribution(
    connection: duckdb.DuckDBPyConnection,
    table: str,
    by: str,
    indicators: Sequence[Indicator],
    months: list[str],
    result: Measured,
) -> None:
    values = ", ".join(f"{i.expression} AS v{n}" for n, i in enumerate(indicators))
    month = months[0]
    pairs: tuple[tuple[Level, str | None], ...] = (("country", None), ("centre", "centre"))
    for level, column in pairs:
        keys = f"{column}, {by}" if column else by
        query = (
            f"SELECT {column or 'NULL'} AS key, {by} AS bucket, {values} FROM t_{table} "
            f"WHERE month = ? GROUP BY {keys} ORDER BY bucket"
        )
        for row in connection.execute(query, [month]).fetchall():
            key = None if column is None else str(row[0])
            for n, indicator in enumerate(indicators):
                result.distributions.setdefault((level, key, month, indicator.id), {})[
                    int(row[1])
                ] = _number(row[2 + n])


def _number(value: Any) -> float | None:
    return None if value is None else round(float(value), 4)


@dataclass(frozen=True)
class DemandCell:
    """Measured demand at one centre for one service, weekday and local hour."""

    centre: str
    service: str
    weekday: int
    """0 Monday … 6 Sunday."""
    hour: int
    tickets: int
    days: int
    """How many days of that weekday the centre issued tickets on, in the period."""
    arrivals_per_hour: float
    """``tickets / days``: the mean arrivals in that hour of such a day."""
    mean_service_minutes: float | None
    illustrative: bool = False
    """True when any of these tickets is marked illustrative (synthetic or an example)."""


def measured_demand(
    connection: duckdb.DuckDBPyConnection, month: str | None = None
) -> list[DemandCell]:
    """Demand measured from the ``tickets`` table, per centre, service, weekday and hour.

    The seam for capacity planning (``asan plan``): arrivals per hour on each weekday and
    the mean service time, from what the queue system recorded. ``month`` limits it to one
    month (all the tickets otherwise).
    """
    where = "WHERE month = ?" if month else ""
    params = [month] if month else []
    rows = connection.execute(
        "WITH days AS (SELECT centre, weekday, count(DISTINCT day) AS days FROM tickets "
        f"{where} GROUP BY ALL) "
        "SELECT t.centre, t.service, t.weekday, t.hour, count(*) AS tickets, d.days, "
        "avg(t.service_minutes) FILTER (WHERE t.served) AS service_minutes, "
        "bool_or(t.illustrative) AS illustrative "
        f"FROM tickets t JOIN days d USING (centre, weekday) {where.replace('month', 't.month')} "
        "GROUP BY t.centre, t.service, t.weekday, t.hour, d.days "
        "ORDER BY t.centre, t.service, t.weekday, t.hour",
        params * 2,
    ).fetchall()
    return [
        DemandCell(
            centre=str(r[0]),
            service=str(r[1]),
            weekday=int(r[2]),
            hour=int(r[3]),
            tickets=int(r[4]),
            days=int(r[5]),
            arrivals_per_hour=round(int(r[4]) / int(r[5]), 4),
            mean_service_minutes=None if r[6] is None else round(float(r[6]), 4),
            illustrative=bool(r[7]),
        )
        for r in rows
    ]
