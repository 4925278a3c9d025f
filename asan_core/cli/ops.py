"""``asan ops report``, ``asan ops check``, ``asan ops demand`` and ``asan ops synth``:
measure centres from queue tickets and satisfaction ratings (docs/ops.md), and feed the
measured demand to ``asan plan``.

DuckDB and the ops wing are imported inside the commands: ``asan --help`` never loads them.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, TypeVar

import typer

from asan_core.base.problems import display_path
from asan_core.cli.support import (
    EXIT_FINDINGS,
    EXIT_INPUT,
    CountryArg,
    JsonOpt,
    consoles,
    escape,
    fail,
    franchise_of,
    guard,
    print_json,
    say,
    with_progress,
)

if TYPE_CHECKING:
    from asan_core.ops.engine import EngineSettings, ImportReport

T = TypeVar("T")

ops_app = typer.Typer(
    help="Measure centres from queue tickets and satisfaction ratings.",
    no_args_is_help=True,
    rich_markup_mode=None,
)

TicketsOpt = Annotated[
    Path,
    typer.Option("--tickets", "-t", help="Queue tickets: a CSV or Parquet file (docs/ops.md)."),
]
RatingsOpt = Annotated[
    Path | None,
    typer.Option("--ratings", "-r", help="Satisfaction ratings: a CSV or Parquet file."),
]
MemoryOpt = Annotated[
    str,
    typer.Option("--memory-limit", help="Most memory DuckDB may use (beyond it, it spills)."),
]
ThreadsOpt = Annotated[int, typer.Option("--threads", min=1, help="Threads DuckDB may use.")]
SHOWN_REJECTIONS = 10


def _settings(memory: str, threads: int) -> EngineSettings:
    from asan_core.ops.engine import EngineSettings

    return EngineSettings(memory_limit=memory, threads=threads)


def _with_progress(action: Callable[[Callable[[str], None] | None], T]) -> T:
    """Run ``action`` with a spinner on stderr when it is a terminal; Ctrl-C exits 130,
    SIGTERM 143, with nothing written."""
    return with_progress(action, "reading the records…", "nothing was written")


def _print_rejections(reports: list[ImportReport]) -> None:
    for report in reports:
        if report.ignored_columns:
            consoles.err.print(
                f"note: {escape(display_path(report.file))}: columns not in the format, not "
                f"read: {escape(', '.join(report.ignored_columns))}"
            )
    for report in reports:
        if not report.rejected_total:
            continue
        consoles.err.print(
            f"[yellow]warning:[/] {escape(display_path(report.file))}: "
            f"{report.rejected_total} of {report.rows} rows rejected (not counted):"
        )
        for reason, count in sorted(report.rejected.items(), key=lambda kv: -kv[1]):
            consoles.err.print(f"  {count} × {escape(reason)}")
        for problem in report.problems()[:SHOWN_REJECTIONS]:
            consoles.err.print(f"  {escape(problem.render())}")
        if len(report.examples) > SHOWN_REJECTIONS or report.rejected_total > len(report.examples):
            consoles.err.print("  … report.json (and --json) lists the first 20 with reasons")


@ops_app.command("report")
def ops_report(
    country: CountryArg,
    tickets: TicketsOpt,
    month: Annotated[str, typer.Option("--month", "-m", help="The month, YYYY-MM.")],
    ratings: RatingsOpt = None,
    out: Annotated[
        Path | None,
        typer.Option("--out", "-o", help="The report folder (default: ops-report-CC-YYYY-MM)."),
    ] = None,
    locale: Annotated[
        list[str] | None,
        typer.Option("--locale", "-l", help="Only this locale (repeatable); all by default."),
    ] = None,
    json_out: JsonOpt = False,
    strict: Annotated[
        bool, typer.Option("--strict", help="Write nothing if any row is rejected (exit 2).")
    ] = False,
    memory: MemoryOpt = "2GB",
    threads: ThreadsOpt = 2,
) -> None:
    """Write the month's report site in every locale of the country, and report.json.

    Rows that fail a check are rejected, counted and listed with their row and column;
    the report shows how many. The site is written to a temporary folder and swapped in:
    a failure leaves the previous report untouched.
    """
    from asan_core.i18n.negotiation import negotiate_locale
    from asan_core.ops import compute, report_json, write_site

    franchise = franchise_of(country)
    chosen = guard(lambda: [negotiate_locale(loc, franchise.country) for loc in locale or []])
    target = out or Path(f"ops-report-{franchise.country.code}-{month}")
    settings = _settings(memory, threads)
    run = _with_progress(
        lambda progress: compute(franchise, tickets, ratings, month, settings, progress)
    )
    _print_rejections(run.imports)
    if strict and any(r.rejected_total for r in run.imports):
        fail(
            [p for r in run.imports for p in r.problems()],
            EXIT_INPUT,
        )
    _with_progress(lambda progress: write_site(run, target, chosen or None, progress))
    if json_out:
        print_json(report_json(run))
        return
    m = run.measured
    say(
        f"wrote {display_path(target)}: {m.month}, "
        f"{m.rows_in_month['tickets']} tickets, {m.rows_in_month['ratings']} ratings, "
        f"{len(m.keys('centre'))} centres, locales "
        + ", ".join(chosen or franchise.country.locales)
    )
    if run.records_illustrative:
        consoles.out.print(
            "  the records are marked illustrative: the report says so on every page"
        )


@ops_app.command("check")
def ops_check(
    country: CountryArg,
    tickets: TicketsOpt,
    ratings: RatingsOpt = None,
    json_out: JsonOpt = False,
    memory: MemoryOpt = "2GB",
    threads: ThreadsOpt = 2,
) -> None:
    """Check record files without writing a report; exit 1 if any row is rejected."""
    from asan_core.ops.engine import close, connect, import_records

    franchise = franchise_of(country)
    settings = _settings(memory, threads)

    def check(progress: Callable[[str], None] | None) -> list[ImportReport]:
        connection = connect(settings)
        try:
            found = [import_records(connection, franchise, "tickets", tickets, progress)]
            if ratings is not None:
                found.append(import_records(connection, franchise, "ratings", ratings, progress))
            return found
        finally:
            close(connection)

    reports = _with_progress(check)
    if json_out:
        print_json({"version": 1, "files": [r.as_json() for r in reports]})
    else:
        for report in reports:
            consoles.out.print(
                f"{escape(display_path(report.file))}: {report.rows} rows, {report.kept} kept, "
                f"{report.rejected_total} rejected"
            )
        _print_rejections(reports)
    if any(r.rejected_total for r in reports):
        raise typer.Exit(EXIT_FINDINGS)


@ops_app.command("demand")
def ops_demand(
    country: CountryArg,
    tickets: TicketsOpt,
    output: Annotated[Path, typer.Option("--out", "-o", help="The demand file to write (YAML).")],
    month: Annotated[
        str | None, typer.Option("--month", "-m", help="Only this month, YYYY-MM.")
    ] = None,
    memory: MemoryOpt = "2GB",
    threads: ThreadsOpt = 2,
) -> None:
    """Measure demand from queue tickets and write it as a demand file for
    ``asan plan COUNTRY --demand FILE``: applications per service on an average open day,
    and each centre's hourly profile, with provenance."""
    from asan_core.base.files import write_atomically
    from asan_core.base.problems import Problem
    from asan_core.ops import demand
    from asan_core.ops.demand_file import demand_document
    from asan_core.ops.records import parse_month

    if month is not None:
        try:
            parse_month(month)
        except ValueError as exc:
            fail([Problem(str(exc), field="--month")])
    franchise = franchise_of(country)
    settings = _settings(memory, threads)
    cells = _with_progress(lambda _: demand(franchise, tickets, month, settings))
    source = f"queue tickets {tickets.name}" + (f", {month}" if month else "")
    text, centres = demand_document(franchise, cells, source)
    if not centres:
        fail(
            [
                Problem(
                    f"no ticket of {display_path(tickets)} was kept"
                    + (f" for {month}" if month else ""),
                    hint=f"asan ops check {franchise.country.code} --tickets FILE shows why rows "
                    "are rejected",
                )
            ]
        )
    guard(lambda: write_atomically(output, text, field="--out"))
    consoles.out.print(
        f"wrote {escape(display_path(output))}: demand of {centres} centre(s); plan it with "
        f"asan plan {franchise.country.code} --demand {escape(display_path(output))}"
    )


