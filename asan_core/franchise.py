"""Resolve a country: merge what the plugins contribute into one validated Franchise.

This is the only module that calls the record hooks. It decides how answers are merged
and ordered, checks every cross-reference, and either returns an immutable
:class:`Franchise` or raises :class:`~asan_core.problems.ProblemsError` with every
problem found, each located in its plugin, file, line and field.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import Any, TypeVar

from pydantic import BaseModel, ConfigDict

from asan_core.model import (
    Agency,
    Centre,
    CentreKind,
    Country,
    CoverageRecord,
    CurriculumModule,
    LegalResource,
    ModuleChange,
    Origin,
    Principle,
    PrincipleChange,
    Record,
    Service,
    Sourced,
    is_subdivision_of,
    localized_fields,
    pick_text,
)
from asan_core.model.iso import top_level_area
from asan_core.plugins import PluginHost, get_plugin_manager
from asan_core.problems import Problem, ProblemsError

R = TypeVar("R", bound=Record)

FALLBACK_LOCALE = "en"
"""Every lookup chain ends in English, so English text is accepted for any country."""

RECORD_HOOKS: dict[str, tuple[str, tuple[type[Record], ...]]] = {
    "agencies": ("asan_agencies", (Agency,)),
    "services": ("asan_services", (Service,)),
    "centres": ("asan_centres", (Centre,)),
    "coverage": ("asan_coverage", (CoverageRecord,)),
    "legal_resources": ("asan_legal_resources", (LegalResource,)),
    "principles": ("asan_principles", (Principle, PrincipleChange)),
    "curriculum": ("asan_curriculum_modules", (CurriculumModule, ModuleChange)),
}
"""Each kind of record, the hook that contributes it and the types it may return."""


class AreaCoverage(BaseModel):
    """Who serves one area: centres, else agency divisions (the fallback)."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    area: str
    centres: tuple[str, ...] = ()
    divisions: tuple[tuple[str, str], ...] = ()
    """``(agency id, division id)`` pairs; used where no centre serves the area."""

    @property
    def served_by_centre(self) -> bool:
        """True when at least one centre (or mobile unit) serves the area."""
        return bool(self.centres)


class Franchise(BaseModel):
    """One validated, cross-referenced, immutable view of a country.

    Everything downstream (checks, exports, documents, the kit) reads this and nothing
    else. Records keep their :attr:`~asan_core.model.Record.origin`.
    """

    model_config = ConfigDict(frozen=True, extra="forbid")

    country: Country
    owner: str
    """The plugin that declared the country."""
    contributors: tuple[str, ...]
    """Plugins that contributed records, in registration order."""
    principles: tuple[Principle, ...]
    principle_changes: tuple[PrincipleChange, ...]
    agencies: tuple[Agency, ...]
    services: tuple[Service, ...]
    centres: tuple[Centre, ...]
    coverage: tuple[CoverageRecord, ...]
    legal_resources: tuple[LegalResource, ...]
    curriculum: tuple[CurriculumModule, ...]
    curriculum_changes: tuple[ModuleChange, ...]
    area_coverage: tuple[AreaCoverage, ...]

    def agency(self, agency_id: str) -> Agency:
        """The agency with ``agency_id`` (KeyError if none)."""
        return _by_id(self.agencies, agency_id)

    def service(self, service_id: str) -> Service:
        """The service with ``service_id`` (KeyError if none)."""
        return _by_id(self.services, service_id)

    def centre(self, centre_id: str) -> Centre:
        """The centre with ``centre_id`` (KeyError if none)."""
        return _by_id(self.centres, centre_id)

    def legal_resource(self, legal_id: str) -> LegalResource:
        """The legal resource with ``legal_id`` (KeyError if none)."""
        return _by_id(self.legal_resources, legal_id)

    def text(self, text: dict[str, str], locale: str) -> str:
        """``text`` in ``locale``, falling back to the base language, default locale, English."""
        return pick_text(text, locale, self.country.primary_locale)[0]

    def services_at(self, centre: Centre) -> tuple[Service, ...]:
        """The services a centre (or mobile unit) offers."""
        if centre.all_services:
            channel = "mobile" if centre.kind is CentreKind.MOBILE else "centre"
            return tuple(s for s in self.services if channel in s.channels)
        return tuple(self.service(sid) for sid in centre.services)

    def offers(self, centre: Centre, service: Service) -> bool:
        """Whether ``centre`` offers ``service`` (as :meth:`services_at`, without the list)."""
        if centre.all_services:
            channel = "mobile" if centre.kind is CentreKind.MOBILE else "centre"
            return channel in service.channels
        return service.id in centre.services

    def sourced_records(self) -> Iterator[SourcedItem]:
        """Every record that carries provenance (for honesty counts), located.

        Nested records (a service's costs, the country's holidays and partnership) are
        located through the record that holds them.
        """
        yield from _sourced_items(
            [
                self.country,
                *self.principles,
                *self.agencies,
                *self.services,
                *self.centres,
                *self.coverage,
                *self.legal_resources,
                *self.curriculum,
            ]
        )


