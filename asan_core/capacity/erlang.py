"""Erlang C: the M/M/N queue that sizes counters, written once against published answers.

A counter group is a queue with Poisson arrivals, ``N`` identical counters and
exponentially distributed handling times, nobody leaving the queue, and a load that holds
steady for long enough (one hour, here) to reach its steady state. ``load`` is the offered
load in Erlangs: arrivals per minute times minutes per application.

Checked against known answers in ``tests/test_plan.py``: 100 arrivals in 30 minutes,
3 minutes each, 14 counters → probability of waiting 0.1741, 88.8 % answered within
20 seconds, average wait 7.8 seconds; and, for one counter, the M/M/1 closed forms.

We write the formula rather than depend on a workforce library: it is twenty lines, the
libraries we looked at pull in a dataframe stack for it, and ours is checked against the
same published examples they cite.
"""

from __future__ import annotations

import math


def erlang_b(agents: int, load: float) -> float:
    """Blocking probability of ``agents`` servers under ``load`` Erlangs (the recursion
    ``B(k) = A·B(k−1) / (k + A·B(k−1))``, stable for any size)."""
    blocking = 1.0
    for k in range(1, agents + 1):
        blocking = load * blocking / (k + load * blocking)
    return blocking


def _c_from_b(agents: int, load: float, blocking: float) -> float:
    return blocking / (1 - (load / agents) * (1 - blocking))


def erlang_c(agents: int, load: float) -> float:
    """Probability that an arrival waits at all, with ``agents`` counters and ``load``
    Erlangs. 1 when the counters cannot keep up (``agents <= load``); 0 with no load."""
    if load <= 0:
        return 0.0
    if agents <= load:
        return 1.0
    return _c_from_b(agents, load, erlang_b(agents, load))


def service_level(agents: int, load: float, handling: float, within: float) -> float:
    """Share of arrivals whose wait is at most ``within`` minutes:
    ``1 − C·exp(−(N − A)·t / h)``. 0 when the queue grows without bound."""
    return within_given_c(erlang_c(agents, load), agents, load, handling, within)


def mean_wait(agents: int, load: float, handling: float) -> float:
    """Average wait in minutes over all arrivals (the ASA): ``C·h / (N − A)``;
    infinite when the queue grows without bound."""
    return mean_wait_given_c(erlang_c(agents, load), agents, load, handling)


def wait_quantile(share: float, agents: int, load: float, handling: float) -> float:
    """The wait in minutes that ``share`` (0–1) of arrivals do not exceed."""
    return quantile_given_c(erlang_c(agents, load), share, agents, load, handling)


# The same three from an Erlang C already computed: a plan sizes thousands of group-hours
# and needs all three for each.


def within_given_c(waits: float, agents: int, load: float, handling: float, t: float) -> float:
    """:func:`service_level` from ``waits``, the group-hour's Erlang C."""
    if load <= 0:
        return 1.0
    if agents <= load:
        return 0.0
    return 1 - waits * math.exp(-(agents - load) * t / handling)


def mean_wait_given_c(waits: float, agents: int, load: float, handling: float) -> float:
    """:func:`mean_wait` from ``waits``, the group-hour's Erlang C."""
    if load <= 0:
        return 0.0
    if agents <= load:
        return math.inf
    return waits * handling / (agents - load)


def quantile_given_c(
    waits: float, share: float, agents: int, load: float, handling: float
) -> float:
    """:func:`wait_quantile` from ``waits``, the group-hour's Erlang C."""
    if load <= 0:
        return 0.0
    if agents <= load:
        return math.inf
    if 1 - waits >= share:
        return 0.0
    return handling * math.log(waits / (1 - share)) / (agents - load)


def agents_needed(
    load: float,
    handling: float,
    target_share: float,
    within: float,
    max_occupancy: float = 1.0,
) -> int:
    """The fewest counters that serve ``target_share`` within ``within`` minutes, with no
    counter busier than ``max_occupancy`` of the time. 0 with no load."""
    if load <= 0:
        return 0
    agents = max(math.floor(load) + 1, math.ceil(load / max_occupancy - 1e-9))
    blocking = erlang_b(agents, load)
    while True:
        waits = _c_from_b(agents, load, blocking)
        if 1 - waits * math.exp(-(agents - load) * within / handling) >= target_share:
            return agents
        agents += 1
        blocking = load * blocking / (agents + load * blocking)
