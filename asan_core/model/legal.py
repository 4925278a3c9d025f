"""Legal resources (CPSV-AP ``LegalResource``): the acts services rest on."""

from __future__ import annotations

import datetime as dt

from pydantic import Field

from asan_core.model.common import LocalizedText, RecordId, Sourced


class LegalResource(Sourced):
    """A law, decree or regulation: title, number and date, referenced by services."""

    id: RecordId
    title: LocalizedText
    number: str | None = Field(default=None, description="The act's number, e.g. '685'.")
    date: dt.date | None = Field(default=None, description="The date the act was signed.")
    url: str | None = None
