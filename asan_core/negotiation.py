"""Locale negotiation: map what people type to one of a country's declared locales.

People write ``prs`` (ISO 639-3 for Dari), ``dari``, ``fa-AF``, ``az_AZ`` or ``ps``; a
country declares Babel locales (``fa_AF``, ``ps_AF``, ``az``). This module bridges the two
and fails with the country's list when nothing fits.
"""

from __future__ import annotations

from babel import Locale, UnknownLocaleError

from asan_core.model import Country
from asan_core.problems import Problem, ProblemsError

LANGUAGE_ALIASES: dict[str, str] = {
    "prs": "fa_AF",  # ISO 639-3 code of Dari
    "dari": "fa_AF",
    "fa-af": "fa_AF",
    "persian": "fa",
    "farsi": "fa",
    "pbt": "ps",  # ISO 639-3: Southern Pashto
    "pbu": "ps",  # Northern Pashto
    "pst": "ps",  # Central Pashto
    "pashto": "ps",
    "pushto": "ps",
    "azerbaijani": "az",
    "azeri": "az",
    "azj": "az",  # ISO 639-3: North Azerbaijani
    "russian": "ru",
    "english": "en",
}
"""Names and ISO 639-3 codes people use, mapped to Babel identifiers."""


def negotiate_locale(query: str, country: Country) -> str:
    """The declared locale of ``country`` that ``query`` means.

    Tries, in order: the exact identifier; the alias table (``prs`` → ``fa_AF``); Babel's
    parse of the query (``fa-AF``, ``az_AZ``); then the language alone when the country
    declares exactly one locale of that language (``ps`` → ``ps_AF``).

    :raises ProblemsError: naming the query and the country's locales.
    """
    declared = list(country.locales)
    if query in declared:
        return query
    text = query.strip()
    candidate = LANGUAGE_ALIASES.get(text.casefold(), text).replace("-", "_")
    try:
        parsed = Locale.parse(candidate)
    except (UnknownLocaleError, ValueError):
        parsed = None
    if parsed is not None:
        full = str(parsed)
        if full in declared:
            return full
        same_language = [loc for loc in declared if Locale.parse(loc).language == parsed.language]
        exact = [loc for loc in same_language if Locale.parse(loc).territory == parsed.territory]
        if len(exact) == 1:
            return exact[0]
        if len(same_language) == 1:
            return same_language[0]
    raise ProblemsError(
        [
            Problem(
                f"{country.code} does not publish in {query!r}",
                field="locale",
                hint=f"{country.code}'s locales are {', '.join(declared)} "
                "(codes such as 'prs', 'dari' or 'fa-AF' are understood too)",
            )
        ]
    )
