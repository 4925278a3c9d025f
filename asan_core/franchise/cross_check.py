"""Cross-check a country's records: every reference, area code, locale key and mark."""

from __future__ import annotations

from typing import Any

from asan_core.base.problems import Problem
from asan_core.contract.franchise import AreaCoverage, SourcedItem, sourced_items
from asan_core.contract.locate import problem_at
from asan_core.model import (
    SOURCE_LOCALE,
    Agency,
    Centre,
    Country,
    CoverageRecord,
    CurriculumModule,
    LegalResource,
    Principle,
    Record,
    Service,
    is_subdivision_of,
    localized_fields,
)
from asan_core.model.iso import top_level_area


class CrossChecker:
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
        for sourced in sourced_items([*checked, *coverage]):
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
                if key not in declared and key != SOURCE_LOCALE:
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
