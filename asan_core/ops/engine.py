"""The embedded engine: DuckDB, opened with bounded memory, and the record importers.

An importer reads a CSV or Parquet file straight into DuckDB, checks every row in SQL
(one pass, in parallel) and keeps the rows that pass in a typed table; a row that fails is
counted under its reason, and the first ones are kept located (file, row, column, value)
for the report. A file that cannot be read as records at all — a missing required column,
a column that identifies a person, a file that is not CSV or Parquet — is a problem that
stops the command before anything is written.

DuckDB is an optional dependency (``pip install 'asan-sdk[ops]'``); :func:`connect` says so
when it is missing.
"""

from __future__ import annotations

import datetime as dt
import shutil
import tempfile
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from asan_core.base.problems import Problem, ProblemsError, display_path
from asan_core.contract.franchise import Franchise
from asan_core.model import WEEKDAYS
from asan_core.ops.records import (
    COLUMNS,
    FALSE_WORDS,
    ID_COLUMN,
    TRUE_WORDS,
    RecordKind,
    identifies_a_person,
    normalised,
)

if TYPE_CHECKING:
    import duckdb

INSTALL_HINT = "pip install 'asan-sdk[ops]'  (or: pip install duckdb)"
EXAMPLES_KEPT = 20
"""How many rejected rows are kept with their location, per file."""

Progress = Callable[[str], None]


@dataclass(frozen=True)
class EngineSettings:
    """How much of the machine DuckDB may use: memory (spilling to ``temp_directory``
    beyond it) and threads."""

    memory_limit: str = "2GB"
    threads: int = 2
    temp_directory: str | None = None


def connect(settings: EngineSettings | None = None) -> duckdb.DuckDBPyConnection:
    """A DuckDB connection bounded by ``settings``, UTC session time zone.

    The working folder is a fresh temporary folder (``temp_directory``, else the
    system's): it holds the working database, the checked rows as Parquet (compressed, read
    through ``memory_limit``: :func:`import_records`) and what DuckDB spills.
    :func:`close` deletes it.

    :raises ProblemsError: when DuckDB is not installed, naming the ``pip install``.
    """
    try:
        import duckdb
    except ImportError:
        raise ProblemsError(
            [
                Problem(
                    "asan ops needs DuckDB, which is not installed",
                    hint=f"install it: {INSTALL_HINT}",
                )
            ]
        ) from None
    settings = settings or EngineSettings()
    folder = Path(tempfile.mkdtemp(prefix="asan-ops-", dir=settings.temp_directory))
    try:
        connection = duckdb.connect(
            str(folder / "work.duckdb"),
            config={
                "memory_limit": settings.memory_limit,
                "threads": settings.threads,
                "temp_directory": str(folder / "spill"),
                # Rows are numbered from the file itself (Parquet's file_row_number; a CSV
                # file's row_number() runs with the order preserved: see import_records).
                "preserve_insertion_order": False,
            },
        )
    except BaseException:
        shutil.rmtree(folder, ignore_errors=True)
        raise
    connection.execute("SET TimeZone = 'UTC'")
    connection.execute("SET enable_progress_bar = false")  # stdout is the command's (--json)
    _FOLDERS[id(connection)] = folder
    return connection


_FOLDERS: dict[int, Path] = {}


def close(connection: duckdb.DuckDBPyConnection) -> None:
    """Close ``connection`` and delete its working folder."""
    connection.close()
    folder = _FOLDERS.pop(id(connection), None)
    if folder is not None:
        shutil.rmtree(folder, ignore_errors=True)


def sql_string(text: str) -> str:
    """``text`` as a SQL string literal (quotes doubled): for file paths only."""
    return "'" + text.replace("'", "''") + "'"


def engine_error() -> type[Exception]:
    import duckdb

    return duckdb.Error


