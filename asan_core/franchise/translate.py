"""Apply content translations to a franchise's records, and keep the ledger of sources.

For every translatable field of every record (its English text is the ``msgid``) and every
locale the country declares, the first catalog of the chain that translates the field's
``msgctxt`` and current source wins — for the locale, then for its base language — ahead of
a translation written inline in the data file. A catalog entry made for an older source
text (another ``msgid`` under the same ``msgctxt``, or one marked fuzzy) is *stale*: it is
recorded in the ledger and never shown. See :mod:`asan_core.contract.translations`.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any, TypeVar

from pydantic import BaseModel

from asan_core.base.po import CONTENT_DOMAIN, is_translated
from asan_core.contract.translations import (
    INLINE,
    CatalogSource,
    StaleTranslation,
    TranslationLedger,
    catalog_files,
    content_context,
    is_core_record,
    read_checked_catalog,
)
from asan_core.model import SOURCE_LOCALE, Country, Record
from asan_core.model.common import holds_settings_not_text

R = TypeVar("R", bound=Record)


@dataclass(frozen=True)
class ContentCatalog:
    """One ``content.po``: its translations, and the contexts it holds in any state."""

    path: Path
    translated: dict[tuple[str, str], str]
    """``(msgctxt, msgid)`` → translation, for complete, non-fuzzy entries."""
    contexts: frozenset[str] = field(default_factory=frozenset)
    """Every ``msgctxt`` with a translation written (current, fuzzy or for an older source);
    an entry left empty is not a translation, stale or otherwise."""


@lru_cache(maxsize=64)
def _load(path: Path, mtime_ns: int, locale: str) -> ContentCatalog:
    del mtime_ns  # part of the cache key: an edited catalog is read again
    catalog = read_checked_catalog(path, locale, CONTENT_DOMAIN)
    translated: dict[tuple[str, str], str] = {}
    contexts: set[str] = set()
    for message in catalog:
        if not message.id or not isinstance(message.id, str) or not message.context:
            continue
        if message.string:
            contexts.add(message.context)
        if is_translated(message) and isinstance(message.string, str):
            translated[(message.context, message.id)] = message.string
    return ContentCatalog(path, translated, frozenset(contexts))


class Translator:
    """Looks fields up in the chain of content catalogs for one country's locales."""

    def __init__(self, chain: Sequence[CatalogSource], country: Country) -> None:
        self.chain = tuple(chain)
        self.country = country
        self.ledger = TranslationLedger()
        self._catalogs: dict[str, list[tuple[CatalogSource, ContentCatalog]]] = {}
        for locale in self.targets:
            self._catalogs[locale] = [
                (source, _load(path, path.stat().st_mtime_ns, candidate))
                for source, candidate, path in catalog_files(self.chain, locale, CONTENT_DOMAIN)
            ]

    @property
    def targets(self) -> list[str]:
        """The declared locales a translation can be for (not the source language)."""
        return [loc for loc in self.country.locales if loc.split("_")[0] != SOURCE_LOCALE]

    def record(self, record: R) -> R:
        """``record`` with every field's translations filled in; origin kept."""
        copy: R = self._value(record, record, "")
        return copy.with_origin(record.origin) if record.origin is not None else copy

    def records(self, records: Sequence[R]) -> tuple[R, ...]:
        """Every record of ``records`` translated."""
        return tuple(self.record(r) for r in records)

    def _value(self, holder: Record, value: Any, path: str) -> Any:
        if holds_settings_not_text(value):
            return value
        if isinstance(value, BaseModel):
            updates = {
                name: self._value(holder, getattr(value, name), f"{path}.{name}" if path else name)
                for name in type(value).model_fields
                if name != "provenance"
            }
            return value.model_copy(update=updates)
        if isinstance(value, tuple):
            return tuple(self._value(holder, item, f"{path}[{i}]") for i, item in enumerate(value))
        if isinstance(value, dict):
            return self._text(holder, value, path)
        return value

    def _text(self, holder: Record, text: dict[str, str], path: str) -> dict[str, str]:
        source = text.get(SOURCE_LOCALE)
        context = content_context(holder, path)
        # The core's and the packs' catalogs translate the core's records; a country's own
        # record under the same context (an adapted principle) is not theirs to call stale.
        core_record = is_core_record(holder)
        result = dict(text)
        for locale in self.targets:
            found = None
            stale: Path | None = None
            if source is not None:
                for catalog_source, catalog in self._catalogs[locale]:
                    answer = catalog.translated.get((context, source))
                    if answer is not None:
                        found = (answer, catalog_source)
                        break
                    owns = core_record or catalog_source.kind == "country plugin"
                    if stale is None and owns and context in catalog.contexts:
                        stale = catalog.path
            if found is None and locale not in text and stale is not None:
                # Made for another source text (or marked fuzzy): missing, and said why.
                self.ledger.stale.append(StaleTranslation(context, locale, stale))
            if found is not None:
                answer, catalog_source = found
                if locale in text and text[locale] not in (answer, source):
                    # (an English copy under the locale is a placeholder, not a translation)
                    self.ledger.shadowed.append((context, locale))
                result[locale] = answer
                self.ledger.sources[(context, locale)] = catalog_source
            elif locale in text:
                self.ledger.sources[(context, locale)] = INLINE
        return result
