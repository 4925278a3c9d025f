"""Plain-data views of a franchise and of the plugins, for the CLI's tables and JSON.

The JSON shapes here are a stable interface (documented in ``docs/cli-json.md``):
fields are only ever added, never renamed or removed, within a major version.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from asan_core.contract.franchise import Franchise
from asan_core.model import Centre, Cost, Country, Provenance, Service

JSON_VERSION = 1
"""Bumped only when a field is removed or changes meaning."""


def provenance_json(provenance: Provenance) -> dict[str, Any]:
    """``{"source", "illustrative", "illustrative_fields", "note"}``."""
    return {
        "source": provenance.source,
        "illustrative": provenance.illustrative,
        "illustrative_fields": list(provenance.illustrative_fields),
        "note": provenance.note,
    }


def _amount(value: Decimal) -> str:
    # Strings keep the exact decimal (no binary float rounding) for every currency.
    return format(value.normalize(), "f")


def cost_json(cost: Cost, franchise: Franchise, locale: str) -> dict[str, Any]:
    """One fee with its express tiers."""
    return {
        "amount": _amount(cost.amount),
        "currency": cost.currency,
        "free": cost.amount == 0,
        "description": franchise.text(cost.description, locale) if cost.description else None,
        "effective_from": cost.effective_from.isoformat() if cost.effective_from else None,
        "effective_until": cost.effective_until.isoformat() if cost.effective_until else None,
        "express": [
            {
                "name": franchise.text(tier.name, locale),
                "amount": _amount(tier.amount),
                "processing_days": tier.processing_days,
            }
            for tier in cost.express
        ],
        "provenance": provenance_json(cost.provenance),
    }


def service_json(service: Service, franchise: Franchise, locale: str) -> dict[str, Any]:
    """One service in ``locale`` (text falls back along the locale chain)."""
    text = franchise.text
    return {
        "id": service.id,
        "title": text(service.title, locale),
        "description": text(service.description, locale),
        "agency": {
            "id": service.agency,
            "name": text(franchise.agency(service.agency).name, locale),
        },
        "channels": [str(c) for c in service.channels],
        "evidence": [text(e.name, locale) for e in service.evidence],
        "outputs": [text(o.name, locale) for o in service.outputs],
        "costs": [cost_json(c, franchise, locale) for c in service.costs],
        "processing_days": service.processing_days,
        "legal_basis": [
            {
                "id": lid,
                "title": text(franchise.legal_resource(lid).title, locale),
                "number": franchise.legal_resource(lid).number,
                "date": (d.isoformat() if (d := franchise.legal_resource(lid).date) else None),
            }
            for lid in service.legal_basis
        ],
        "available_from": service.available_from.isoformat() if service.available_from else None,
        "provenance": provenance_json(service.provenance),
    }


def services_json(franchise: Franchise, locale: str) -> dict[str, Any]:
    """``asan services --json``."""
    return {
        "version": JSON_VERSION,
        "country": franchise.country.code,
        "locale": locale,
        "services": [service_json(s, franchise, locale) for s in franchise.services],
    }


def centre_json(centre: Centre, franchise: Franchise, locale: str) -> dict[str, Any]:
    """One centre or mobile unit in ``locale``."""
    text = franchise.text
    return {
        "id": centre.id,
        "kind": str(centre.kind),
        "name": text(centre.name, locale),
        "city": text(centre.city, locale) if centre.city else None,
        "area": centre.area,
        "serves_areas": list(centre.serves_areas),
        "address": text(centre.address, locale) if centre.address else None,
        "opened": centre.opened.isoformat() if centre.opened else None,
        "opening_hours": [
            {"days": list(h.days), "opens": h.opens, "closes": h.closes}
            for h in centre.opening_hours
        ],
        "agencies": list(centre.agencies),
        "services": [s.id for s in franchise.services_at(centre)],
        "counters": centre.counters,
        "volunteers": centre.volunteers,
        "features": [str(f) for f in centre.features],
        "provenance": provenance_json(centre.provenance),
    }


def centres_json(franchise: Franchise, locale: str) -> dict[str, Any]:
    """``asan centres --json``, with the coverage of every area."""
    return {
        "version": JSON_VERSION,
        "country": franchise.country.code,
        "locale": locale,
        "centres": [centre_json(c, franchise, locale) for c in franchise.centres],
        "coverage": [
            {
                "area": a.area,
                "centres": list(a.centres),
                "fallback": [{"agency": ag, "division": dv} for ag, dv in a.divisions],
            }
            for a in franchise.area_coverage
        ],
    }


def country_json(country: Country, plugin: str) -> dict[str, Any]:
    """One entry of ``asan countries --json``."""
    return {
        "code": country.code,
        "name": {k: v for k, v in country.name.items()},
        "brand": dict(country.brand),
        "locales": list(country.locales),
        "default_locale": country.primary_locale,
        "currency": country.currency,
        "calendar": country.calendar,
        "working_week": {
            "first_day": country.week.first_day,
            "weekend": list(country.week.weekend),
        },
        "digits": str(country.digits),
        "operating_model": str(country.operating_model),
        "plugin": plugin,
    }
