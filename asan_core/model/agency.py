"""Public organisations (CPSV-AP ``PublicOrganisation``) and their regional divisions."""

from __future__ import annotations

from enum import StrEnum

from pydantic import Field, model_validator

from asan_core.model.common import LocalizedText, Record, RecordId, Sourced


class AgencyKind(StrEnum):
    """What sort of body an agency is."""

    MINISTRY = "ministry"
    STATE_AGENCY = "state_agency"
    STATE_SERVICE = "state_service"
    STATE_COMMITTEE = "state_committee"
    MUNICIPALITY = "municipality"
    PRIVATE = "private"
    """Private auxiliary services hosted in a centre (bank, insurance, fee payment)."""
    OTHER = "other"


class Division(Record):
    """A regional division of an agency that serves areas without a centre (the fallback).

    ``areas`` lists ISO 3166-2 codes; ``whole_country: true`` says the agency has divisions
    in every area (e.g. the city and district police departments of a ministry).
    """

    id: RecordId
    name: LocalizedText
    areas: tuple[str, ...] = Field(default=(), description="ISO 3166-2 codes served.")
    whole_country: bool = False

    @model_validator(mode="after")
    def _somewhere(self) -> Division:
        if not self.areas and not self.whole_country:
            raise ValueError("a division serves some areas: give areas: [...] or whole_country")
        if self.areas and self.whole_country:
            raise ValueError("give areas or whole_country: true, not both")
        return self


class Agency(Sourced):
    """A state body whose services centres deliver (CPSV-AP: competent authority)."""

    id: RecordId
    name: LocalizedText
    short_name: LocalizedText | None = None
    kind: AgencyKind
    divisions: tuple[Division, ...] = ()
    complaints: LocalizedText | None = Field(
        default=None, description="How citizens complain about this agency's service."
    )