class SourcedItem(BaseModel):
    """A record with provenance, and where to point for it."""

    model_config = ConfigDict(frozen=True, arbitrary_types_allowed=True)

    kind: str
    record: Sourced
    holder: Record
    """The top-level record that holds it (itself, for top-level records)."""
    field: str | None = None
    """Its path in ``holder`` (``costs[0]``), None for a top-level record."""

    @property
    def name(self) -> str:
        """``service 'id-card'`` or ``service 'id-card' costs[0]``."""
        label = record_label(self.holder)
        return f"{label} {self.field}" if self.field else label


def _sourced_items(records: Sequence[Record]) -> Iterator[SourcedItem]:
    for record in records:
        if isinstance(record, Sourced):
            yield SourcedItem(kind=_kind(record), record=record, holder=record)
        for name in type(record).model_fields:
            value = getattr(record, name)
            values = value if isinstance(value, tuple) else (value,)
            for index, item in enumerate(values):
                if isinstance(item, Sourced) and item is not record:
                    where = f"{name}[{index}]" if isinstance(value, tuple) else name
                    yield SourcedItem(kind=_kind(item), record=item, holder=record, field=where)


def _kind(record: Record) -> str:
    return type(record).__name__.lower()


Identified = TypeVar("Identified", Agency, Service, Centre, LegalResource)


def _by_id(records: Sequence[Identified], record_id: str) -> Identified:
    for record in records:
        if record.id == record_id:
            return record
    raise KeyError(record_id)


def record_label(record: Record) -> str:
    """``service 'id-card'`` style label for messages."""
    kind = type(record).__name__.lower()
    rid = getattr(record, "id", None) or getattr(record, "code", None)
    return f"{kind} {rid!r}" if rid else kind


def problem_at(record: Record, field: str | None, message: str, hint: str | None = None) -> Problem:
    """A problem about ``record`` (and one of its fields), located via its origin."""
    origin = record.origin or Origin(plugin="?")
    path = ".".join(part for part in (origin.path, field) if part) or None
    return Problem(
        message,
        plugin=origin.plugin,
        file=origin.file,
        line=origin.line_of(field) if field else origin.line,
        field=path,
        hint=hint,
    )


# ---------------------------------------------------------------------------------------


