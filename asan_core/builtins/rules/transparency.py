"""Transparency: what a citizen must know before coming — fee, time, documents, law, language."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

from asan_core.base.problems import Problem
from asan_core.builtins.rules.subjects import at, count_services
from asan_core.contract.franchise import Franchise, SourcedItem
from asan_core.contract.locate import record_label
from asan_core.contract.rules import ConformanceRule, Finding, Severity, rule
from asan_core.model import Record, localized_fields
from asan_core.model.iso import is_country_code

# -- transparency ---------------------------------------------------------------------


@rule(
    "transparency.fee",
    "transparency",
    Severity.WARNING,
    "Every service publishes its fee, or says it is free (amount 0).",
    "A citizen must know what a service costs before coming; unpublished fees invite "
    "informal payments.",
    "add costs: [{amount: ..., currency: ...}] to the service (amount: 0 for a free service)",
    count_services,
)
def fee_published(this: ConformanceRule, franchise: Franchise) -> Iterator[Finding]:
    for service in franchise.services:
        if not service.costs:
            yield this.finding(f"service {service.id!r} does not publish its fee", at(service))


@rule(
    "transparency.processing-time",
    "transparency",
    Severity.WARNING,
    "Every service publishes its processing time in working days.",
    "A published deadline lets citizens plan and hold the agency to it.",
    "add processing_days: N (0 for same-day service)",
    count_services,
)
def processing_time_published(this: ConformanceRule, franchise: Franchise) -> Iterator[Finding]:
    for service in franchise.services:
        if service.processing_days is None:
            yield this.finding(
                f"service {service.id!r} does not publish its processing time", at(service)
            )


@rule(
    "transparency.documents",
    "transparency",
    Severity.WARNING,
    "Every service lists the documents the citizen must bring (its evidence).",
    "A citizen who brings the wrong papers loses a day; a published list prevents it.",
    "add evidence: [{name: {...}}] to the service",
    count_services,
)
def documents_published(this: ConformanceRule, franchise: Franchise) -> Iterator[Finding]:
    for service in franchise.services:
        if not service.evidence:
            yield this.finding(
                f"service {service.id!r} does not list the documents to bring", at(service)
            )


@rule(
    "transparency.legal-basis",
    "transparency",
    Severity.WARNING,
    "Every service names the legal act it rests on.",
    "Citizens and auditors can check a service's terms only against its legal basis.",
    "add legal_basis: [<legal resource id>] (and the act to legal_resources)",
    count_services,
)
def legal_basis_published(this: ConformanceRule, franchise: Franchise) -> Iterator[Finding]:
    for service in franchise.services:
        if not service.legal_basis:
            yield this.finding(f"service {service.id!r} names no legal basis", at(service))


@rule(
    "transparency.translated",
    "transparency",
    Severity.WARNING,
    "Everything the centres publish is in every declared language.",
    "Citizens must be able to read what the centres publish in each of the country's "
    "languages; a missing text falls back to another language.",
    "add the missing translations to the data file (asan i18n stats lists them)",
    lambda f: len(f.services) + len(f.centres) + len(f.agencies) + len(f.principles),
)
def translated(this: ConformanceRule, franchise: Franchise) -> Iterator[Finding]:
    declared = franchise.country.locales
    records: list[Record] = [
        franchise.country,
        *franchise.principles,
        *franchise.agencies,
        *franchise.services,
        *franchise.centres,
        *franchise.legal_resources,
    ]
    for record in records:
        for path, text in localized_fields(record):
            missing = [loc for loc in declared if loc not in text]
            if missing:
                yield this.finding(
                    f"{record_label(record)}: {path} has no text in {', '.join(missing)}",
                    at(record, path),
                )


@rule(
    "honesty.illustrative",
    "transparency",
    Severity.INFO,
    "Counts and lists the records (and fields) marked illustrative.",
    "Real governments publish this data: an invented fee, address or legal citation "
    "presented as fact misleads citizens. Illustrative records are examples awaiting "
    "confirmation.",
    "confirm the value with the responsible agency, then replace "
    "'provenance: illustrative' with 'provenance: {source: ...}'",
)
def illustrative(this: ConformanceRule, franchise: Franchise) -> Iterator[Finding]:
    items = list(franchise.sourced_records())
    whole = [i for i in items if i.record.provenance.illustrative]
    partly = [i for i in items if i.record.provenance.illustrative_fields]
    yield this.finding(
        f"{len(whole)} of {len(items)} records of {franchise.country.code} are illustrative, "
        f"and {len(partly)} more have illustrative fields: all must be confirmed by the "
        "partner government before publication",
        at(franchise.country),
    )
    for item in whole:
        note = f" ({item.record.provenance.note})" if item.record.provenance.note else ""
        yield this.finding(f"{item.name} is illustrative{note}", _provenance_of(item))
    for item in partly:
        fields = ", ".join(item.record.provenance.illustrative_fields)
        yield this.finding(f"{item.name}: {fields} illustrative", _provenance_of(item))


def _provenance_of(item: SourcedItem) -> Problem:
    return at(item.holder, f"{item.field}.provenance" if item.field else "provenance")


def count_costed(franchise: Franchise) -> int:
    """Services that publish more than one fee (whose periods could overlap)."""
    return sum(1 for s in franchise.services if len(s.costs) > 1)


@rule(
    "transparency.fee-periods",
    "transparency",
    Severity.ERROR,
    "A service's fees in the same currency never apply on the same day.",
    "When two fees of a service are in force at once, nobody can say which one the citizen "
    "pays: the published fee stops being a fact.",
    "close the earlier fee (effective_until) the day before the next one starts "
    "(effective_from), or give them different descriptions for different cases",
    count_costed,
)
def fee_periods(this: ConformanceRule, franchise: Franchise) -> Iterator[Finding]:
    for service in franchise.services:
        costs = list(enumerate(service.costs))
        for i, first in costs:
            for j, second in costs[i + 1 :]:
                if first.currency != second.currency or first.description != second.description:
                    continue  # different cases (a description says which), or currencies
                start = max(
                    first.effective_from or dt.date.min, second.effective_from or dt.date.min
                )
                end = min(
                    first.effective_until or dt.date.max, second.effective_until or dt.date.max
                )
                if start <= end:
                    when = (
                        "always"
                        if start == dt.date.min and end == dt.date.max
                        else (
                            f"from {start if start != dt.date.min else 'the start'} "
                            f"to {end if end != dt.date.max else 'no end'}"
                        )
                    )
                    yield this.finding(
                        f"service {service.id!r}: costs[{i}] and costs[{j}] both apply ({when})",
                        at(service, f"costs[{j}]"),
                    )


def count_partnerships(franchise: Franchise) -> int:
    """1 when the country records its franchise agreement."""
    return 1 if franchise.country.partnership is not None else 0


@rule(
    "transparency.partner",
    "transparency",
    Severity.ERROR,
    "The franchise agreement names a country that exists (ISO 3166-1) and is not the "
    "country itself.",
    "Who supports the franchise is a public fact; a code that is no country hides it.",
    "write the partner's ISO 3166-1 alpha-2 code, e.g. AZ",
    count_partnerships,
)
def partner_is_a_country(this: ConformanceRule, franchise: Franchise) -> Iterator[Finding]:
    country = franchise.country
    partnership = country.partnership
    if partnership is None:
        return
    code = partnership.partner
    if not is_country_code(code):
        yield this.finding(
            f"the partner {code!r} is not a country in ISO 3166-1",
            at(country, "partnership.partner"),
        )
    elif code == country.code:
        yield this.finding(
            f"the partner {code!r} is the country itself", at(country, "partnership.partner")
        )


RULES = (
    fee_published,
    processing_time_published,
    documents_published,
    legal_basis_published,
    translated,
    fee_periods,
    partner_is_a_country,
)
