"""Built-in plugin: the starting values of a capacity plan, for every country.

They live in ``asan_core/builtins/content/planning.yaml``, marked illustrative; a
country's own ``planning`` record replaces any field (see :mod:`asan_core.franchise.planning`).
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

from asan_core.base.problems import ProblemsError
from asan_core.contract.markers import hookimpl
from asan_core.model import Country, PlanningSettings
from asan_core.plugin_kit import YamlDocument

PLANNING_FILE = Path(__file__).parent / "content" / "planning.yaml"


@cache
def core_planning() -> PlanningSettings:
    """The core's starting values, as shipped."""
    doc = YamlDocument(PLANNING_FILE, plugin=__name__)
    settings = doc.validate(PlanningSettings, ("planning", 0))
    if doc.problems or settings is None:
        raise ProblemsError(doc.problems)
    return settings


@hookimpl
def asan_planning(country: Country) -> list[PlanningSettings]:
    """The core's starting values (illustrative), for every country."""
    del country  # the same starting values for every country
    return [core_planning()]
