"""The principles a centre network works by, and how a country adapts them."""

from __future__ import annotations

from typing import Literal

from pydantic import Field, model_validator

from asan_core.model.common import LocalizedText, RecordId, Sourced


class Principle(Sourced):
    """A principle the centres work by (e.g. transparency), with its definition."""

    id: RecordId
    name: LocalizedText
    definition: LocalizedText


class PrincipleChange(Sourced):
    """A country's change to the principles it inherits from the core (or another plugin).

    - ``action: adapt`` keeps the principle (and every check that serves it) under a new
      name and/or definition: Afghanistan's "gentleness" for politeness.
    - ``action: drop`` removes it from the country's set (its checks still run, reported
      under the core's name, so nothing the franchise promises is silently lost).
    - ``action: add`` adds a principle of the country's own.

    ``asan check`` lists every change with its reason, so a reviewer sees at once where a
    franchise departs from the model.
    """

    id: RecordId = Field(description="The principle changed (adapt, drop) or added (add).")
    action: Literal["adapt", "drop", "add"]
    name: LocalizedText | None = None
    definition: LocalizedText | None = None
    reason: LocalizedText = Field(description="Why the country departs from the model.")

    @model_validator(mode="after")
    def _fields_for_action(self) -> PrincipleChange:
        if self.action == "add" and (self.name is None or self.definition is None):
            raise ValueError("action: add needs a name and a definition")
        if self.action == "adapt" and self.name is None and self.definition is None:
            raise ValueError("action: adapt needs a new name, a new definition, or both")
        if self.action == "drop" and (self.name is not None or self.definition is not None):
            raise ValueError("action: drop takes no name or definition, only a reason")
        return self
