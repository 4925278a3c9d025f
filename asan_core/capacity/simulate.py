"""A plan checked by discrete-event simulation (Ciw), beside Erlang C's prediction.

One centre-day is simulated as a queueing network: every citizen arrives at the
information desk (Poisson arrivals whose rate changes hour by hour, as the plan's arrival
profile says), goes on to the counters of the agency that delivers their service, and a
share of them then queue again for a second service, at counters drawn in proportion to
demand. Each group has the number of counters the plan opens in each hour (an officer
finishes the citizen at the counter when the hour's roster shrinks). When the planning
assumptions give ``patience_minutes``, a waiting citizen gives up after an exponentially
distributed time with that mean.

Each replication has its own fixed seed (``seed``, ``seed + 1``, …), so the same inputs
give the same numbers. Results are means over replications with 95 % confidence intervals
(Student's t). An hour where the simulated share served within the target differs from
Erlang C's by more than :data:`TOLERANCE` and more than the interval's half-width is
flagged, with the possible reasons: the assumptions of the formula that the simulation does
not share and that could move the result in that direction.

Ciw is an optional dependency (``pip install 'asan-sdk[simulate]'``); the plan itself
needs only the formula.
"""

from __future__ import annotations

import math
import random
import statistics
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from asan_core.base.problems import Problem, ProblemsError
from asan_core.capacity.plan import Assumptions, CentrePlan, HourPlan

TOLERANCE = 0.05
"""An hour is flagged when the simulated share served within the target lies further from
Erlang C's than this (5 points) and than the half-width of its own 95 % interval."""

DRAIN_MINUTES = 480
"""After closing, citizens already inside are still served, for up to this long."""

QUANTILES = (0.5, 0.8, 0.9)
"""The day's waiting-time percentiles reported."""

# Student's t, 97.5th percentile, for 1..30 degrees of freedom (two-sided 95 %).
_T975 = (
    12.706, 4.303, 3.182, 2.776, 2.571, 2.447, 2.365, 2.306, 2.262, 2.228,
    2.201, 2.179, 2.160, 2.145, 2.131, 2.120, 2.110, 2.101, 2.093, 2.086,
    2.080, 2.074, 2.069, 2.064, 2.060, 2.056, 2.052, 2.048, 2.045, 2.042,
)  # fmt: skip


def t975(degrees: int) -> float:
    """Student's t quantile for a two-sided 95 % interval (1.96 beyond 30 degrees)."""
    return _T975[degrees - 1] if 1 <= degrees <= len(_T975) else 1.96


@dataclass(frozen=True)
class Estimate:
    """A mean over replications and its 95 % confidence interval."""

    mean: float
    low: float
    high: float

    @classmethod
    def of(cls, values: Sequence[float], floor: float = 0.0, ceiling: float = math.inf) -> Estimate:
        """The mean of ``values`` and its interval, kept within ``[floor, ceiling]`` (a
        share cannot pass 1, a wait cannot be negative). Unbounded (infinite) when any
        value is: a wait percentile on a day when more than that share gave up."""
        if any(math.isinf(v) for v in values):
            return cls(math.inf, math.inf, math.inf)
        finite = [v for v in values if math.isfinite(v)]
        if not finite:
            return cls(math.nan, math.nan, math.nan)
        mean = statistics.fmean(finite)
        if len(finite) < 2:
            return cls(mean, mean, mean)
        half = t975(len(finite) - 1) * statistics.stdev(finite) / math.sqrt(len(finite))
        return cls(mean, max(floor, mean - half), min(ceiling, mean + half))

    @property
    def unbounded(self) -> bool:
        return math.isinf(self.mean)

    def as_json(self) -> dict[str, float | bool | None]:
        """``{mean, low, high}``; ``null`` with ``"unbounded": true`` for an unbounded one,
        ``null`` alone when there was nothing to measure."""

        def r(v: float) -> float | None:
            return None if math.isnan(v) or math.isinf(v) else round(v, 4)

        data: dict[str, float | bool | None] = {
            "mean": r(self.mean),
            "low": r(self.low),
            "high": r(self.high),
        }
        if self.unbounded:
            data["unbounded"] = True
        return data


