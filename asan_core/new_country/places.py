"""Places and names: country codes, English names, currencies, languages, a city's area."""

from __future__ import annotations

import difflib
import re
import unicodedata
from dataclasses import dataclass
from typing import Any

import pycountry
from babel import Locale, localedata
from babel.languages import get_official_languages
from babel.numbers import get_territory_currencies

from asan_core.model import SOURCE_LOCALE
from asan_core.model.iso import is_country_code


def _fold(text: str) -> str:
    """``"Farg‘ona"`` → ``"fargona"``: letters and digits, no accents, lower case."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if c.isascii() and c.isalnum()).lower()


_GENERIC_WORDS = frozenset({"al", "el", "city", "province", "region", "governorate", "district"})
"""Words that do not tell places apart: "Al Başrah" is the Basra of a user's answer."""


def _place_key(name: str) -> str:
    words = re.split(r"[\s\-‐'’‘]+", name.strip())
    kept = [w for w in words if _fold(w) not in _GENERIC_WORDS] or words
    return _fold("".join(kept))


def slugify(text: str, separator: str = "_") -> str:
    """``"Côte d’Ivoire"`` → ``"cote_divoire"``: ASCII words joined by ``separator``."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", separator, ascii_text.lower()).strip(separator)


def english_name(code: str) -> str:
    """The country's English name in CLDR (``UZ`` → ``Uzbekistan``)."""
    return str(Locale("en").territories.get(code) or code)


def find_country_code(value: str) -> str | None:
    """The ISO 3166-1 code a user means: a code in any case, an alpha-3 code, or a name."""
    text = value.strip()
    if not text:
        return None
    if len(text) == 2 and text.isalpha():
        return text.upper() if is_country_code(text.upper()) else None
    try:
        found: Any = pycountry.countries.lookup(text)
    except LookupError:
        found = None
    if found is not None:
        return str(found.alpha_2)
    folded = _fold(text)
    for code, name in Locale("en").territories.items():
        if is_country_code(code) and _fold(str(name)) == folded:
            return str(code)
    return None


def country_suggestions(value: str) -> list[str]:
    """Countries whose English name is close to ``value``, as ``Name (CODE)``."""
    names = {
        _fold(str(name)): f"{name} ({code})"
        for code, name in Locale("en").territories.items()
        if is_country_code(code)
    }
    return [names[n] for n in difflib.get_close_matches(_fold(value), names, n=3, cutoff=0.6)]


def territory_currency(code: str) -> str:
    """The currency CLDR gives for the country today (``UZ`` → ``UZS``), or ``""``."""
    currencies = get_territory_currencies(code) if is_country_code(code) else []
    return str(currencies[0]) if currencies else ""


def default_languages(code: str) -> str:
    """The country's official languages in CLDR as Babel locales, then English.

    >>> default_languages("PK")
    'ur_PK, en'
    """
    if not is_country_code(code):
        return SOURCE_LOCALE
    locales: list[str] = []
    for language in get_official_languages(code, de_facto=True):
        if "_" in language or language == SOURCE_LOCALE:
            continue  # a script variant (uz_Cyrl); English is added last
        regional = f"{language}_{code}"
        locales.append(regional if localedata.exists(regional) else language)
    return ", ".join([*locales, SOURCE_LOCALE])


def subdivisions_of(code: str) -> list[Any]:
    """The ISO 3166-2 subdivisions of country ``code`` (pycountry's records)."""
    return list(pycountry.subdivisions.get(country_code=code) or [])  # type: ignore[no-untyped-call]


def _capital_first(subdivision: Any) -> tuple[int, int, str]:
    kind = str(getattr(subdivision, "type", "")).lower()
    rank = 0 if "capital" in kind else 1 if "city" in kind else 2
    return rank, 1 if subdivision.parent_code else 0, str(subdivision.code)


def default_city(code: str) -> str:
    """A first guess at the first centre's city: the capital area's name in ISO 3166-2."""
    subdivisions = sorted(subdivisions_of(code), key=_capital_first)
    return str(subdivisions[0].name) if subdivisions else ""


@dataclass(frozen=True)
class AreaMatch:
    """The ISO 3166-2 area chosen for a city, and how it was found."""

    code: str
    name: str
    how: str
    """``given`` (an answer), ``name`` (the city's name), ``close`` (a similar name) or
    ``placeholder`` (no match: the capital's area stands in, to be replaced)."""


def match_area(country_code: str, city: str) -> AreaMatch | None:
    """The area whose ISO 3166-2 name is the city's (or close to it); else a placeholder."""
    subdivisions = subdivisions_of(country_code)
    if not subdivisions:
        return None
    wanted = _place_key(city)
    by_name: dict[str, list[Any]] = {}
    for subdivision in subdivisions:
        by_name.setdefault(_place_key(str(subdivision.name)), []).append(subdivision)
    how = "name"
    candidates = by_name.get(wanted, [])
    if not candidates:
        close = difflib.get_close_matches(wanted, by_name, n=1, cutoff=0.8)
        candidates, how = (by_name[close[0]], "close") if close else ([], "placeholder")
    if not candidates:
        candidates = [s for s in subdivisions if not s.parent_code] or subdivisions
    best = min(candidates, key=_capital_first)
    return AreaMatch(str(best.code), str(best.name), how)
