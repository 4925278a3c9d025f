"""Capacity planning: counters, staff and volunteers from demand, checked by simulation.

Owns the Erlang C formula (:mod:`~asan_core.capacity.erlang`), the plan of a country's
centres and its what-ifs (:mod:`~asan_core.capacity.plan`), demand files given on the
command line (:mod:`~asan_core.capacity.demand_file`), the discrete-event simulation of a
plan with Ciw (:mod:`~asan_core.capacity.simulate`, optional: ``asan-sdk[simulate]``) and
static SVG charts (:mod:`~asan_core.capacity.charts`). Reads only the
:class:`~asan_core.contract.franchise.Franchise`; may import :mod:`asan_core.i18n` and below.
"""

from asan_core.capacity.plan import (
    Assumptions,
    CapacityPlan,
    CentreChange,
    CentrePlan,
    GroupPlan,
    HourPlan,
    Scenario,
    compare,
    plan,
)

__all__ = [
    "Assumptions",
    "CapacityPlan",
    "CentreChange",
    "CentrePlan",
    "GroupPlan",
    "HourPlan",
    "Scenario",
    "compare",
    "plan",
]