@dataclass(frozen=True)
class HourCheck:
    """One counter group in one hour: the formula beside the simulation."""

    group: str
    hour: int
    arrivals: float
    """Applications Erlang C planned for."""
    counters: int
    erlang_level: float
    simulated_level: Estimate
    simulated_mean_wait: Estimate
    abandoned: Estimate
    reasons: tuple[str, ...]
    """Why the two disagree; empty when they agree."""

    @property
    def disagrees(self) -> bool:
        return bool(self.reasons)

    def as_json(self) -> dict[str, Any]:
        return {
            "group": self.group,
            "hour": self.hour,
            "arrivals": round(self.arrivals, 4),
            "counters": self.counters,
            "erlang_served_within_target": round(self.erlang_level, 4),
            "simulated_served_within_target": self.simulated_level.as_json(),
            "simulated_mean_wait_minutes": self.simulated_mean_wait.as_json(),
            "simulated_abandoned": self.abandoned.as_json(),
            "disagrees": self.disagrees,
            "reasons": list(self.reasons),
        }


@dataclass(frozen=True)
class CentreSimulation:
    """A centre-day simulated ``replications`` times."""

    centre: str
    replications: int
    seed: int
    hours: tuple[HourCheck, ...]
    erlang_level: float
    simulated_level: Estimate
    erlang_percentiles: tuple[tuple[float, float], ...]
    """``(quantile, minutes)`` from Erlang C over the day."""
    simulated_percentiles: tuple[tuple[float, Estimate], ...]
    abandoned: Estimate

    @property
    def disagreements(self) -> tuple[HourCheck, ...]:
        return tuple(h for h in self.hours if h.disagrees)

    def as_json(self) -> dict[str, Any]:
        return {
            "centre": self.centre,
            "replications": self.replications,
            "seed": self.seed,
            "erlang_served_within_target": round(self.erlang_level, 4),
            "simulated_served_within_target": self.simulated_level.as_json(),
            "erlang_wait_percentiles": {
                f"p{round(q * 100)}": round(m, 4) for q, m in self.erlang_percentiles
            },
            "simulated_wait_percentiles": {
                f"p{round(q * 100)}": e.as_json() for q, e in self.simulated_percentiles
            },
            "simulated_abandoned": self.abandoned.as_json(),
            "hours": [h.as_json() for h in self.hours],
        }


def require_ciw() -> Any:
    """The ``ciw`` module, or a clear problem saying how to install it."""
    try:
        import ciw  # type: ignore[import-untyped]
    except ImportError:
        raise ProblemsError(
            [
                Problem(
                    "the simulation needs Ciw, which is not installed",
                    hint="pip install 'asan-sdk[simulate]' (or pip install ciw), "
                    "or plan without --simulate",
                )
            ]
        ) from None
    return ciw


def counter_node_class(ciw: Any) -> Any:
    """A Ciw node whose counters change the way a roster does.

    Ciw's own shift change sends every officer off duty (a busy one after finishing its
    citizen) and brings on the whole new shift, so for a few minutes after every change a
    node has more counters than planned. Here only the surplus officers leave — idle ones
    first, a busy one when it has finished — and only the missing ones come on.

    It overrides ``ciw.Node.change_shift`` and uses the node's server list, so the extra
    ``[simulate]`` pins Ciw to 3.2.x; ``test_a_single_counter_simulated_matches_the_m_m_1_
    mean_wait`` fails if a Ciw release changes that behaviour (the hourly roster changes
    would lower the mean wait).
    """

    class CounterNode(ciw.Node):  # type: ignore[misc]
        def change_shift(self) -> None:
            self.schedule.get_next_shift()
            self.next_shift_change = self.schedule.next_shift_change_date
            self.c = self.schedule.c
            on_duty = [s for s in self.servers if not s.offduty]
            surplus = len(on_duty) - self.c
            if surplus > 0:
                idle = [s for s in on_duty if not s.busy]
                busy = [s for s in on_duty if s.busy]
                for server in (idle + busy)[:surplus]:
                    server.shift_end = self.next_event_date
                    if server.busy:
                        server.offduty = True
                    else:
                        self.kill_server(server)
            elif surplus < 0:
                self.add_new_servers(-surplus)
            self.begin_service_if_possible_change_shift()

    return CounterNode


