"""A YAML data file parsed once, with the line of every key and item, validated into records.

Errors name the file, the line and the field path, say what was expected and, where it
can, suggest the fix.
"""

from __future__ import annotations

import difflib
import typing
from collections.abc import Iterable
from pathlib import Path
from typing import Any, TypeVar

import yaml
from pydantic import BaseModel, ValidationError

from asan_core.base.problems import Problem
from asan_core.model import Origin, Record

R = TypeVar("R", bound=Record)

MAX_FILE_BYTES = 8 * 1024 * 1024
"""A data file larger than this is refused before it is read (the largest bundled one is
under 100 KiB; a country's whole catalogue of 1,000 services is about 2 MiB)."""

MAX_DEPTH = 40
"""Mappings and lists nested deeper than this are refused (the model needs under 10)."""

MAX_NODES = 500_000
"""A file whose keys and items, with every alias expanded, number more than this is
refused: a few nested aliases can stand for billions of entries ("billion laughs")."""


def _timestamp(loader: Any, node: yaml.ScalarNode) -> Any:
    """YAML's dates, with an impossible one (``2026-02-30``) a located error, not a crash."""
    try:
        return yaml.constructor.SafeConstructor.construct_yaml_timestamp(loader, node)
    except ValueError as exc:
        raise yaml.constructor.ConstructorError(
            None, None, f"{node.value!r} is not a date of the calendar ({exc})", node.start_mark
        ) from exc


class _Loader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):  # type: ignore[misc]
    """PyYAML's safe loader, in C (LibYAML) where PyYAML was built with it — some ten times
    faster than the pure-Python one, with the same marks (lines) and the same safe types."""


_Loader.add_constructor("tag:yaml.org,2002:timestamp", _timestamp)
LOADER: Any = _Loader
LinePath = tuple[str | int, ...]


def format_field_path(path: Iterable[str | int]) -> str:
    """``("services", 3, "title", "en")`` → ``services[3].title.en``."""
    out = ""
    for part in path:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += f".{part}" if out else str(part)
    return out


class _TooLarge(Exception):
    def __init__(self, message: str, line: int, hint: str) -> None:
        super().__init__(message)
        self.message, self.line, self.hint = message, line, hint


