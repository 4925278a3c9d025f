"""Service centres and mobile units (CPSV-AP: ``Channel`` of type "in person")."""

from __future__ import annotations

import datetime as dt
import re
from enum import StrEnum

from pydantic import Field, field_validator, model_validator

from asan_core.model.common import LocalizedText, Record, RecordId, Sourced
from asan_core.model.country import Weekday

_TIME = re.compile(r"^([01]\d|2[0-3]):[0-5]\d$")


class CentreKind(StrEnum):
    """A building (``centre``) or a bus that travels (``mobile``)."""

    CENTRE = "centre"
    MOBILE = "mobile"


class Feature(StrEnum):
    """What a centre offers beyond the counters."""

    INFORMATION_DESK = "information_desk"
    E_QUEUE = "e_queue"
    ONLINE_BOOKING = "online_booking"
    VOLUNTEERS = "volunteers"
    STEP_FREE_ACCESS = "step_free_access"
    ACCESSIBLE_TOILET = "accessible_toilet"
    PRIORITY_SERVICE = "priority_service"
    SIGN_LANGUAGE = "sign_language"
    CHILD_ROOM = "child_room"
    BANK = "bank"
    INSURANCE = "insurance"
    FEE_PAYMENT = "fee_payment"
    COMPLAINT_DESK = "complaint_desk"


ACCESSIBILITY_FEATURES = frozenset(
    {
        Feature.STEP_FREE_ACCESS,
        Feature.ACCESSIBLE_TOILET,
        Feature.PRIORITY_SERVICE,
        Feature.SIGN_LANGUAGE,
    }
)


class OpeningHours(Record):
    """Opening hours on some days: ``{days: [mon, tue], opens: "09:00", closes: "19:00"}``."""

    days: tuple[Weekday, ...] = Field(min_length=1)
    opens: str
    closes: str

    @field_validator("opens", "closes")
    @classmethod
    def _hh_mm(cls, value: str) -> str:
        if not _TIME.match(value):
            raise ValueError(f"{value!r} is not a time of day as HH:MM (24-hour), e.g. 09:00")
        return value

    @model_validator(mode="after")
    def _order(self) -> OpeningHours:
        if self.closes <= self.opens:
            raise ValueError(f"closes ({self.closes}) is not after opens ({self.opens})")
        return self


class Centre(Sourced):
    """A one-stop-shop centre, or a mobile unit, and what it hosts."""

    id: RecordId
    kind: CentreKind = CentreKind.CENTRE
    name: LocalizedText
    city: LocalizedText | None = None
    area: str | None = Field(default=None, description="ISO 3166-2 code of the centre's area.")
    serves_areas: tuple[str, ...] = Field(
        default=(), description="Further ISO 3166-2 areas this centre (or bus) serves."
    )
    address: LocalizedText | None = Field(
        default=None, description="Street address; omit it rather than guess."
    )
    opened: dt.date | None = None
    opening_hours: tuple[OpeningHours, ...] = ()
    agencies: tuple[RecordId, ...] = Field(default=(), description="Agencies with staff here.")
    services: tuple[RecordId, ...] = Field(default=(), description="Services offered here.")
    all_services: bool = Field(
        default=False, description="True: every service with the centre (or mobile) channel."
    )
    counters: int | None = Field(default=None, ge=0)
    volunteers: int | None = Field(default=None, ge=0)
    features: tuple[Feature, ...] = ()

    @model_validator(mode="after")
    def _shape(self) -> Centre:
        if self.kind is CentreKind.CENTRE and self.area is None:
            raise ValueError("a centre needs its area (ISO 3166-2 code, e.g. AZ-BA)")
        if self.kind is CentreKind.MOBILE and not self.serves_areas and self.area is None:
            raise ValueError("a mobile unit needs serves_areas: the areas it travels to")
        if self.all_services and self.services:
            raise ValueError("give services: [...] or all_services: true, not both")
        return self
