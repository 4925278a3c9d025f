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
import re
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any

import yaml

from asan_core.base.problems import Problem, ProblemsError
from asan_core.contract.record_kinds import SECTIONS
from asan_core.model import LOGO_MAX_BYTES, Country, Record
from asan_core.plugin_kit.yaml_document import LOADER, MAX_FILE_BYTES, YamlDocument


@dataclass
class _Loaded:
    """A plugin's data files, read once: records, and problems by country."""

    countries: list[Country] = field(default_factory=list)
    records: dict[tuple[str, str], list[Record]] = field(default_factory=dict)
    problems: dict[str | None, list[Problem]] = field(default_factory=dict)
    country_file_problems: list[Problem] = field(default_factory=list)
    addressed: dict[str, list[Problem]] = field(default_factory=dict)
    """Per country code a records file names: where it names it (a problem to raise only
    when no plugin declares that country)."""
    pending: dict[str, list[Path]] = field(default_factory=dict)
    """Records files not read yet, by the country their first line names: each is read
    (parsed, located, validated) the first time its country is asked for."""
    contributed: set[str] = field(default_factory=set)
    """Every country a records file of the plugin names, read or not."""
    order: dict[str, int] = field(default_factory=dict)
    """Each file's place in the folder's order (records keep it, whenever read)."""

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


_CODE = re.compile(r"[A-Z]{2}")


def _records_file_country(path: Path) -> str | None:
    """The country a plain records file is for, told without reading its records: the file
    is one YAML mapping whose first key is ``country:`` with an ISO code such as ``AF``,
    it has no other ``country:`` key at the top, and LibYAML's parser reads it to the end
    without an error. None for anything else (a country file, a syntax error, an unusual
    layout): such a file is read at once, as every file used to be, and its problems are
    reported as before.

    This is what lets ``asan kit build AF`` leave another country's records unread: a
    plugin's files were all parsed and validated whichever country was asked for."""
    try:
        if path.stat().st_size > MAX_FILE_BYTES:
            return None
        text = path.read_bytes().decode("utf-8")
    except (OSError, UnicodeDecodeError):
        return None
    loader = LOADER(text)
    depth = 0
    top_keys = documents = 0
    code: str | None = None
    expect_key = False
    try:
        while loader.check_event():
            event = loader.get_event()
            if isinstance(event, yaml.CollectionStartEvent):
                if depth == 0 and not isinstance(event, yaml.MappingStartEvent):
                    return None
                if depth == 1 and expect_key:
                    return None  # a list or mapping as a key
                depth += 1
                expect_key = depth == 1
                continue
            if isinstance(event, yaml.CollectionEndEvent):
                depth -= 1
                expect_key = depth == 1
                continue
            if isinstance(event, yaml.DocumentStartEvent):
                documents += 1
                if documents > 1:
                    return None  # a second document: read at once (and refused there)
            if depth != 1 or not isinstance(event, yaml.ScalarEvent | yaml.AliasEvent):
                continue
            if expect_key:
                if isinstance(event, yaml.AliasEvent):
                    return None  # an alias as a key (it may stand for country)
                top_keys += 1
                is_country = event.value == "country"
                if is_country and top_keys > 1:
                    return None  # a second country: key, or not the first key
                if top_keys == 1 and not is_country:
                    return None
            elif top_keys == 1:
                # The value of the first key, country: a plain string code, as it loads.
                if not isinstance(event, yaml.ScalarEvent) or event.tag is not None:
                    return None
                tag = loader.resolve(yaml.ScalarNode, event.value, event.implicit)
                if tag != "tag:yaml.org,2002:str" or not _CODE.fullmatch(event.value):
                    return None
                code = event.value
            expect_key = not expect_key
    except yaml.YAMLError:
        return None
    finally:
        loader.dispose()
    return code


