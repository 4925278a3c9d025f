"""The one table of record kinds: data-file section, hook, model, id field.

The loader (:mod:`asan_core.plugin_kit`), :class:`~asan_core.plugin_kit.DataPlugin`'s hook
implementations, :func:`asan_core.franchise.resolve` (collection, merge and duplicate ids),
the test kit and the docs all derive their lists from :data:`RECORD_KINDS`. A new kind of
record is one row here, its model, its hookspec and its merge.
"""

from __future__ import annotations

from dataclasses import dataclass

from asan_core.model import (
    Agency,
    Centre,
    CoverageRecord,
    CurriculumModule,
    Demand,
    LegalResource,
    ModuleChange,
    PlanningSettings,
    Principle,
    PrincipleChange,
    Record,
    Service,
)


@dataclass(frozen=True)
class RecordKind:
    """One kind of record a country's plugins contribute."""

    name: str
    """The data-file section and the :class:`~asan_core.contract.franchise.Franchise` field."""
    hook: str
    """The hook that contributes it (its records, then its changes)."""
    model: type[Record]
    id_field: str | None = "id"
    """The field that must be unique per country across plugins (None: no identity)."""
    change_section: str | None = None
    """The data-file section (and Franchise field) of changes to inherited records."""
    change_model: type[Record] | None = None

    @property
    def sections(self) -> dict[str, type[Record]]:
        """Data-file sections of this kind and the model of their items."""
        sections: dict[str, type[Record]] = {self.name: self.model}
        if self.change_section and self.change_model:
            sections[self.change_section] = self.change_model
        return sections

    @property
    def types(self) -> tuple[type[Record], ...]:
        """What the hook may return."""
        return tuple(self.sections.values())


RECORD_KINDS: tuple[RecordKind, ...] = (
    RecordKind("agencies", "asan_agencies", Agency),
    RecordKind("services", "asan_services", Service),
    RecordKind("centres", "asan_centres", Centre),
    RecordKind("coverage", "asan_coverage", CoverageRecord, id_field=None),
    RecordKind("legal_resources", "asan_legal_resources", LegalResource),
    RecordKind(
        "principles",
        "asan_principles",
        Principle,
        change_section="principle_changes",
        change_model=PrincipleChange,
    ),
    RecordKind(
        "curriculum",
        "asan_curriculum_modules",
        CurriculumModule,
        change_section="curriculum_changes",
        change_model=ModuleChange,
    ),
    RecordKind("planning", "asan_planning", PlanningSettings, id_field=None),
    RecordKind("demand", "asan_demand", Demand, id_field=None),
)
"""Every kind of record, in the order resolve collects them."""

SECTIONS: dict[str, type[Record]] = {
    section: model for kind in RECORD_KINDS for section, model in kind.sections.items()
}
"""Top-level sections of a records file and the model of their items."""
