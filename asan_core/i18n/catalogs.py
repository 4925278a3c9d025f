"""gettext catalogs: the translation chain for a (country, locale), compiled on first use.

Precedence, highest first (ARCHITECTURE "Data and text"): for each locale of the chain —
the locale itself (``fa_AF``), its base language (``fa``), the country's default locale,
English — the plugins' catalog folders (later-registered plugins first), then the core's
``locales/``. A string missing everywhere is shown in its source language, English.

Two Babel pitfalls are handled here:

- ``Translations.load(dir, [a, b])`` does not chain locales: the chain is built link by link
  with ``add_fallback``.
- Babel's ``write_mo`` writes an untranslated *plural* entry with the English text
  (python-babel #697), which would stop the fallback at that catalog: messages that are not
  fully translated are left out of the compiled catalog.

Catalogs are compiled in memory from the ``.po`` files (``.mo`` files are never committed;
``asan i18n compile`` writes them for tools that want them).
"""

from __future__ import annotations

import gettext as gettext_module
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from io import BytesIO
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.mofile import write_mo
from babel.support import NullTranslations, Translations

from asan_core.base.po import DOMAIN, catalog_path, is_translated, read_catalog
from asan_core.base.resources import locales_dir
from asan_core.contract.translations import read_checked_catalog
from asan_core.model import SOURCE_LOCALE, locale_chain

__all__ = ["DOMAIN", "N_", "build_chain", "catalog_path", "is_translated", "read_catalog"]


def N_(message: str) -> str:
    """Mark ``message`` for extraction without translating it now."""
    return message


@lru_cache(maxsize=256)
def _compiled(path: Path, mtime_ns: int, locale: str) -> bytes:
    catalog = read_checked_catalog(path, locale)  # a bad entry: located, never a traceback
    complete = Catalog(locale=locale, domain=DOMAIN)
    complete.mime_headers = catalog.mime_headers
    for message in catalog:
        if message.id and is_translated(message):
            complete[message.id] = message
    buffer = BytesIO()
    write_mo(buffer, complete)
    return buffer.getvalue()


class CatalogLink(Translations):
    """One catalog of the chain; records which locale answered each lookup."""

    def __init__(self, data: bytes, locale: str, origin: Path, chain: TranslationChain) -> None:
        super().__init__(fp=BytesIO(data), domain=DOMAIN)
        self.locale_id = locale
        self.origin = origin
        self.chain = chain

    def _has(self, key: object) -> bool:
        return key in self._catalog

    def gettext(self, message: str) -> str:
        if self._has(message):
            self.chain.answered(message, self.locale_id)
        return super().gettext(message)

    def ngettext(self, msgid1: str, msgid2: str, n: int) -> str:
        if self._has((msgid1, 0)):
            self.chain.answered(msgid1, self.locale_id)
        return super().ngettext(msgid1, msgid2, n)

    def pgettext(self, context: str, message: str) -> str:
        if self._has(f"{context}\x04{message}"):
            self.chain.answered(message, self.locale_id)
        return str(super().pgettext(context, message))

    def npgettext(self, context: str, msgid1: str, msgid2: str, n: int) -> str:
        if self._has((f"{context}\x04{msgid1}", 0)):
            self.chain.answered(msgid1, self.locale_id)
        return super().npgettext(context, msgid1, msgid2, n)


class _Source(NullTranslations):
    """The end of the chain: the English source text."""

    def __init__(self, chain: TranslationChain) -> None:
        super().__init__()
        self.chain = chain

    def gettext(self, message: str) -> str:
        self.chain.answered(message, SOURCE_LOCALE)
        return message

    def ngettext(self, msgid1: str, msgid2: str, n: int) -> str:
        self.chain.answered(msgid1, SOURCE_LOCALE)
        return msgid1 if n == 1 else msgid2

    def pgettext(self, context: str, message: str) -> str:
        return self.gettext(message)

    def npgettext(self, context: str, msgid1: str, msgid2: str, n: int) -> str:
        return self.ngettext(msgid1, msgid2, n)


@dataclass
class TranslationChain:
    """The gettext functions for one locale, and a record of fallbacks."""

    locale: str
    links: list[CatalogLink] = field(default_factory=list)
    fallbacks: dict[str, str] = field(default_factory=dict)
    """Source message → locale it was shown in, for every message not shown in ``locale``."""

    def __post_init__(self) -> None:
        self.translations: gettext_module.NullTranslations = _Source(self)
        self._answers: dict[str, str] = {}

    def answered(self, message: str, locale: str) -> None:
        """Called by the chain: ``message`` was answered from ``locale``'s catalog."""
        if _language(locale) != _language(self.locale):
            self.fallbacks.setdefault(message, locale)

    def gettext(self, message: str) -> str:
        """Translate ``message`` (remembered: a kit asks for the same labels thousands of
        times, and the catalogs do not change during a build; fallbacks are recorded on
        the first ask)."""
        answer = self._answers.get(message)
        if answer is None:
            answer = self._answers[message] = self.translations.gettext(message)
        return answer

    def plain(self, message: str) -> str:
        """A translation used as it is, not as a %-format string (a label from Python
        code): every translation is written as a format string, so ``%%`` becomes ``%``."""
        return self.gettext(message).replace("%%", "%")

    def ngettext(self, singular: str, plural: str, n: int) -> str:
        """Translate with the plural form for ``n``."""
        return self.translations.ngettext(singular, plural, n)

    def pgettext(self, context: str, message: str) -> str:
        """Translate ``message`` in ``context``."""
        return self.translations.pgettext(context, message)

    def npgettext(self, context: str, singular: str, plural: str, n: int) -> str:
        """Translate in ``context`` with the plural form for ``n``."""
        return self.translations.npgettext(context, singular, plural, n)


def _language(locale: str) -> str:
    # fa for an fa_AF page is the same language (not a fallback); en for ps_AF is one.
    return locale.split("_")[0]


def build_chain(
    locale: str, default_locale: str, plugin_dirs: Sequence[Path] = (), core: bool = True
) -> TranslationChain:
    """The translation chain for ``locale``.

    :param locale: the locale shown.
    :param default_locale: the country's default locale (the third link of the chain).
    :param plugin_dirs: plugin catalog folders, highest precedence first.
    :param core: include the core's ``locales/`` (last in each locale).
    """
    chain = TranslationChain(locale)
    folders = [*plugin_dirs, *([locales_dir()] if core else [])]
    links: list[CatalogLink] = []
    for candidate in locale_chain(locale, default_locale):
        for folder in folders:
            path = catalog_path(folder, candidate)
            if path.is_file():
                data = _compiled(path, path.stat().st_mtime_ns, candidate)
                links.append(CatalogLink(data, candidate, path, chain))
    if links:
        for link in links[1:]:
            links[0].add_fallback(link)
        links[-1].add_fallback(chain.translations)
        chain.translations = links[0]
    chain.links = links
    return chain
