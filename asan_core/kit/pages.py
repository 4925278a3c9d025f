"""The pages of one locale of the kit, and what each handbook holds."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from asan_core.capacity import CapacityPlan
from asan_core.contract.franchise import Franchise
from asan_core.model import CurriculumModule, Role

ROLES = (Role.VOLUNTEER, Role.FRONT_DESK, Role.AGENCY_OFFICER, Role.CENTRE_MANAGER, Role.TRAINER)
SERVICE_CARD_ROLES = frozenset({Role.FRONT_DESK, Role.AGENCY_OFFICER, Role.TRAINER})
"""Roles whose handbook carries a service card for every service."""


@dataclass(frozen=True)
class Page:
    """One page of a locale: its path below the locale folder and its template."""

    path: str
    template: str
    values: dict[str, Any] = field(default_factory=dict)

    @property
    def depth(self) -> int:
        return self.path.count("/") + 1  # +1 for the locale folder itself


def modules_for(franchise: Franchise, role: Role) -> list[CurriculumModule]:
    """The curriculum modules of a role's handbook (the trainer's guide has them all)."""
    if role is Role.TRAINER:
        return list(franchise.curriculum)
    return [m for m in franchise.curriculum if role in m.roles]


def pages(franchise: Franchise, capacity_plan: CapacityPlan | None = None) -> Iterator[Page]:
    """Every page of one locale (the capacity plan's when the country has demand data)."""
    yield Page("index.html", "kit/index.html")
    yield Page("charter/index.html", "kit/charter.html")
    for service in franchise.services:
        yield Page(f"charter/{service.id}.html", "kit/service.html", {"service": service})
    yield Page("centres.html", "kit/centres.html")
    yield Page("principles.html", "kit/principles.html")
    yield Page("handbooks/index.html", "kit/handbooks.html")
    for role in ROLES:
        values = {"role": role, "modules": modules_for(franchise, role)}
        yield Page(f"handbooks/{role}.html", "kit/handbook.html", {**values, "printable": False})
        yield Page(
            f"handbooks/{role}-print.html", "kit/handbook.html", {**values, "printable": True}
        )
    yield Page("signage/index.html", "kit/signage.html")
    yield Page("signage/principles-poster.html", "kit/poster.html")
    for agency in franchise.agencies:
        if any(s.agency == agency.id for s in franchise.services):
            yield Page(f"signage/desk-{agency.id}.html", "kit/desk.html", {"agency": agency})
    if capacity_plan is not None and capacity_plan.centres:
        yield Page("plan/index.html", "kit/plans.html")
        for centre_plan in capacity_plan.centres:
            yield Page(
                f"plan/{centre_plan.centre}.html", "kit/plan.html", {"centre_plan": centre_plan}
            )


@dataclass(frozen=True)
class PrintDocument:
    """One PDF of a locale, printed from one of its pages (``asan kit build --pdf``)."""

    source: str
    """The page it is printed from, below the locale folder."""
    name: str
    """The PDF's file name, in the locale's ``pdf/`` folder."""
    size: str
    """The paper: ``A4``, ``A4 landscape``, ``A3``, ``A2`` (``asan_core.kit.pdf.PAPER``)."""
    book: bool
    """A book (cover, contents with page numbers, running header, numbered pages), or a
    sign (one sheet: printed smaller until it fits)."""
    scale: float = 1.0
    """Type size relative to the size the sign is designed for (A3 and A4)."""


def print_documents(franchise: Franchise) -> Iterator[PrintDocument]:
    """The PDFs of one locale: a handbook per role (the trainer's is the trainer's guide),
    the citizen charter, the principles poster in A3 and A2, a desk sign per agency."""
    for role in ROLES:
        yield PrintDocument(f"handbooks/{role}-print.html", f"handbook-{role}.pdf", "A4", True)
    yield PrintDocument("charter/index.html", "citizen-charter.pdf", "A4", True)
    poster = "signage/principles-poster.html"
    yield PrintDocument(poster, "principles-poster-a3.pdf", "A3", False)
    yield PrintDocument(poster, "principles-poster-a2.pdf", "A2", False, scale=1.41)
    for agency in franchise.agencies:
        if any(s.agency == agency.id for s in franchise.services):
            yield PrintDocument(
                f"signage/desk-{agency.id}.html", f"desk-{agency.id}.pdf", "A4 landscape", False
            )
