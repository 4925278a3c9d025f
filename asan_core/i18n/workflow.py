"""The translation workflow, so a trainer never has to learn pybabel's flags.

``extract`` (sources → ``messages.pot``), ``update`` (pot → every ``<locale>.po``, or a new
one), ``compile`` (``.po`` → ``.mo``, skipping incomplete plurals, python-babel #697) and
``stats`` (how much of a country shows in each locale, catalogs and data alike).
Each works on the core (the repository root) or on a plugin folder.
"""

from __future__ import annotations

import io
import tomllib
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

from babel.messages.catalog import Catalog
from babel.messages.extract import extract_from_dir
from babel.messages.frontend import parse_mapping_cfg
from babel.messages.mofile import write_mo
from babel.messages.pofile import write_po

from asan_core.base.files import write_atomically
from asan_core.base.po import (
    CONTENT_DOMAIN,
    DOMAIN,
    catalog_path,
    is_translated,
    read_catalog,
)
from asan_core.base.problems import Problem, ProblemsError, display_path, package_path
from asan_core.base.resources import locales_dir
from asan_core.builtins.curriculum import core_modules
from asan_core.builtins.principles import core_principles
from asan_core.contract.franchise import Franchise
from asan_core.contract.locate import record_label
from asan_core.contract.translations import (
    catalog_files,
    checked_catalog,
    content_context,
    is_core_record,
    translation_problems,
)
from asan_core.franchise import resolve
from asan_core.i18n.content import (
    FIXED_DATE,
    ContentEntry,
    MoveReport,
    content_entries,
    move_inline,
    new_catalog,
    po_bytes,
    template_of,
)
from asan_core.model import SOURCE_LOCALE, Record, localized_fields
from asan_core.plugin_kit import CountryData

COMMENT_TAGS = ("Translators:",)


ProjectKind = Literal["core", "country plugin", "language pack", "plugin"]


@dataclass(frozen=True)
class Project:
    """Where a project's sources, extraction config and catalogs are, and what it translates.

    - **core** — the asan-sdk checkout (``asan_core/`` at its root): the interface strings
      of its sources and templates, and the shared content (principles, curriculum);
    - **country plugin** — a plugin folder whose package has ``data/``: its own strings and
      its data's texts (``--include-core`` adds the core's, for a language nobody ships);
    - **language pack** — a plugin folder whose ``pyproject.toml`` says
      ``[tool.asan] kind = "language-pack"``: the core's strings and shared content;
    - **plugin** — any other plugin folder: its own strings.

    Catalogs are always the project's own (``<package>/locales``, or ``locales/`` for the
    core), never the installed SDK's.
    """

    root: Path
    locales: Path
    mapping: list[tuple[str, str]]
    options: dict[str, dict[str, Any]]
    name: str
    kind: ProjectKind = "core"
    package: Path | None = None

    @classmethod
    def at(cls, root: Path) -> Project:
        """The project at ``root`` (see the class for the kinds)."""
        root = root.resolve()
        config = root / "babel.cfg"
        if (root / "asan_core").is_dir():
            with config.open(encoding="utf-8") as handle:
                method_map, options_map = parse_mapping_cfg(handle)  # type: ignore[no-untyped-call]
            return cls(root, root / "locales", method_map, options_map, "asan-sdk")
        packages = sorted(p for p in root.glob("asan_*") if (p / "__init__.py").is_file()) or [
            p
            for p in sorted(root.iterdir())
            if (p / "__init__.py").is_file() and (p / "data").is_dir()
        ]
        if not packages:
            raise ProblemsError(
                [
                    Problem(
                        f"{display_path(root)} is neither the asan-sdk checkout nor a plugin "
                        "folder",
                        hint="give the folder that holds pyproject.toml and the asan_<name> "
                        "package (asan i18n ... --project plugins/afghanistan)",
                    )
                ]
            )
        package = packages[0]
        kind: ProjectKind = "plugin"
        if _declared_kind(root) == "language-pack":
            kind = "language pack"
        elif (package / "data").is_dir():
            kind = "country plugin"
        if config.is_file():
            with config.open(encoding="utf-8") as handle:
                method_map, options_map = parse_mapping_cfg(handle)  # type: ignore[no-untyped-call]
        else:
            method_map = [
                (f"{package.name}/**.py", "python"),
                (f"{package.name}/templates/**.html", "jinja2"),
                (f"{package.name}/templates/**.txt", "jinja2"),
            ]
            options_map = {}
        return cls(root, package / "locales", method_map, options_map, package.name, kind, package)

    @property
    def template(self) -> Path:
        """``<locales>/messages.pot``."""
        return self.template_of(DOMAIN)

    def template_of(self, domain: str) -> Path:
        """``<locales>/<domain>.pot``."""
        return self.locales / f"{domain}.pot"

    def catalogs(self, domain: str = DOMAIN) -> Iterator[tuple[str, Path]]:
        """``(locale, path)`` of every ``.po`` catalog of ``domain``, sorted by locale."""
        for path in sorted(self.locales.glob(f"*/LC_MESSAGES/{domain}.po")):
            yield path.parent.parent.name, path


