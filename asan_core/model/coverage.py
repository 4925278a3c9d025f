"""Coverage: who serves each area of the country, a centre or an agency's division."""

from __future__ import annotations

from pydantic import Field, model_validator

from asan_core.model.common import RecordId, Sourced


class CoverageRecord(Sourced):
    """An explicit statement of who serves an area.

    Centres already serve their own ``area`` and ``serves_areas``, and agency divisions
    the areas they list; a coverage record adds what neither says, e.g. "area X is served
    by the centre in the neighbouring city". The franchise derives the full picture.
    """

    area: str = Field(description="ISO 3166-2 code.")
    centre: RecordId | None = None
    agency: RecordId | None = None
    division: RecordId | None = None

    @model_validator(mode="after")
    def _one_provider(self) -> CoverageRecord:
        if (self.centre is None) == (self.agency is None):
            raise ValueError("name either a centre or an agency (with its division)")
        if self.division is not None and self.agency is None:
            raise ValueError("a division belongs to an agency: give agency too")
        return self
