"""Translation as its own layer: language packs, content keys, and where each text came from.

A translation is not an adaptation. Any installed plugin may translate any text the kit
shows — the core's shared materials (principles, curriculum) and the country's data — in
gettext catalogs, without replacing a record; ``asan check`` never counts it as a change
to the model.

Content catalogs (domain ``content``) hold one entry per translatable field:

- ``msgctxt`` — :func:`content_context`: the record's type and id and the field's path,
  e.g. ``CurriculumModule volunteers objectives[0]`` or ``Service passport name``;
- ``msgid`` — the field's English source text. When the source changes, the entry no
  longer matches: the old translation is *stale*, reported and never shown (``asan i18n
  update`` marks it fuzzy, as gettext does, with the previous source beside it).

Precedence, highest first, for each locale and then its base language: the country's
plugins (``asan_locale_dirs``), then language packs (``asan_language_packs``) for the
language, then the core's ``locales/``; then a translation written inline in the record's
data file (``{en: ..., fa_AF: ...}``). See docs/translators.md.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Literal

from babel.messages.catalog import Catalog
from pydantic import BaseModel, ConfigDict, Field

from asan_core.base.po import DOMAIN, catalog_path, is_translated, read_catalog
from asan_core.base.problems import Problem, ProblemsError
from asan_core.model import LocaleId, Record
from asan_core.model.common import bidi_control_in, refuse_bidi_message

SourceKind = Literal["country plugin", "language pack", "core", "inline"]


class LanguagePack(BaseModel):
    """A language a plugin adds to the core's shared content and interface, for every country.

    Returned from the ``asan_language_packs`` hook::

        @hookimpl
        def asan_language_packs():
            return [LanguagePack(locale="uz", catalogs=Path(__file__).parent / "locales")]

    ``catalogs`` holds ``<locale>/LC_MESSAGES/messages.po`` (the interface) and
    ``content.po`` (the principles and curriculum). It serves every country that declares
    ``locale``; a pack for a bare language (``uz``) also serves that language's other
    locales (``uz_UZ``), a regional pack (``pt_BR``) only its own. Only the pack's own
    locale folder is read.
    """

    model_config = ConfigDict(frozen=True, extra="forbid")

    locale: LocaleId
    catalogs: Path = Field(description="The folder that holds <locale>/LC_MESSAGES/*.po.")
    status: str = Field(
        default="first edition, for native review",
        description="Shown beside the pack's name in stats, e.g. 'reviewed by ...'.",
    )


@dataclass(frozen=True)
class CatalogSource:
    """One folder of catalogs in the translation chain, and who supplies it."""

    kind: SourceKind
    folder: Path
    plugin: str | None = None
    status: str | None = None
    locale: str | None = None
    """A language pack's locale: it answers for that locale and, when it is a bare
    language (``uz``), for the language's other locales; None: any locale in the folder."""

    def serves(self, candidate: str) -> bool:
        """Whether this folder's ``candidate`` catalogs may answer (a ``uz`` pack that also
        holds ``ru/`` does not override anybody's Russian)."""
        if self.locale is None:
            return True
        return candidate == self.locale or (
            "_" not in self.locale and candidate.split("_")[0] == self.locale
        )

    @property
    def label(self) -> str:
        """``core``, ``language pack asan_lang_uz``, ``country plugin asan_afghanistan``."""
        return self.kind if self.plugin is None else f"{self.kind} {self.plugin}"


INLINE = CatalogSource("inline", Path("."))


def catalog_files(
    chain: Sequence[CatalogSource], locale: str, domain: str = DOMAIN
) -> Iterator[tuple[CatalogSource, str, Path]]:
    """The catalogs asked for ``locale``, highest precedence first: for the locale, then its
    base language, every source of ``chain`` that serves it and has the file —
    ``(source, the locale of the file, its path)``."""
    for candidate in dict.fromkeys([locale, locale.split("_")[0]]):
        for source in chain:
            if source.serves(candidate):
                path = catalog_path(source.folder, candidate, domain)
                if path.is_file():
                    yield source, candidate, path


"""A translation written in the data file itself."""


CORE_PLUGINS = "asan_core.builtins"
"""The prefix of the core's built-in plugins, whose records are the core's shared content."""


def is_core_record(record: Record) -> bool:
    """Whether ``record`` is the core's shared content (a principle or module as shipped),
    which the core's and the language packs' catalogs translate; a country's record —
    even one adapting a core principle — is its own."""
    return record.origin is None or record.origin.plugin.startswith(CORE_PLUGINS)


def content_context(record: Record, path: str) -> str:
    """The ``msgctxt`` of one field: ``Principle efficiency definition``."""
    key = getattr(record, "id", None) or getattr(record, "code", None) or "-"
    return f"{type(record).__name__} {key} {path}"


@dataclass(frozen=True)
class StaleTranslation:
    """A translation made for a source text that has since changed (never shown)."""

    context: str
    locale: str
    catalog: Path