def _declared_kind(root: Path) -> str | None:
    pyproject = root / "pyproject.toml"
    if not pyproject.is_file():
        return None
    try:
        data = tomllib.loads(pyproject.read_text(encoding="utf-8"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise ProblemsError(
            [Problem(f"pyproject.toml cannot be read: {exc}", file=str(pyproject))]
        ) from exc
    kind = data.get("tool", {}).get("asan", {}).get("kind")
    return kind if isinstance(kind, str) else None


@dataclass
class Extracted:
    """What :func:`extract` wrote."""

    messages: int
    content: int
    written: list[Path] = field(default_factory=list)


def _new_template(project: Project, domain: str) -> Catalog:
    return new_catalog(project.name, None, domain)


def core_template() -> Catalog:
    """The core's interface strings (``locales/messages.pot`` as shipped)."""
    return read_catalog(locales_dir() / f"{DOMAIN}.pot", None)


def core_content() -> list[ContentEntry]:
    """The core's shared content (principles, then the curriculum in teaching order)."""
    return content_entries([*core_principles(), *core_modules()])


def own_records(project: Project) -> list[Record]:
    """A country plugin's records as its data files write them (no catalog applied),
    for every country its data declares or contributes to. The plugin must be installed."""
    assert project.package is not None
    data = CountryData(project.package / "data", plugin=project.name, package_dir=project.package)
    records: list[Record] = []
    franchise_records: list[Record] = []
    for code in sorted(data.country_codes()):
        try:
            franchise = resolve(code, as_written=True)
        except ProblemsError as exc:
            raise ProblemsError(
                [
                    *exc.problems,
                    Problem(
                        f"the texts of {project.name} are read from the installed plugin, and "
                        f"country {code} does not resolve",
                        hint="install the project first (pip install -e "
                        f"{display_path(project.root)}) and fix the problems above",
                    ),
                ]
            ) from None
        franchise_records.extend(_franchise_records(franchise))
        for record in _franchise_records(franchise):
            origin = record.origin
            if origin and origin.file and _from_project(Path(origin.file), project):
                records.append(record)
    installed = {
        Path(r.origin.file).parent
        for r in franchise_records
        if r.origin
        and r.origin.file
        and package_path(r.origin.file).split("/")[0] == project.package.name
    }
    differing = [
        f.name
        for f in sorted((project.package / "data").glob("*.yaml"))
        if not any(
            (folder / f.name).is_file() and (folder / f.name).read_bytes() == f.read_bytes()
            for folder in installed
        )
    ]
    if data.country_codes() and (not records or differing):
        raise ProblemsError(
            [
                Problem(
                    f"the installed {project.name} is not the one in "
                    f"{display_path(project.root)}: "
                    + (
                        f"{', '.join(differing)} differ from the installed copy"
                        if differing and records
                        else "none of its data files is this folder's"
                    ),
                    hint=f"install this folder: pip install -e {display_path(project.root)}",
                )
            ]
        )
    return records


def _franchise_records(franchise: Franchise) -> list[Record]:
    return [
        franchise.country,
        *franchise.principles,
        *franchise.principle_changes,
        *franchise.agencies,
        *franchise.services,
        *franchise.centres,
        *franchise.legal_resources,
        *franchise.curriculum,
        *franchise.curriculum_changes,
    ]


def _from_project(path: Path, project: Project) -> bool:
    """Whether a record's data file is this project's: the same file, or (a copy of the
    checkout, a wheel built from it) a file with the same place in the package and the
    same bytes."""
    assert project.package is not None
    candidate = project.root / package_path(path)
    if not candidate.is_file():
        return False
    try:
        return candidate.samefile(path) or candidate.read_bytes() == path.read_bytes()
    except OSError:
        return False


def extract(project: Project, include_core: bool = False) -> Extracted:
    """Write ``messages.pot`` (interface) and ``content.pot`` (texts) for ``project``.

    :param include_core: for a country plugin, also the core's interface strings and
        shared content — for a language no language pack or core catalog covers.
    """
    catalog = _new_template(project, DOMAIN)
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
    with_core = project.kind == "language pack" or (
        include_core and project.kind == "country plugin"
    )
    if with_core:
        for core_message in core_template():
            if core_message.id and core_message.id not in catalog:
                catalog[core_message.id] = core_message
    entries: list[ContentEntry] = []
    if project.kind == "core" or with_core:
        entries.extend(core_content())
    if project.kind == "country plugin":
        entries.extend(content_entries(own_records(project), project.root))
    project.locales.mkdir(parents=True, exist_ok=True)
    written = []
    buffer = io.BytesIO()
    write_po(buffer, catalog, width=100, sort_by_file=True, include_lineno=False)
    write_atomically(project.template, buffer.getvalue())
    written.append(project.template)
    content_template = project.template_of(CONTENT_DOMAIN)
    if entries:
        write_atomically(content_template, po_bytes(template_of(entries, project.name)))
        written.append(content_template)
    elif content_template.is_file():
        content_template.unlink()  # nothing to translate any more
    return Extracted(len(catalog), len(entries), written)


def update(project: Project, new_locales: list[str]) -> list[Path]:
    """Merge each template into every catalog of its domain; start ``new_locales``.

    Content entries whose English changed keep their translation, marked fuzzy with the
    previous English beside them (gettext's way), matched by their ``msgctxt`` — never by
    similar English, which could lend a field another record's translation; the entries
    of fields that no longer exist are kept as obsolete (``#~``). A fuzzy entry is not
    shown until a translator reviews it. Returns the catalogs that changed (a catalog
    already up to date is not rewritten).
    """
    if not project.template.is_file():
        raise ProblemsError(
            [
                Problem(
                    f"{display_path(project.template)} does not exist",
                    hint="run 'asan i18n extract' first",
                )
            ]
        )
    written = []
    for domain in (DOMAIN, CONTENT_DOMAIN):
        template_path = project.template_of(domain)
        if not template_path.is_file():
            continue
        template = read_catalog(template_path, None)
        existing = dict(project.catalogs(domain))
        locales = set(existing) | set(new_locales) | {loc for loc, _ in project.catalogs()}
        if domain == CONTENT_DOMAIN:  # content is written in English: nothing to translate
            locales = {loc for loc in locales if loc.split("_")[0] != SOURCE_LOCALE}
        for locale in sorted(locales):
            path = existing.get(locale) or catalog_path(project.locales, locale, domain)
            if path.is_file():
                catalog = read_catalog(path, locale)
            else:
                catalog = new_catalog(project.name, locale, domain)
            if domain == CONTENT_DOMAIN:
                # Content entries are matched by msgctxt (the record and field), never by
                # similar English: a changed source keeps its translation, fuzzy, with the
                # old English beside it; a removed field's translation is kept as obsolete.
                carried = carry_by_context(catalog, template)
                catalog.update(template, no_fuzzy_matching=True, update_header_comment=False)
                for (msgid, context), previous in carried.items():
                    moved = catalog.get(msgid, context=context)
                    if moved is not None:  # Babel's update keeps the flag, not the old id
                        moved.previous_id = [previous]
            else:
                catalog.update(template, update_header_comment=False)
                catalog.obsolete.clear()
            catalog.revision_date = FIXED_DATE
            catalog.creation_date = FIXED_DATE
            buffer = io.BytesIO()
            if domain == CONTENT_DOMAIN:
                data = po_bytes(catalog, keep_obsolete=True)
            else:
                write_po(
                    buffer,
                    catalog,
                    width=100,
                    include_lineno=False,
                    ignore_obsolete=True,
                    include_previous=True,
                )
                data = buffer.getvalue()
            # Leave a catalog that has nothing new untouched: a translator's diff shows only
            # the languages that changed.
            if not path.is_file() or path.read_bytes() != data:
                write_atomically(path, data)  # an interrupted update loses nothing
                written.append(path)
    return written


def carry_by_context(catalog: Catalog, template: Catalog) -> dict[tuple[str, str], str]:
    """Move each translation of ``catalog`` whose field's English changed onto the field's
    new English (same ``msgctxt``), marked fuzzy; ``(new msgid, msgctxt) → old msgid``."""
    carried: dict[tuple[str, str], str] = {}
    by_context = {m.context: m for m in template if m.id and m.context}
    for message in list(catalog):
        if not message.id or not message.context or not message.string:
            continue
        current = by_context.get(message.context)
        if current is None or current.id == message.id:
            continue
        if catalog.get(current.id, context=current.context) is not None:
            continue
        catalog.delete(message.id, context=message.context)
        catalog.add(
            current.id,
            message.string,
            list(current.locations),
            auto_comments=list(current.auto_comments),
            user_comments=list(message.user_comments),
            flags={*message.flags, "fuzzy"},
            previous_id=message.id,
            context=message.context,
        )
        carried[(str(current.id), message.context)] = str(message.id)
    return carried


def compile_catalogs(project: Project) -> list[Path]:
    """Check every catalog of both domains (:func:`translation_problems`: every broken entry,
    located, before anything is written), then write a ``.mo`` beside each ``.po``, leaving
    out incomplete messages."""
    written = []
    problems: list[Problem] = []
    catalogs = []
    for domain in (DOMAIN, CONTENT_DOMAIN):
        for locale, path in project.catalogs(domain):
            catalog = read_catalog(path, locale)
            problems.extend(translation_problems(catalog, path, domain))
            catalogs.append((domain, locale, path, catalog))
    if problems:  # every broken entry of every catalog, before anything is written
        raise ProblemsError(problems)
    for domain, locale, path, catalog in catalogs:
        complete = Catalog(locale=locale, domain=domain)
        complete.mime_headers = catalog.mime_headers
        for message in catalog:
            if message.id and is_translated(message):
                complete[message.id] = message  # keyed with its msgctxt
        buffer = io.BytesIO()
        write_mo(buffer, complete)
        target = path.with_suffix(".mo")
        write_atomically(target, buffer.getvalue())
        written.append(target)
    return written


def move(project: Project, locales: list[str] | None = None) -> MoveReport:
    """Move the inline translations of a country plugin's data into its ``content.po``.

    Nothing is lost: a translation the catalog already has is kept, and a different one
    is reported. The data files are not rewritten (their comments and layout are the
    author's); from now on the catalog's text is the one shown.
    """
    if project.kind != "country plugin":
        raise ProblemsError(
            [
                Problem(
                    f"{display_path(project.root)} is a {project.kind}: only a country "
                    "plugin's data files hold inline translations",
                    hint="give the folder of a plugin whose package has data/",
                )
            ]
        )
    entries = content_entries(own_records(project), project.root)
    wanted = locales or sorted({k for e in entries for k in e.inline})
    return move_inline(entries, project.locales, project.name, wanted)


# -- coverage -------------------------------------------------------------------------


@dataclass
class LocaleCoverage:
    """How much of a country shows in one locale, and who supplied it.

    *Interface* strings are the templates' (``messages``); *content* texts are the fields
    of the records the kit shows — the core's shared materials and the country's data.
    """

    locale: str
    catalog_total: int = 0
    catalog_translated: int = 0
    catalog_missing: list[str] = field(default_factory=list)
    catalog_sources: dict[str, int] = field(default_factory=dict)
    """Interface strings per source label (``core``, ``language pack asan_lang_uz``...)."""
    data_total: int = 0
    data_translated: int = 0
    data_missing: list[str] = field(default_factory=list)
    data_fallbacks: list[str] = field(default_factory=list)
    """The part of ``data_missing`` shown in another language (not the English copies,
    which are shown in the locale's slot)."""
    core_missing: int = 0
    """How many of ``data_missing`` are the core's shared content."""
    data_sources: dict[str, int] = field(default_factory=dict)
    """Content texts per source label (catalogs, or ``inline`` in the data files)."""
    stale: list[str] = field(default_factory=list)
    """Fields whose only translation was made for an older source text (never shown)."""
    shadowed: int = 0
    shadowed_fields: list[str] = field(default_factory=list)
    """The content contexts whose inline translation a catalog's different one overrides."""
    """Inline translations that a catalog's different translation overrides."""
    routes: list[str] = field(default_factory=list)
    """What to do about what is missing, in order."""

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
                "sources": dict(sorted(self.catalog_sources.items())),
            },
            "data": {
                "translated": self.data_translated,
                "total": self.data_total,
                "missing": self.data_missing,
                "sources": dict(sorted(self.data_sources.items())),
                "stale": self.stale,
                "shadowed_inline": self.shadowed,
                "shadowed_fields": self.shadowed_fields,
            },
            "routes": self.routes,
        }


