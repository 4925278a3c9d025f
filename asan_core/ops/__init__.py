"""``asan ops``: measure a centre once it is open.

Queue tickets and satisfaction ratings (an open record format: :mod:`.records`) are read
and checked by an embedded DuckDB (:mod:`.engine`), the principles' indicators — declared
as data through the ``asan_indicators`` hook — are computed per country, centre, agency,
service and month (:mod:`.measure`), and a static report site in every locale of the
country, with JSON for other systems, is written (:mod:`.site`). :func:`measured_demand`
is the seam for capacity planning: arrivals per centre, service, weekday and hour.

DuckDB is imported only when a function here runs (``asan --help`` stays fast); without
it, :func:`~.engine.connect` names the ``pip install`` to run.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from asan_core.base.problems import Problem, ProblemsError
from asan_core.contract.franchise import Franchise
from asan_core.ops.engine import (
    EngineSettings,
    ImportReport,
    close,
    connect,
    import_records,
    no_records,
    prepare_views,
)
from asan_core.ops.measure import DemandCell, Measured, measure_month, measured_demand
from asan_core.ops.records import parse_month, previous_month
from asan_core.ops.site import OpsRun, report_json, write_site

if TYPE_CHECKING:
    import duckdb


def compute(
    franchise: Franchise,
    tickets: Path,
    ratings: Path | None,
    month: str,
    settings: EngineSettings | None = None,
    progress: Callable[[str], None] | None = None,
) -> OpsRun:
    """Import ``tickets`` (and ``ratings``), then measure every indicator for ``month``.

    :raises ProblemsError: for a bad month, a file that cannot be read as records, or an
        indicator whose SQL does not compile.
    """
    try:
        parse_month(month)
    except ValueError as exc:
        raise ProblemsError([Problem(str(exc), field="--month")]) from None
    connection = connect(settings)
    try:
        imports = [import_records(connection, franchise, "tickets", tickets, progress)]
        if ratings is not None:
            imports.append(import_records(connection, franchise, "ratings", ratings, progress))
        else:
            no_records(connection, franchise, "ratings")
        if progress:
            progress("measuring the indicators")
        prepare_views(connection, franchise)
        missing = _month_missing(connection, tickets, month)
        if missing is not None:
            raise ProblemsError([*imports[0].problems()[:10], missing])
        measured = measure_month(connection, franchise, month, previous_month(month))
    finally:
        close(connection)
    return OpsRun(franchise=franchise, measured=measured, imports=imports)


def _month_missing(
    connection: duckdb.DuckDBPyConnection, tickets: Path, month: str
) -> Problem | None:
    """A problem when no ticket that passed the checks falls in ``month``."""
    months = [
        str(row[0])
        for row in connection.execute(
            "SELECT month FROM tickets GROUP BY month ORDER BY month"
        ).fetchall()
    ]
    if month in months:
        return None
    if months:
        found = ", ".join(months[:12]) + (" …" if len(months) > 12 else "")
        hint = f"the tickets that passed the checks are of {found}; give one of these months"
    else:
        hint = "no row passed the checks: fix the rows listed above"
    return Problem(f"no ticket of {month} to report on", file=str(tickets), hint=hint)


def demand(
    franchise: Franchise,
    tickets: Path,
    month: str | None = None,
    settings: EngineSettings | None = None,
) -> list[DemandCell]:
    """Measured demand per centre, service, weekday and hour from a tickets file (the seam
    for ``asan plan``); rejected rows are left out, as in the report."""
    connection = connect(settings)
    try:
        import_records(connection, franchise, "tickets", tickets)
        return measured_demand(connection, month)
    finally:
        close(connection)


__all__ = [
    "DemandCell",
    "EngineSettings",
    "ImportReport",
    "Measured",
    "OpsRun",
    "compute",
    "demand",
    "measured_demand",
    "report_json",
    "write_site",
]
