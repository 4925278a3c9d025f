"""The Franchise: one validated, immutable view of a country, and what its plugins answered.

:func:`asan_core.franchise.resolve` builds it; every service (checks, exports, the kit,
i18n) and every conformance rule reads it and nothing else — not the plugin host. Besides
the records it carries :class:`PluginAnswers`: the plugins' template and catalog folders,
calendars, rules, versions, and their date formatting and identifier checks, called with
the same failure isolation as the record hooks.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TypeVar

from pydantic import BaseModel, ConfigDict, Field

from asan_core.contract.identifiers import IdentifierCheck
from asan_core.contract.indicators import Indicator
from asan_core.contract.locate import record_label
from asan_core.contract.rules import ConformanceRule
from asan_core.contract.translations import CatalogSource, TranslationLedger
from asan_core.contract.typography import FontFace, face_for
from asan_core.model import (
    Agency,
    Centre,
    CentreKind,
    Country,
    CoverageRecord,
    CurriculumModule,
    DatedHoliday,
    Demand,
    LegalResource,
    ModuleChange,
    PlanningSettings,
    Principle,
    PrincipleChange,
    Record,
    Service,
    Sourced,
    pick_text,
)

DateFormatter = Callable[[Country, dt.date, str, str], str]
"""``(country, date, locale, style) -> text``: the first plugin's answer."""

IdentifierChecker = Callable[[Country, str, str], IdentifierCheck | None]
"""``(country, kind, value) -> check``: the first plugin's answer, or None."""

YearlyDates = Callable[[str, int, int, dt.date, dt.date], list[dt.date]]
"""``(calendar, month, day, start, end) -> dates``: a yearly date of a calendar, expanded."""


@dataclass(frozen=True)
class PluginVersion:
    """A plugin that contributed to the franchise, with its distribution and version."""

    name: str
    distribution: str | None
    version: str | None


@dataclass(frozen=True)
class PluginAnswers:
    """What the plugins answered for one country beyond its records, collected once."""

    format_date: DateFormatter
    check_identifier: IdentifierChecker
    template_dirs: tuple[Path, ...] = ()
    """Plugins' template folders, the one that wins first (later-registered plugins)."""
    locale_dirs: tuple[Path, ...] = ()
    """The country's plugins' gettext catalog folders, the one that wins first."""
    catalog_chain: tuple[CatalogSource, ...] = ()
    """Every catalog folder, highest precedence first: the country's plugins, the
    language packs, the core."""
    fonts: tuple[FontFace, ...] = ()
    """Every declared typeface, the plugins' before the core's."""
    yearly_dates: YearlyDates | None = None
    """The calendar plugins' expansion of yearly dates (``asan_yearly_dates``)."""
    calendars: frozenset[str] = frozenset()
    """Every calendar an installed plugin provides."""
    rules: tuple[ConformanceRule, ...] = ()
    """Every conformance rule, the core's first."""
    versions: tuple[PluginVersion, ...] = ()
    indicators: tuple[Indicator, ...] = ()
    """Every indicator ``asan ops`` measures, the core's first; a later definition with the
    same id has replaced the earlier one (``asan_indicators``)."""
    indicator_plugins: dict[str, str] = field(default_factory=dict)
    """The plugin that declared each indicator (by indicator id)."""
    """Every registered plugin, in registration order (for the kit's manifest)."""

    def catalog_folders(self, locale: str | None = None) -> list[Path]:
        """The plugin catalog folders (country plugins, then language packs) that exist,
        the one that wins first — for ``locale``, only the packs that serve it; the core's
        ``locales/`` is not among them."""
        return [
            s.folder
            for s in self.catalog_chain
            if s.kind != "core"
            and s.folder.is_dir()
            and (locale is None or s.serves(locale) or s.serves(locale.split("_")[0]))
        ]

    def font_for(self, locale: str) -> FontFace | None:
        """The typeface ``locale`` is shown in (:func:`~asan_core.contract.typography.face_for`)."""
        return face_for(self.fonts, locale)


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

    model_config = ConfigDict(
        defer_build=True, frozen=True, extra="forbid", arbitrary_types_allowed=True
    )

    country: Country
    """The country as its data writes it (texts translated; yearly holidays as rules)."""
    holidays: tuple[DatedHoliday, ...] = ()
    """Every public holiday with its Gregorian date, in date order: the dated ones, and each
    yearly one once for every year the country's ``holiday_years`` cover."""
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
    planning: PlanningSettings | None = None
    """The assumptions of the capacity plan: the core's starting values, each field the
    country sets replacing one (fields still at the core's value are marked illustrative)."""
    demand: tuple[Demand, ...] = ()
    """Applications each centre expects per day (at most one record per centre)."""
    plugins: PluginAnswers = Field(exclude=True, repr=False)
    """What the plugins answered beyond records: folders, calendars, rules, behaviour."""
    translations: TranslationLedger = Field(
        default_factory=TranslationLedger, exclude=True, repr=False
    )
    """Which catalog (or the data file) supplied each text, per locale; stale entries."""

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

    def format_date(self, date: dt.date, locale: str, style: str = "long") -> str:
        """``date`` in the country's calendar for ``locale`` (the ``asan_format_date`` hook).

        :raises ProblemsError: naming the plugin, when the plugin that answers raises.
        """
        return self.plugins.format_date(self.country, date, locale, style)

    def check_identifier(self, kind: str, value: str) -> IdentifierCheck | None:
        """The country's check of an identifier (``asan_validate_identifier``), if any.

        :raises ProblemsError: naming the plugin, when the plugin that answers raises.
        """
        return self.plugins.check_identifier(self.country, kind, value)

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
        yield from sourced_items(
            [
                self.country,
                *self.principles,
                *self.agencies,
                *self.services,
                *self.centres,
                *self.coverage,
                *self.legal_resources,
                *self.curriculum,
                *([self.planning] if self.planning else []),
                *self.demand,
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


def sourced_items(records: Sequence[Record]) -> Iterator[SourcedItem]:
    """Every record with provenance in ``records``; nested ones located through their holder."""
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