class YamlDocument:
    """A parsed YAML file with the line of every mapping key and sequence item."""

    def __init__(self, path: Path, plugin: str) -> None:
        self.path = path
        self.plugin = plugin
        self.lines: dict[LinePath, int] = {}
        self._groups: dict[int, dict[LinePath, dict[str, int]]] = {}
        self.problems: list[Problem] = []
        self.data: Any = None
        self._parse()

    def _parse(self) -> None:
        try:
            size = self.path.stat().st_size
        except OSError as exc:
            self._problem(f"the file cannot be read: {exc.strerror}", "check its permissions")
            return
        if size > MAX_FILE_BYTES:
            self._problem(
                f"the file is {size / 2**20:.1f} MiB; a data file may hold at most "
                f"{MAX_FILE_BYTES // 2**20} MiB",
                "split it into several files (one per section or per agency)",
            )
            return
        try:
            text = self.path.read_text(encoding="utf-8")
        except UnicodeDecodeError as exc:
            self._problem(
                f"the file is not UTF-8 text ({exc.reason} at byte {exc.start})",
                "save the file as UTF-8 (every editor offers it)",
            )
            return
        loader = LOADER(text)
        try:
            # One parse: the node tree (with every line), then the data built from it.
            node = loader.get_single_node()
            self.data = loader.construct_document(node) if node is not None else None
        except RecursionError:
            self._problem(
                f"mappings and lists are nested more than {MAX_DEPTH} deep",
                "check the indentation; no record nests that deep",
            )
            return
        except yaml.reader.ReaderError as exc:  # a character YAML does not take (NUL, ...)
            self._problem(
                f"the file holds the control character U+{exc.character:04X}, which a "
                "text file may not",
                "delete it (it often comes with text pasted from another program)",
                line=text[: exc.position].count("\n") + 1,
            )
            return
        except yaml.YAMLError as exc:
            mark = getattr(exc, "problem_mark", None)
            problem = getattr(exc, "problem", None) or str(exc)
            context = getattr(exc, "context", None)
            message = (
                str(problem)
                if "is not a date" in str(problem)
                else f"this is not valid YAML: {problem}" + (f" ({context})" if context else "")
            )
            self._problem(
                message,
                "write a date that exists, as YYYY-MM-DD (2026-03-21)"
                if "is not a date" in str(problem)
                else "check the indentation and that text containing ': ' is quoted",
                line=mark.line + 1 if mark else None,
                column=mark.column + 1 if mark else None,
            )
            return
        finally:
            loader.dispose()
        if node is not None:
            try:
                self._index(node, (), [0])
            except _TooLarge as exc:
                self.data = None
                self.lines.clear()
                self._problem(exc.message, exc.hint, line=exc.line)

    def _problem(
        self, message: str, hint: str, line: int | None = None, column: int | None = None
    ) -> None:
        """A problem with the file as a whole (its size, encoding, syntax), located."""
        self.problems.append(
            Problem(
                message,
                plugin=self.plugin,
                file=str(self.path),
                line=line,
                column=column,
                hint=hint,
            )
        )

    def _index(self, node: yaml.Node, path: LinePath, seen_nodes: list[int]) -> None:
        seen_nodes[0] += 1
        if seen_nodes[0] > MAX_NODES:
            raise _TooLarge(
                f"the file expands to more than {MAX_NODES:,} keys and items (aliases "
                "included): that is no country's data",
                node.start_mark.line + 1,
                "write the entries out instead of nesting aliases (*name) in aliases",
            )
        if len(path) > MAX_DEPTH:
            raise _TooLarge(
                f"mappings and lists are nested more than {MAX_DEPTH} deep here",
                node.start_mark.line + 1,
                "check the indentation; no record nests that deep",
            )
        # A key's own line wins over the line its (block) value starts on.
        self.lines.setdefault(path, node.start_mark.line + 1)
        if isinstance(node, yaml.MappingNode):
            seen: dict[str, int] = {}
            for key_node, value_node in node.value:
                key = str(key_node.value)
                line = key_node.start_mark.line + 1
                if key in seen:
                    self.problems.append(
                        Problem(
                            f"the key {key!r} appears twice in the same mapping "
                            f"(first on line {seen[key]}); YAML would keep only the last",
                            plugin=self.plugin,
                            file=str(self.path),
                            line=line,
                            field=format_field_path((*path, key)),
                            hint="remove or merge one of the two",
                        )
                    )
                seen[key] = line
                self.lines[(*path, key)] = line
                self._index(value_node, (*path, key), seen_nodes)
        elif isinstance(node, yaml.SequenceNode):
            for index, item in enumerate(node.value):
                self._index(item, (*path, index), seen_nodes)

    def _lines_below(self, path: LinePath) -> dict[str, int]:
        """The line of every key and item below ``path``, by relative field path.

        The lines are grouped by their first ``len(path)`` parts once per depth, so
        locating the fields of every record of a file costs one pass over the file, not
        one per record.
        """
        depth = len(path)
        groups = self._groups.get(depth)
        if groups is None:
            groups = {}
            for key, line in self.lines.items():
                if len(key) > depth:
                    groups.setdefault(key[:depth], {})[format_field_path(key[depth:])] = line
            self._groups[depth] = groups
        return dict(groups.get(path, {}))

    def line_of(self, path: LinePath) -> int | None:
        """The line of ``path``, or of its nearest enclosing key or item."""
        for end in range(len(path), -1, -1):
            line = self.lines.get(path[:end])
            if line is not None:
                return line
        return None

    def problem(self, path: LinePath, message: str, hint: str | None = None) -> Problem:
        """A problem located at ``path`` in this file."""
        return Problem(
            message,
            plugin=self.plugin,
            file=str(self.path),
            line=self.line_of(path),
            field=format_field_path(path) or None,
            hint=hint,
        )

    def validate(self, model: type[R], path: LinePath) -> R | None:
        """Validate the value at ``path`` as ``model``; record problems and return None."""
        value: Any = self.data
        for part in path:
            value = value[part]
        try:
            record = model.model_validate(value)
        except ValidationError as exc:
            for error in exc.errors(include_url=False):
                loc = (*path, *_clean_loc(error["loc"]))
                self.problems.append(self._explain(model, path, loc, error))
            return None
        field_lines = self._lines_below(path)
        origin = Origin(
            plugin=self.plugin,
            file=str(self.path),
            line=self.line_of(path),
            path=format_field_path(path) or None,
            field_lines=field_lines,
        )
        return record.with_origin(origin)

    def _explain(
        self, model: type[BaseModel], path: LinePath, loc: LinePath, error: Any
    ) -> Problem:
        kind = error["type"]
        message = str(error["msg"])
        hint = None
        if message.startswith("Value error, "):
            message = message.removeprefix("Value error, ")
        relative = loc[len(path) :]
        if relative and relative[-1] == "[key]":  # a mapping's key, not its value
            loc, relative = loc[:-1], relative[:-1]
            message = f"the key {relative[-1]!r}: {message}" if relative else message
            relative = tuple(p for p in relative[:-1])
        if kind == "extra_forbidden":
            name = str(relative[-1])
            allowed = sorted(_fields_at(model, relative[:-1]))
            close = difflib.get_close_matches(name, allowed, n=1)
            message = f"unknown field {name!r}"
            hint = (f"did you mean {close[0]!r}? " if close else "") + (
                f"fields here: {', '.join(allowed)}"
            )
        elif kind == "missing":
            message = "this field is required but missing"
        elif kind in {"enum", "literal_error"}:
            expected = error.get("ctx", {}).get("expected")
            message = f"{error.get('input')!r} is not allowed here; expected {expected}"
        elif kind == "string_pattern_mismatch":
            message = (
                f"{error.get('input')!r} is not a valid id: use lower-case letters, digits, "
                "'-' and '_', starting with a letter or digit"
                if "a-z0-9" in str(error.get("ctx", {}).get("pattern", ""))
                else f"{error.get('input')!r} does not have the expected form"
            )
        elif kind.endswith("_type") or kind.endswith("_parsing"):
            message = f"{message} (found {error.get('input')!r})"
        if hint is None:
            hint = _field_hint(model, relative, kind)
        return self.problem(loc, message, hint)