@dataclass
class TranslationLedger:
    """Where each shown text of a franchise came from, per locale, and what was set aside.

    Filled by :func:`asan_core.franchise.resolve`; read by ``asan i18n stats`` and
    ``kit build --strict``.
    """

    sources: dict[tuple[str, str], CatalogSource] = field(default_factory=dict)
    """``(context, locale)`` → the source that supplied the text shown."""
    stale: list[StaleTranslation] = field(default_factory=list)
    shadowed: list[tuple[str, str]] = field(default_factory=list)
    """``(context, locale)`` where a catalog's translation differs from an inline one."""

    def source_of(self, context: str, locale: str) -> CatalogSource | None:
        """Who supplied ``context`` in ``locale``, or None if nobody did."""
        return self.sources.get((context, locale))

    def stale_in(self, locale: str) -> list[StaleTranslation]:
        """The stale translations of ``locale``."""
        return [s for s in self.stale if s.locale == locale]


PERCENT = re.compile(
    r"%(?:\((?P<name>[^)]*)\))?[#0\- +]*\d*(?:\.\d+)?(?P<type>[diouxXeEfFgGcrsa%])?"
)
"""A ``%`` and what follows it in a Python %-format string."""

TEMPLATE_SYNTAX = ("{{", "{%", "{#")


def _placeholders(text: str) -> tuple[set[str], list[str]]:
    """Named placeholders of ``text``, and the ``%`` sequences that are not valid ones."""
    names: set[str] = set()
    stray: list[str] = []
    for match in PERCENT.finditer(text):
        token, name, kind = match.group(0), match.group("name"), match.group("type")
        if token == "%%":
            continue
        if name is None or kind is None or kind == "%":
            stray.append(token)
        else:
            names.add(name)
    return names, stray


def translation_problems(catalog: Catalog, path: Path, domain: str = DOMAIN) -> list[Problem]:
    """What is wrong with the translations of ``catalog`` (read from ``path``), located by
    file, line and msgid: never a traceback at build time.

    - an interface translation (``messages``) is a Python %-format string — the templates
      format every translation: a ``%`` that is not ``%%`` or a placeholder of the msgid,
      a placeholder the msgid lacks, and template syntax (``{{``, ``{%``) are refused;
    - any translation holding a bidirectional control character is refused.
    """
    problems: list[Problem] = []
    for message in catalog:
        if not message.id or not is_translated(message):
            continue
        ids = message.id if isinstance(message.id, tuple | list) else (message.id,)
        strings = message.string if isinstance(message.string, tuple | list) else (message.string,)
        known: set[str] = set()
        for msgid in ids:
            known |= _placeholders(str(msgid))[0]
        shown_id = str(ids[0]) if len(str(ids[0])) <= 60 else str(ids[0])[:57] + "..."
        for text in strings:
            text = str(text)
            what: str | None = None
            if bidi_control_in(text) is not None:
                what = f"the translation {refuse_bidi_message(text)}"
            elif domain == DOMAIN:
                names, stray = _placeholders(text)
                syntax = [s for s in TEMPLATE_SYNTAX if s in text]
                if syntax:
                    what = (
                        f"the translation holds template syntax {syntax[0]!r}: a translation is "
                        "text; write the words without it"
                    )
                elif stray:
                    what = (
                        f"the translation has {stray[0]!r}, which is not a placeholder of the "
                        "English: write %% for a percent sign"
                    )
                elif names - known:
                    extra = sorted(names - known)
                    allowed = ", ".join(f"%({n})s" for n in sorted(known)) or "none"
                    what = (
                        f"the translation uses the placeholder %({extra[0]})s, which the English "
                        f"does not have (its placeholders: {allowed})"
                    )
            if what is not None:
                problems.append(
                    Problem(
                        what,
                        file=str(path),
                        line=message.lineno,
                        field=f"msgid {shown_id!r}",
                        hint="correct the entry in Poedit or a text editor, then run "
                        "asan i18n compile",
                    )
                )
                break
    return problems


@lru_cache(maxsize=128)
def _checked(
    path: Path, mtime_ns: int, locale: str, domain: str
) -> tuple[Catalog, tuple[Problem, ...]]:
    del mtime_ns  # part of the key: an edited catalog is read again
    catalog = read_catalog(path, locale)
    return catalog, tuple(translation_problems(catalog, path, domain))


def checked_catalog(path: Path, locale: str, domain: str = DOMAIN) -> tuple[Catalog, list[Problem]]:
    """A catalog and what is wrong with its translations, parsed once per process (again
    when the file changes): a build's check, its translation chain and ``asan i18n stats``
    share one parse. The catalog is for reading; a writer reads its own
    (:func:`~asan_core.base.po.read_catalog`)."""
    catalog, problems = _checked(path, path.stat().st_mtime_ns, locale, domain)
    return catalog, list(problems)


def read_checked_catalog(path: Path, locale: str, domain: str = DOMAIN) -> Catalog:
    """:func:`checked_catalog`, its problems raised together."""
    catalog, problems = checked_catalog(path, locale, domain)
    if problems:
        raise ProblemsError(problems)
    return catalog