def find_country(host: PluginHost, query: str) -> tuple[Country, str]:
    """The country ``query`` names (ISO code in any case, or a name in any locale).

    Raises ProblemsError naming the installed countries when nothing matches.
    """
    declared: dict[str, tuple[Country, str]] = {}
    problems: list[Problem] = []
    duplicates: dict[str, list[Problem]] = {}
    for plugin, answer in host.call_each("asan_countries"):
        for country in answer or []:
            if not isinstance(country, Country):
                problems.append(
                    Problem(
                        f"asan_countries returned {type(country).__name__}, expected Country",
                        plugin=plugin,
                        hint="return records from CountryData.countries()",
                    )
                )
                continue
            _claim(country, plugin)
            if country.code in declared:
                first = declared[country.code][0]
                duplicates.setdefault(country.code, []).append(
                    problem_at(
                        country,
                        "code",
                        f"country {country.code} is declared twice: by "
                        f"{_describe(first)} and by {_describe(country)}",
                        hint="a country is owned by one plugin; the other may contribute "
                        "records to it",
                    )
                )
                continue
            declared[country.code] = (country, plugin)
    wanted = query.strip()
    match = declared.get(wanted.upper())
    if match is None:
        folded = wanted.casefold()
        for country, plugin in declared.values():
            if any(name.casefold() == folded for name in country.name.values()):
                match = (country, plugin)
    if match is not None:
        if match[0].code in duplicates:
            raise ProblemsError(duplicates[match[0].code])
        return match
    known = ", ".join(sorted(declared)) or "none"
    hint = f"installed countries: {known}; 'asan countries' lists them"
    failed = [f.plugin for f in host.failures]
    if failed:
        hint += f"; these plugins failed and may have declared it: {', '.join(failed)}"
    for failure in host.failures:
        problems.extend(failure.problems)
    raise ProblemsError([*problems, Problem(f"unknown country {query!r}", hint=hint)])


def _claim(record: Record, plugin: str) -> None:
    """Record that ``plugin`` (its registered name) contributed ``record``."""
    origin = record.origin
    if origin is None:
        record.with_origin(Origin(plugin=plugin))
    elif origin.plugin != plugin:
        record.with_origin(origin.model_copy(update={"plugin": plugin}))


def _describe(record: Record) -> str:
    return record.origin.describe() if record.origin else "an unknown plugin"


def resolve(country: str, host: PluginHost | None = None) -> Franchise:
    """Resolve ``country`` (code or name) into a validated :class:`Franchise`.

    :param country: ISO 3166-1 code (any case) or the country's name in one of its locales.
    :param host: the plugin host; a fresh one from :func:`get_plugin_manager` by default.
    :raises ProblemsError: with every problem found, located.
    """
    host = host or get_plugin_manager()
    found, owner = find_country(host, country)
    failures_before = len(host.failures)
    problems: list[Problem] = []
    contributors: list[str] = []
    collected: dict[str, list[Record]] = {}
    for kind, (hook, types) in RECORD_HOOKS.items():
        items: list[Record] = []
        for plugin, answer in host.call_each(hook, country=found):
            if not answer:
                continue
            if not isinstance(answer, list | tuple):
                problems.append(
                    Problem(
                        f"{hook} returned {type(answer).__name__}, expected a list",
                        plugin=plugin,
                    )
                )
                continue
            for item in answer:
                if not isinstance(item, types):
                    expected = " or ".join(t.__name__ for t in types)
                    problems.append(
                        Problem(
                            f"{hook} returned a {type(item).__name__}, expected {expected}",
                            plugin=plugin,
                        )
                    )
                    continue
                _claim(item, plugin)
                items.append(item)
            if plugin not in contributors:
                contributors.append(plugin)
        collected[kind] = items
    problems.extend(_failure_problems(host, failures_before))
    if problems:
        raise ProblemsError(_unique(problems))

    principles, principle_changes = _merge_principles(collected["principles"], problems)
    curriculum, curriculum_changes = _merge_curriculum(collected["curriculum"], problems)
    agencies = _unique_ids([r for r in collected["agencies"] if isinstance(r, Agency)], problems)
    services = _unique_ids([r for r in collected["services"] if isinstance(r, Service)], problems)
    centres = _unique_ids([r for r in collected["centres"] if isinstance(r, Centre)], problems)
    legal = _unique_ids(
        [r for r in collected["legal_resources"] if isinstance(r, LegalResource)], problems
    )
    coverage = [r for r in collected["coverage"] if isinstance(r, CoverageRecord)]
    calendars = {cal for _, answer in host.call_each("asan_calendars") for cal in (answer or [])}

    # A module may still name a principle the country dropped: the module keeps teaching it,
    # and `check` shows the drop (principles.changed), so that is not a broken reference.
    dropped = {c.id for c in principle_changes if c.action == "drop"}
    checker = _CrossChecker(
        found, agencies, services, centres, legal, curriculum, principles, dropped
    )
    problems.extend(checker.run(coverage, calendars))
    area_coverage = checker.area_coverage(coverage)
    uncovered = [a.area for a in area_coverage if not a.centres and not a.divisions]
    if uncovered:
        problems.append(
            problem_at(
                found,
                None,
                f"{len(uncovered)} area(s) of {found.code} have neither a centre nor a fallback "
                f"agency division: {', '.join(uncovered)}",
                hint="give an agency a division with these areas (or whole_country: true), "
                "or add coverage records naming the centre that serves them",
            )
        )
    problems.extend(_failure_problems(host, failures_before))
    if problems:
        raise ProblemsError(_unique(problems))
    return Franchise(
        country=found,
        owner=owner,
        contributors=tuple(sorted(contributors, key=_registration_order(host))),
        principles=tuple(principles),
        principle_changes=tuple(principle_changes),
        agencies=tuple(agencies),
        services=tuple(services),
        centres=tuple(centres),
        coverage=tuple(coverage),
        legal_resources=tuple(legal),
        curriculum=tuple(curriculum),
        curriculum_changes=tuple(curriculum_changes),
        area_coverage=tuple(area_coverage),
    )