@dataclass
class Rejected:
    """One rejected row, located."""

    row: int
    column: str
    value: str | None
    reason: str

    def problem(self, file: Path, csv: bool, country: str = "COUNTRY") -> Problem:
        message, hint = REASONS.get(self.reason, (self.reason, None))
        hint = hint.replace("COUNTRY", country) if hint else hint
        shown = "empty" if self.value is None else repr(self.value[:80])
        return Problem(
            f"row {self.row}: {message} (value: {shown}); the row is not counted",
            file=str(file),
            line=self.row + 1 if csv else None,
            field=self.column,
            hint=hint,
        )

    def as_json(self, file: Path, country: str = "COUNTRY") -> dict[str, Any]:
        message, hint = REASONS.get(self.reason, (self.reason, None))
        hint = hint.replace("COUNTRY", country) if hint else hint
        return {
            "file": file.name,  # a published report names no folder of the operator
            "row": self.row,
            "column": self.column,
            "value": self.value,
            "reason": self.reason,
            "message": message,
            "hint": hint,
        }


@dataclass
class ImportReport:
    """What one import read: rows, rows kept, rows rejected by reason, the first located."""

    kind: RecordKind
    file: Path
    country: str = "COUNTRY"
    rows: int = 0
    kept: int = 0
    rejected: dict[str, int] = field(default_factory=dict)
    """``column:reason`` → how many rows."""
    examples: list[Rejected] = field(default_factory=list)
    ignored_columns: list[str] = field(default_factory=list)

    @property
    def rejected_total(self) -> int:
        return sum(self.rejected.values())

    @property
    def csv(self) -> bool:
        return self.file.suffix.lower() != ".parquet"

    def problems(self) -> list[Problem]:
        return [example.problem(self.file, self.csv, self.country) for example in self.examples]

    def as_json(self) -> dict[str, Any]:
        return {
            "kind": self.kind,
            "file": self.file.name,
            "rows": self.rows,
            "kept": self.kept,
            "rejected": self.rejected_total,
            "rejected_by_reason": dict(sorted(self.rejected.items())),
            "examples": [e.as_json(self.file, self.country) for e in self.examples],
            "ignored_columns": self.ignored_columns,
        }


REASONS: dict[str, tuple[str, str | None]] = {
    "missing": ("a required value is empty", "fill it in, or remove the row from the export"),
    "unknown_centre": (
        "not a centre of the country",
        "use a centre id of the country data ('asan centres COUNTRY' lists them)",
    ),
    "unknown_service": (
        "not a service of the country",
        "use a service id of the country data ('asan services COUNTRY' lists them)",
    ),
    "bad_timestamp": (
        "not an ISO 8601 timestamp with its UTC offset",
        "write the centre's local time with its offset: 2026-11-02T09:15:00+04:30",
    ),
    "bad_date": ("not a date", "write it as YYYY-MM-DD, e.g. 2026-11-05"),
    "before_issued": (
        "called before the ticket was issued",
        "check the clocks of the queue system; called_at must not be before issued_at",
    ),
    "called_too_late": (
        "called more than 24 hours after the ticket was issued",
        "a ticket is called on the day it is issued: check the dates",
    ),
    "not_called": (
        "finished, but the ticket was never called",
        "give called_at, or leave finished_at empty",
    ),
    "before_called": (
        "finished before the ticket was called",
        "check the clocks; finished_at must not be before called_at",
    ),
    "not_served": (
        "a completion date on a ticket that was not served",
        "give finished_at, or leave completed_on empty",
    ),
    "before_served": (
        "ready before the day the citizen applied",
        "completed_on must be on or after the day of issued_at",
    ),
    "duplicate": (
        "the same id as an earlier row",
        "ids must be unique in the file; the first row with the id is kept",
    ),
    "bad_score": ("not a whole number from 1 to 5", "write the rating as 1, 2, 3, 4 or 5"),
    "bad_boolean": ("not true or false", "write true or false (or 1/0, yes/no)"),
    "malformed": (
        "the line does not have the file's columns",
        "check the quoting and the number of commas on this line",
    ),
}


def _columns_of(connection: duckdb.DuckDBPyConnection, source: str) -> list[tuple[str, str]]:
    return [
        (str(row[0]), str(row[1]))
        for row in connection.execute(f"DESCRIBE SELECT * FROM {source}").fetchall()
    ]


