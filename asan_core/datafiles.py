"""Load a plugin's YAML data files into model records, with errors a reviewer can act on.

A plugin keeps its facts in ``<package>/data/*.yaml``. Two kinds of file:

- a **country file** declares a country: ``country:`` is a mapping (a
  :class:`~asan_core.model.Country`);
- a **records file** contributes to a country: ``country:`` is its ISO code and the other
  top-level keys are sections (``agencies``, ``services``, ``centres``, ``coverage``,
  ``legal_resources``, ``principles``, ``principle_changes``, ``curriculum``,
  ``curriculum_changes``), each a list of records.

Every error names the file, the line and the field path, says what was expected, and
where possible suggests the fix. All errors of all files are reported together.
"""

from __future__ import annotations

import difflib
import types
import typing
from collections.abc import Iterable
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any, TypeVar

import yaml
from pydantic import BaseModel, ValidationError

from asan_core import hookimpl
from asan_core.model import (
    Agency,
    Centre,
    Country,
    CoverageRecord,
    CurriculumModule,
    LegalResource,
    ModuleChange,
    Origin,
    Principle,
    PrincipleChange,
    Record,
    Service,
)
from asan_core.problems import Problem, ProblemsError

SECTIONS: dict[str, type[Record]] = {
    "agencies": Agency,
    "services": Service,
    "centres": Centre,
    "coverage": CoverageRecord,
    "legal_resources": LegalResource,
    "principles": Principle,
    "principle_changes": PrincipleChange,
    "curriculum": CurriculumModule,
    "curriculum_changes": ModuleChange,
}
"""Top-level sections of a records file and the model of their items."""

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
        return typing.cast(R, record.with_origin(origin))

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


@dataclass
class _Loaded:
    """A plugin's data files, read once: records, and problems by country."""

    countries: list[Country] = field(default_factory=list)
    records: dict[tuple[str, str], list[Record]] = field(default_factory=dict)
    problems: dict[str | None, list[Problem]] = field(default_factory=dict)
    country_file_problems: list[Problem] = field(default_factory=list)

    def problems_for(self, code: str | None) -> list[Problem]:
        return list(self.problems.get(code, []))


def _file_country(data: Any) -> tuple[str | None, bool]:
    """The country a file is about (None when it cannot be told), and whether it declares it."""
    if not isinstance(data, dict):
        return None, False
    value = data.get("country")
    if isinstance(value, dict):
        code = value.get("code")
        return (code if isinstance(code, str) else None), True
    return (value if isinstance(value, str) else None), False


class CountryData:
    """The data files of one plugin, loaded once, on first use.

    Typical plugin module::

        DATA = CountryData.from_package("asan_afghanistan")

        @hookimpl
        def asan_services(country):
            return DATA.records("services", country)

    Problems raise :class:`~asan_core.problems.ProblemsError` listing all of them, for the
    country they concern only; the franchise reports them with the plugin's name.
    """

    def __init__(self, data_dir: Path, plugin: str, package_dir: Path | None = None) -> None:
        self.data_dir = data_dir
        self.plugin = plugin
        self.package_dir = package_dir or data_dir.parent
        self._cache: tuple[tuple[tuple[str, int, int], ...], _Loaded] | None = None

    @classmethod
    def from_package(cls, package: str, folder: str = "data") -> CountryData:
        """The ``data/`` folder inside an installed package (works from wheels too)."""
        root = Path(str(resources.files(package)))
        return cls(root / folder, plugin=package, package_dir=root)

    def countries(self) -> list[Country]:
        """The countries declared by this plugin's country files.

        Raises ProblemsError for problems in country files (or in files whose country
        cannot be told); problems in another country's records do not stop this.
        """
        loaded = self._loaded
        problems = loaded.problems_for(None) + loaded.country_file_problems
        if problems:
            raise ProblemsError(problems)
        return list(loaded.countries)

    def records(self, section: str, country: Country | str) -> list[Any]:
        """Records of ``section`` contributed to ``country`` (a Country or its code).

        Raises ProblemsError for problems in files of this country (or of no known
        country): a mistake in one country's files never stops another country.
        """
        if section not in SECTIONS:
            raise KeyError(f"unknown section {section!r}; sections: {', '.join(SECTIONS)}")
        code = country if isinstance(country, str) else country.code
        loaded = self._loaded
        problems = loaded.problems_for(None) + loaded.problems_for(code)
        if problems:
            raise ProblemsError(problems)
        return list(loaded.records.get((code, section), []))

    def country_codes(self) -> set[str]:
        """Codes of the countries this plugin declares or contributes to."""
        loaded = self._loaded
        return (
            {c.code for c in loaded.countries}
            | {code for code, _ in loaded.records}
            | {code for code in loaded.problems if code}
        )

    def _files(self) -> list[Path]:
        return sorted(self.data_dir.glob("*.yaml")) + sorted(self.data_dir.glob("*.yml"))

    @property
    def _loaded(self) -> _Loaded:
        """The files, parsed once and again only when one of them changes on disk."""
        fingerprint = tuple(
            (path.name, stat.st_mtime_ns, stat.st_size)
            for path in (self._files() if self.data_dir.is_dir() else [])
            for stat in [path.stat()]
        )
        if self._cache is None or self._cache[0] != fingerprint:
            self._cache = (fingerprint, self._load())
        return self._cache[1]

    def _load(self) -> _Loaded:
        loaded = _Loaded()
        if not self.data_dir.is_dir():
            loaded.problems[None] = [
                Problem(
                    f"the data folder {self.data_dir} does not exist",
                    plugin=self.plugin,
                    hint="create it with a country file (country.yaml)",
                )
            ]
            return loaded
        for path in self._files():
            doc = YamlDocument(path, self.plugin)
            code: str | None = None
            is_country_file = False
            if not doc.problems:
                code, is_country_file = _file_country(doc.data)
                self._read(doc, loaded.countries, loaded.records)
            if doc.problems:
                if is_country_file:
                    loaded.country_file_problems.extend(doc.problems)
                loaded.problems.setdefault(code, []).extend(doc.problems)
        return loaded

    def _read(
        self,
        doc: YamlDocument,
        countries: list[Country],
        records: dict[tuple[str, str], list[Record]],
    ) -> None:
        data = doc.data
        expected = (
            "a mapping with 'country:' and sections such as 'services:' (see docs/data-files.md)"
        )
        if not isinstance(data, dict):
            doc.problems.append(doc.problem((), f"expected {expected}"))
            return
        if "country" not in data:
            doc.problems.append(
                doc.problem(
                    (),
                    "the file has no 'country:' key",
                    hint="a country file has 'country:' as a mapping; a records file names "
                    "the country it contributes to, e.g. 'country: AF'",
                )
            )
            return
        if isinstance(data["country"], dict):
            extra = sorted(set(data) - {"country"})
            if extra:
                doc.problems.append(
                    doc.problem(
                        (extra[0],),
                        f"a country file holds only 'country:'; found {', '.join(extra)}",
                        hint="move the records into their own file with 'country: <code>'",
                    )
                )
            country = doc.validate(Country, ("country",))
            if country is not None:
                countries.append(country)
            return
        code = data["country"]
        if not isinstance(code, str) or len(code) != 2 or code != code.upper():
            doc.problems.append(
                doc.problem(("country",), f"expected an ISO 3166-1 code such as AF, got {code!r}")
            )
            return
        for section, items in data.items():
            if section == "country":
                continue
            model = SECTIONS.get(section)
            if model is None:
                close = difflib.get_close_matches(section, SECTIONS, n=1)
                doc.problems.append(
                    doc.problem(
                        (section,),
                        f"unknown section {section!r}",
                        hint=(f"did you mean {close[0]!r}? " if close else "")
                        + f"sections: {', '.join(SECTIONS)}",
                    )
                )
                continue
            if items is None:
                continue
            if not isinstance(items, list):
                doc.problems.append(
                    doc.problem((section,), f"expected a list of records under {section!r}")
                )
                continue
            for index in range(len(items)):
                record = doc.validate(model, (section, index))
                if record is not None:
                    records.setdefault((code, section), []).append(record)


