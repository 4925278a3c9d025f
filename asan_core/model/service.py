"""Public services (CPSV-AP ``PublicService``): what citizens come for."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from enum import StrEnum

from pydantic import Field, field_validator, model_validator

from asan_core.model.common import LocalizedText, Record, RecordId, Sourced

MAX_FEE = Decimal(10) ** 15
"""No fee is larger (a quadrillion in any currency); a larger amount is a typing mistake,
and past 28 digits no formatter can write it."""


class ChannelKind(StrEnum):
    """How a service is delivered (CPSV-AP: ``Channel``)."""

    CENTRE = "centre"
    MOBILE = "mobile"
    PORTAL = "portal"
    CONSULAR = "consular"
    CALL_CENTRE = "call_centre"


class Evidence(Record):
    """A document the citizen brings (CPSV-AP: ``Evidence``)."""

    name: LocalizedText
    note: LocalizedText | None = None


class Output(Record):
    """What the citizen receives (CPSV-AP: ``Output``)."""

    name: LocalizedText


class ExpressTier(Record):
    """A faster option for a higher fee: ``amount`` buys ``processing_days``."""

    name: LocalizedText
    amount: Decimal = Field(ge=0, le=MAX_FEE, description="The fee, in the currency; 0: free.")
    processing_days: int = Field(ge=0)


class Cost(Sourced):
    """A fee (CPSV-AP: ``Cost``). ``amount: 0`` says the service is free.

    ``effective_from``/``effective_until`` bound the period the fee applies to, so a fee
    change is recorded as a new cost rather than an edit that loses history.
    """

    amount: Decimal = Field(ge=0, le=MAX_FEE, description="The fee, in the currency; 0: free.")
    currency: str = Field(pattern=r"^[A-Z]{3}$")
    description: LocalizedText | None = None
    effective_from: dt.date | None = None
    effective_until: dt.date | None = None
    express: tuple[ExpressTier, ...] = ()

    @model_validator(mode="after")
    def _period(self) -> Cost:
        start, end = self.effective_from, self.effective_until
        if start and end and end < start:
            raise ValueError("effective_until is before effective_from")
        return self

    def applies_on(self, day: dt.date) -> bool:
        """True when this fee is in force on ``day``."""
        if self.effective_from and day < self.effective_from:
            return False
        return not (self.effective_until and day > self.effective_until)


class Service(Sourced):
    """A public service delivered through the centres (CPSV-AP: ``PublicService``)."""

    id: RecordId
    title: LocalizedText
    description: LocalizedText
    agency: RecordId = Field(description="Id of the competent agency.")
    channels: tuple[ChannelKind, ...] = Field(min_length=1)
    evidence: tuple[Evidence, ...] = Field(default=(), description="Required documents.")
    outputs: tuple[Output, ...] = ()
    costs: tuple[Cost, ...] = Field(default=(), description="Fees; none means not published.")
    processing_days: int | None = Field(
        default=None, ge=0, description="Processing time in working days; 0 is same-day."
    )
    legal_basis: tuple[RecordId, ...] = Field(default=(), description="Ids of legal resources.")
    available_from: dt.date | None = Field(
        default=None, description="The date the centres started to provide the service."
    )

    @field_validator("channels")
    @classmethod
    def _no_repeats(cls, value: tuple[ChannelKind, ...]) -> tuple[ChannelKind, ...]:
        if len(set(value)) != len(value):
            raise ValueError("a channel is listed twice")
        return value