@dataclass(frozen=True)
class Network:
    """A centre-day as Ciw's network, and what is needed to read its records."""

    ciw_network: Any
    horizon: float
    origin: int
    """The minute of the day at simulation time 0: the start of the first open hour."""
    hours: tuple[int, ...]
    groups: tuple[str, ...]

    def slot(self, when: float) -> int:
        """The index of the plan's hour that simulation time ``when`` falls in (a closed
        hour, or after closing: the last open hour before it)."""
        hour = int((when + self.origin) // 60)
        index = 0
        for i, planned in enumerate(self.hours):
            if planned <= hour:
                index = i
        return index


def _timeline(plan: CentrePlan) -> list[tuple[float, float, int | None]]:
    """``(start, end, hour index)`` in simulation minutes for every open piece of every
    planned hour, with the closed gaps between them (hour index None)."""
    hours = [h.hour for h in plan.desk.hours]
    origin = hours[0] * 60
    pieces = sorted(
        (max(a, hour * 60) - origin, min(b, hour * 60 + 60) - origin, i)
        for i, hour in enumerate(hours)
        for a, b in plan.spans
        if min(b, hour * 60 + 60) > max(a, hour * 60)
    )
    timeline: list[tuple[float, float, int | None]] = []
    cursor = 0.0
    for start, end, index in pieces:
        if start > cursor:
            timeline.append((cursor, float(start), None))
        timeline.append((float(start), float(end), index))
        cursor = float(end)
    return timeline


def build_network(plan: CentrePlan, a: Assumptions) -> Network:
    """Ciw's network for one centre's plan: node 1 is the information desk, then one node
    per agency counter group; one customer class per service.

    Each class arrives at the desk at the plan's hourly rate (over the open minutes),
    divided by ``1 + second_service_share``; after the desk it goes to its agency's
    counters and, with probability ``second_service_share``, to a second group drawn in
    proportion to the groups' demand. Each group then receives, on average, exactly the
    applications the plan sized it for. A second service takes the group's average
    handling time. During a closure counters stay as they were (officers serve who is
    inside); after closing every group keeps its busiest hour's counters until everyone
    is served.
    """
    ciw = require_ciw()
    groups = plan.groups
    group_of = {sid: gi for gi, g in enumerate(groups) for sid in g.services}
    handling = dict(plan.handling)
    day = dict(plan.service_day)
    p = a.second_service_share
    group_day = [sum(day[s] for s in g.services) for g in groups]
    group_handling = [
        sum(day[s] * handling[s] for s in g.services) / group_day[gi] if group_day[gi] else 1.0
        for gi, g in enumerate(groups)
    ]
    timeline = _timeline(plan)
    close = timeline[-1][1]
    horizon = close + DRAIN_MINUTES
    endpoints = [end for _, end, _ in timeline]
    minutes = [h.minutes for h in plan.desk.hours]

    def rates(sid: str) -> list[float]:
        return [
            0.0 if index is None else day[sid] * plan.hour_shares[index] / (1 + p) / minutes[index]
            for _, _, index in timeline
        ]

    def schedule(counts: list[int]) -> Any:
        numbers: list[int] = []
        for _, _, index in timeline:
            if index is not None:
                numbers.append(counts[index])
            else:  # a closure: as before it (before opening: as the first hour)
                numbers.append(numbers[-1] if numbers else counts[0])
        numbers.append(max(counts))  # after closing: serve everyone still inside
        return ciw.Schedule(numbers_of_servers=numbers, shift_end_dates=[*endpoints, horizon + 1])

    def route(ind: Any, simulation: Any) -> list[int]:
        path = [group_of[ind.customer_class] + 2]
        if p and random.random() < p:
            path.append(random.choices(range(len(groups)), weights=group_day)[0] + 2)
        return path

    services = [sid for sid in sorted(day) if day[sid] > 0]
    arrival: dict[str, list[Any]] = {}
    service: dict[str, list[Any]] = {}
    reneging: dict[str, list[Any]] = {}
    for sid in services:
        own = group_of[sid]
        arrival[sid] = [
            ciw.dists.PoissonIntervals(rates(sid), endpoints, max_sample_date=close),
            *([None] * len(groups)),
        ]
        service[sid] = [
            ciw.dists.Exponential(1 / a.information_desk_minutes),
            *(
                ciw.dists.Exponential(1 / (handling[sid] if gi == own else group_handling[gi]))
                for gi in range(len(groups))
            ),
        ]
        if a.patience_minutes:
            reneging[sid] = [
                None,
                *(ciw.dists.Exponential(1 / a.patience_minutes) for _ in groups),
            ]
    network = ciw.create_network(
        arrival_distributions=arrival,
        service_distributions=service,
        number_of_servers=[
            schedule([h.counters for h in plan.desk.hours]),
            *(schedule([h.counters for h in g.hours]) for g in groups),
        ],
        routing={sid: ciw.routing.ProcessBased(route) for sid in services},
        reneging_time_distributions=reneging or None,
    )
    return Network(
        network,
        horizon,
        plan.desk.hours[0].hour * 60,
        tuple(h.hour for h in plan.desk.hours),
        tuple(g.id for g in groups),
    )


@dataclass(frozen=True)
class Outcome:
    """One application in one simulated day: its group, hour, and wait (infinite: gave
    up, or still waiting when the simulation ended)."""

    group: int
    slot: int
    arrived: float
    """The minute of the day it reached the group's queue."""
    wait: float
    gave_up: bool


def run_once(plan: CentrePlan, a: Assumptions, seed: int) -> list[Outcome]:
    """One simulated day: every application at a counter group, served or not.

    The seed is set before the network is built: Ciw draws time-varying arrivals when
    their distribution is made."""
    ciw = require_ciw()
    ciw.seed(seed)
    network = build_network(plan, a)
    simulation = ciw.Simulation(network.ciw_network, node_class=counter_node_class(ciw))
    simulation.simulate_until_max_time(network.horizon)
    group_of = {sid: gi for gi, g in enumerate(plan.groups) for sid in g.services}
    outcomes = []
    for record in simulation.get_all_records():
        if record.node < 2:
            continue
        gave_up = record.record_type == "renege"
        outcomes.append(
            Outcome(
                record.node - 2,
                network.slot(record.arrival_date),
                record.arrival_date + network.origin,
                math.inf if gave_up else record.waiting_time,
                gave_up,
            )
        )
    # Anyone still inside at the end was not served: at a counter group, or still at the desk.
    for number, node in enumerate(simulation.nodes[1:-1], start=1):
        for individual in node.all_individuals:
            group = number - 2 if number >= 2 else group_of[individual.customer_class]
            slot = network.slot(individual.arrival_date)
            arrived = individual.arrival_date + network.origin
            outcomes.append(Outcome(group, slot, arrived, math.inf, False))
    return outcomes


def settling_minutes(hour: HourPlan) -> float:
    """Roughly how long the queue of ``hour`` takes to reach its steady state: the
    relaxation time ``h / (N·(1 − √ρ)²)`` of an M/M/N queue (infinite at full load)."""
    if hour.counters <= 0 or hour.occupancy >= 1:
        return math.inf
    return hour.handling / (hour.counters * (1 - math.sqrt(hour.occupancy)) ** 2)


def disagrees(sim: Estimate, erlang: float) -> bool:
    """True when the simulated share lies more than ``max(TOLERANCE, its interval's
    half-width)`` from Erlang C's."""
    if math.isnan(sim.mean):
        return False
    return abs(sim.mean - erlang) > max(TOLERANCE, (sim.high - sim.low) / 2)


def possible_reasons(
    plan: CentrePlan, a: Assumptions, group: int, slot: int, sim: Estimate, abandoned: float
) -> tuple[str, ...]:
    """Which of Erlang C's assumptions the simulation does not share, and that could
    explain the difference in this direction: evidence, not a diagnosis."""
    hours = plan.groups[group].hours
    hour = hours[slot]
    better = sim.mean > hour.service_level
    reasons = []
    if better and a.patience_minutes and abandoned > 0:
        reasons.append(
            "abandonment: citizens who give up shorten the queue for the others, which "
            "Erlang C (nobody leaves) does not count"
        )
    settle = settling_minutes(hour)
    if better and settle > hour.minutes:
        reasons.append(
            f"at this load the queue takes about {min(settle, 9999):.0f} minutes to settle, "
            "longer than the hour: Erlang C's steady state overstates the wait of a short "
            "busy hour"
        )
    if better and slot == 0:
        reasons.append("the day starts with an empty queue; Erlang C assumes a steady one")
    if better and hour.arrivals < 30:
        reasons.append("few arrivals in the hour: the steady state is not reached")
    if not better and slot and hours[slot - 1].load > hour.load * 1.2:
        reasons.append(
            "the load falls from the hour before: its queue is still being served, which "
            "Erlang C (each hour on its own) does not see"
        )
    if not better and a.second_service_share:
        reasons.append(
            "citizens with a second service reach these counters later than the hour they "
            "came in, adding to the load of later hours"
        )
    if not reasons:
        reasons.append("no single cause found: check the hour's load against the hours around it")
    return tuple(reasons)


def _quantile(values: list[float], q: float) -> float:
    if not values:
        return math.nan
    ordered = sorted(values)
    position = q * (len(ordered) - 1)
    low = math.floor(position)
    high = min(low + 1, len(ordered) - 1)
    return ordered[low] + (ordered[high] - ordered[low]) * (position - low)


def erlang_percentile(plan: CentrePlan, q: float) -> float:
    """The wait (minutes) ``q`` of the day's applications do not exceed, by Erlang C."""
    if plan.applications <= 0 or plan.within(0.0) >= q:
        return 0.0
    low, high = 0.0, 1.0
    while plan.within(high) < q:
        high *= 2
        if high > 24 * 60:
            return math.inf
    for _ in range(50):
        middle = (low + high) / 2
        if plan.within(middle) >= q:
            high = middle
        else:
            low = middle
    return high


def simulate_centre(
    plan: CentrePlan, a: Assumptions, replications: int = 20, seed: int = 0
) -> CentreSimulation:
    """Simulate ``plan`` ``replications`` times (seeds ``seed`` …) and compare."""
    target = a.within_minutes
    slots = len(plan.desk.hours)
    levels: dict[tuple[int, int], list[float]] = {}
    waits: dict[tuple[int, int], list[float]] = {}
    gave_up: dict[tuple[int, int], list[float]] = {}
    day_levels: list[float] = []
    day_abandoned: list[float] = []
    day_quantiles: dict[float, list[float]] = {q: [] for q in QUANTILES}
    for r in range(replications):
        outcomes = run_once(plan, a, seed + r)
        cells: dict[tuple[int, int], list[Outcome]] = {}
        for outcome in outcomes:
            cells.setdefault((outcome.group, outcome.slot), []).append(outcome)
        total = len(outcomes)
        day_levels.append(sum(o.wait <= target for o in outcomes) / total if total else 1.0)
        day_abandoned.append(sum(o.gave_up for o in outcomes) / total if total else 0.0)
        all_waits = [o.wait for o in outcomes]
        for q in QUANTILES:
            day_quantiles[q].append(_quantile(all_waits, q))
        for key, cell in cells.items():
            levels.setdefault(key, []).append(sum(o.wait <= target for o in cell) / len(cell))
            gave_up.setdefault(key, []).append(sum(o.gave_up for o in cell) / len(cell))
            served = [o.wait for o in cell if math.isfinite(o.wait)]
            if served:
                waits.setdefault(key, []).append(statistics.fmean(served))
    checks = []
    for g, group in enumerate(plan.groups):
        for s in range(slots):
            hour = group.hours[s]
            if hour.arrivals <= 0:
                continue
            sim = Estimate.of(levels.get((g, s), []), ceiling=1.0)
            abandoned = Estimate.of(gave_up.get((g, s), []), ceiling=1.0)
            checks.append(
                HourCheck(
                    group=group.id,
                    hour=hour.hour,
                    arrivals=hour.arrivals,
                    counters=hour.counters,
                    erlang_level=hour.service_level,
                    simulated_level=sim,
                    simulated_mean_wait=Estimate.of(waits.get((g, s), [])),
                    abandoned=abandoned,
                    reasons=(
                        possible_reasons(plan, a, g, s, sim, abandoned.mean)
                        if disagrees(sim, hour.service_level)
                        else ()
                    ),
                )
            )
    return CentreSimulation(
        centre=plan.centre,
        replications=replications,
        seed=seed,
        hours=tuple(checks),
        erlang_level=plan.service_level,
        simulated_level=Estimate.of(day_levels, ceiling=1.0),
        erlang_percentiles=tuple((q, erlang_percentile(plan, q)) for q in QUANTILES),
        simulated_percentiles=tuple((q, Estimate.of(day_quantiles[q])) for q in QUANTILES),
        abandoned=Estimate.of(day_abandoned, ceiling=1.0),
    )