def template_messages() -> list[str]:
    """The core's source strings (``locales/messages.pot``), as msgids."""
    return [_key(m.id) for m in core_template() if m.id]


def _key(msgid: str | tuple[str, ...] | list[str]) -> str:
    return msgid if isinstance(msgid, str) else msgid[0]


def _interface_sources(franchise: Franchise, locale: str) -> dict[str, str]:
    """msgid → label of the first catalog (precedence order) that translates it."""
    answered: dict[str, str] = {}
    for source, candidate, path in catalog_files(franchise.plugins.catalog_chain, locale):
        for message in checked_catalog(path, candidate)[0]:
            if message.id and is_translated(message):
                answered.setdefault(_key(message.id), source.label)
    return answered


def coverage(franchise: Franchise) -> list[LocaleCoverage]:
    """Per declared locale: translated/total interface strings and content texts, who
    supplied them, what is missing or stale, and the route to supply it.

    An interface string counts as translated when the locale's own catalog, or its base
    language's, in a country plugin, a language pack or the core, translates it.
    """
    messages = template_messages()
    ledger = franchise.translations
    result = []
    for locale in franchise.country.locales:
        report = LocaleCoverage(locale)
        english = locale.split("_")[0] == SOURCE_LOCALE
        answered = (
            {m: "source text" for m in messages}
            if english
            else _interface_sources(franchise, locale)
        )
        report.catalog_total = len(messages)
        report.catalog_missing = [m for m in messages if m not in answered]
        report.catalog_translated = report.catalog_total - len(report.catalog_missing)
        for message in messages:
            if message in answered:
                label = answered[message]
                report.catalog_sources[label] = report.catalog_sources.get(label, 0) + 1
        stale = {s.context for s in ledger.stale_in(locale)}
        for label, context, text, checked, core in _data_texts(franchise):
            report.data_total += 1
            if locale not in text:
                why = (
                    " (stale: its translation was made for an older English text)"
                    if (context in stale)
                    else ""
                )
                report.data_missing.append(f"{label}{why}")
                report.data_fallbacks.append(f"{label}{why}")
                report.core_missing += core
                if why:
                    report.stale.append(label)
            elif checked and still_english(text, locale):
                report.data_missing.append(f"{label} (still the English text)")
            else:
                report.data_translated += 1
                source = ledger.source_of(context, locale)
                name = (
                    "source text" if english else source.label if source is not None else "inline"
                )
                report.data_sources[name] = report.data_sources.get(name, 0) + 1
        report.shadowed_fields = [ctx for ctx, loc in ledger.shadowed if loc == locale]
        report.shadowed = len(report.shadowed_fields)
        report.routes = _routes(franchise, report)
        result.append(report)
    return result


