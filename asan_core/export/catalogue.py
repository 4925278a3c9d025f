"""The franchise as one stable JSON document: ``asan export --format catalogue-json``.

The same document is the kit's ``catalogue.json`` and the input of ``asan diff``. Its shape
is documented in ``docs/exports.md``; within ``"version": 1`` fields are only added, never
renamed or removed. Guarantees:

- **stable** — keys sorted, records in the order the plugins give them, no timestamps, so
  two exports of the same data are byte-identical and a text diff of two is readable;
- **multilingual** — every text is a ``{locale: text}`` map holding the translations the
  data has (a missing translation stays missing: it is not filled with another language);
- **honest** — every record carries its ``provenance``; illustrative fees, documents and
  hours say so where they are.
"""

from __future__ import annotations

import json
from decimal import Decimal
from typing import Any

from asan_core.base.version import __version__
from asan_core.contract.franchise import AreaCoverage, Franchise
from asan_core.export.honesty import fee_is_illustrative, field_is_illustrative
from asan_core.export.listings import country_json
from asan_core.model import (
    Agency,
    Centre,
    Cost,
    Country,
    DatedHoliday,
    Evidence,
    LegalResource,
    Principle,
    Provenance,
    Service,
    pick_text,
)
from asan_core.model.iso import top_level_area

CATALOGUE_FORMAT = "asan-catalogue"
"""The value of the document's ``"format"`` key (how ``asan diff`` recognises one)."""

CATALOGUE_VERSION = 1
"""Bumped only when a field is removed or changes meaning."""

JsonObject = dict[str, Any]


def dumps(data: Any) -> str:
    """Stable JSON text: sorted keys, two-space indent, UTF-8 characters kept, final newline."""
    return json.dumps(data, ensure_ascii=False, indent=2, sort_keys=True) + "\n"


def amount_text(value: Decimal) -> str:
    """An amount as an exact decimal string (``"5"``, ``"2.5"``): no binary float rounding."""
    return format(value.normalize(), "f")


def provenance_json(provenance: Provenance) -> JsonObject:
    """``{"source", "illustrative", "illustrative_fields", "note"}``."""
    return {
        "source": provenance.source,
        "illustrative": provenance.illustrative,
        "illustrative_fields": list(provenance.illustrative_fields),
        "note": provenance.note,
    }


def translations(text: dict[str, str], locales: list[str], default_locale: str) -> dict[str, str]:
    """The translations of ``text`` in ``locales``, as a ``{locale: text}`` map.

    When none of ``locales`` has a translation, the text the lookup chain falls back to is
    kept under its own locale: an export never labels one language's text as another's.
    """
    chosen = {loc: text[loc] for loc in locales if loc in text}
    if chosen:
        return chosen
    value, used = pick_text(text, locales[0], default_locale)
    return {used: value}


class _Texts:
    """:func:`translations` for one franchise and set of locales; ``None`` stays ``None``."""

    def __init__(self, franchise: Franchise, locales: list[str]) -> None:
        self.locales = locales
        self.default = franchise.country.primary_locale

    def __call__(self, text: dict[str, str] | None) -> dict[str, str] | None:
        return None if text is None else translations(text, self.locales, self.default)


def _country(country: Country, holidays: tuple[DatedHoliday, ...], texts: _Texts) -> JsonObject:
    partnership = country.partnership
    # What `asan countries --json` says of it, with texts in the exported locales, and more.
    listed = {k: v for k, v in country_json(country, plugin="").items() if k != "plugin"}
    return {
        **listed,
        "name": texts(country.name),
        "brand": texts(country.brand),
        "max_processing_days": country.max_processing_days,
        "holidays": [
            {
                "date": h.date.isoformat(),
                "name": texts(h.name),
                **(
                    {"yearly": {"month": h.yearly.month, "day": h.yearly.day}}
                    if h.yearly is not None
                    else {}
                ),
                "provenance": provenance_json(h.provenance),
            }
            for h in holidays
        ],
        "partnership": None
        if partnership is None
        else {
            "partner": partnership.partner,
            "instrument": texts(partnership.instrument),
            "signed": partnership.signed,
            "support_areas": [texts(area) for area in partnership.support_areas],
            "provenance": provenance_json(partnership.provenance),
        },
        "provenance": provenance_json(country.provenance),
    }


def _agency(agency: Agency, texts: _Texts) -> JsonObject:
    return {
        "id": agency.id,
        "name": texts(agency.name),
        "short_name": texts(agency.short_name),
        "kind": str(agency.kind),
        "divisions": [
            {
                "id": d.id,
                "name": texts(d.name),
                "areas": list(d.areas),
                "whole_country": d.whole_country,
            }
            for d in agency.divisions
        ],
        "complaints": texts(agency.complaints),
        "provenance": provenance_json(agency.provenance),
    }


def _legal(act: LegalResource, texts: _Texts) -> JsonObject:
    return {
        "id": act.id,
        "title": texts(act.title),
        "number": act.number,
        "date": act.date.isoformat() if act.date else None,
        "url": act.url,
        "provenance": provenance_json(act.provenance),
    }