def _source(path: Path) -> tuple[str, bool]:
    """The DuckDB table function reading ``path``, and whether it is CSV."""
    literal = sql_string(str(path))
    suffix = path.suffix.lower()
    if suffix == ".parquet":
        return f"read_parquet({literal}, file_row_number = true)", False
    if suffix in (".csv", ".txt") or path.name.lower().endswith(".csv.gz"):
        return (
            f"read_csv({literal}, header = true, delim = ',', quote = '\"', escape = '\"', "
            "all_varchar = true, store_rejects = true, ignore_errors = true, "
            "rejects_table = 'csv_rejects', rejects_scan = 'csv_scans')",
            True,
        )
    raise ProblemsError(
        [
            Problem(
                f"cannot tell the format of {path.name}",
                file=str(path),
                hint="give a .csv (UTF-8, comma-separated, a header row) or a .parquet file",
            )
        ]
    )


def check_columns(
    kind: RecordKind, path: Path, columns: Iterable[str]
) -> tuple[dict[str, str], list[str]]:
    """The file's column for each format column, and the columns it ignores.

    :raises ProblemsError: for a column that identifies a person (never read, never
        stored), a required column that is missing, or a column given twice.
    """
    problems: list[Problem] = []
    found: dict[str, str] = {}
    ignored: list[str] = []
    known = {c.name for c in COLUMNS[kind]}
    for column in columns:
        name = normalised(column)
        if identifies_a_person(column):
            problems.append(
                Problem(
                    f"the column {column!r} would identify a person: asan ops refuses it and "
                    "reads nothing from this file",
                    file=str(path),
                    line=1 if path.suffix.lower() != ".parquet" else None,
                    field=column,
                    hint="remove the column from the export (names, identity numbers, phone "
                    "numbers, e-mail and postal addresses, birth dates are never needed: "
                    "the indicators are about service, not people); see PRIVACY.md",
                )
            )
        elif name in known:
            if name in found:
                problems.append(
                    Problem(
                        f"the column {name!r} is given twice ({found[name]!r} and {column!r})",
                        file=str(path),
                        field=column,
                        hint="keep one of them",
                    )
                )
            found[name] = column
        elif column != "file_row_number":
            ignored.append(column)
    for wanted in COLUMNS[kind]:
        if (
            wanted.required
            and wanted.name not in found
            and not any(p.field == wanted.name for p in problems)
        ):
            problems.append(
                Problem(
                    f"the required column {wanted.name!r} is missing",
                    file=str(path),
                    line=1 if path.suffix.lower() != ".parquet" else None,
                    hint=f"the {kind} format has the columns "
                    + ", ".join(c.name for c in COLUMNS[kind])
                    + " (docs/ops.md)",
                )
            )
    if problems:
        raise ProblemsError(problems)
    return found, ignored


def _text(column: str | None) -> str:
    """A column as trimmed text (every Unicode space separator, the no-break space of
    spreadsheet exports among them), NULL when empty (or absent from the file).

    Measured on 25 million tickets, testing for a space before trimming saved a little
    only while the test looked for the ASCII space alone; a test that sees every space
    separator cost as much as ``trim`` itself (DuckDB repeats the expression wherever the
    column is used), so ``trim`` it is."""
    if column is None:
        return "CAST(NULL AS VARCHAR)"
    return f"nullif(trim(CAST({_quote(column)} AS VARCHAR)), '')"


def _quote(identifier: str) -> str:
    return '"' + identifier.replace('"', '""') + '"'


def _instant_ms(column: str) -> str:
    """SQL: the instant of an ISO 8601 text with its UTC offset, in milliseconds since
    1970 UTC; NULL when the text is not such a timestamp.

    The shape is checked with ``LIKE`` (date, ``T``, time to the second, then ``Z`` or
    ``±HH:MM`` at the end): a text without an offset is refused, never read in some default
    time zone. The value is checked by DuckDB's ISO 8601 cast to ``TIMESTAMPTZ``, which
    applies the offset (an impossible date or hour gives NULL). One cast per text:
    measured on 25 million tickets (``benchmarks/bench_ops.py``), taking the text apart with
    ``substr`` cost six times as much.
    """
    shape = (
        f"{column} LIKE '____-__-__T__:__:__%' AND ({column} LIKE '%Z' "
        f"OR {column} LIKE '%+__:__' OR {column} LIKE '%-__:__')"
    )
    return f"CASE WHEN {shape} THEN epoch_ms(try_cast({column} AS TIMESTAMPTZ)) END"


