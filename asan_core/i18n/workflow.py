"""The translation workflow, so a trainer never has to learn pybabel's flags.

``extract`` (sources → ``messages.pot``), ``update`` (pot → every ``<locale>.po``, or a new
one), ``compile`` (``.po`` → ``.mo``, skipping incomplete plurals, python-babel #697) and
``stats`` (how much of a country shows in each locale, catalogs and data alike).
Each works on the core (the repository root) or on a plugin folder.
"""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from babel.messages.catalog import Catalog
from babel.messages.extract import extract_from_dir
from babel.messages.frontend import parse_mapping_cfg
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po, write_po

from asan_core.base.files import write_atomically
from asan_core.base.problems import Problem, ProblemsError
from asan_core.base.resources import locales_dir
from asan_core.base.version import __version__
from asan_core.contract.franchise import Franchise
from asan_core.contract.locate import record_label
from asan_core.i18n.catalogs import DOMAIN, catalog_path, is_translated, read_catalog
from asan_core.model import Record, localized_fields

COMMENT_TAGS = ("Translators:",)
FIXED_DATE = dt.datetime(2000, 1, 1, tzinfo=dt.UTC)
"""Catalog header dates are pinned so that extraction is reproducible (no diff noise)."""


@dataclass(frozen=True)
class Project:
    """Where a project's sources, extraction config and catalogs are."""

    root: Path
    locales: Path
    mapping: list[tuple[str, str]]
    options: dict[str, dict[str, Any]]
    name: str

    @classmethod
    def at(cls, root: Path) -> Project:
        """The core (a folder with ``asan_core/``) or a plugin folder (``asan_<x>/``)."""
        root = root.resolve()
        config = root / "babel.cfg"
        if (root / "asan_core").is_dir():
            name, locales = "asan-sdk", root / "locales"
        else:
            packages = sorted(p for p in root.glob("asan_*") if (p / "__init__.py").is_file())
            if not packages:
                raise ProblemsError(
                    [
                        Problem(
                            f"{root} is neither the asan-sdk checkout nor a plugin folder",
                            hint="give the folder that holds pyproject.toml and the asan_<country> "
                            "package",
                        )
                    ]
                )
            package = packages[0]
            name, locales = package.name, package / "locales"
            if not config.is_file():
                mapping = [
                    (f"{package.name}/**.py", "python"),
                    (f"{package.name}/templates/**.html", "jinja2"),
                    (f"{package.name}/templates/**.txt", "jinja2"),
                ]
                return cls(root, locales, mapping, {}, name)
        with config.open(encoding="utf-8") as handle:
            method_map, options_map = parse_mapping_cfg(handle)  # type: ignore[no-untyped-call]
        return cls(root, locales, method_map, options_map, name)

    @property
    def template(self) -> Path:
        """``<locales>/messages.pot``."""
        return self.locales / f"{DOMAIN}.pot"

    def catalogs(self) -> Iterator[tuple[str, Path]]:
        """``(locale, path)`` of every ``.po`` catalog, sorted by locale."""
        for path in sorted(self.locales.glob(f"*/LC_MESSAGES/{DOMAIN}.po")):
            yield path.parent.parent.name, path


def extract(project: Project) -> Catalog:
    """Extract every marked string of the project's sources into ``messages.pot``."""
    catalog = Catalog(
        project=project.name,
        version=__version__,
        domain=DOMAIN,
        copyright_holder="asan-sdk contributors",
        msgid_bugs_address="the asan-sdk issue tracker",
        creation_date=FIXED_DATE,
        revision_date=FIXED_DATE,
        fuzzy=False,
    )
    for filename, lineno, message, comments, context in extract_from_dir(
        str(project.root),
        method_map=project.mapping,
        options_map=project.options,
        comment_tags=COMMENT_TAGS,
        strip_comment_tags=True,
    ):
        catalog.add(
            message,
            None,
            [(Path(filename).as_posix(), lineno)],
            auto_comments=comments,
            context=context,
        )
    project.locales.mkdir(parents=True, exist_ok=True)
    with project.template.open("wb") as handle:
        write_po(handle, catalog, width=100, sort_by_file=True, include_lineno=False)
    return catalog


def update(project: Project, new_locales: list[str]) -> list[Path]:
    """Merge ``messages.pot`` into every catalog; create catalogs for ``new_locales``.

    Returns the catalogs that changed (a catalog already up to date is not rewritten).
    """
    if not project.template.is_file():
        raise ProblemsError(
            [Problem(f"{project.template} does not exist", hint="run 'asan i18n extract' first")]
        )
    with project.template.open("rb") as handle:
        template = read_po(handle)
    written = []
    existing = dict(project.catalogs())
    for locale in sorted(set(existing) | set(new_locales)):
        path = existing.get(locale) or catalog_path(project.locales, locale)
        if path.is_file():
            catalog = read_catalog(path, locale)
        else:
            catalog = Catalog(
                locale=locale,
                domain=DOMAIN,
                project=project.name,
                version=__version__,
                copyright_holder="asan-sdk contributors",
                msgid_bugs_address="the asan-sdk issue tracker",
                last_translator="asan-sdk contributors",
                language_team=f"{locale} (asan-sdk contributors)",
                fuzzy=False,
            )
            path.parent.mkdir(parents=True, exist_ok=True)
        catalog.update(template, update_header_comment=False)
        catalog.revision_date = FIXED_DATE
        catalog.creation_date = FIXED_DATE
        catalog.obsolete.clear()
        buffer = io.BytesIO()
        write_po(buffer, catalog, width=100, include_lineno=False, ignore_obsolete=True)
        # Leave a catalog that has nothing new untouched: a translator's diff shows only
        # the languages that changed.
        if not path.is_file() or path.read_bytes() != buffer.getvalue():
            write_atomically(path, buffer.getvalue())  # an interrupted update loses nothing
            written.append(path)
    return written


