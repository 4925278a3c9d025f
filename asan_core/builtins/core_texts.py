"""Texts the core ships for every country, keyed by base language (``fa``, ``ps``).

A country declares locales (``fa_AF``); :func:`for_country` re-keys every localized text
of a core record to the country's locales, keeping English (the end of every fallback
chain), so core data stays within the locales the country declares.
"""

from __future__ import annotations

from typing import Any, TypeVar

from pydantic import BaseModel

from asan_core.model import Country, Record

R = TypeVar("R", bound=Record)


def rekey(text: dict[str, str], country: Country) -> dict[str, str]:
    """``{"fa": ..., "en": ...}`` → ``{"fa_AF": ..., "en": ...}`` for an Afghan country."""
    out: dict[str, str] = {}
    for locale in country.locales:
        language = locale.split("_")[0]
        if locale in text:
            out[locale] = text[locale]
        elif language in text:
            out[locale] = text[language]
    if "en" in text:
        out.setdefault("en", text["en"])
    return out


def _rekey_value(value: Any, country: Country) -> Any:
    if isinstance(value, BaseModel):
        updates = {
            name: _rekey_value(getattr(value, name), country)
            for name in type(value).model_fields
            if name != "provenance"
        }
        return value.model_copy(update=updates)
    if isinstance(value, tuple):
        return tuple(_rekey_value(item, country) for item in value)
    if isinstance(value, dict):
        return rekey(value, country)
    return value


def for_country(record: R, country: Country) -> R:
    """A copy of ``record`` with every localized text re-keyed; the origin is kept."""
    copy: R = _rekey_value(record, country)
    return copy.with_origin(record.origin) if record.origin is not None else copy
