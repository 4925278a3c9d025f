"""Typed access to ISO 3166 data (pycountry ships no type hints)."""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import lru_cache
from importlib.util import find_spec
from pathlib import Path


@dataclass(frozen=True)
class Subdivision:
    """An ISO 3166-2 subdivision: its code, country, parent (if any) and name."""

    code: str
    country_code: str
    parent_code: str | None
    name: str


def is_country_code(code: str) -> bool:
    """True for an ISO 3166-1 alpha-2 code, written in upper case (``AF``)."""
    return code == code.upper() and code.lower() in _country_codes()


def _database(name: str) -> Path:
    """One of pycountry's database files (``iso3166-1.json``), found without importing
    pycountry: its import and loaders cost about 8 ms of every ``check`` and ``kit build``,
    which ask about a handful of codes. These are the codes pycountry ships: an entry a
    program adds to pycountry's database while running (``countries.add_entry``) is not
    seen here."""
    spec = find_spec("pycountry")
    if spec is None or not spec.submodule_search_locations:
        raise ModuleNotFoundError("pycountry is not installed (asan-sdk depends on it)")
    return Path(next(iter(spec.submodule_search_locations))) / "databases" / name


@lru_cache(maxsize=1)
def _country_codes() -> frozenset[str]:
    """Every ISO 3166-1 alpha-2 code in pycountry's database, lower case (as pycountry
    looks them up)."""
    entries = json.loads(_database("iso3166-1.json").read_bytes())["3166-1"]
    return frozenset(str(entry["alpha_2"]).lower() for entry in entries)


def subdivision(code: str) -> Subdivision | None:
    """The ISO 3166-2 subdivision with ``code`` (``AF-KAB``; any case), or None."""
    return _subdivisions()[0].get(code.lower())


def subdivisions(country_code: str) -> list[Subdivision]:
    """Every ISO 3166-2 subdivision of a country, at every level."""
    return list(_subdivisions()[1].get(country_code.lower(), ()))


@lru_cache(maxsize=1)
def _subdivisions() -> tuple[dict[str, Subdivision], dict[str, tuple[Subdivision, ...]]]:
    """pycountry's ISO 3166-2 database, read once from its own file and indexed by code and
    by country (lower case, as pycountry looks them up).

    pycountry's own loader builds an object and four indexes for each of its 5,046
    entries: 34 ms, on the path of every ``check`` and ``kit build``, which ask about a
    handful of codes. Reading the same file is 7 ms. The parent code is completed with the
    country as pycountry does (its file writes some parents without it)."""
    path = _database("iso3166-2.json")
    by_code: dict[str, Subdivision] = {}
    by_country: dict[str, list[Subdivision]] = {}
    for entry in json.loads(path.read_bytes())["3166-2"]:
        code = str(entry["code"])
        country = code.split("-")[0]
        parent = entry.get("parent")
        if parent is not None and str(parent).split("-")[0] != country:
            parent = f"{country}-{parent}"
        found = Subdivision(code, country, None if parent is None else str(parent), entry["name"])
        by_code[code.lower()] = found
        by_country.setdefault(country.lower(), []).append(found)
    return by_code, {key: tuple(value) for key, value in by_country.items()}


def top_level_area(code: str) -> str:
    """The top-level subdivision ``code`` belongs to (``AZ-BAB`` → ``AZ-NX``)."""
    sub = subdivision(code)
    while sub is not None and sub.parent_code:
        sub = subdivision(sub.parent_code)
    return sub.code if sub is not None else code
