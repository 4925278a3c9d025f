"""What the core's rules count and point at: services, centres, roles, a record's place."""

from __future__ import annotations

from asan_core.base.problems import Problem
from asan_core.contract.franchise import Franchise
from asan_core.contract.locate import problem_at
from asan_core.model import Centre, CentreKind, Record, Role

FRONT_LINE_ROLES = (Role.VOLUNTEER, Role.FRONT_DESK, Role.AGENCY_OFFICER)
"""The roles that meet citizens, and so must be trained in polite communication and ethics."""


def count_services(franchise: Franchise) -> int:
    """A rule about each service checks this many things."""
    return len(franchise.services)


def front_centres(franchise: Franchise) -> list[Centre]:
    """The centres citizens walk into (not mobile units)."""
    return [c for c in franchise.centres if c.kind is CentreKind.CENTRE]


def count_centres(franchise: Franchise) -> int:
    """A rule about each centre checks this many things."""
    return len(front_centres(franchise))


def count_front_line_roles(franchise: Franchise) -> int:
    """A rule about each front-line role checks this many things."""
    return len(FRONT_LINE_ROLES)


def at(record: Record, field: str | None = None) -> Problem:
    """Where a finding about ``record`` (and one of its fields) points."""
    return problem_at(record, field, "")
