"""Locale negotiation: map what people type to one of a country's declared locales.

People write ``prs`` (ISO 639-3 for Dari), ``dari``, ``fa-AF``, ``az_AZ`` or ``ps``; a
country declares Babel locales (``fa_AF``, ``ps_AF``, ``az``). This module bridges the two
and fails with the country's list when nothing fits.
"""

from __future__ import annotations

from babel import Locale, UnknownLocaleError

from asan_core.base.problems import Problem, ProblemsError
from asan_core.model import Country

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
    """The declared locale of ``country`` that ``query`` means (see :func:`match_locale`).

    :raises ProblemsError: naming the query and the country's locales.
    """
    declared = list(country.locales)
    found = match_locale(query, declared)
    if found is not None:
        return found
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


def match_locale(query: str, declared: list[str]) -> str | None:
    """The one locale of ``declared`` that ``query`` means, or None.

    Tries, in order: the exact identifier; the alias table (``prs`` → ``fa_AF``); Babel's
    parse of the query (``fa-AF``, ``az_AZ``); then the language alone when exactly one
    declared locale has that language (``ps`` → ``ps_AF``). Declared identifiers Babel does
    not know (a hand-edited catalogue) are compared as text only.
    """
    if query in declared:
        return query
    text = query.strip()
    candidate = LANGUAGE_ALIASES.get(text.casefold(), text).replace("-", "_")
    parsed = _parse(candidate)
    if parsed is None:
        return next((loc for loc in declared if loc.casefold() == candidate.casefold()), None)
    full = str(parsed)
    if full in declared:
        return full
    known = [(loc, _parse(loc)) for loc in declared]
    same_language = [
        (loc, p) for loc, p in known if p is not None and p.language == parsed.language
    ]
    exact = [loc for loc, p in same_language if p is not None and p.territory == parsed.territory]
    if len(exact) == 1:
        return exact[0]
    if len(same_language) == 1:
        return same_language[0][0]
    return None


def _parse(identifier: str) -> Locale | None:
    try:
        return Locale.parse(identifier)
    except (UnknownLocaleError, ValueError):
        return None