@ops_app.command("synth")
def ops_synth(
    country: CountryArg,
    month: Annotated[str, typer.Option("--month", "-m", help="The month, YYYY-MM.")],
    tickets: Annotated[
        int, typer.Option("--tickets", "-n", min=1, help="Tickets over the two months.")
    ] = 20000,
    seed: Annotated[int, typer.Option("--seed", help="The same seed, the same files.")] = 2026,
    out: Annotated[Path, typer.Option("--out", "-o", help="The folder for the files.")] = Path(
        "ops-synthetic"
    ),
    parquet: Annotated[
        bool, typer.Option("--parquet", help="Write Parquet instead of CSV.")
    ] = False,
) -> None:
    """Write synthetic tickets and ratings (marked illustrative) for MONTH and the month
    before it, to try the report."""
    from asan_core.ops.records import parse_month, previous_month
    from asan_core.ops.synth import synthesise

    franchise = franchise_of(country)
    try:
        parse_month(month)
    except ValueError as exc:
        from asan_core.base.problems import Problem

        fail([Problem(str(exc), field="--month")])
    suffix = "parquet" if parquet else "csv"
    result = _with_progress(
        lambda progress: synthesise(
            franchise,
            [previous_month(month), month],
            tickets,
            out / f"tickets.{suffix}",
            out / f"ratings.{suffix}",
            seed=seed,
        )
    )
    say(
        f"wrote {display_path(result.tickets_file)} ({result.tickets} tickets) and "
        f"{display_path(result.ratings_file)} ({result.ratings} ratings): illustrative, "
        f"seed {seed}"
    )
    consoles.out.print(
        f"next: asan ops report {franchise.country.code} "
        f"--tickets {display_path(result.tickets_file)} "
        f"--ratings {display_path(result.ratings_file)} --month {month}"
    )


def register(app: typer.Typer) -> None:
    """Add these commands to ``app``."""
    app.add_typer(ops_app, name="ops")
