"""The services and centres as schema.org JSON-LD, in one locale: ``--format schema-org``.

A ``GovernmentService`` per service (provider, service type, area served, channels with the
offices that offer it, the fee as an ``Offer``) and a ``GovernmentOffice`` per centre
(address, opening hours, amenities). The export is a ``@graph`` whose ``Dataset`` node
carries ``inLanguage``; each charter page of the kit embeds its service as the
``mainEntity`` of a ``WebPage`` (see :func:`service_page` and :func:`script_json`).

Honesty: a fee that is illustrative is **not** given as an ``Offer`` (search engines show
prices as facts); illustrative records carry a ``disambiguatingDescription`` with the
translated "illustrative — to be confirmed" mark.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

from asan_core.contract.franchise import Franchise
from asan_core.export.catalogue import amount_text
from asan_core.export.honesty import fee_is_illustrative, status
from asan_core.export.iris import Iris
from asan_core.i18n.labels import CHANNEL_LABELS, FEATURE_LABELS, ILLUSTRATIVE_MARK
from asan_core.model import (
    Agency,
    Centre,
    CentreKind,
    ChannelKind,
    Provenance,
    Service,
)

JsonObject = dict[str, Any]
Gettext = Callable[[str], str]

CONTEXT: JsonObject = {"@vocab": "https://schema.org/", "dayOfWeek": {"@type": "@vocab"}}
"""Inline context: schema.org terms, with week days as schema.org IRIs (``Monday``)."""

DAYS = {
    "mon": "Monday",
    "tue": "Tuesday",
    "wed": "Wednesday",
    "thu": "Thursday",
    "fri": "Friday",
    "sat": "Saturday",
    "sun": "Sunday",
}


def _untranslated(message: str) -> str:
    return message


def script_json(data: Any) -> str:
    """JSON safe inside ``<script type="application/ld+json">``.

    ``<``, ``>`` and ``&`` are written as ``\\u003c``, ``\\u003e``, ``\\u0026`` (the same
    JSON value), so no text in the data can close the script element or open a comment.
    """
    text = json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return (
        text.replace("&", "\\u0026")
        .replace("<", "\\u003c")
        .replace(">", "\\u003e")
        .replace("\u2028", "\\u2028")
        .replace("\u2029", "\\u2029")
    )


class _Builder:
    """Builds schema.org nodes of one franchise in one locale."""

    def __init__(
        self, franchise: Franchise, locale: str, iris: Iris | None, gettext: Gettext
    ) -> None:
        self.franchise = franchise
        self.locale = locale
        self.iris = iris
        self.gettext = gettext

    def text(self, text: dict[str, str]) -> str:
        return self.franchise.text(text, self.locale)

    def identified(self, node: JsonObject, *parts: str) -> JsonObject:
        """``node`` with an ``@id`` first, when this document mints IRIs."""
        return {"@id": self.iris(*parts), **node} if self.iris else node

    def mark(self, provenance: Provenance, *, withheld_fee: bool = False) -> JsonObject:
        """``disambiguatingDescription``: the translated illustrative mark, and what it covers."""
        found = status(provenance)
        if found is None and not withheld_fee:
            return {}
        text = self.gettext(ILLUSTRATIVE_MARK)
        fields = list(provenance.illustrative_fields)
        if withheld_fee and "costs" not in fields and not provenance.illustrative:
            fields.append("costs")
        if fields and not provenance.illustrative:
            text += f" ({', '.join(fields)})"
        return {"disambiguatingDescription": text}

    def country(self) -> JsonObject:
        country = self.franchise.country
        return {"@type": "Country", "name": self.text(country.name), "identifier": country.code}

    def organisation(self, agency: Agency) -> JsonObject:
        node: JsonObject = {
            "@type": "GovernmentOrganization",
            "name": self.text(agency.name),
            "areaServed": self.country(),
            **self.mark(agency.provenance),
        }
        if agency.short_name:
            node["alternateName"] = self.text(agency.short_name)
        return self.identified(node, "agency", agency.id)

    def office(self, centre: Centre, *, amenities: bool = True) -> JsonObject:
        address: JsonObject = {
            "@type": "PostalAddress",
            "addressCountry": self.franchise.country.code,
        }
        if centre.address:
            address["streetAddress"] = self.text(centre.address)
        if centre.city:
            address["addressLocality"] = self.text(centre.city)
        if centre.area:
            address["addressRegion"] = centre.area
        node: JsonObject = {
            "@type": "GovernmentOffice",
            "name": self.text(centre.name),
            "address": address,
            **self.mark(centre.provenance),
        }
        if centre.opening_hours:
            node["openingHoursSpecification"] = [
                {
                    "@type": "OpeningHoursSpecification",
                    "dayOfWeek": [DAYS[day] for day in hours.days],
                    "opens": hours.opens,
                    "closes": hours.closes,
                }
                for hours in centre.opening_hours
            ]
        if centre.features and amenities:
            node["amenityFeature"] = [
                {
                    "@type": "LocationFeatureSpecification",
                    "name": self.gettext(FEATURE_LABELS[feature]),
                    "value": True,
                }
                for feature in centre.features
            ]
        return self.identified(node, "centre", centre.id)

    def service(self, service: Service, *, nested: bool) -> JsonObject:
        """The service; ``nested`` embeds its provider and offices instead of referring."""
        franchise = self.franchise
        agency = franchise.agency(service.agency)
        offices = [
            c
            for c in franchise.centres
            if c.kind is CentreKind.CENTRE and franchise.offers(c, service)
        ]
        offers: list[JsonObject] = []
        withheld = False
        for cost in service.costs:
            if fee_is_illustrative(service, cost):
                withheld = True
                continue
            offer: JsonObject = {
                "@type": "Offer",
                "price": amount_text(cost.amount),
                "priceCurrency": cost.currency,
            }
            if cost.description:
                offer["description"] = self.text(cost.description)
            if cost.effective_from:
                offer["validFrom"] = cost.effective_from.isoformat()
            if cost.effective_until:
                offer["validThrough"] = cost.effective_until.isoformat()
            offers.append(offer)
            offers.extend(
                {
                    "@type": "Offer",
                    "name": self.text(tier.name),
                    "price": amount_text(tier.amount),
                    "priceCurrency": cost.currency,
                }
                for tier in cost.express
            )
        node: JsonObject = {
            "@type": "GovernmentService",
            "name": self.text(service.title),
            "description": self.text(service.description),
            "serviceType": self.text(service.title),
            "provider": self.organisation(agency) if nested else self.reference(agency),
            "areaServed": self.country(),
            "availableChannel": [
                self.channel(service, kind, offices, nested=nested) for kind in service.channels
            ],
            **self.mark(service.provenance, withheld_fee=withheld),
        }
        if offers:
            node["offers"] = offers
        if service.outputs:
            node["serviceOutput"] = [
                {"@type": "Thing", "name": self.text(o.name)} for o in service.outputs
            ]
        return self.identified(node, "service", service.id)

    def office_link(self, centre: Centre) -> JsonObject:
        """A centre as a kit page names it: its name and a link to its entry on the centres
        page (address, hours and amenities are there, once, not on every service page)."""
        return {
            "@type": "GovernmentOffice",
            "name": self.text(centre.name),
            "url": f"../centres.html#centre-{centre.id}",
        }

    def reference(self, agency: Agency) -> JsonObject:
        assert self.iris is not None
        return {"@id": self.iris("agency", agency.id)}

    def channel(
        self, service: Service, kind: ChannelKind, offices: list[Centre], *, nested: bool
    ) -> JsonObject:
        node: JsonObject = {"@type": "ServiceChannel", "name": self.gettext(CHANNEL_LABELS[kind])}
        if kind is ChannelKind.CENTRE and offices:
            node["serviceLocation"] = [
                self.office_link(c)
                if nested or self.iris is None
                else {"@id": self.iris("centre", c.id)}
                for c in offices
            ]
        if service.processing_days is not None:
            node["processingTime"] = f"P{service.processing_days}D"
        return node


def schema_org_document(
    franchise: Franchise, locale: str, base_iri: str, gettext: Gettext = _untranslated
) -> JsonObject:
    """Every service, agency and centre of the franchise as schema.org JSON-LD in ``locale``.

    :param gettext: translates the interface labels (channel and amenity names, the
        illustrative mark); the untranslated English by default.
    """
    builder = _Builder(franchise, locale, Iris(base_iri), gettext)
    iris = Iris(base_iri)
    country = franchise.country
    services = [builder.service(s, nested=False) for s in franchise.services]
    dataset: JsonObject = {
        "@id": iris("schema-org", locale.replace("_", "-")),
        "@type": "Dataset",
        "name": f"{franchise.text(country.brand, locale)} — {franchise.text(country.name, locale)}",
        "inLanguage": locale.replace("_", "-"),
        "spatialCoverage": builder.country(),
        "about": [{"@id": s["@id"]} for s in services],
    }
    return {
        "@context": CONTEXT,
        "@graph": [
            dataset,
            *(builder.organisation(a) for a in franchise.agencies),
            *(builder.office(c) for c in franchise.centres if c.kind is CentreKind.CENTRE),
            *services,
        ],
    }


def service_page(
    franchise: Franchise, service: Service, locale: str, gettext: Gettext = _untranslated
) -> JsonObject:
    """A kit charter page as schema.org: a ``WebPage`` whose ``mainEntity`` is the service.

    Self-contained (the provider nested, no minted IRIs), for embedding with
    :func:`script_json`. The offices are named and linked to their entry on the kit's
    centres page, not embedded whole: a page's size does not grow with the centres' details
    (about 3 KiB for a service offered in 15 centres).
    """
    builder = _Builder(franchise, locale, None, gettext)
    return {
        "@context": CONTEXT,
        "@type": "WebPage",
        "inLanguage": locale.replace("_", "-"),
        "name": franchise.text(service.title, locale),
        "mainEntity": builder.service(service, nested=True),
    }
