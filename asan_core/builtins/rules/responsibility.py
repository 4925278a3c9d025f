"""Responsibility: an accountable public agency, a way to complain, visible departures."""

from __future__ import annotations

from collections.abc import Iterator

from asan_core.builtins.rules.subjects import at, count_services
from asan_core.contract.franchise import Franchise
from asan_core.contract.rules import ConformanceRule, Finding, Severity, rule
from asan_core.model import SOURCE_LOCALE, AgencyKind, Feature

# -- responsibility -------------------------------------------------------------------


@rule(
    "responsibility.accountable-agency",
    "responsibility",
    Severity.ERROR,
    "Every service is the responsibility of one public agency (not a private provider).",
    "A citizen must know which public body answers for a service; private auxiliary "
    "services (bank, insurance) support the centre but cannot be accountable for a state "
    "service.",
    "set the service's agency to the public body that decides on it",
    count_services,
)
def accountable_agency(this: ConformanceRule, franchise: Franchise) -> Iterator[Finding]:
    for service in franchise.services:
        agency = franchise.agency(service.agency)
        if agency.kind is AgencyKind.PRIVATE:
            yield this.finding(
                f"service {service.id!r} is assigned to the private provider {agency.id!r}",
                at(service, "agency"),
            )


@rule(
    "responsibility.complaints",
    "responsibility",
    Severity.WARNING,
    "Citizens have a declared way to complain: a complaints desk in the centres, a call "
    "centre, or each agency's complaint procedure.",
    "Responsibility means answering for what went wrong; without a complaint channel a "
    "citizen has nowhere to take it.",
    "add complaint_desk to the centres' features, a call_centre channel, or agencies' "
    "complaints text",
    lambda f: 1,
)
def complaints(this: ConformanceRule, franchise: Franchise) -> Iterator[Finding]:
    has_desk = any(Feature.COMPLAINT_DESK in c.features for c in franchise.centres)
    has_call_centre = any("call_centre" in s.channels for s in franchise.services)
    agencies = {s.agency for s in franchise.services}
    all_agencies = all(franchise.agency(a).complaints for a in agencies) if agencies else False
    if not (has_desk or has_call_centre or all_agencies):
        yield this.finding(
            f"{franchise.country.code} declares no complaint channel", at(franchise.country)
        )


@rule(
    "principles.changed",
    "responsibility",
    Severity.INFO,
    "Lists where the country adapts, drops or adds a principle of the model.",
    "A franchise may adapt the model to its country, but every departure must be visible "
    "and reasoned so that the partners can review it.",
    "keep a reason in every principle change, in the country's languages",
)
def principle_changes(this: ConformanceRule, franchise: Franchise) -> Iterator[Finding]:
    locale = franchise.country.primary_locale
    for change in franchise.principle_changes:
        reason = franchise.text(change.reason, SOURCE_LOCALE)
        name = f" as {franchise.text(change.name, locale)!r}" if change.name else ""
        yield this.finding(
            f"principle {change.id!r}: {change.action}{name} — {reason}", at(change, "action")
        )


RULES = (accountable_agency, complaints)
