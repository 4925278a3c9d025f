"""Read a catalogue for ``asan diff``: parse it and check its shape field by field."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from asan_core.base.problems import Problem, ProblemsError, display_path
from asan_core.export.catalogue import CATALOGUE_FORMAT, CATALOGUE_VERSION
from asan_core.export.diff import HINT, RECORD_KINDS, JsonObject

# -- reading ---------------------------------------------------------------------------


def load_catalogue(path: Path) -> JsonObject:
    """Read and check an ``asan-catalogue`` file.

    :raises ProblemsError: the file cannot be read, is not JSON, is not a catalogue, or is
        of a newer version than this asan-sdk reads.
    """
    where = str(path)
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        reason = exc.strerror if isinstance(exc, OSError) and exc.strerror else str(exc)
        raise ProblemsError(
            [Problem(f"cannot read {display_path(path)}: {reason}", hint=HINT)]
        ) from exc
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise ProblemsError(
            [Problem(f"this is not JSON: {exc.msg}", file=where, line=exc.lineno, hint=HINT)]
        ) from exc
    if not isinstance(data, dict) or data.get("format") != CATALOGUE_FORMAT:
        raise ProblemsError(
            [
                Problem(
                    f'this is not an asan catalogue (no "format": "{CATALOGUE_FORMAT}")',
                    file=where,
                    hint=HINT,
                )
            ]
        )
    version = data.get("version")
    if not isinstance(version, int) or version > CATALOGUE_VERSION:
        raise ProblemsError(
            [
                Problem(
                    f"this catalogue has version {version!r}; this asan-sdk reads version "
                    f"{CATALOGUE_VERSION}",
                    file=where,
                    hint="upgrade asan-sdk, or export both catalogues with this one",
                )
            ]
        )
    problems = _shape_problems(data, where)
    if problems:
        raise ProblemsError(problems)
    return data


def _shape_problems(data: JsonObject, where: str) -> list[Problem]:
    """Every place where ``data`` departs from the shape ``asan diff`` reads.

    A hand-edited or truncated catalogue is reported here, field by field, rather than
    failing half-way through the comparison (exit 2, never a traceback).
    """
    problems: list[Problem] = []

    def bad(field: str, expected: str) -> None:
        problems.append(Problem(f"expected {expected}", file=where, field=field))

    version = data.get("version")
    if isinstance(version, bool):
        bad("version", "a whole number")
    country = data.get("country")
    if not isinstance(country, dict) or not isinstance(country.get("code"), str):
        problems.append(Problem("the catalogue has no country code", file=where, field="country"))
    locales = data.get("locales", [])
    if not isinstance(locales, list) or not all(isinstance(x, str) for x in locales):
        bad("locales", "a list of locale codes")
    coverage = data.get("coverage", [])
    if not isinstance(coverage, list) or not all(
        isinstance(x, dict) and isinstance(x.get("area"), str) for x in coverage
    ):
        bad("coverage", "a list of {area, centres, fallback} objects")
    for kind in ("services", *RECORD_KINDS):
        items = data.get(kind, [])
        if not isinstance(items, list):
            bad(kind, "a list of records")
            continue
        seen: set[str] = set()
        for index, item in enumerate(items):
            field = f"{kind}[{index}]"
            if not isinstance(item, dict) or not isinstance(item.get("id"), str):
                problems.append(Problem("a record without an id", file=where, field=field))
                continue
            if item["id"] in seen:
                problems.append(
                    Problem(f"the id {item['id']!r} appears twice", file=where, field=field)
                )
            seen.add(item["id"])
            for name, expected in _SHAPES.get(kind, {}).items():
                if name in item and not _fits(item[name], expected):
                    bad(f"{field}.{name}", _EXPECTED[expected])
            if kind == "services" and isinstance(item.get("costs"), list):
                for c, cost in enumerate(item["costs"]):
                    tiers = cost.get("express", []) if isinstance(cost, dict) else None
                    if not isinstance(tiers, list) or not all(isinstance(x, dict) for x in tiers):
                        bad(f"{field}.costs[{c}].express", _EXPECTED["objects"])
    return problems


_SHAPES: dict[str, dict[str, str]] = {
    "services": {
        "title": "text",
        "description": "text",
        "agency": "string",
        "channels": "strings",
        "evidence": "objects",
        "outputs": "objects",
        "costs": "objects",
        "legal_basis": "strings",
        "processing_days": "days",
        "provenance": "object",
    },
    "agencies": {"name": "text", "provenance": "object"},
    "centres": {"name": "text", "provenance": "object"},
    "legal_resources": {"title": "text", "provenance": "object"},
    "principles": {"name": "text"},
}
"""The fields ``asan diff`` reads, and the shape each must have."""

_EXPECTED = {
    "text": "a {locale: text} map",
    "string": "a string (an id)",
    "strings": "a list of strings",
    "objects": "a list of objects",
    "object": "an object",
    "days": "a whole number of working days, or null",
}


def _fits(value: Any, expected: str) -> bool:
    if expected == "text":
        return value is None or (
            isinstance(value, dict) and all(isinstance(v, str) for v in value.values())
        )
    if expected == "string":
        return isinstance(value, str)
    if expected == "strings":
        return isinstance(value, list) and all(isinstance(x, str) for x in value)
    if expected == "objects":
        return isinstance(value, list) and all(isinstance(x, dict) for x in value)
    if expected == "object":
        return isinstance(value, dict)
    return value is None or (isinstance(value, int) and not isinstance(value, bool))


# -- comparing -------------------------------------------------------------------------