def _local(column: str) -> str:
    """SQL: the centre's wall-clock time of an ISO 8601 text, to the second (TIMESTAMP): the
    date and time as written, before the offset. Valid only where :func:`_instant_ms` is
    not NULL (the rows where it is are rejected)."""
    return f"try_cast(left({column}, 19) AS TIMESTAMP)"


def _boolean(column: str) -> str:
    words_true = ", ".join(f"'{w}'" for w in TRUE_WORDS)
    words_false = ", ".join(f"'{w}'" for w in FALSE_WORDS)
    return (
        f"CASE WHEN lower({column}) IN ({words_true}) THEN true "
        f"WHEN lower({column}) IN ({words_false}) THEN false END"
    )


CALENDAR_YEARS = (2000, 2100)
"""The years the working-day calendar covers (processing days outside them are unknown)."""


def _enum(values: Iterable[str]) -> str:
    return "ENUM (" + ", ".join(sql_string(v) for v in sorted(set(values))) + ")"


def _reference_tables(connection: duckdb.DuckDBPyConnection, franchise: Franchise) -> None:
    """The country's centres, agencies and services as ENUM types (one byte a row, not a
    string); each service's agency, processing standard and published fees; and the
    working-day calendar (the country's weekend and holidays skipped)."""
    if connection.execute(
        "SELECT count(*) FROM duckdb_tables() WHERE table_name = 'ref_services'"
    ).fetchone() != (0,):
        return
    centres = [c.id for c in franchise.centres]
    services = [s.id for s in franchise.services]
    agencies = [a.id for a in franchise.agencies] + [s.agency for s in franchise.services]
    connection.execute(f"CREATE TYPE ops_centre AS {_enum(centres)}")
    connection.execute(f"CREATE TYPE ops_service AS {_enum(services)}")
    connection.execute(f"CREATE TYPE ops_agency AS {_enum(agencies)}")
    connection.execute(
        "CREATE TABLE ref_services (id VARCHAR PRIMARY KEY, agency ops_agency, "
        "standard_days INTEGER, fees STRUCT(valid_from DATE, valid_until DATE)[])"
    )
    default_days = franchise.country.max_processing_days
    connection.executemany(
        "INSERT INTO ref_services VALUES (?, ?, ?, ?)",
        [
            [
                s.id,
                s.agency,
                s.processing_days if s.processing_days is not None else default_days,
                [
                    {
                        "valid_from": cost.effective_from or dt.date(1, 1, 1),
                        "valid_until": cost.effective_until or dt.date(9999, 12, 31),
                    }
                    for cost in s.costs
                ],
            ]
            for s in franchise.services
        ],
    )
    # The same days as asan_core.i18n.working_days.is_working_day: not a weekend day of
    # the country's week, not one of its holidays (yearly ones expanded).
    weekend = [WEEKDAYS.index(d) + 1 for d in franchise.country.week.weekend] or [0]
    holidays = sorted({h.date for h in franchise.holidays})
    listed = ", ".join(f"DATE '{d.isoformat()}'" for d in holidays) or "NULL"
    first, last = CALENDAR_YEARS
    connection.execute(
        "CREATE TABLE ref_days AS SELECT day, upto - working AS before, upto FROM ("
        "SELECT day, working, sum(working) OVER (ORDER BY day)::INTEGER AS upto FROM ("
        "SELECT CAST(d AS DATE) AS day, CASE WHEN isodow(d) IN "
        f"({', '.join(str(n) for n in weekend)}) OR CAST(d AS DATE) IN ({listed}) "
        "THEN 0 ELSE 1 END AS working "
        f"FROM range(TIMESTAMP '{first}-01-01', TIMESTAMP '{last + 1}-01-01', "
        "INTERVAL 1 DAY) t(d)))"
    )


def _target_names() -> list[str]:
    from asan_core.model import ServiceTargets

    return list(ServiceTargets.model_fields)


