"""Typed access to ISO 3166 data (pycountry ships no type hints)."""

from __future__ import annotations

from dataclasses import dataclass

import pycountry


@dataclass(frozen=True)
class Subdivision:
    """An ISO 3166-2 subdivision: its code, country, parent (if any) and name."""

    code: str
    country_code: str
    parent_code: str | None
    name: str


def is_country_code(code: str) -> bool:
    """True for an ISO 3166-1 alpha-2 code, written in upper case (``AF``)."""
    return code == code.upper() and pycountry.countries.get(alpha_2=code) is not None


def subdivision(code: str) -> Subdivision | None:
    """The ISO 3166-2 subdivision with ``code`` (``AF-KAB``), or None."""
    found = pycountry.subdivisions.get(code=code)  # type: ignore[no-untyped-call]
    if found is None:
        return None
    return Subdivision(found.code, found.country_code, found.parent_code, found.name)


def subdivisions(country_code: str) -> list[Subdivision]:
    """Every ISO 3166-2 subdivision of a country, at every level."""
    found = pycountry.subdivisions.get(country_code=country_code) or []  # type: ignore[no-untyped-call]
    return [Subdivision(s.code, s.country_code, s.parent_code, s.name) for s in found]


def top_level_area(code: str) -> str:
    """The top-level subdivision ``code`` belongs to (``AZ-BAB`` → ``AZ-NX``)."""
    sub = subdivision(code)
    while sub is not None and sub.parent_code:
        sub = subdivision(sub.parent_code)
    return sub.code if sub is not None else code