def _registration_order(host: PluginHost) -> Any:
    order = {name: i for i, name in enumerate(host.plugin_names())}
    return lambda name: order.get(name, len(order))


def _failure_problems(host: PluginHost, since: int) -> list[Problem]:
    problems: list[Problem] = []
    for failure in host.failures[since:]:
        if failure.problems:
            problems.extend(failure.problems)
        else:
            problems.append(
                Problem(
                    f"the plugin raised in {failure.hook}: {failure.cause}",
                    plugin=failure.plugin,
                    hint="this is a bug in the plugin: report it to its authors, or leave it "
                    "out with ASAN_LOAD_PLUGINS (ASAN_DEBUG=1 shows the traceback)",
                    detail=failure.traceback,
                )
            )
    return problems


def _unique(problems: list[Problem]) -> list[Problem]:
    return list(dict.fromkeys(problems))


def _unique_ids(records: list[R], problems: list[Problem]) -> list[R]:
    kept: dict[str, R] = {}
    for record in records:
        rid = record.id  # type: ignore[attr-defined]
        if rid in kept:
            first = kept[rid].origin
            problems.append(
                problem_at(
                    record,
                    "id",
                    f"duplicate {record_label(record)}: already contributed by "
                    f"{first.describe() if first else 'another plugin'}",
                    hint="ids are unique per country across all plugins; rename one of them",
                )
            )
            continue
        kept[rid] = record
    return list(kept.values())


def _merge_principles(
    items: list[Record], problems: list[Problem]
) -> tuple[list[Principle], list[PrincipleChange]]:
    principles = _unique_ids([r for r in items if isinstance(r, Principle)], problems)
    changes = [r for r in items if isinstance(r, PrincipleChange)]
    by_id = {p.id: p for p in principles}
    for change in changes:
        current = by_id.get(change.id)
        if change.action == "add":
            if current is not None:
                problems.append(
                    problem_at(
                        change,
                        "id",
                        f"principle {change.id!r} already exists; it cannot be added again",
                        hint="use action: adapt to rename or redefine it",
                    )
                )
                continue
            assert change.name is not None and change.definition is not None
            added = Principle(
                id=change.id,
                name=change.name,
                definition=change.definition,
                provenance=change.provenance,
            )
            if change.origin:
                added.with_origin(change.origin)
            by_id[change.id] = added
            continue
        if current is None:
            problems.append(
                problem_at(
                    change,
                    "id",
                    f"there is no principle {change.id!r} to {change.action}",
                    hint=f"principles: {', '.join(by_id)}",
                )
            )
            continue
        if change.action == "drop":
            del by_id[change.id]
        else:
            adapted = current.model_copy(
                update={
                    "name": change.name or current.name,
                    "definition": change.definition or current.definition,
                    "provenance": change.provenance,
                }
            )
            if change.origin:
                adapted.with_origin(change.origin)
            by_id[change.id] = adapted
    return list(by_id.values()), changes