def import_records(
    connection: duckdb.DuckDBPyConnection,
    franchise: Franchise,
    kind: RecordKind,
    path: Path,
    progress: Progress | None = None,
) -> ImportReport:
    """Read ``path`` into the typed table ``kind`` (``tickets`` or ``ratings``).

    One streaming pass reads the file and checks every row (only the typed values and the
    row's first error are kept, never the file's text); a second pass groups the ids to
    find duplicates (:func:`_mark_duplicates`); the values of the first rejected rows are
    read back from the file for the report. The checked rows are kept as Parquet in the
    connection's working folder, deleted by :func:`close`.

    :raises ProblemsError: when the file cannot be read as records of ``kind``.
    """
    if not path.is_file():
        raise ProblemsError(
            [
                Problem(
                    f"no such file: {path}",
                    file=str(path),
                    hint=f"give the path of a CSV or Parquet file of {kind}",
                )
            ]
        )
    error = engine_error()
    _reference_tables(connection, franchise)
    source, is_csv = _source(path)
    say = progress or (lambda text: None)
    try:
        columns = _columns_of(connection, source)
    except error as exc:
        raise ProblemsError(
            [
                Problem(
                    f"cannot read {path.name} as {'CSV' if is_csv else 'Parquet'}: "
                    f"{str(exc).splitlines()[0]}",
                    file=str(path),
                    hint="export the records as UTF-8 CSV with a header row, or Parquet",
                )
            ]
        ) from None
    mapping, ignored = check_columns(kind, path, [name for name, _ in columns])
    types = dict(columns)
    problems = [
        Problem(
            f"the column {name!r} is stored as {types[mapping[name]]}: the centre's local "
            "time is lost",
            file=str(path),
            field=name,
            hint="store timestamps as ISO 8601 text with the centre's offset "
            "(2026-11-02T09:15:00+04:30)",
        )
        for name in mapping
        if any(c.name == name and c.kind == "timestamp" for c in COLUMNS[kind])
        and types[mapping[name]].upper().startswith("TIMESTAMP")
    ]
    if problems:
        raise ProblemsError(problems)
    report = ImportReport(
        kind=kind, file=path, country=franchise.country.code, ignored_columns=ignored
    )
    say(f"reading and checking {display_path(path)}")
    row = "file_row_number + 1" if not is_csv else "row_number() OVER ()"
    # Only the format's columns are ever read: whatever else the export holds stays out.
    selected = ", ".join(f"{_text(mapping.get(c.name))} AS {c.name}" for c in COLUMNS[kind])
    rows = f"SELECT {row} AS _row, {selected} FROM {source}"
    # A CSV file's rows are numbered by row_number() OVER (), the file's order only while
    # DuckDB keeps the order: for this file's scans (checks, duplicates, values) it does.
    connection.execute(f"SET preserve_insertion_order = {'true' if is_csv else 'false'}")
    try:
        return _import(connection, kind, path, rows, is_csv, report)
    finally:
        connection.execute("SET preserve_insertion_order = false")


