"""Everything needed to show a franchise in one locale: translations, formatting, fallbacks."""

from __future__ import annotations

from asan_core.contract.franchise import Franchise
from asan_core.i18n.catalogs import TranslationChain, build_chain, catalog_folders
from asan_core.i18n.formatting import Formatter
from asan_core.model import pick_text


class LocaleContext:
    """Everything needed to show a franchise in one locale, and what fell back.

    :ivar chain: the gettext chain (interface and template strings).
    :ivar formatter: numbers, money, dates, durations, digits, direction.
    :ivar data_fallbacks: data texts shown in another language, as ``(text, locale)``.
    """

    def __init__(self, franchise: Franchise, locale: str) -> None:
        self.franchise = franchise
        self.locale = locale
        country = franchise.country
        self.plugin_catalogs = catalog_folders(list(franchise.plugins.locale_dirs))
        self.chain: TranslationChain = build_chain(
            locale, country.primary_locale, self.plugin_catalogs
        )
        self.formatter = Formatter(country, locale, self.chain, franchise.plugins.format_date)
        self.data_fallbacks: dict[str, str] = {}

    def text(self, localized: dict[str, str] | None) -> str:
        """Data text in this locale, falling back along the chain (and recording it)."""
        if not localized:
            return ""
        value, used = pick_text(localized, self.locale, self.franchise.country.primary_locale)
        if used.split("_")[0] != self.locale.split("_")[0]:
            self.data_fallbacks.setdefault(value, used)
        return value

    def text_in(self, localized: dict[str, str] | None, locale: str) -> str:
        """Data text in another declared ``locale`` (a bilingual poster shows two at once)."""
        if not localized:
            return ""
        value, used = pick_text(localized, locale, self.franchise.country.primary_locale)
        if used.split("_")[0] != locale.split("_")[0]:
            self.data_fallbacks.setdefault(value, used)  # --strict sees it too
        return value

    def fallbacks(self) -> dict[str, str]:
        """Every string (catalog or data) shown in another language, with that language."""
        return {**self.chain.fallbacks, **self.data_fallbacks}
