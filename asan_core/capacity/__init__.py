"""Capacity planning: counters, staff and volunteers from demand, checked by simulation.

Owns the Erlang C formula (:mod:`~asan_core.capacity.erlang`), the plan of a country's
centres and its what-ifs (:mod:`~asan_core.capacity.plan`), demand files given on the
command line (:mod:`~asan_core.capacity.demand_file`), the discrete-event simulation of a
plan with Ciw (:mod:`~asan_core.capacity.simulate`, optional: ``asan-sdk[simulate]``); its
charts are drawn by :mod:`asan_core.i18n.charts`, shared with the ``asan ops`` report.
Reads only the :class:`~asan_core.contract.franchise.Franchise`; may import
:mod:`asan_core.i18n` and below.
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
