"""The services as CPSV-AP 3.2.0 JSON-LD: ``asan export --format cpsv-ap``.

Every service becomes a ``cpsv:PublicService`` with its competent authority
(``cv:PublicOrganisation``), channels, costs, required evidence, outputs, legal resources
and processing time (``xsd:duration``); texts are language-tagged literals (BCP 47:
``fa-AF``, ``ps-AF``, ``az``). The document conforms to the official SHACL shapes of
CPSV-AP 3.2.0 (tested with pyshacl). The ``@context`` is inline: nothing is fetched.

Illustrative data carries ``adms:status`` (a concept saying it must be confirmed) and an
``rdfs:comment`` explaining what to confirm; sourced records carry their source in a
``dct:provenance`` statement.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pycountry

from asan_core.contract.franchise import Franchise
from asan_core.export.catalogue import amount_text, translations
from asan_core.export.honesty import (
    STATUS_LABELS,
    Status,
    explanation,
    fee_is_illustrative,
    field_is_illustrative,
    source_statement,
    status,
)
from asan_core.export.iris import Iris
from asan_core.i18n.labels import CHANNEL_LABELS
from asan_core.model import Agency, ChannelKind, Cost, LegalResource, Provenance, Service

JsonObject = dict[str, Any]

CONTEXT: dict[str, str] = {
    "adms": "http://www.w3.org/ns/adms#",
    "cpsv": "http://purl.org/vocab/cpsv#",
    "cv": "http://data.europa.eu/m8g/",
    "dcat": "http://www.w3.org/ns/dcat#",
    "dct": "http://purl.org/dc/terms/",
    "eli": "http://data.europa.eu/eli/ontology#",
    "rdfs": "http://www.w3.org/2000/01/rdf-schema#",
    "skos": "http://www.w3.org/2004/02/skos/core#",
    "xsd": "http://www.w3.org/2001/XMLSchema#",
}
"""The inline JSON-LD context: prefixes only, so every key reads as its CPSV-AP term."""

EU_CURRENCY = "http://publications.europa.eu/resource/authority/currency/"
"""The Publications Office's currency authority table (CPSV-AP's recommended vocabulary)."""

EU_COUNTRY = "http://publications.europa.eu/resource/authority/country/"
"""The Publications Office's country authority table (ISO 3166-1 alpha-3 codes)."""


def language_tag(locale: str) -> str:
    """The BCP 47 tag of a Babel locale: ``fa_AF`` → ``fa-AF``."""
    return locale.replace("_", "-")


def duration(days: int) -> JsonObject:
    """``P5D`` as an ``xsd:duration`` literal."""
    return {"@value": f"P{days}D", "@type": "xsd:duration"}


def country_iri(code: str) -> str:
    """The EU country authority IRI of an ISO 3166-1 alpha-2 code (``AZ`` → ``.../AZE``)."""
    found = pycountry.countries.get(alpha_2=code)
    return EU_COUNTRY + (str(found.alpha_3) if found is not None else code)