def _import(
    connection: duckdb.DuckDBPyConnection,
    kind: RecordKind,
    path: Path,
    rows: str,
    is_csv: bool,
    report: ImportReport,
) -> ImportReport:
    error = engine_error()
    stored = _checked_file(connection, kind)
    try:
        # The checked rows go to a Parquet file in the working folder, not to a DuckDB
        # table: measured on 25 million tickets, writing it takes a third of the time of a
        # compressed table, and the indicators' scans read it faster.
        connection.execute(
            f"COPY ({_checks(kind, rows)}) TO {sql_string(str(stored))} "
            "(FORMAT parquet, COMPRESSION snappy)"
        )
        connection.execute(
            f"CREATE OR REPLACE VIEW checked_{kind} AS SELECT * FROM "
            f"read_parquet({sql_string(str(stored))})"
        )
    except error as exc:
        raise ProblemsError(
            [
                Problem(
                    f"cannot read {path.name}: {str(exc).splitlines()[0]}",
                    file=str(path),
                    hint="export the records as UTF-8 CSV with a header row, or Parquet",
                )
            ]
        ) from None
    malformed: list[int] = []
    if is_csv:  # lines DuckDB set aside (a wrong number of fields, a broken quote)
        malformed = [
            int(r[0]) - 1
            for r in connection.execute("SELECT line FROM csv_rejects ORDER BY line").fetchall()
        ]
    _drop_rejects(connection)
    _mark_duplicates(connection, kind, rows)
    counted = connection.execute(
        f"SELECT count(*), count(*) FILTER (WHERE _error IS NULL) FROM checked_{kind}"
    ).fetchone()
    assert counted is not None
    report.rows = int(counted[0]) + len(malformed)
    report.kept = int(counted[1])
    for reason, count in connection.execute(
        f"SELECT _error, count(*) FROM checked_{kind} WHERE _error IS NOT NULL GROUP BY 1"
    ).fetchall():
        report.rejected[str(reason)] = int(count)
    if malformed:
        report.rejected["line:malformed"] = len(malformed)
        report.examples.extend(
            Rejected(row=line, column="line", value=None, reason="malformed")
            for line in malformed[:EXAMPLES_KEPT]
        )
    first = connection.execute(
        f"SELECT _row, _error FROM checked_{kind} WHERE _error IS NOT NULL "
        f"ORDER BY _row LIMIT {EXAMPLES_KEPT}"
    ).fetchall()
    if first:
        wanted = {int(r[0]): str(r[1]).split(":", 1) for r in first}
        listed = ", ".join(str(r) for r in wanted)
        values = {
            int(r[0]): r[1:]
            for r in connection.execute(
                f"SELECT * FROM ({rows}) WHERE _row IN ({listed})"
            ).fetchall()
        }
        names = [c.name for c in COLUMNS[kind]]
        for found_row, (column, code) in wanted.items():
            raw = values.get(found_row)
            value = raw[names.index(column)] if raw is not None and column in names else None
            report.examples.append(
                Rejected(
                    row=_file_row(found_row, malformed),
                    column=column,
                    value=None if value is None else str(value),
                    reason=code,
                )
            )
    report.examples.sort(key=lambda r: r.row)
    del report.examples[EXAMPLES_KEPT:]
    _drop_rejects(connection)  # the scans above, for ids and values, filled them again
    connection.execute(f"CREATE OR REPLACE VIEW {kind} AS " + _typed(kind))
    return report


def _drop_rejects(connection: duckdb.DuckDBPyConnection) -> None:
    connection.execute("DROP TABLE IF EXISTS csv_rejects")
    connection.execute("DROP TABLE IF EXISTS csv_scans")


def _mark_duplicates(connection: duckdb.DuckDBPyConnection, kind: RecordKind, rows: str) -> None:
    """Reject every later row with an id an earlier row has.

    The ids are grouped straight from the file (the checked rows keep no id): usually no
    id occurs twice and that one pass is all; otherwise the rows of the repeated ids are
    numbered in the file's order and every one after the first is marked. Measured on 25
    million tickets, grouping the ids from the file took half the time of keeping their
    hashes with the checked rows and grouping those."""
    ident = ID_COLUMN[kind]
    connection.execute(
        f"CREATE OR REPLACE TABLE dup_ids AS SELECT {ident} AS id FROM ({rows}) "
        f"WHERE {ident} IS NOT NULL GROUP BY {ident} HAVING count(*) > 1"
    )
    found = connection.execute("SELECT count(*) FROM dup_ids").fetchone()
    if found is not None and found[0]:
        # The rows stay in the file; the view marks the later ones (the file is read-only).
        connection.execute(
            f"CREATE OR REPLACE TABLE duplicates_{kind} AS "
            f"SELECT _row FROM (SELECT _row, row_number() OVER (PARTITION BY {ident} "
            f"ORDER BY _row) AS n FROM ({rows}) WHERE {ident} IN (SELECT id FROM dup_ids)) "
            "WHERE n > 1"
        )
        connection.execute(
            f"CREATE OR REPLACE VIEW checked_{kind} AS SELECT * REPLACE (CASE WHEN _error IS "
            f"NULL AND _row IN (SELECT _row FROM duplicates_{kind}) THEN '{ident}:duplicate' "
            "ELSE _error END AS _error) FROM "
            f"read_parquet({sql_string(str(_checked_file(connection, kind)))})"
        )
    connection.execute("DROP TABLE dup_ids")


def _checked_file(connection: duckdb.DuckDBPyConnection, kind: RecordKind) -> Path:
    """Where the checked rows of ``kind`` are kept, in the connection's working folder."""
    return _FOLDERS[id(connection)] / f"checked_{kind}.parquet"  # made by connect()


