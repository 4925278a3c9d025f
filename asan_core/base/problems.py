"""Problems a user can act on: what went wrong, where, and how to fix it."""

from __future__ import annotations

import dataclasses
import os
from dataclasses import dataclass
from pathlib import Path


def display_path(path: str | Path) -> str:
    """``path`` relative to the working directory when it lies below it, else absolute."""
    p = Path(path)
    try:
        return str(p.resolve().relative_to(Path.cwd().resolve()))
    except ValueError:
        return str(p)


def package_path(path: str | Path) -> str:
    """``path`` from its top-level Python package: ``asan_afghanistan/data/country.yaml``.

    The same wherever the plugin is installed or the command is run, so a published
    report (the kit's) stays byte-identical and does not leak the builder's folders.
    """
    p = Path(path)
    top = p.parent
    while (top.parent / "__init__.py").is_file():
        top = top.parent
    if not (top / "__init__.py").is_file():
        return p.name
    return p.relative_to(top.parent).as_posix()


@dataclass(frozen=True)
class Problem:
    """One thing wrong with the input, located as precisely as the input allows.

    ``plugin`` names the plugin that supplied the input; ``file``/``line``/``field`` point
    into its data files (``column`` too, where it is known: YAML's syntax errors); ``hint``
    says how to fix it.
    """

    message: str
    plugin: str | None = None
    file: str | None = None
    line: int | None = None
    field: str | None = None
    hint: str | None = None
    detail: str | None = dataclasses.field(default=None, compare=False)
    column: int | None = None

    def location(self) -> str:
        """``file:line`` (``file:line:column`` where the column is known), or the plugin, as
        a prefix for messages."""
        if self.file:
            where = display_path(self.file)
            if self.line and self.column:
                return f"{where}:{self.line}:{self.column}"
            return f"{where}:{self.line}" if self.line else where
        return f"plugin {self.plugin}" if self.plugin else ""

    def published_location(self) -> str:
        """:meth:`location` with the file from its package (:func:`package_path`)."""
        if self.file:
            where = package_path(self.file)
            return f"{where}:{self.line}" if self.line else where
        return self.location()

    def render(self) -> str:
        """The problem as lines of text for a terminal."""
        head = self.location()
        text = f"{head}: " if head else ""
        if self.field:
            text += f"{self.field}: "
        text += self.message
        lines = [text]
        if self.hint:
            lines.append(f"  hint: {self.hint}")
        if self.file and self.plugin:
            lines.append(f"  (plugin {self.plugin})")
        if self.detail and os.environ.get("ASAN_DEBUG"):
            lines.extend("  " + ln for ln in self.detail.rstrip().splitlines())
        return "\n".join(lines)

    def as_json(self) -> dict[str, str | int | None]:
        """A stable JSON shape: message, plugin, file, line, field, hint."""
        return {
            "message": self.message,
            "plugin": self.plugin,
            "file": display_path(self.file) if self.file else None,
            "line": self.line,
            "field": self.field,
            "hint": self.hint,
        }


class ProblemsError(Exception):
    """Raised with every problem found, so a user can fix them all in one pass."""

    def __init__(self, problems: list[Problem]) -> None:
        super().__init__("\n".join(p.render() for p in problems))
        self.problems = problems