class DataPlugin:
    """A country plugin answered from its data files: subclass it, or use it as is.

    The plugin's package exposes an instance and names it as its entry point::

        # asan_afghanistan/__init__.py
        plugin = DataPlugin.from_package(__name__)

        # pyproject.toml
        [project.entry-points.asan]
        asan_afghanistan = "asan_afghanistan:plugin"

    Country behaviour (a calendar, an identifier check) goes in a subclass with more
    ``@hookimpl`` methods. Template and locale folders (``templates/``, ``locales/`` beside
    ``data/``) are offered for the countries the plugin declares or contributes to.
    """

    def __init__(self, data: CountryData) -> None:
        self.data = data

    @classmethod
    def from_package(cls, package: str) -> DataPlugin:
        """The plugin for the installed package ``package`` (its ``data/`` folder)."""
        return cls(CountryData.from_package(package))

    def serves(self, country: Country) -> bool:
        """True when this plugin declares ``country`` or contributes records to it."""
        return country.code in self.data.country_codes()

    def _folder(self, name: str, country: Country) -> list[Path]:
        folder = self.data.package_dir / name
        return [folder] if folder.is_dir() and self.serves(country) else []

    @hookimpl
    def asan_countries(self) -> list[Country]:
        """The countries of this plugin's country file."""
        return self.data.countries()

    @hookimpl
    def asan_agencies(self, country: Country) -> list[Agency]:
        """``agencies:`` sections for ``country``."""
        return self.data.records("agencies", country)

    @hookimpl
    def asan_services(self, country: Country) -> list[Service]:
        """``services:`` sections for ``country``."""
        return self.data.records("services", country)

    @hookimpl
    def asan_centres(self, country: Country) -> list[Centre]:
        """``centres:`` sections for ``country``."""
        return self.data.records("centres", country)

    @hookimpl
    def asan_coverage(self, country: Country) -> list[CoverageRecord]:
        """``coverage:`` sections for ``country``."""
        return self.data.records("coverage", country)

    @hookimpl
    def asan_legal_resources(self, country: Country) -> list[LegalResource]:
        """``legal_resources:`` sections for ``country``."""
        return self.data.records("legal_resources", country)

    @hookimpl
    def asan_principles(self, country: Country) -> list[Principle | PrincipleChange]:
        """``principles:`` then ``principle_changes:`` sections for ``country``."""
        return self.data.records("principles", country) + self.data.records(
            "principle_changes", country
        )

    @hookimpl
    def asan_curriculum_modules(self, country: Country) -> list[CurriculumModule | ModuleChange]:
        """``curriculum:`` then ``curriculum_changes:`` sections for ``country``."""
        return self.data.records("curriculum", country) + self.data.records(
            "curriculum_changes", country
        )

    @hookimpl
    def asan_template_dirs(self, country: Country) -> list[Path]:
        """``templates/`` beside ``data/``, for the countries this plugin serves."""
        return self._folder("templates", country)

    @hookimpl
    def asan_locale_dirs(self, country: Country) -> list[Path]:
        """``locales/`` beside ``data/``, for the countries this plugin serves."""
        return self._folder("locales", country)