def _merge_curriculum(
    items: list[Record], problems: list[Problem]
) -> tuple[list[CurriculumModule], list[ModuleChange]]:
    modules: dict[str, CurriculumModule] = {}
    changes = [r for r in items if isinstance(r, ModuleChange)]
    for module in (r for r in items if isinstance(r, CurriculumModule)):
        if module.replaces is not None:
            if module.replaces not in modules:
                problems.append(
                    problem_at(
                        module,
                        "replaces",
                        f"there is no module {module.replaces!r} to replace",
                        hint=f"modules: {', '.join(modules) or 'none'}",
                    )
                )
                continue
            del modules[module.replaces]
        if module.id in modules:
            problems.extend(_duplicate(module, modules[module.id]))
            continue
        modules[module.id] = module
    for change in changes:
        if change.id not in modules:
            problems.append(problem_at(change, "id", f"there is no module {change.id!r} to drop"))
            continue
        del modules[change.id]
    return list(modules.values()), changes


def _duplicate(record: Record, first: Record) -> list[Problem]:
    return [
        problem_at(
            record,
            "id",
            f"duplicate {record_label(record)}: already contributed by "
            f"{first.origin.describe() if first.origin else 'another plugin'}",
            hint="use replaces: <id> to take an inherited module's place",
        )
    ]


