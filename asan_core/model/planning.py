"""Capacity planning: expected demand per centre, and the assumptions a plan rests on.

A plan (``asan plan``) turns :class:`Demand` — applications a centre expects per day — into
counters, staff and volunteers per hour, against a service-level target. The numbers it
rests on are data, not code: :class:`PlanningSettings` holds the target (e.g. 80 % served
within 15 minutes), handling times, shrinkage, the arrival profile over the day and the
ratios for volunteers. The core ships starting values, marked illustrative; a country's
own ``planning`` record replaces any of them, field by field.
"""

from __future__ import annotations

from typing import Annotated, Any

from pydantic import Field, field_validator, model_validator

from asan_core.model.common import Record, RecordId, Sourced
from asan_core.model.country import Weekday

Hour = Annotated[int, Field(ge=0, le=23)]
"""An hour of the day, 0–23: the slot from HH:00 to HH:59."""

Minutes = Annotated[float, Field(gt=0, le=480, allow_inf_nan=False)]
"""A duration in minutes, more than 0 and at most a working day (480)."""

Weight = Annotated[float, Field(ge=0, le=1e9, allow_inf_nan=False)]
"""A relative weight: only its ratio to the others matters."""


class ServiceLevelTarget(Record):
    """A service-level target: ``share`` of citizens served within ``within_minutes``."""

    share: float = Field(gt=0, lt=1, allow_inf_nan=False, description="E.g. 0.8 for 80 %.")
    within_minutes: float = Field(
        gt=0, le=240, allow_inf_nan=False, description="The wait the share must meet."
    )


class PlanningSettings(Sourced):
    """The assumptions of a capacity plan, for one country.

    Every field is optional in a data file: a country writes only the ones it sets, and
    the core's starting values (``asan_core/builtins/content/planning.yaml``, illustrative)
    fill the rest. A field the country writes replaces the core's whole value.
    """

    target: ServiceLevelTarget | None = Field(
        default=None, description="The service-level target each counter group is sized for."
    )
    max_occupancy: float | None = Field(
        default=None,
        gt=0,
        le=1,
        allow_inf_nan=False,
        description="The busiest share of time an officer may spend serving (e.g. 0.85).",
    )
    shrinkage: float | None = Field(
        default=None,
        ge=0,
        lt=1,
        allow_inf_nan=False,
        description="Share of paid time not at the counter: breaks, training, leave (e.g. 0.3).",
    )
    shift_hours: float | None = Field(
        default=None,
        gt=0,
        le=24,
        allow_inf_nan=False,
        description="Hours one person works at the counter per day.",
    )
    default_handling_minutes: Minutes | None = Field(
        default=None, description="Minutes at the counter per application, when not listed."
    )
    handling_minutes: dict[RecordId, Minutes] | None = Field(
        default=None, description="Minutes at the counter per application, per service id."
    )
    service_mix: dict[RecordId, Weight] | None = Field(
        default=None,
        description="Relative share of each service in a centre's applications, used for "
        "demand given as total_per_day; empty: every service the same.",
    )
    information_desk_minutes: Minutes | None = Field(
        default=None, description="Minutes each visitor spends at the information desk."
    )
    second_service_share: float | None = Field(
        default=None,
        ge=0,
        lt=1,
        allow_inf_nan=False,
        description="Share of visitors who apply for a second service in the same visit.",
    )
    patience_minutes: Minutes | None = Field(
        default=None,
        description="Mean wait after which a citizen gives up and leaves (simulation only; "
        "omit it: nobody leaves).",
    )
    volunteers_per_counter: float | None = Field(
        default=None,
        ge=0,
        le=20,
        allow_inf_nan=False,
        description="Volunteers on the floor per open counter.",
    )
    hourly_profile: dict[Hour, Weight] | None = Field(
        default=None,
        description="Relative arrivals per hour of the day, e.g. {9: 12, 10: 15}; hours "
        "a centre is closed are ignored.",
    )
    weekday_factors: dict[Weekday, Weight] | None = Field(
        default=None,
        description="Relative demand per weekday, e.g. {sat: 1.2, thu: 0.6}; missing days: 1.",
    )

    @field_validator("hourly_profile", "weekday_factors")
    @classmethod
    def _some_weight(cls, value: dict[Any, float] | None) -> dict[Any, float] | None:
        if value and not any(weight > 0 for weight in value.values()):
            raise ValueError("give at least one a weight above 0: all 0 means no demand at all")
        return value


class Demand(Sourced):
    """Applications one centre (or mobile unit) expects on an average open day.

    Either ``per_day`` per service, or a ``total_per_day`` shared among the centre's
    services by the country's ``service_mix``.
    """

    centre: RecordId
    per_day: dict[RecordId, Annotated[float, Field(ge=0, le=1e6, allow_inf_nan=False)]] = Field(
        default_factory=dict, description="Applications per service id on an average open day."
    )
    total_per_day: float | None = Field(
        default=None,
        gt=0,
        le=1e7,
        allow_inf_nan=False,
        description="Applications on an average open day, in all.",
    )
    hourly_profile: dict[Hour, Weight] | None = Field(
        default=None, description="This centre's own arrival profile (else the country's)."
    )

    @model_validator(mode="after")
    def _one_of(self) -> Demand:
        if bool(self.per_day) == (self.total_per_day is not None):
            raise ValueError("give per_day (per service) or total_per_day, not both")
        if self.per_day and not any(value > 0 for value in self.per_day.values()):
            raise ValueError("per_day gives every service 0 applications")
        if self.hourly_profile is not None and not any(self.hourly_profile.values()):
            raise ValueError("give at least one hour of hourly_profile a weight above 0")
        return self