def _file_row(row: int, malformed: list[int]) -> int:
    """The row's number in the file, counting the malformed rows DuckDB set aside."""
    position = row
    for skipped in malformed:
        if skipped <= position:
            position += 1
    return position


TICKET_COLUMNS_TYPED = (
    "centre, agency, service, counter, month, day, hour, weekday, called, served, "
    "wait_ms / 60000.0 AS wait_minutes, service_ms / 60000.0 AS service_minutes, "
    "completed_on, standard_days, processing_days, fee_published, illustrative"
)
"""The columns of the ``tickets`` view. Durations are stored as whole milliseconds (an
integer packs into a few bytes; a fraction of a minute does not) and shown in minutes."""
RATING_COLUMNS_TYPED = (
    "centre, agency, service, month, day, hour, weekday, score, complaint, illustrative"
)


def _checks(kind: RecordKind, rows: str) -> str:
    """SQL: every row of ``rows``, in one streaming pass, checked and typed — its first
    error (``column:reason``), its row number and the typed columns indicators read
    (:data:`TICKET_COLUMNS_TYPED`); no text of the file."""
    illustrative = (
        f"illustrative IS NOT NULL AND ({_boolean('illustrative')}) IS NULL",
        "'illustrative:bad_boolean'",
    )
    if kind == "tickets":
        stamps = (
            f"SELECT r.*, {_local('issued_at')} AS i_local, {_instant_ms('issued_at')} AS i_ms, "
            f"{_instant_ms('called_at')} AS c_ms, {_instant_ms('finished_at')} AS f_ms, "
            "try_cast(completed_on AS DATE) AS done_on, "
            "try_cast(r.centre AS ops_centre) AS centre_id, "
            "s.id AS service_known, s.agency AS agency_id, s.standard_days, s.fees "
            f"FROM ({rows}) r LEFT JOIN ref_services s ON s.id = r.service"
        )
        parsed = (
            "SELECT p.*, a.before AS day_before, d.upto AS done_upto "
            f"FROM ({stamps}) p "
            "LEFT JOIN ref_days a ON a.day = CAST(p.i_local AS DATE) "
            "LEFT JOIN ref_days d ON d.day = p.done_on"
        )
        typed = (
            "centre_id AS centre, agency_id AS agency, "
            "try_cast(service AS ops_service) AS service, counter, "
            "strftime(i_local, '%Y-%m') AS month, CAST(i_local AS DATE) AS day, "
            "hour(i_local)::TINYINT AS hour, (isodow(i_local) - 1)::TINYINT AS weekday, "
            "c_ms IS NOT NULL AS called, f_ms IS NOT NULL AS served, "
            "c_ms - i_ms AS wait_ms, f_ms - c_ms AS service_ms, "
            "done_on AS completed_on, standard_days, "
            "done_upto - day_before - 1 AS processing_days, "
            "len(list_filter(fees, lambda f: f.valid_from <= CAST(i_local AS DATE) "
            "AND CAST(i_local AS DATE) <= f.valid_until)) > 0 AS fee_published"
        )
        rules: list[tuple[str, str]] = [
            ("ticket_id IS NULL", "'ticket_id:missing'"),
            ("centre IS NULL", "'centre:missing'"),
            ("service IS NULL", "'service:missing'"),
            ("issued_at IS NULL", "'issued_at:missing'"),
            ("centre_id IS NULL", "'centre:unknown_centre'"),
            ("service_known IS NULL", "'service:unknown_service'"),
            ("i_ms IS NULL", "'issued_at:bad_timestamp'"),
            ("called_at IS NOT NULL AND c_ms IS NULL", "'called_at:bad_timestamp'"),
            ("finished_at IS NOT NULL AND f_ms IS NULL", "'finished_at:bad_timestamp'"),
            (
                "completed_on IS NOT NULL AND (done_on IS NULL "
                "OR NOT completed_on LIKE '____-__-__')",
                "'completed_on:bad_date'",
            ),
            ("c_ms < i_ms", "'called_at:before_issued'"),
            ("c_ms > i_ms + 86400000", "'called_at:called_too_late'"),
            ("f_ms IS NOT NULL AND c_ms IS NULL", "'finished_at:not_called'"),
            ("f_ms < c_ms", "'finished_at:before_called'"),
            ("done_on IS NOT NULL AND f_ms IS NULL", "'completed_on:not_served'"),
            ("done_on < CAST(i_local AS DATE)", "'completed_on:before_served'"),
            illustrative,
        ]
    else:
        parsed = (
            f"SELECT r.*, {_local('rated_at')} AS r_local, {_instant_ms('rated_at')} AS r_ms, "
            "try_cast(score AS TINYINT) AS score_value, "
            f"{_boolean('complaint')} AS complaint_value, "
            "try_cast(r.centre AS ops_centre) AS centre_id, "
            "s.id AS service_known, s.agency AS agency_id "
            f"FROM ({rows}) r LEFT JOIN ref_services s ON s.id = r.service"
        )
        typed = (
            "centre_id AS centre, agency_id AS agency, "
            "try_cast(service AS ops_service) AS service, "
            "strftime(r_local, '%Y-%m') AS month, CAST(r_local AS DATE) AS day, "
            "hour(r_local)::TINYINT AS hour, (isodow(r_local) - 1)::TINYINT AS weekday, "
            "score_value AS score, coalesce(complaint_value, false) AS complaint"
        )
        rules = [
            ("rating_id IS NULL", "'rating_id:missing'"),
            ("centre IS NULL", "'centre:missing'"),
            ("rated_at IS NULL", "'rated_at:missing'"),
            ("score IS NULL", "'score:missing'"),
            ("centre_id IS NULL", "'centre:unknown_centre'"),
            ("service IS NOT NULL AND service_known IS NULL", "'service:unknown_service'"),
            ("r_local IS NULL OR r_ms IS NULL", "'rated_at:bad_timestamp'"),
            (
                "score_value IS NULL OR score_value NOT BETWEEN 1 AND 5 "
                "OR NOT regexp_full_match(score, '[0-9]+')",
                "'score:bad_score'",
            ),
            (
                "complaint IS NOT NULL AND complaint_value IS NULL",
                "'complaint:bad_boolean'",
            ),
            illustrative,
        ]
    error = "CASE " + " ".join(f"WHEN {test} THEN {code}" for test, code in rules) + " END"
    return (
        "SELECT _row, "
        f"{error} AS _error, {typed}, "
        f"coalesce({_boolean('illustrative')}, false) AS illustrative "
        f"FROM ({parsed})"
    )