class _Builder:
    """Builds the graph of one franchise in a set of locales."""

    def __init__(self, franchise: Franchise, locales: list[str], iris: Iris) -> None:
        self.franchise = franchise
        self.locales = locales
        self.iris = iris
        self.location = country_iri(franchise.country.code)
        self.channel_kinds: list[ChannelKind] = []
        self.currencies: list[str] = []
        self.statuses: list[Status] = []

    # -- values ------------------------------------------------------------------------

    def text(self, text: dict[str, str]) -> list[JsonObject]:
        chosen = translations(text, self.locales, self.franchise.country.primary_locale)
        return [{"@language": language_tag(loc), "@value": value} for loc, value in chosen.items()]

    def marks(self, provenance: Provenance, *, inherits: bool = False) -> JsonObject:
        """``dct:provenance`` (the source), and ``adms:status`` with an ``rdfs:comment``
        saying what to confirm when the record is (partly) illustrative.

        ``inherits`` marks as illustrative a record whose holder says it is (a fee listed
        in its service's ``illustrative_fields``).
        """
        marks: JsonObject = {}
        if provenance.source:
            marks["dct:provenance"] = {
                "@type": "dct:ProvenanceStatement",
                "rdfs:label": source_statement(provenance),
            }
        found = Status.ILLUSTRATIVE if inherits else status(provenance)
        if found is not None:
            marks["adms:status"] = {"@id": self.status_iri(found)}
            marks["rdfs:comment"] = (
                explanation(provenance)
                if found is status(provenance)
                else STATUS_LABELS[found] + "."
            )
        return marks

    def inherited(self, illustrative: bool) -> JsonObject:
        """The marks of a value without provenance of its own (a document, an output)."""
        if not illustrative:
            return {}
        return {
            "adms:status": {"@id": self.status_iri(Status.ILLUSTRATIVE)},
            "rdfs:comment": STATUS_LABELS[Status.ILLUSTRATIVE] + ".",
        }

    def status_iri(self, found: Status) -> str:
        if found not in self.statuses:
            self.statuses.append(found)
        return self.iris("status", str(found))

    # -- nodes -------------------------------------------------------------------------

    def agency(self, agency: Agency) -> JsonObject:
        node: JsonObject = {
            "@id": self.iris("agency", agency.id),
            "@type": "cv:PublicOrganisation",
            "dct:identifier": agency.id,
            "skos:prefLabel": self.text(agency.name),
            "dct:spatial": {"@id": self.location},
            **self.marks(agency.provenance),
        }
        if agency.short_name:
            node["skos:altLabel"] = self.text(agency.short_name)
        return node

    def legal(self, act: LegalResource) -> JsonObject:
        node: JsonObject = {
            "@id": self.iris("legal", act.id),
            "@type": "eli:LegalResource",
            "dct:identifier": act.id,
            "dct:title": self.text(act.title),
            **self.marks(act.provenance),
        }
        if act.number:
            node["eli:id_local"] = act.number
        if act.date:
            node["eli:date_document"] = {"@value": act.date.isoformat(), "@type": "xsd:date"}
        if act.url and act.url.startswith(("http://", "https://")):
            node["rdfs:seeAlso"] = {"@id": act.url}
        return node

    def service(self, service: Service) -> JsonObject:
        sid = service.id
        prov = service.provenance
        node: JsonObject = {
            "@id": self.iris("service", sid),
            "@type": "cpsv:PublicService",
            "dct:identifier": sid,
            "dct:title": self.text(service.title),
            "dct:description": self.text(service.description),
            "cv:hasCompetentAuthority": {"@id": self.iris("agency", service.agency)},
            "dct:spatial": {"@id": self.location},
            **self.marks(prov),
        }
        channels = [self.channel(service, kind) for kind in service.channels]
        if channels:
            node["cv:hasChannel"] = channels
        costs = [
            node
            for index, cost in enumerate(service.costs, start=1)
            for node in self.costs(service, cost, index)
        ]
        if costs:
            node["cv:hasCost"] = costs
        if service.evidence:
            node["cpsv:hasInput"] = [
                {
                    "@id": self.iris("service", sid, "evidence", index),
                    "@type": "cv:Evidence",
                    "dct:identifier": f"{sid}/evidence/{index}",
                    "dct:title": self.text(item.name),
                    **({"dct:description": self.text(item.note)} if item.note else {}),
                    **self.inherited(field_is_illustrative(prov, "evidence")),
                }
                for index, item in enumerate(service.evidence, start=1)
            ]
        if service.outputs:
            node["cpsv:produces"] = [
                {
                    "@id": self.iris("service", sid, "output", index),
                    "@type": "cv:Output",
                    "dct:identifier": f"{sid}/output/{index}",
                    "dct:title": self.text(item.name),
                    **self.inherited(field_is_illustrative(prov, "outputs")),
                }
                for index, item in enumerate(service.outputs, start=1)
            ]
        if service.legal_basis:
            node["cv:hasLegalResource"] = [
                {"@id": self.iris("legal", lid)} for lid in service.legal_basis
            ]
        if service.processing_days is not None:
            # Working days in the data; xsd:duration has no working-day unit (docs/exports.md).
            node["cv:processingTime"] = duration(service.processing_days)
        return node

    def channel(self, service: Service, kind: ChannelKind) -> JsonObject:
        if kind not in self.channel_kinds:
            self.channel_kinds.append(kind)
        return {
            "@id": self.iris("service", service.id, "channel", str(kind)),
            "@type": "cv:Channel",
            "dct:identifier": f"{service.id}/channel/{kind}",
            "dct:type": {"@id": self.iris("channel-type", str(kind))},
            **self.inherited(field_is_illustrative(service.provenance, "channels")),
        }

    def costs(self, service: Service, cost: Cost, index: int) -> list[JsonObject]:
        """The fee, and one more cost per express tier (a higher fee for a faster service)."""
        if cost.currency not in self.currencies:
            self.currencies.append(cost.currency)
        illustrative = fee_is_illustrative(service, cost)
        marks = self.marks(cost.provenance, inherits=illustrative)
        main: JsonObject = {
            "@id": self.iris("service", service.id, "cost", index),
            "@type": "cv:Cost",
            "dct:identifier": f"{service.id}/cost/{index}",
            "cv:hasValue": _double(cost.amount),
            "cv:currency": {"@id": EU_CURRENCY + cost.currency},
            **marks,
        }
        if cost.description:
            main["dct:description"] = self.text(cost.description)
        if cost.effective_from or cost.effective_until:
            period: JsonObject = {"@type": "dct:PeriodOfTime"}
            if cost.effective_from:
                period["dcat:startDate"] = _date(cost.effective_from.isoformat())
            if cost.effective_until:
                period["dcat:endDate"] = _date(cost.effective_until.isoformat())
            main["dct:temporal"] = period
        found = [main]
        for tier_index, tier in enumerate(cost.express, start=1):
            found.append(
                {
                    "@id": self.iris("service", service.id, "cost", index, "express", tier_index),
                    "@type": "cv:Cost",
                    "dct:identifier": f"{service.id}/cost/{index}/express/{tier_index}",
                    "cv:hasValue": _double(tier.amount),
                    "cv:currency": {"@id": EU_CURRENCY + cost.currency},
                    "dct:description": self.text(tier.name),
                    **marks,
                }
            )
        return found

    # -- vocabularies ------------------------------------------------------------------

    def vocabulary_nodes(self) -> list[JsonObject]:
        """Concepts the graph points at: its own channel types and statuses, the EU IRIs."""
        nodes: list[JsonObject] = []
        if self.statuses:
            nodes.append(self._scheme("status", "asan-sdk honesty statuses of exported records"))
            nodes.extend(
                self._concept("status", str(s), STATUS_LABELS[s]) for s in sorted(self.statuses)
            )
        if self.channel_kinds:
            nodes.append(
                self._scheme("channel-type", "asan-sdk channel types (how a service is delivered)")
            )
            nodes.extend(
                self._concept("channel-type", str(kind), CHANNEL_LABELS[kind])
                for kind in sorted(self.channel_kinds)
            )
        nodes.append({"@id": self.location, "@type": "dct:Location"})
        nodes.extend(
            {"@id": EU_CURRENCY + code, "@type": "skos:Concept", "skos:notation": code}
            for code in sorted(self.currencies)
        )
        return nodes

    def _scheme(self, name: str, label: str) -> JsonObject:
        return {
            "@id": self.iris(name),
            "@type": "skos:ConceptScheme",
            "skos:prefLabel": {"@language": "en", "@value": label},
        }

    def _concept(self, scheme: str, notation: str, label: str) -> JsonObject:
        return {
            "@id": self.iris(scheme, notation),
            "@type": "skos:Concept",
            "skos:inScheme": {"@id": self.iris(scheme)},
            "skos:notation": notation,
            "skos:prefLabel": {"@language": "en", "@value": label},
        }


def _double(amount: Decimal) -> JsonObject:
    return {"@value": amount_text(amount), "@type": "xsd:double"}


def _date(value: str) -> JsonObject:
    return {"@value": value, "@type": "xsd:date"}


def cpsv_ap_document(franchise: Franchise, locales: list[str], base_iri: str) -> JsonObject:
    """The franchise's services as a CPSV-AP 3.2.0 JSON-LD document.

    :param locales: the locales of the language-tagged texts (all of the country's, usually).
    :param base_iri: the base of every minted IRI (see :mod:`asan_core.export.iris`).
    """
    builder = _Builder(franchise, locales, Iris(base_iri))
    agencies = [builder.agency(a) for a in franchise.agencies]
    legal = [builder.legal(r) for r in franchise.legal_resources]
    services = [builder.service(s) for s in franchise.services]
    return {
        "@context": CONTEXT,
        "@graph": [*builder.vocabulary_nodes(), *agencies, *legal, *services],
    }
