"""Built-in plugin: the core's conformance rules — the model's principles, as checks.

Each rule serves one principle, has a severity, a rationale and a fix hint, and points
every finding at the record (plugin, file, line, field) it is about. Warnings say the
franchise departs from what the model promises citizens; errors say it breaks it; notes
(info) are for reviewers. ``asan check`` scores each principle by the share of checked
things (services, centres, roles) without a warning or an error.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator

from asan_core import hookimpl
from asan_core.conformance import ConformanceRule, Finding, Severity
from asan_core.franchise import Franchise, SourcedItem, problem_at, record_label
from asan_core.model import (
    ACCESSIBILITY_FEATURES,
    AgencyKind,
    Centre,
    CentreKind,
    Feature,
    Record,
    Role,
    localized_fields,
)
from asan_core.problems import Problem

FRONT_LINE_ROLES = (Role.VOLUNTEER, Role.FRONT_DESK, Role.AGENCY_OFFICER)
"""The roles that meet citizens, and so must be trained in polite communication and ethics."""

CheckFunction = Callable[[Franchise], Iterator[Finding]]
RULES: list[ConformanceRule] = []


def rule(
    rule_id: str,
    principle: str,
    severity: Severity,
    description: str,
    rationale: str,
    hint: str,
    subjects: Callable[[Franchise], int] | None = None,
) -> Callable[[CheckFunction], ConformanceRule]:
    """Register the decorated function as a core rule."""

    def register(check: CheckFunction) -> ConformanceRule:
        made = ConformanceRule(
            id=rule_id,
            principle=principle,
            severity=severity,
            description=description,
            rationale=rationale,
            hint=hint,
            check=check,
            subjects=subjects,
        )
        RULES.append(made)
        return made

    return register


def _services(franchise: Franchise) -> int:
    return len(franchise.services)


def _centres(franchise: Franchise) -> list[Centre]:
    return [c for c in franchise.centres if c.kind is CentreKind.CENTRE]


def _count_centres(franchise: Franchise) -> int:
    return len(_centres(franchise))


def _at(record: Record, field: str | None = None) -> Problem:
    return problem_at(record, field, "")


# -- transparency ---------------------------------------------------------------------


@rule(
    "transparency.fee",
    "transparency",
    Severity.WARNING,
    "Every service publishes its fee, or says it is free (amount 0).",
    "A citizen must know what a service costs before coming; unpublished fees invite "
    "informal payments.",
    "add costs: [{amount: ..., currency: ...}] to the service (amount: 0 for a free service)",
    _services,
)
def fee_published(franchise: Franchise) -> Iterator[Finding]:
    for service in franchise.services:
        if not service.costs:
            yield FEE.finding(f"service {service.id!r} does not publish its fee", _at(service))


FEE = fee_published


@rule(
    "transparency.processing-time",
    "transparency",
    Severity.WARNING,
    "Every service publishes its processing time in working days.",
    "A published deadline lets citizens plan and hold the agency to it.",
    "add processing_days: N (0 for same-day service)",
    _services,
)
def processing_time_published(franchise: Franchise) -> Iterator[Finding]:
    for service in franchise.services:
        if service.processing_days is None:
            yield PROCESSING_TIME.finding(
                f"service {service.id!r} does not publish its processing time", _at(service)
            )


PROCESSING_TIME = processing_time_published


@rule(
    "transparency.documents",
    "transparency",
    Severity.WARNING,
    "Every service lists the documents the citizen must bring (its evidence).",
    "A citizen who brings the wrong papers loses a day; a published list prevents it.",
    "add evidence: [{name: {...}}] to the service",
    _services,
)
def documents_published(franchise: Franchise) -> Iterator[Finding]:
    for service in franchise.services:
        if not service.evidence:
            yield DOCUMENTS.finding(
                f"service {service.id!r} does not list the documents to bring", _at(service)
            )


DOCUMENTS = documents_published


@rule(
    "transparency.legal-basis",
    "transparency",
    Severity.WARNING,
    "Every service names the legal act it rests on.",
    "Citizens and auditors can check a service's terms only against its legal basis.",
    "add legal_basis: [<legal resource id>] (and the act to legal_resources)",
    _services,
)
def legal_basis_published(franchise: Franchise) -> Iterator[Finding]:
    for service in franchise.services:
        if not service.legal_basis:
            yield LEGAL_BASIS.finding(f"service {service.id!r} names no legal basis", _at(service))


LEGAL_BASIS = legal_basis_published


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
def translated(franchise: Franchise) -> Iterator[Finding]:
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
                yield TRANSLATED.finding(
                    f"{record_label(record)}: {path} has no text in {', '.join(missing)}",
                    _at(record, path),
                )


TRANSLATED = translated


# -- efficiency -----------------------------------------------------------------------


@rule(
    "efficiency.service-standard",
    "efficiency",
    Severity.WARNING,
    "Processing times stay within the country's own service standard (max_processing_days).",
    "A standard the country sets for itself is the first promise of efficiency.",
    "shorten the procedure, or justify the exception and raise the standard",
    _services,
)
def within_standard(franchise: Franchise) -> Iterator[Finding]:
    limit = franchise.country.max_processing_days
    if limit is None:
        return
    for service in franchise.services:
        days = service.processing_days
        if days is not None and days > limit:
            yield STANDARD.finding(
                f"service {service.id!r} takes {days} working days; the standard is {limit}",
                _at(service, "processing_days"),
            )


STANDARD = within_standard


@rule(
    "efficiency.e-queue",
    "efficiency",
    Severity.WARNING,
    "Every centre registers citizens through an electronic queue.",
    "The electronic queue replaces favour with order: citizens are called in turn and the "
    "waiting time is measured.",
    "add e_queue to the centre's features",
    _count_centres,
)
def e_queue(franchise: Franchise) -> Iterator[Finding]:
    for centre in _centres(franchise):
        if Feature.E_QUEUE not in centre.features:
            yield E_QUEUE.finding(f"centre {centre.id!r} has no electronic queue", _at(centre))


E_QUEUE = e_queue


@rule(
    "efficiency.coverage",
    "efficiency",
    Severity.INFO,
    "Reports how many areas a centre serves and how many rely on agency divisions.",
    "Every area must be served (validation guarantees it); where only the fallback serves, "
    "a new centre or a mobile route would bring the model closer.",
    "plan centres or mobile routes for the areas served only by agency divisions",
)
def coverage(franchise: Franchise) -> Iterator[Finding]:
    by_centre = [a.area for a in franchise.area_coverage if a.centres]
    fallback = [a.area for a in franchise.area_coverage if not a.centres]
    yield COVERAGE.finding(
        f"{len(by_centre)} of {len(franchise.area_coverage)} areas are served by a centre or "
        f"mobile unit; {len(fallback)} by agency divisions only",
        _at(franchise.country),
    )


COVERAGE = coverage


# -- politeness and ethics ------------------------------------------------------------


def _curriculum_rule(principle: str) -> CheckFunction:
    def check(franchise: Franchise) -> Iterator[Finding]:
        this = RULE_BY_ID[f"{principle}.curriculum"]
        teaching = [m for m in franchise.curriculum if principle in m.principles]
        for role in FRONT_LINE_ROLES:
            modules = [m for m in teaching if role in m.roles]
            if not modules:
                yield this.finding(
                    f"no training module teaches {principle} to the {role} role",
                    _at(franchise.country),
                )
                continue
            for module in modules:
                missing = [
                    loc
                    for loc in franchise.country.locales
                    if loc not in module.content and loc.split("_")[0] not in module.content
                ]
                if missing:
                    yield this.finding(
                        f"module {module.id!r} ({principle}, {role}) is not translated into "
                        f"{', '.join(missing)}",
                        _at(module, "content"),
                    )

    return check


for _principle, _what in (
    ("politeness", "polite communication"),
    ("ethics", "the code of ethics"),
):
    RULES.append(
        ConformanceRule(
            id=f"{_principle}.curriculum",
            principle=_principle,
            severity=Severity.WARNING,
            description=f"The curriculum teaches {_what} to every front-line role "
            "(volunteer, front-desk officer, agency officer), in every declared language.",
            rationale="Staff who meet citizens must be trained in how the model expects them "
            "to behave, in the language they work in.",
            hint="keep the core's modules (or replace them with your own), and translate them",
            check=_curriculum_rule(_principle),
            subjects=lambda f: len(FRONT_LINE_ROLES),
        )
    )


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
    _services,
)
def accountable_agency(franchise: Franchise) -> Iterator[Finding]:
    for service in franchise.services:
        agency = franchise.agency(service.agency)
        if agency.kind is AgencyKind.PRIVATE:
            yield ACCOUNTABLE.finding(
                f"service {service.id!r} is assigned to the private provider {agency.id!r}",
                _at(service, "agency"),
            )


ACCOUNTABLE = accountable_agency


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
def complaints(franchise: Franchise) -> Iterator[Finding]:
    has_desk = any(Feature.COMPLAINT_DESK in c.features for c in franchise.centres)
    has_call_centre = any("call_centre" in s.channels for s in franchise.services)
    agencies = {s.agency for s in franchise.services}
    all_agencies = all(franchise.agency(a).complaints for a in agencies) if agencies else False
    if not (has_desk or has_call_centre or all_agencies):
        yield COMPLAINTS.finding(
            f"{franchise.country.code} declares no complaint channel", _at(franchise.country)
        )


COMPLAINTS = complaints


# -- comfort --------------------------------------------------------------------------


def _centre_rule(
    rule_id: str, description: str, rationale: str, hint: str, missing: Callable[[Centre], str]
) -> None:
    def check(franchise: Franchise) -> Iterator[Finding]:
        for centre in _centres(franchise):
            what = missing(centre)
            if what:
                yield RULE_BY_ID[rule_id].finding(f"centre {centre.id!r} {what}", _at(centre))

    RULES.append(
        ConformanceRule(
            id=rule_id,
            principle="comfort",
            severity=Severity.WARNING,
            description=description,
            rationale=rationale,
            hint=hint,
            check=check,
            subjects=_count_centres,
        )
    )


_centre_rule(
    "comfort.opening-hours",
    "Every centre publishes its opening hours.",
    "Citizens should not travel to a closed door.",
    "add opening_hours: [{days: [...], opens: 'HH:MM', closes: 'HH:MM'}]",
    lambda c: "" if c.opening_hours else "publishes no opening hours",
)
_centre_rule(
    "comfort.information-desk",
    "Every centre starts with an information desk.",
    "The information section on the first floor sends every citizen to the right counter.",
    "add information_desk to the centre's features",
    lambda c: "" if Feature.INFORMATION_DESK in c.features else "has no information desk",
)
_centre_rule(
    "comfort.volunteers",
    "Every centre has volunteers who help citizens register and apply.",
    "About 100 volunteers work in each ASAN centre; they make the centre easy to use.",
    "add volunteers: N (and the volunteers feature)",
    lambda c: "" if (c.volunteers or Feature.VOLUNTEERS in c.features) else "has no volunteers",
)
_centre_rule(
    "comfort.accessibility",
    "Every centre declares its accessibility features.",
    "People with disabilities, older people and parents with children must be able to use "
    "the centre.",
    "add step_free_access, accessible_toilet, priority_service or sign_language",
    lambda c: "" if ACCESSIBILITY_FEATURES & set(c.features) else "declares no accessibility",
)


# -- honesty and departures from the model --------------------------------------------


def _illustrative(franchise: Franchise) -> Iterator[Finding]:
    items = list(franchise.sourced_records())
    whole = [i for i in items if i.record.provenance.illustrative]
    partly = [i for i in items if i.record.provenance.illustrative_fields]
    yield ILLUSTRATIVE.finding(
        f"{len(whole)} of {len(items)} records of {franchise.country.code} are illustrative, "
        f"and {len(partly)} more have illustrative fields: all must be confirmed by the "
        "partner government before publication",
        _at(franchise.country),
    )
    for item in whole:
        note = f" ({item.record.provenance.note})" if item.record.provenance.note else ""
        yield ILLUSTRATIVE.finding(f"{item.name} is illustrative{note}", _item_at(item))
    for item in partly:
        fields = ", ".join(item.record.provenance.illustrative_fields)
        yield ILLUSTRATIVE.finding(f"{item.name}: {fields} illustrative", _item_at(item))


def _item_at(item: SourcedItem) -> Problem:
    return _at(item.holder, f"{item.field}.provenance" if item.field else "provenance")


ILLUSTRATIVE = ConformanceRule(
    id="honesty.illustrative",
    principle="transparency",
    severity=Severity.INFO,
    description="Counts and lists the records (and fields) marked illustrative.",
    rationale="Real governments publish this data: an invented fee, address or legal "
    "citation presented as fact misleads citizens. Illustrative records are examples "
    "awaiting confirmation.",
    hint="confirm the value with the responsible agency, then replace "
    "'provenance: illustrative' with 'provenance: {source: ...}'",
    check=_illustrative,
)
RULES.append(ILLUSTRATIVE)


def _principle_changes(franchise: Franchise) -> Iterator[Finding]:
    locale = franchise.country.primary_locale
    for change in franchise.principle_changes:
        reason = franchise.text(change.reason, "en")
        name = f" as {franchise.text(change.name, locale)!r}" if change.name else ""
        yield PRINCIPLE_CHANGED.finding(
            f"principle {change.id!r}: {change.action}{name} — {reason}", _at(change, "action")
        )


PRINCIPLE_CHANGED = ConformanceRule(
    id="principles.changed",
    principle="responsibility",
    severity=Severity.INFO,
    description="Lists where the country adapts, drops or adds a principle of the model.",
    rationale="A franchise may adapt the model to its country, but every departure must be "
    "visible and reasoned so that the partners can review it.",
    hint="keep a reason in every principle change, in the country's languages",
    check=_principle_changes,
)
RULES.append(PRINCIPLE_CHANGED)

RULE_BY_ID = {r.id: r for r in RULES}


@hookimpl
def asan_conformance_rules() -> list[ConformanceRule]:
    """The core's rules: transparency, efficiency, politeness, ethics, responsibility,
    comfort, and honesty about illustrative data."""
    return list(RULES)
