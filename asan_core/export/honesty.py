"""How the exports mark illustrative data, so an invented value never looks like a fact.

A record is *illustrative* (``provenance: illustrative``), *partly illustrative* (a sourced
record whose ``illustrative_fields`` lists the parts that are examples) or *sourced*. Nested
values inherit: a service's documents are illustrative when the service is, or when
``evidence`` is among its illustrative fields. A fee is illustrative when its own
provenance says so, when ``costs`` is among the service's illustrative fields, or when the
whole service is illustrative: a price is never published for a service that is itself
still an example, whatever source the amount names.
"""

from __future__ import annotations

from enum import StrEnum

from asan_core.model import Cost, Provenance, Service


class Status(StrEnum):
    """The honesty status of a record, as the exports name it."""

    ILLUSTRATIVE = "illustrative"
    PARTLY_ILLUSTRATIVE = "partly-illustrative"


STATUS_LABELS: dict[Status, str] = {
    Status.ILLUSTRATIVE: (
        "Illustrative: an example that the partner government must confirm before it is published"
    ),
    Status.PARTLY_ILLUSTRATIVE: (
        "Partly illustrative: some details are examples that the partner government must "
        "confirm before they are published"
    ),
}


def status(provenance: Provenance) -> Status | None:
    """The record's status, or None when it is sourced throughout."""
    if provenance.illustrative:
        return Status.ILLUSTRATIVE
    if provenance.illustrative_fields:
        return Status.PARTLY_ILLUSTRATIVE
    return None


def field_is_illustrative(provenance: Provenance, field: str) -> bool:
    """True when the record is illustrative, or its ``field`` is."""
    return provenance.illustrative or field in provenance.illustrative_fields


def fee_is_illustrative(service: Service, cost: Cost) -> bool:
    """True when a fee must not be shown as a fact (its own mark, or the service's)."""
    return (
        cost.provenance.illustrative
        or service.provenance.illustrative
        or "costs" in service.provenance.illustrative_fields
    )


def explanation(provenance: Provenance) -> str | None:
    """A sentence for readers: what is illustrative and what to confirm (None if sourced)."""
    found = status(provenance)
    if found is None:
        return None
    text = STATUS_LABELS[found] + "."
    if found is Status.PARTLY_ILLUSTRATIVE:
        text += f" Illustrative fields: {', '.join(provenance.illustrative_fields)}."
    if provenance.note:
        text += f" {provenance.note}"
    return text


def source_statement(provenance: Provenance) -> str:
    """A sourced record's provenance in one line: ``Source: ... Note: ...``."""
    text = f"Source: {provenance.source}"
    return text + (f". Note: {provenance.note}" if provenance.note else "")