class _CrossChecker:
    """Every reference between records, every area code, every locale key."""

    def __init__(
        self,
        country: Country,
        agencies: list[Agency],
        services: list[Service],
        centres: list[Centre],
        legal: list[LegalResource],
        curriculum: list[CurriculumModule],
        principles: list[Principle],
        dropped_principles: set[str] | None = None,
    ) -> None:
        self.country = country
        self.agencies = {a.id: a for a in agencies}
        self.services = {s.id: s for s in services}
        self.centres = {c.id: c for c in centres}
        self.legal = {r.id: r for r in legal}
        self.curriculum = curriculum
        self.principles = {p.id for p in principles} | (dropped_principles or set())
        self.problems: list[Problem] = []

    def _ref(
        self, record: Record, field: str, value: str, known: dict[str, Any], what: str
    ) -> None:
        if value not in known:
            choices = ", ".join(sorted(known)) or "none yet"
            self.problems.append(
                problem_at(
                    record,
                    field,
                    f"{value!r} is not a known {what} of {self.country.code}",
                    hint=f"declare it, or use one of: {choices}",
                )
            )

    def _area(self, record: Record, field: str, area: str) -> None:
        if not is_subdivision_of(area, self.country.code):
            self.problems.append(
                problem_at(
                    record,
                    field,
                    f"{area!r} is not an ISO 3166-2 area of {self.country.code}",
                    hint=f"use codes such as {', '.join(self.country.areas()[:3])}",
                )
            )

    def run(self, coverage: list[CoverageRecord], calendars: set[str]) -> list[Problem]:
        country = self.country
        if country.calendar not in calendars:
            self.problems.append(
                problem_at(
                    country,
                    "calendar",
                    f"no installed plugin provides the calendar {country.calendar!r}",
                    hint=f"calendars available: {', '.join(sorted(calendars))}",
                )
            )
        for service in self.services.values():
            self._ref(service, "agency", service.agency, self.agencies, "agency")
            for i, legal_id in enumerate(service.legal_basis):
                self._ref(service, f"legal_basis[{i}]", legal_id, self.legal, "legal resource")
            for i, cost in enumerate(service.costs):
                if cost.currency != country.currency:
                    self.problems.append(
                        problem_at(
                            service,
                            f"costs[{i}].currency",
                            f"the fee is in {cost.currency} but {country.code} uses "
                            f"{country.currency}",
                            hint=f"state fees in {country.currency}",
                        )
                    )
        for centre in self.centres.values():
            for i, agency_id in enumerate(centre.agencies):
                self._ref(centre, f"agencies[{i}]", agency_id, self.agencies, "agency")
            for i, service_id in enumerate(centre.services):
                self._ref(centre, f"services[{i}]", service_id, self.services, "service")
            if centre.area is not None:
                self._area(centre, "area", centre.area)
            for i, area in enumerate(centre.serves_areas):
                self._area(centre, f"serves_areas[{i}]", area)
        for agency in self.agencies.values():
            for i, division in enumerate(agency.divisions):
                for j, area in enumerate(division.areas):
                    self._area(agency, f"divisions[{i}].areas[{j}]", area)
        for record in coverage:
            self._area(record, "area", record.area)
            if record.centre is not None:
                self._ref(record, "centre", record.centre, self.centres, "centre")
            if record.agency is not None:
                self._ref(record, "agency", record.agency, self.agencies, "agency")
                owner = self.agencies.get(record.agency)
                if owner is not None and record.division is not None:
                    divisions = {d.id: d for d in owner.divisions}
                    self._ref(record, "division", record.division, divisions, "division")
        for module in self.curriculum:
            for i, principle in enumerate(module.principles):
                if principle not in self.principles:
                    self._ref(module, f"principles[{i}]", principle, {}, "principle")
        checked: list[Record] = [
            country,
            *self.agencies.values(),
            *self.services.values(),
            *self.centres.values(),
            *self.legal.values(),
            *self.curriculum,
        ]
        for item in checked:
            self._locales(item)
        for sourced in _sourced_items([*checked, *coverage]):
            self._illustrative_fields(sourced)
        return self.problems

    def _illustrative_fields(self, item: SourcedItem) -> None:
        fields = type(item.record).model_fields
        for name in item.record.provenance.illustrative_fields:
            if name not in fields or name == "provenance":
                where = f"{item.field}.provenance" if item.field else "provenance"
                self.problems.append(
                    problem_at(
                        item.holder,
                        f"{where}.illustrative_fields",
                        f"{name!r} is not a field of {item.kind}; a misspelt name would hide "
                        "an illustrative mark",
                        hint=f"fields: {', '.join(f for f in fields if f != 'provenance')}",
                    )
                )

    def _locales(self, record: Record) -> None:
        declared = self.country.locales
        for path, text in localized_fields(record):
            for key in text:
                if key not in declared and key != FALLBACK_LOCALE:
                    self.problems.append(
                        problem_at(
                            record,
                            f"{path}.{key}",
                            f"text in {key!r}, which {self.country.code} does not declare",
                            hint=f"{self.country.code}'s locales are {', '.join(declared)}; "
                            "add the locale to the country or use one of these keys",
                        )
                    )

    def area_coverage(self, coverage: list[CoverageRecord]) -> list[AreaCoverage]:
        centres: dict[str, list[str]] = {}
        divisions: dict[str, list[tuple[str, str]]] = {}
        areas = self.country.areas()
        for centre in self.centres.values():
            for area in (centre.area, *centre.serves_areas):
                if area:
                    centres.setdefault(top_level_area(area), []).append(centre.id)
        for agency in self.agencies.values():
            for division in agency.divisions:
                served = areas if division.whole_country else division.areas
                for area in served:
                    divisions.setdefault(top_level_area(area), []).append((agency.id, division.id))
        for record in coverage:
            top = top_level_area(record.area)
            if record.centre:
                centres.setdefault(top, []).append(record.centre)
            elif record.agency:
                divisions.setdefault(top, []).append((record.agency, record.division or ""))
        return [
            AreaCoverage(
                area=area,
                centres=tuple(dict.fromkeys(centres.get(area, []))),
                divisions=tuple(dict.fromkeys(divisions.get(area, []))),
            )
            for area in areas
        ]
