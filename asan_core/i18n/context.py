"""Everything needed to show a franchise in one locale: translations, formatting, fallbacks."""

from __future__ import annotations

from functools import lru_cache

from babel import Locale
from markupsafe import escape

from asan_core.contract.franchise import Franchise
from asan_core.i18n.catalogs import TranslationChain, build_chain
from asan_core.i18n.formatting import Formatter
from asan_core.model import pick_text


class ShownText(str):
    """Data text as shown on a page: a ``str`` that knows its language when it is not the
    page's (a fallback), so HTML carries its own ``lang`` and ``dir``.

    In HTML (Jinja's autoescape calls ``__html__``) fallback text is wrapped in
    ``<span lang=".." dir="..">``; in plain-text places (``<title>``, attributes, JSON) use
    ``str(text)`` or the ``plain`` filter, and :attr:`lang`/:attr:`direction` where a
    structure can carry them (the search index).
    """

    lang: str | None
    """The BCP 47 tag of the text's language when it differs from the page's, else None."""
    direction: str

    def __new__(cls, value: str, lang: str | None = None, direction: str = "ltr") -> ShownText:
        text = super().__new__(cls, value)
        text.lang = lang
        text.direction = direction
        return text

    def __html__(self) -> str:
        escaped = str(escape(str(self)))
        if self.lang is None:
            return escaped
        return f'<span lang="{self.lang}" dir="{self.direction}">{escaped}</span>'


@lru_cache(maxsize=64)
def language_tag(locale: str) -> tuple[str, str]:
    """``("fa-AF", "rtl")``: the BCP 47 tag and text direction of a Babel locale."""
    return locale.replace("_", "-"), Locale.parse(locale).text_direction


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
        self.plugin_catalogs = franchise.plugins.catalog_folders(locale)
        self.chain: TranslationChain = build_chain(
            locale, country.primary_locale, self.plugin_catalogs
        )
        self.formatter = Formatter(country, locale, self.chain, franchise.plugins.format_date)
        self.data_fallbacks: dict[str, str] = {}

    def text(self, localized: dict[str, str] | None) -> ShownText:
        """Data text in this locale, falling back along the chain (recorded, and marked with
        its own language)."""
        return self.text_in(localized, self.locale)

    def text_in(self, localized: dict[str, str] | None, locale: str) -> ShownText:
        """Data text in a declared ``locale`` (a bilingual poster shows two at once); text
        that falls back to another language is recorded and marked with that language."""
        if not localized:
            return ShownText("")
        value, used = pick_text(localized, locale, self.franchise.country.primary_locale)
        if used.split("_")[0] != locale.split("_")[0]:
            self.data_fallbacks.setdefault(value, used)  # --strict sees it
            tag, direction = language_tag(used)
            return ShownText(value, tag, direction)
        return ShownText(value)

    def fallbacks(self) -> dict[str, str]:
        """Every string (catalog or data) shown in another language, with that language."""
        return {**self.chain.fallbacks, **self.data_fallbacks}
