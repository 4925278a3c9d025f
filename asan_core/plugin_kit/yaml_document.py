"""A YAML data file parsed once, with the line of every key and item, validated into records.

Errors name the file, the line and the field path, say what was expected and, where it
can, suggest the fix.
"""

from __future__ import annotations

import difflib
import types
import typing
from collections.abc import Iterable
from pathlib import Path
from typing import Any, TypeVar

import yaml
from pydantic import BaseModel, ValidationError

from asan_core.base.problems import Problem
from asan_core.model import Origin, Record

R = TypeVar("R", bound=Record)
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


class YamlDocument:
    """A parsed YAML file with the line of every mapping key and sequence item."""

    def __init__(self, path: Path, plugin: str) -> None:
        self.path = path
        self.plugin = plugin
        self.lines: dict[LinePath, int] = {}
        self.problems: list[Problem] = []
        self.data: Any = None
        self._parse()

    def _parse(self) -> None:
        try:
            text = self.path.read_text(encoding="utf-8")
        except UnicodeDecodeError as exc:
            self.problems.append(
                Problem(
                    f"the file is not UTF-8 text ({exc.reason} at byte {exc.start})",
                    plugin=self.plugin,
                    file=str(self.path),
                    hint="save the file as UTF-8 (every editor offers it)",
                )
            )
            return
        try:
            node = yaml.compose(text, Loader=yaml.SafeLoader)
            self.data = yaml.safe_load(text)
        except yaml.YAMLError as exc:
            mark = getattr(exc, "problem_mark", None)
            problem = getattr(exc, "problem", None) or str(exc)
            context = getattr(exc, "context", None)
            message = f"this is not valid YAML: {problem}" + (f" ({context})" if context else "")
            self.problems.append(
                Problem(
                    message,
                    plugin=self.plugin,
                    file=str(self.path),
                    line=mark.line + 1 if mark else None,
                    hint="check the indentation and that text containing ': ' is quoted",
                )
            )
            return
        if node is not None:
            self._index(node, ())

    def _index(self, node: yaml.Node, path: LinePath) -> None:
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
                self._index(value_node, (*path, key))
        elif isinstance(node, yaml.SequenceNode):
            for index, item in enumerate(node.value):
                self._index(item, (*path, index))

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
        field_lines = {
            format_field_path(key[len(path) :]): line
            for key, line in self.lines.items()
            if key[: len(path)] == path and len(key) > len(path)
        }
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
        return self.problem(loc, message, hint)


def _clean_loc(loc: tuple[Any, ...]) -> LinePath:
    # Drop pydantic's internal segments (validator names) that are not in the data.
    return tuple(
        part for part in loc if isinstance(part, int) or not str(part).startswith("function-")
    )


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
            current = _inner_model(field.annotation)
    if isinstance(current, type) and issubclass(current, BaseModel):
        return set(current.model_fields)
    return set()


def _inner_model(annotation: Any) -> Any:
    """``tuple[Evidence, ...] | None`` → ``Evidence``."""
    for arg in (annotation, *typing.get_args(annotation)):
        if isinstance(arg, type) and issubclass(arg, BaseModel):
            return arg
        origin = typing.get_origin(arg)
        if origin in (tuple, list, typing.Union, types.UnionType):
            inner = _inner_model(arg)
            if inner is not arg:
                return inner
    return annotation