def cost_json(cost: Cost, texts: _Texts, service: Service) -> JsonObject:
    """One fee: exact amount, currency, period, express tiers and its own provenance.

    ``illustrative`` says whether the fee may be shown as a fact: its own mark, or its
    service's (see :func:`asan_core.export.honesty.fee_is_illustrative`).
    """
    return {
        "illustrative": fee_is_illustrative(service, cost),
        "amount": amount_text(cost.amount),
        "currency": cost.currency,
        "free": cost.amount == 0,
        "description": texts(cost.description),
        "effective_from": cost.effective_from.isoformat() if cost.effective_from else None,
        "effective_until": cost.effective_until.isoformat() if cost.effective_until else None,
        "express": [
            {
                "name": texts(tier.name),
                "amount": amount_text(tier.amount),
                "processing_days": tier.processing_days,
            }
            for tier in cost.express
        ],
        "provenance": provenance_json(cost.provenance),
    }


def _evidence(item: Evidence, texts: _Texts) -> JsonObject:
    return {"name": texts(item.name), "note": texts(item.note)}


def _service(service: Service, texts: _Texts) -> JsonObject:
    return {
        "id": service.id,
        "title": texts(service.title),
        "description": texts(service.description),
        "agency": service.agency,
        "channels": [str(c) for c in service.channels],
        "evidence": [_evidence(e, texts) for e in service.evidence],
        "outputs": [{"name": texts(o.name)} for o in service.outputs],
        "costs": [cost_json(c, texts, service) for c in service.costs],
        "processing_days": service.processing_days,
        "legal_basis": list(service.legal_basis),
        "available_from": service.available_from.isoformat() if service.available_from else None,
        "provenance": provenance_json(service.provenance),
    }


def _centre(centre: Centre, franchise: Franchise, texts: _Texts) -> JsonObject:
    return {
        "id": centre.id,
        "kind": str(centre.kind),
        "name": texts(centre.name),
        "city": texts(centre.city),
        "area": centre.area,
        "serves_areas": list(centre.serves_areas),
        "address": texts(centre.address),
        "opened": centre.opened.isoformat() if centre.opened else None,
        "opening_hours": [
            {"days": list(h.days), "opens": h.opens, "closes": h.closes}
            for h in centre.opening_hours
        ],
        "agencies": list(centre.agencies),
        "all_services": centre.all_services,
        "services": [s.id for s in franchise.services_at(centre)],
        "counters": centre.counters,
        "volunteers": centre.volunteers,
        "features": [str(f) for f in centre.features],
        "provenance": provenance_json(centre.provenance),
    }


def _principle(principle: Principle, texts: _Texts) -> JsonObject:
    return {
        "id": principle.id,
        "name": texts(principle.name),
        "definition": texts(principle.definition),
        "provenance": provenance_json(principle.provenance),
    }


def catalogue_document(franchise: Franchise, locales: list[str] | None = None) -> JsonObject:
    """The franchise as the ``asan-catalogue`` JSON document (see ``docs/exports.md``).

    :param locales: the locales whose texts to include (the country's, by default).
    :returns: plain JSON data; serialise it with :func:`dumps` for stable bytes.
    """
    chosen = list(locales or franchise.country.locales)
    texts = _Texts(franchise, chosen)
    return {
        "format": CATALOGUE_FORMAT,
        "version": CATALOGUE_VERSION,
        "generator": f"asan-sdk {__version__}",
        "locales": chosen,
        "country": _country(franchise.country, franchise.holidays, texts),
        "principles": [_principle(p, texts) for p in franchise.principles],
        "agencies": [_agency(a, texts) for a in franchise.agencies],
        "legal_resources": [_legal(r, texts) for r in franchise.legal_resources],
        "services": [_service(s, texts) for s in franchise.services],
        "centres": [_centre(c, franchise, texts) for c in franchise.centres],
        "coverage": [
            {
                "area": a.area,
                "centres": list(a.centres),
                "fallback": [{"agency": ag, "division": dv} for ag, dv in a.divisions],
                "illustrative": _coverage_is_illustrative(franchise, a),
            }
            for a in franchise.area_coverage
        ],
    }


def _coverage_is_illustrative(franchise: Franchise, area: AreaCoverage) -> bool:
    """Whether who serves ``area`` rests on an example: a serving centre whose place is
    illustrative, a fallback agency whose divisions are, or an illustrative coverage record.
    """
    if area.centres:
        centres = [franchise.centre(cid) for cid in area.centres]
        if any(
            field_is_illustrative(c.provenance, "area")
            or "serves_areas" in c.provenance.illustrative_fields
            for c in centres
        ):
            return True
    else:
        agencies = [franchise.agency(agency_id) for agency_id in {a for a, _ in area.divisions}]
        if any(field_is_illustrative(a.provenance, "divisions") for a in agencies):
            return True
    return any(
        record.provenance.illustrative
        for record in franchise.coverage
        if top_level_area(record.area) == area.area
    )
