"""The open record format of queue tickets and satisfaction ratings, as data.

One place says which columns a file has, which are required, what each holds and which
names are refused because they would identify a citizen. The importer
(:mod:`asan_core.ops.engine`), the JSON Schema files shipped in ``schemas/`` and
``docs/ops.md`` all follow these tuples; a test keeps the schema files in step.

Time zones are explicit: every timestamp is ISO 8601 with the UTC offset of the centre's
local time (``2026-11-02T09:15:00+04:30``; ``Z`` means the centre keeps UTC). Durations
are taken between instants; the hour, day and month a record belongs to are the centre's
local wall clock as written.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any, Literal

ColumnKind = Literal["id", "text", "timestamp", "date", "integer", "boolean"]
RecordKind = Literal["tickets", "ratings"]

TIMESTAMP_PATTERN = r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,6})?(Z|[+-]\d{2}:\d{2})$"
DATE_PATTERN = r"^\d{4}-\d{2}-\d{2}$"
MONTH = re.compile(r"^(\d{4})-(0[1-9]|1[0-2])$")


@dataclass(frozen=True)
class Column:
    """One column of a record file."""

    name: str
    kind: ColumnKind
    required: bool
    description: str


TICKET_COLUMNS: tuple[Column, ...] = (
    Column("ticket_id", "id", True, "The ticket's id in the queue system, unique in the file."),
    Column("centre", "id", True, "The centre's id, as in the country data (centres.yaml)."),
    Column("service", "id", True, "The service's id, as in the country data (services.yaml)."),
    Column("counter", "text", False, "The counter (desk) that served the ticket."),
    Column("issued_at", "timestamp", True, "When the ticket was issued (the citizen arrived)."),
    Column("called_at", "timestamp", False, "When the ticket was called; empty: never called."),
    Column(
        "finished_at", "timestamp", False, "When service at the counter ended; empty: not served."
    ),
    Column(
        "completed_on",
        "date",
        False,
        "The local date the application's result (the document) was ready; empty: not known.",
    ),
    Column(
        "illustrative",
        "boolean",
        False,
        "true on a synthetic or example row; the report marks figures from such rows.",
    ),
)

RATING_COLUMNS: tuple[Column, ...] = (
    Column("rating_id", "id", True, "The rating's id in the survey system, unique in the file."),
    Column("centre", "id", True, "The centre's id, as in the country data."),
    Column("service", "id", False, "The service rated, as in the country data; may be empty."),
    Column("ticket_id", "text", False, "The ticket the rating is about, if the terminal knows."),
    Column("rated_at", "timestamp", True, "When the rating was given."),
    Column("score", "integer", True, "The rating, 1 (worst) to 5 (best)."),
    Column("complaint", "boolean", False, "true when the citizen filed a complaint."),
    Column("illustrative", "boolean", False, "true on a synthetic or example row."),
)

COLUMNS: dict[RecordKind, tuple[Column, ...]] = {
    "tickets": TICKET_COLUMNS,
    "ratings": RATING_COLUMNS,
}
ID_COLUMN: dict[RecordKind, str] = {"tickets": "ticket_id", "ratings": "rating_id"}

TRUE_WORDS = ("true", "1", "yes")
FALSE_WORDS = ("false", "0", "no")

IDENTIFYING_WORDS = frozenset(
    {
        "name",
        "names",
        "firstname",
        "lastname",
        "fullname",
        "surname",
        "patronymic",
        "citizen",
        "customer",
        "client",
        "applicant",
        "visitor",
        "phone",
        "telephone",
        "mobile",
        "msisdn",
        "email",
        "mail",
        "passport",
        "tazkira",
        "nid",
        "ssn",
        "fin",
        "pin",
        "address",
        "birth",
        "birthday",
        "dob",
        "photo",
        "signature",
        "fingerprint",
    }
)
"""Words that, in a column's name, mark it as identifying a person (refused)."""

IDENTIFYING_NAMES = frozenset(
    {"national_id", "personal_id", "id_number", "id_card", "card_number", "tax_id", "tin"}
)
NOT_A_PERSON = ("centre_", "center_", "service_", "agency_", "counter_", "desk_")
"""Prefixes of names that describe the service, not a person (``service_name``)."""


def normalised(column: str) -> str:
    """``"E-Mail "`` → ``e_mail``: lower case, words joined by ``_``."""
    return re.sub(r"[^0-9a-z]+", "_", column.strip().lower()).strip("_")


def identifies_a_person(column: str) -> bool:
    """True for a column name that would identify a citizen (or an officer): a name, an
    identity number, a phone number, an e-mail or postal address, a birth date."""
    name = normalised(column)
    if name in {c.name for cols in COLUMNS.values() for c in cols}:
        return False
    if name.startswith(NOT_A_PERSON):
        return False
    if name in IDENTIFYING_NAMES:
        return True
    words = set(name.split("_"))
    joined = name.replace("_", "")
    return bool(words & IDENTIFYING_WORDS) or joined in IDENTIFYING_WORDS


def parse_month(text: str) -> tuple[int, int]:
    """``"2026-11"`` → ``(2026, 11)``; ValueError with the expected form otherwise."""
    match = MONTH.match(text.strip())
    if not match:
        raise ValueError(f"{text!r} is not a month: write it as YYYY-MM, e.g. 2026-11")
    return int(match.group(1)), int(match.group(2))


def previous_month(month: str) -> str:
    """``"2026-01"`` → ``"2025-12"``."""
    year, number = parse_month(month)
    return f"{year - 1}-12" if number == 1 else f"{year}-{number - 1:02d}"


def schema_path(kind: RecordKind) -> Path:
    """The JSON Schema file shipped for ``kind``."""
    return Path(__file__).parent / "schemas" / f"{kind}.schema.json"


@cache
def json_schema(kind: RecordKind) -> dict[str, Any]:
    """The shipped JSON Schema of one record of ``kind`` (a CSV row or Parquet row as JSON)."""
    data: dict[str, Any] = json.loads(schema_path(kind).read_text(encoding="utf-8"))
    return data


def expected_schema(kind: RecordKind) -> dict[str, Any]:
    """The JSON Schema the column tuples describe (what ``schemas/*.schema.json`` holds)."""
    properties: dict[str, Any] = {}
    for column in COLUMNS[kind]:
        prop: dict[str, Any] = {"description": column.description}
        if column.kind in ("id", "text"):
            prop["type"] = "string"
            prop["minLength"] = 1
        elif column.kind == "timestamp":
            prop["type"] = "string"
            prop["pattern"] = TIMESTAMP_PATTERN
        elif column.kind == "date":
            prop["type"] = "string"
            prop["pattern"] = DATE_PATTERN
        elif column.kind == "integer":
            prop["type"] = "integer"
            prop["minimum"] = 1
            prop["maximum"] = 5
        else:
            prop["type"] = "boolean"
        if not column.required:
            prop = {**prop, "type": [prop["type"], "null"]}
            prop.pop("minLength", None)
        properties[column.name] = prop
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "title": f"asan ops: one {kind[:-1]} record",
        "description": "One row of a CSV or Parquet file of the asan ops record format "
        "(docs/ops.md). Columns not listed are ignored, except that a column identifying a "
        "person is refused.",
        "type": "object",
        "required": [c.name for c in COLUMNS[kind] if c.required],
        "properties": properties,
    }