def _routes(franchise: Franchise, report: LocaleCoverage) -> list[str]:
    """What to do, in words a translator can follow, for what ``report`` finds missing."""
    routes = []
    owner = franchise.owner
    language = report.locale.split("_")[0]
    packs = [s for s in franchise.plugins.catalog_chain if s.kind == "language pack"]
    if report.catalog_missing or report.core_missing:
        if packs:
            routes.append(f"complete the language pack ({', '.join(s.label for s in packs)})")
        else:
            routes.append(f"install a language pack for '{language}' (docs/translators.md)")
        routes.append(
            f"or translate the core's texts in your plugin: asan i18n extract --project <{owner}'s "
            f"folder> --include-core; asan i18n update --project <folder> --locale "
            f"{report.locale}; fill in messages.po and content.po (Poedit, Weblate)"
        )
    if len(report.data_missing) > report.core_missing:
        routes.append(
            f"translate the country's data: its entries are in content.po after asan i18n "
            f"extract --project <{owner}'s folder> and asan i18n update, or write the "
            f"{report.locale} text inline in the data file"
        )
    if report.stale:
        routes.append(
            "review stale translations: asan i18n update marks them fuzzy with the old "
            "English beside them; correct each and clear the fuzzy flag"
        )
    return routes


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


def _data_texts(franchise: Franchise) -> Iterator[tuple[str, str, dict[str, str], bool, bool]]:
    """Every data text: its label and content context, whether a copy of the English
    counts as untranslated (agencies, services, legal acts and the curriculum; names of the
    country, centres and the brand may read alike), and whether it is the core's."""
    named: list[Record] = [franchise.country, *franchise.principles, *franchise.centres]
    worded: list[Record] = [*franchise.agencies, *franchise.services, *franchise.legal_resources]
    for records, checked in ((named, False), (worded, True), (list(franchise.curriculum), True)):
        for record in records:
            core = is_core_record(record)
            for path, text in localized_fields(record):
                label = f"{record_label(record)}: {path}"
                yield label, content_context(record, path), text, checked, core