def _typed(kind: RecordKind) -> str:
    """SQL: the rows that passed the checks, with the columns indicators read."""
    columns = TICKET_COLUMNS_TYPED if kind == "tickets" else RATING_COLUMNS_TYPED
    return f"SELECT {columns} FROM checked_{kind} WHERE _error IS NULL"


def prepare_views(connection: duckdb.DuckDBPyConnection, franchise: Franchise) -> None:
    """The views indicators read, ``t_tickets`` and ``t_ratings``: every typed row with
    the country's targets as constant columns (``target_waiting_minutes``; NULL where the
    country sets none)."""
    targets = franchise.country.targets
    constants = ", ".join(
        f"CAST({_literal(targets.value(name) if targets else None)} AS DOUBLE) AS target_{name}"
        for name in _target_names()
    )
    for kind in ("tickets", "ratings"):
        connection.execute(f"CREATE OR REPLACE VIEW t_{kind} AS SELECT *, {constants} FROM {kind}")


def _literal(value: float | None) -> str:
    """A validated number as SQL (never text from a file)."""
    return "NULL" if value is None else repr(float(value))


def no_records(
    connection: duckdb.DuckDBPyConnection, franchise: Franchise, kind: RecordKind
) -> None:
    """The table ``kind`` with no rows (no file of that kind was given)."""
    _reference_tables(connection, franchise)
    columns = ", ".join(f"CAST(NULL AS VARCHAR) AS {c.name}" for c in COLUMNS[kind])
    empty = f"SELECT 0 AS _row, {columns} LIMIT 0"
    connection.execute(f"CREATE OR REPLACE VIEW checked_{kind} AS " + _checks(kind, empty))
    connection.execute(f"CREATE OR REPLACE VIEW {kind} AS " + _typed(kind))