def _clean_loc(loc: tuple[Any, ...]) -> LinePath:
    # Drop pydantic's internal segments (validator names) that are not in the data.
    return tuple(
        part for part in loc if isinstance(part, int) or not str(part).startswith("function-")
    )


def _field_hint(model: type[BaseModel], relative: LinePath, kind: str) -> str:
    """How to fix a field: what it holds (its description in the model), and where the
    data files' reference lists every field."""
    names = [str(p) for p in relative if not isinstance(p, int)]
    field = None
    current: Any = model
    for name in names:
        if not (isinstance(current, type) and issubclass(current, BaseModel)):
            field = None
            break
        field = current.model_fields.get(name)
        if field is None:
            break
        current = _model_in(field.annotation)
    what = field.description if field is not None and field.description else None
    name = names[-1] if names else "the record"
    if kind == "missing":
        return f"add {name}" + (f" ({what})" if what else "") + "; docs/reference/data-schema.md"
    if what:
        return f"{name}: {what} (docs/reference/data-schema.md)"
    return f"see {name} in docs/reference/data-schema.md"


def _model_in(annotation: Any) -> Any:
    """The model class inside an annotation (``tuple[Cost, ...] | None`` → ``Cost``), or None;
    breadth first, each argument once."""
    queue, seen = [annotation], set()
    while queue:
        arg = queue.pop(0)
        if id(arg) in seen:
            continue
        seen.add(id(arg))
        if isinstance(arg, type) and issubclass(arg, BaseModel):
            return arg
        queue.extend(typing.get_args(arg))
    return None


def _fields_at(model: type[BaseModel], relative: LinePath) -> set[str]:
    """The field names of the (nested) model found at ``relative`` below ``model``."""
    current: Any = model
    for part in relative:
        if isinstance(part, int):
            continue
        if isinstance(current, type) and issubclass(current, BaseModel):
            field = current.model_fields.get(str(part))
            if field is None:
                return set()
            current = _model_in(field.annotation)
    if isinstance(current, type) and issubclass(current, BaseModel):
        return set(current.model_fields)
    return set()
