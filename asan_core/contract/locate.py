"""Point at a record: its label and its place (plugin, file, line, field) for a Problem."""

from __future__ import annotations

from asan_core.base.problems import Problem
from asan_core.model import Origin, Record


def record_label(record: Record) -> str:
    """``service 'id-card'`` style label for messages."""
    kind = type(record).__name__.lower()
    rid = getattr(record, "id", None) or getattr(record, "code", None)
    return f"{kind} {rid!r}" if rid else kind


def problem_at(record: Record, field: str | None, message: str, hint: str | None = None) -> Problem:
    """A problem about ``record`` (and one of its fields), located via its origin."""
    origin = record.origin or Origin(plugin="?")
    path = ".".join(part for part in (origin.path, field) if part) or None
    return Problem(
        message,
        plugin=origin.plugin,
        file=origin.file,
        line=origin.line_of(field) if field else origin.line,
        field=path,
        hint=hint,
    )