class CountryData:
    """The data files of one plugin, loaded once, on first use.

    Typical plugin module::

        DATA = CountryData.from_package("asan_afghanistan")

        @hookimpl
        def asan_services(country):
            return DATA.records("services", country)

    Problems raise :class:`~asan_core.base.problems.ProblemsError` listing all of them, for the
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
        loaded = self._read_for(code)
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
            | loaded.contributed
        )

    def undeclared(self, declared: set[str]) -> list[Problem]:
        """Records files of this plugin naming a country that is not in ``declared`` (the
        codes every installed plugin declares): their records go to no country, which is
        a typo far more often than a plan (``country: AG`` for ``AF``)."""
        loaded = self._loaded
        for code in [code for code in loaded.pending if code not in declared]:
            self._read_for(code)
        found: list[Problem] = []
        for code, where in sorted(loaded.addressed.items()):
            if code not in declared:
                found.extend(where)
        for code, problems in sorted((c, p) for c, p in loaded.problems.items() if c):
            if code not in declared:  # a file that names no declared country, and is wrong
                found.extend(problems)
        return found

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
        for place, path in enumerate(self._files()):
            loaded.order[str(path)] = place
            code = _records_file_country(path)
            if code is None:
                self._read_file(path, loaded)
            else:
                loaded.pending.setdefault(code, []).append(path)
                loaded.contributed.add(code)
        return loaded

    def _read_for(self, code: str) -> _Loaded:
        """The files, with every records file for ``code`` read; the country's records in
        the order of their files, as if all had been read at once."""
        loaded = self._loaded
        pending = loaded.pending.pop(code, [])
        for path in pending:
            self._read_file(path, loaded, code)
        if pending:

            def place(record: Record) -> int:
                return loaded.order.get(record.origin.file or "", 0) if record.origin else 0

            for (country, _), records in loaded.records.items():
                if country == code:
                    records.sort(key=place)  # stable: a file's records keep their order
        return loaded

    def _read_file(self, path: Path, loaded: _Loaded, code: str | None = None) -> None:
        """Parse, locate and validate one file into ``loaded``. Its problems count against
        its country: ``code`` when its first line named it, else the one read from it, else
        none (the file's country cannot be told, so it stops every country)."""
        doc = YamlDocument(path, self.plugin)
        is_country_file = False
        if not doc.problems:
            code, is_country_file = _file_country(doc.data)
            self._read(doc, loaded.countries, loaded.records)
            if code and not is_country_file:
                loaded.contributed.add(code)
            if code and not is_country_file and not doc.problems:
                loaded.addressed.setdefault(code, []).append(
                    doc.problem(
                        ("country",),
                        f"this file's records are for country {code!r}, which no "
                        "installed plugin declares: they are read for no country",
                        hint="correct the code (the countries: 'asan countries'), or "
                        "install the plugin that declares the country",
                    )
                )
        if doc.problems:
            if is_country_file:
                loaded.country_file_problems.extend(doc.problems)
            loaded.problems.setdefault(code, []).extend(doc.problems)

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
            if country is not None and country.logo is not None:
                problem = logo_problem(doc.path, self.package_dir, country.logo.file)
                if problem:
                    doc.problems.append(doc.problem(("country", "logo", "file"), *problem))
                    country = None
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


PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"


def logo_problem(country_file: Path, package_dir: Path, relative: str) -> tuple[str, str] | None:
    """What is wrong with a country's logo (message, hint), or None: it must be a file
    inside the plugin's package, an SVG or PNG by its content, and at most
    ``LOGO_MAX_BYTES``."""
    path = (country_file.parent / relative).resolve()
    package = package_dir.resolve()
    hint = "put the logo (SVG or PNG) in the plugin's package and give its path relative "
    hint += "to the country file, e.g. logo: {file: ../assets/logo.svg}"
    if not path.is_relative_to(package):
        return f"the logo {relative!r} is outside the plugin's package ({package})", hint
    if not path.is_file():
        return f"the logo {relative!r} does not exist ({path})", hint
    size = path.stat().st_size
    if size > LOGO_MAX_BYTES:
        return (
            f"the logo {relative!r} is {size // 1024} KiB; at most {LOGO_MAX_BYTES // 1024} KiB",
            "simplify the SVG or export a smaller PNG",
        )
    head = path.read_bytes()
    if path.suffix.lower() == ".png":
        if not head.startswith(PNG_SIGNATURE):
            return f"the logo {relative!r} is not a PNG image", hint
        return None
    from xml.etree import ElementTree  # only for a country with an SVG logo

    try:
        root = ElementTree.fromstring(head)
    except ElementTree.ParseError as exc:
        return f"the logo {relative!r} is not well-formed SVG: {exc}", hint
    if root.tag not in {"svg", "{http://www.w3.org/2000/svg}svg"}:
        return f"the logo {relative!r} is not an SVG image (its root is <{root.tag}>)", hint
    # The kit publishes the file itself too (assets/logo.svg), where a browser opening it
    # would run its scripts and fetch what it links: a logo is a picture, nothing more.
    for element in root.iter():
        tag = str(element.tag).rsplit("}", 1)[-1]
        if tag in {"script", "foreignObject"}:
            return f"the logo {relative!r} holds a <{tag}> element", "a logo is a picture only"
        for name, value in element.attrib.items():
            local = name.rsplit("}", 1)[-1].lower()
            link = local == "href" and not value.startswith("#")
            if local.startswith("on") or link:
                return (
                    f"the logo {relative!r} has {local}={value[:40]!r}: scripts and links "
                    "to other files are not allowed",
                    "export the logo as a plain SVG (or a PNG)",
                )
    return None