def compile_catalogs(project: Project) -> list[Path]:
    """Write ``messages.mo`` beside each ``.po``, leaving out incomplete messages."""
    written = []
    for locale, path in project.catalogs():
        catalog = read_catalog(path, locale)
        complete = Catalog(locale=locale, domain=DOMAIN)
        complete.mime_headers = catalog.mime_headers
        for message in catalog:
            if message.id and is_translated(message):
                complete[message.id] = message
        target = path.with_suffix(".mo")
        with target.open("wb") as handle:
            write_mo(handle, complete)
        written.append(target)
    return written


# -- coverage -------------------------------------------------------------------------


@dataclass
class LocaleCoverage:
    """How much of a country shows in one locale."""

    locale: str
    catalog_total: int = 0
    catalog_translated: int = 0
    catalog_missing: list[str] = field(default_factory=list)
    data_total: int = 0
    data_translated: int = 0
    data_missing: list[str] = field(default_factory=list)

    @property
    def complete(self) -> bool:
        """True when every catalog string and every data text is in this locale."""
        return not self.catalog_missing and not self.data_missing

    def as_json(self) -> dict[str, Any]:
        """Stable JSON (``asan i18n stats --json``)."""
        return {
            "locale": self.locale,
            "catalog": {
                "translated": self.catalog_translated,
                "total": self.catalog_total,
                "missing": self.catalog_missing,
            },
            "data": {
                "translated": self.data_translated,
                "total": self.data_total,
                "missing": self.data_missing,
            },
        }


def template_messages() -> list[str]:
    """The core's source strings (``locales/messages.pot``), as msgids."""
    path = locales_dir() / f"{DOMAIN}.pot"
    with path.open("rb") as handle:
        template = read_po(handle)
    return [_key(m.id) for m in template if m.id]


def _key(msgid: str | tuple[str, ...] | list[str]) -> str:
    return msgid if isinstance(msgid, str) else msgid[0]


def coverage(franchise: Franchise, plugin_catalogs: list[Path]) -> list[LocaleCoverage]:
    """Per declared locale: translated/total catalog strings and data texts, and what is
    missing. A catalog string counts as translated when the locale's own catalog, or its
    base language's, in a plugin or the core, translates it."""
    messages = template_messages()
    result = []
    for locale in franchise.country.locales:
        report = LocaleCoverage(locale)
        translated: set[str] = set()
        for folder in [*plugin_catalogs, locales_dir()]:
            for candidate in dict.fromkeys([locale, locale.split("_")[0]]):
                path = catalog_path(folder, candidate)
                if path.is_file():
                    translated |= {
                        _key(m.id)
                        for m in read_catalog(path, candidate)
                        if m.id and is_translated(m)
                    }
        report.catalog_total = len(messages)
        report.catalog_missing = [m for m in messages if m not in translated]
        report.catalog_translated = report.catalog_total - len(report.catalog_missing)
        for label, text, checked in _data_texts(franchise):
            report.data_total += 1
            if locale not in text:
                report.data_missing.append(label)
            elif checked and still_english(text, locale):
                report.data_missing.append(f"{label} (still the English text)")
            else:
                report.data_translated += 1
        result.append(report)
    return result


def still_english(text: dict[str, str], locale: str) -> bool:
    """Whether ``text`` in a non-English ``locale`` is only a copy of its English text.

    A new country starts with the reference catalogue's English under every language
    (``asan new country``), so presence alone does not mean translated. Codes,
    abbreviations and numbers read the same in every language, so only text with a
    lower-case letter (a word) counts.
    """
    english = text.get("en")
    if english is None or locale.split("_")[0] == "en" or text.get(locale) != english:
        return False
    # Words, not codes or abbreviations: "Passport" counts, "MIA" and "ISO 9001" do not.
    return any(ch.islower() for ch in english)


def _data_texts(franchise: Franchise) -> Iterator[tuple[str, dict[str, str], bool]]:
    """Every data text, and whether a copy of the English counts as untranslated (agencies,
    services and legal acts; names of the country, centres and the brand may read alike)."""
    named: list[Record] = [franchise.country, *franchise.principles, *franchise.centres]
    worded: list[Record] = [*franchise.agencies, *franchise.services, *franchise.legal_resources]
    for records, checked in ((named, False), (worded, True), (list(franchise.curriculum), True)):
        for record in records:
            for path, text in localized_fields(record):
                yield f"{record_label(record)}: {path}", text, checked
