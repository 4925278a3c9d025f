"""gettext catalog files: where they live, reading them with Babel, what counts as translated.

Two domains share every catalog folder (``<folder>/<locale>/LC_MESSAGES/``):

- ``messages`` — the interface: labels and sentences of the core's and plugins' templates;
- ``content`` — the shared materials and the country's data: one entry per translatable
  field, its ``msgctxt`` naming the record and field (``module volunteers objectives[0]``),
  its ``msgid`` the English source text.

Both are read with Babel (never a hand-written parser). A fuzzy entry, or one whose form is
missing, is not a translation.
"""

from __future__ import annotations

import io
import re
from pathlib import Path

from babel.messages.catalog import Catalog, Message
from babel.messages.pofile import read_po

from asan_core.base.problems import Problem, ProblemsError

DOMAIN = "messages"
"""The interface strings' domain."""

CONTENT_DOMAIN = "content"
"""The content (shared materials and data) domain."""


def catalog_path(folder: Path, locale: str, domain: str = DOMAIN) -> Path:
    """``<folder>/<locale>/LC_MESSAGES/<domain>.po``."""
    return folder / locale / "LC_MESSAGES" / f"{domain}.po"


def is_translated(message: Message) -> bool:
    """True when every form of ``message`` has a translation and it is not fuzzy."""
    if message.fuzzy:
        return False
    if isinstance(message.string, tuple | list):
        return all(message.string)
    return bool(message.string)


def _line_of(exc: Exception) -> int | None:
    """The 1-based line of Babel's PoFileError (its ``lineno`` counts from 0)."""
    line = getattr(exc, "lineno", None)
    return line + 1 if isinstance(line, int) else None


_KEYWORD = re.compile(r'^(msgctxt|msgid|msgid_plural|msgstr|msgstr\[\d+\])\s+(".*)$')
_STRING = re.compile(r'^"[^"\\]*(?:\\.[^"\\]*)*"\s*$')
# (a run of plain characters, then escapes each followed by a run: twice as fast on the
# long lines of a content catalog as one alternative per character)


def syntax_problems(text: str, path: Path) -> list[Problem]:
    """What ``msgfmt --check`` would refuse in a catalog's layout and Babel reads past
    without a word: a string left open, a line that is neither a keyword, a string nor a
    comment, a ``msgstr`` with no ``msgid`` before it, and the same entry twice."""
    problems: list[Problem] = []
    seen: dict[tuple[str, str], int] = {}
    context = msgid = None
    last: str | None = None
    entry_line = 0

    def problem(number: int, message: str, hint: str) -> None:
        problems.append(Problem(message, file=str(path), line=number, hint=hint))

    def close_entry() -> None:
        nonlocal context, msgid
        if msgid is not None:
            key = (context or "", msgid)
            if key in seen and msgid:
                problem(
                    entry_line,
                    f"this entry repeats the one on line {seen[key]} (same msgctxt and msgid)",
                    "keep one of them",
                )
            seen.setdefault(key, entry_line)
        context = msgid = None

    for number, raw in enumerate(text.splitlines(), start=1):
        line = raw.strip()
        if not line or line.startswith("#"):
            if not line:
                close_entry()
                last = None
            continue
        match = _KEYWORD.match(line)
        string = match.group(2) if match else line if line.startswith('"') else None
        if string is None:
            problem(
                number,
                f"{line[:40]!r} is neither a keyword, a quoted string nor a comment",
                "check the entry in Poedit, or with msgfmt --check",
            )
            continue
        if not _STRING.match(string):
            problem(
                number,
                "a quoted string is not closed on its line",
                'end the line with " (write \\" for a quote inside the text)',
            )
            continue
        value = string.strip()[1:-1]
        if match:
            keyword = match.group(1)
            if keyword == "msgctxt":
                close_entry()
                context, entry_line = value, number
            elif keyword == "msgid":
                if context is None:
                    close_entry()
                    entry_line = number
                msgid = value
            elif keyword.startswith("msgstr") and msgid is None:
                problem(number, "a msgstr with no msgid before it", "give the entry its msgid")
            last = keyword
        elif last is None:
            problem(
                number,
                "a string with no keyword before it",
                "start the entry with msgid (or msgctxt)",
            )
        elif last == "msgid" and msgid is not None:
            msgid += value
        elif last == "msgctxt" and context is not None:
            context += value
    close_entry()
    return problems


def read_catalog(path: Path, locale: str | None) -> Catalog:
    """Parse a ``.po`` (or ``.pot``) file; a syntax error becomes a located Problem."""
    try:
        raw = path.read_bytes()
        problems = syntax_problems(raw.decode("utf-8"), path)
    except UnicodeDecodeError as exc:
        problems = [
            Problem(
                f"the catalog is not UTF-8 text ({exc.reason} at byte {exc.start})",
                file=str(path),
                hint="save it as UTF-8 (Poedit does)",
            )
        ]
    except OSError as exc:
        problems = [Problem(f"the catalog cannot be read: {exc.strerror}", file=str(path))]
    if problems:
        raise ProblemsError(problems)
    try:
        return read_po(io.BytesIO(raw), locale=locale, abort_invalid=True)
    except Exception as exc:  # babel raises PoFileError and others
        raise ProblemsError(
            [
                Problem(
                    f"the catalog cannot be read: {exc}",
                    file=str(path),
                    line=_line_of(exc),
                    hint="check it with msgfmt --check, or open it in Poedit",
                )
            ]
        ) from exc


HEADER_COMMENT = (
    "# Translations template for PROJECT.\n"
    "# This file is distributed under the same licence as PROJECT\n"
    "# (REUSE.toml of asan-sdk says who holds the copyright of its catalogs).\n"
    "#"
)
"""The comment atop every catalog the SDK writes (Babel fills in LANGUAGE and PROJECT);
Babel's default names a year and a FIRST AUTHOR that would be false here."""
