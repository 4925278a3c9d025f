"""Efficiency: the country's own service standard, the electronic queue, coverage."""

from __future__ import annotations

from collections.abc import Iterator

from asan_core.builtins.rules.subjects import at, count_centres, count_services, front_centres
from asan_core.contract.franchise import Franchise
from asan_core.contract.rules import ConformanceRule, Finding, Severity, rule
from asan_core.model import Feature

# -- efficiency -----------------------------------------------------------------------


@rule(
    "efficiency.service-standard",
    "efficiency",
    Severity.WARNING,
    "Processing times stay within the country's own service standard (max_processing_days).",
    "A standard the country sets for itself is the first promise of efficiency.",
    "shorten the procedure, or justify the exception and raise the standard",
    count_services,
)
def within_standard(this: ConformanceRule, franchise: Franchise) -> Iterator[Finding]:
    limit = franchise.country.max_processing_days
    if limit is None:
        return
    for service in franchise.services:
        days = service.processing_days
        if days is not None and days > limit:
            yield this.finding(
                f"service {service.id!r} takes {days} working days; the standard is {limit}",
                at(service, "processing_days"),
            )


@rule(
    "efficiency.e-queue",
    "efficiency",
    Severity.WARNING,
    "Every centre registers citizens through an electronic queue.",
    "The electronic queue replaces favour with order: citizens are called in turn and the "
    "waiting time is measured.",
    "add e_queue to the centre's features",
    count_centres,
)
def e_queue(this: ConformanceRule, franchise: Franchise) -> Iterator[Finding]:
    for centre in front_centres(franchise):
        if Feature.E_QUEUE not in centre.features:
            yield this.finding(f"centre {centre.id!r} has no electronic queue", at(centre))


@rule(
    "efficiency.coverage",
    "efficiency",
    Severity.INFO,
    "Reports how many areas a centre serves and how many rely on agency divisions.",
    "Every area must be served (validation guarantees it); where only the fallback serves, "
    "a new centre or a mobile route would bring the model closer.",
    "plan centres or mobile routes for the areas served only by agency divisions",
)
def coverage(this: ConformanceRule, franchise: Franchise) -> Iterator[Finding]:
    by_centre = [a.area for a in franchise.area_coverage if a.centres]
    fallback = [a.area for a in franchise.area_coverage if not a.centres]
    yield this.finding(
        f"{len(by_centre)} of {len(franchise.area_coverage)} areas are served by a centre or "
        f"mobile unit; {len(fallback)} by agency divisions only",
        at(franchise.country),
    )


RULES = (within_standard, e_queue, coverage)
