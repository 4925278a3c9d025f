"""A plan checked by discrete-event simulation (Ciw), beside Erlang C's prediction.

One centre-day is simulated as a queueing network: every citizen arrives at the
information desk (Poisson arrivals whose rate changes hour by hour, as the plan's arrival
profile says), goes on to the counters of the agency that delivers their service, and a
share of them then to a second agency's counters. Each group has the number of counters
the plan opens in each hour (an officer finishes the citizen at the counter when the
hour's roster shrinks). When the planning assumptions give ``patience_minutes``, a waiting
citizen gives up after an exponentially distributed time with that mean.

Each replication has its own fixed seed (``seed``, ``seed + 1``, …), so the same inputs
give the same numbers. Results are means over replications with 95 % confidence intervals
(Student's t). An hour where the simulated share served within the target lies outside
the interval around Erlang C's share by more than :data:`TOLERANCE` is flagged, with the
assumption of the formula that the simulation does not share.

Ciw is an optional dependency (``pip install 'asan-sdk[simulate]'``); the plan itself
needs only the formula.
"""

from __future__ import annotations

import math
import statistics
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from asan_core.base.problems import Problem, ProblemsError
from asan_core.capacity.plan import Assumptions, CentrePlan, HourPlan

TOLERANCE = 0.05
"""How far (in share served within the target) the simulation may differ from the formula
beyond its own confidence interval before an hour is flagged."""

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
        """The mean of the finite ``values`` and its interval, kept within
        ``[floor, ceiling]`` (a share cannot pass 1, a wait cannot be negative)."""
        finite = [v for v in values if math.isfinite(v)]
        if not finite:
            return cls(math.nan, math.nan, math.nan)
        mean = statistics.fmean(finite)
        if len(finite) < 2:
            return cls(mean, mean, mean)
        half = t975(len(finite) - 1) * statistics.stdev(finite) / math.sqrt(len(finite))
        return cls(mean, max(floor, mean - half), min(ceiling, mean + half))

    def as_json(self) -> dict[str, float | None]:
        def r(v: float) -> float | None:
            return None if math.isnan(v) or math.isinf(v) else round(v, 4)

        return {"mean": r(self.mean), "low": r(self.low), "high": r(self.high)}


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
    slot_starts: tuple[float, ...]
    """Simulation minute at which each open hour starts (time 0: the first)."""
    groups: tuple[str, ...]


def build_network(plan: CentrePlan, a: Assumptions) -> Network:
    """Ciw's network for one centre's plan: node 1 is the information desk, then one node
    per agency counter group; one customer class per service."""
    ciw = require_ciw()
    groups = [g.id for g in plan.groups]
    group_of = {sid: gi for gi, g in enumerate(plan.groups) for sid in g.services}
    handling = dict(plan.handling)
    day = dict(plan.service_day)
    minutes = [h.minutes for h in plan.desk.hours]
    hours = [h.hour for h in plan.desk.hours]
    first = hours[0]
    # Open minutes of each hour: the end of the first hour (a centre opening at 08:30),
    # the start of the others (a centre closing at 16:30).
    spans: list[tuple[float, float]] = []
    for i, (hour, m) in enumerate(zip(hours, minutes, strict=True)):
        begin = float((hour - first) * 60 + (60 - m if i == 0 else 0))
        spans.append((begin, begin + m))
    endpoints: list[float] = []
    shares: list[float | None] = []  # None: a closed gap
    cursor = 0.0
    for (start, end), share in zip(spans, plan.hour_shares, strict=True):
        if start > cursor:
            endpoints.append(start)
            shares.append(None)
        endpoints.append(end)
        shares.append(share)
        cursor = end
    close = cursor
    horizon = close + DRAIN_MINUTES
    p = a.second_service_share
    group_day = [sum(day[s] for s in g.services) for g in plan.groups]

    def rates(sid: str) -> list[float]:
        out: list[float] = []
        for index, share in enumerate(shares):
            length = endpoints[index] - (endpoints[index - 1] if index else 0.0)
            out.append(0.0 if share is None else day[sid] * share / (1 + p) / length)
        return out

    def schedule(counts: list[int]) -> Any:
        numbers: list[int] = []
        ends: list[float] = []
        i = 0
        for index, share in enumerate(shares):
            numbers.append(0 if share is None else counts[i])
            ends.append(endpoints[index])
            if share is not None:
                i += 1
        numbers.append(counts[-1])  # the last hour's counters serve who is still inside
        ends.append(horizon + 1)
        return ciw.Schedule(numbers_of_servers=numbers, shift_end_dates=ends)

    services = [sid for sid in sorted(day) if day[sid] > 0]
    arrival: dict[str, list[Any]] = {}
    service: dict[str, list[Any]] = {}
    routing: dict[str, Any] = {}
    reneging: dict[str, list[Any]] = {}
    group_handling = [
        sum(day[s] * handling[s] for s in g.services) / group_day[gi] if group_day[gi] else 1.0
        for gi, g in enumerate(plan.groups)
    ]
    size = len(groups) + 1
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
        matrix = [[0.0] * size for _ in range(size)]
        matrix[0][own + 1] = 1.0
        others = sum(group_day[gi] for gi in range(len(groups)) if gi != own)
        if p and others:
            for gi in range(len(groups)):
                if gi != own:
                    matrix[own + 1][gi + 1] = p * group_day[gi] / others
        routing[sid] = ciw.routing.TransitionMatrix(matrix)
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
            *(schedule([h.counters for h in g.hours]) for g in plan.groups),
        ],
        routing=routing,
        reneging_time_distributions=reneging or None,
    )
    return Network(network, horizon, tuple(s for s, _ in spans), tuple(groups))


def run_once(plan: CentrePlan, a: Assumptions, seed: int) -> tuple[Network, list[Any]]:
    """One replication: the network, and Ciw's records of every service and every citizen
    who gave up. The seed is set before the network is built: Ciw draws time-varying
    arrivals when their distribution is made."""
    ciw = require_ciw()
    ciw.seed(seed)
    network = build_network(plan, a)
    simulation = ciw.Simulation(network.ciw_network, node_class=counter_node_class(ciw))
    simulation.simulate_until_max_time(network.horizon)
    return network, list(simulation.get_all_records())


def _slot(starts: Sequence[float], when: float) -> int:
    index = 0
    for i, start in enumerate(starts):
        if when >= start:
            index = i
    return index


def settling_minutes(hour: HourPlan) -> float:
    """Roughly how long the queue of ``hour`` takes to reach its steady state: the
    relaxation time ``h / (N·(1 − √ρ)²)`` of an M/M/N queue (infinite at full load)."""
    if hour.counters <= 0 or hour.occupancy >= 1:
        return math.inf
    return hour.handling / (hour.counters * (1 - math.sqrt(hour.occupancy)) ** 2)


def _reasons(
    plan: CentrePlan, a: Assumptions, group: int, slot: int, sim: Estimate, erlang: float
) -> tuple[str, ...]:
    if math.isnan(sim.mean):
        return ()
    gap = max(TOLERANCE, (sim.high - sim.low) / 2)
    if abs(sim.mean - erlang) <= gap:
        return ()
    hours = plan.groups[group].hours
    hour = hours[slot]
    better = sim.mean > erlang
    reasons = []
    if a.patience_minutes:
        reasons.append(
            "abandonment: citizens who give up shorten the queue for the others, which "
            "Erlang C (nobody leaves) does not count"
        )
    settle = settling_minutes(hour)
    if settle > hour.minutes:
        reasons.append(
            f"at this load the queue takes about {min(settle, 9999):.0f} minutes to settle, "
            "longer than the hour: Erlang C's steady state "
            + ("overstates the wait of a short busy hour" if better else "is not reached")
        )
    if slot == 0 and better:
        reasons.append("the day starts with an empty queue; Erlang C assumes a steady one")
    elif slot and hours[slot - 1].load > hour.load * 1.2 and not better:
        reasons.append(
            "the load falls from the hour before: its queue is still being served, which "
            "Erlang C (each hour on its own) does not see"
        )
    if hour.arrivals < 30 and not reasons:
        reasons.append("few arrivals in the hour: the steady state is not reached")
    if a.second_service_share and not reasons:
        reasons.append(
            "citizens with a second service reach these counters later than the hour they "
            "arrived at the centre"
        )
    if not reasons:
        reasons.append("the queue does not settle within the hour")
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
    if plan.within(0.0) >= q:
        return 0.0
    low, high = 0.0, 1.0
    while plan.within(high) < q and high < 24 * 60:
        high *= 2
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
    groups = len(plan.groups)
    levels: dict[tuple[int, int], list[float]] = {}
    waits: dict[tuple[int, int], list[float]] = {}
    gave_up: dict[tuple[int, int], list[float]] = {}
    day_levels: list[float] = []
    day_abandoned: list[float] = []
    day_quantiles: dict[float, list[float]] = {q: [] for q in QUANTILES}
    for r in range(replications):
        network, records = run_once(plan, a, seed + r)
        count = [[0] * slots for _ in range(groups)]
        within = [[0] * slots for _ in range(groups)]
        left = [[0] * slots for _ in range(groups)]
        served_waits: list[list[list[float]]] = [[[] for _ in range(slots)] for _ in range(groups)]
        all_waits: list[float] = []
        for record in records:
            if record.node < 2:
                continue
            g = record.node - 2
            s = _slot(network.slot_starts, record.arrival_date)
            count[g][s] += 1
            if record.record_type == "renege":
                left[g][s] += 1
                all_waits.append(math.inf)
                continue
            served_waits[g][s].append(record.waiting_time)
            all_waits.append(record.waiting_time)
            if record.waiting_time <= target:
                within[g][s] += 1
        total = sum(map(sum, count))
        day_levels.append(sum(map(sum, within)) / total if total else 1.0)
        day_abandoned.append(sum(map(sum, left)) / total if total else 0.0)
        for q in QUANTILES:
            day_quantiles[q].append(_quantile(all_waits, q))
        for g in range(groups):
            for s in range(slots):
                if count[g][s]:
                    levels.setdefault((g, s), []).append(within[g][s] / count[g][s])
                    gave_up.setdefault((g, s), []).append(left[g][s] / count[g][s])
                if served_waits[g][s]:
                    waits.setdefault((g, s), []).append(statistics.fmean(served_waits[g][s]))
    checks = []
    for g, group in enumerate(plan.groups):
        for s, hour in enumerate(group.hours):
            if hour.arrivals <= 0:
                continue
            sim = Estimate.of(levels.get((g, s), []), ceiling=1.0)
            checks.append(
                HourCheck(
                    group=group.id,
                    hour=hour.hour,
                    arrivals=hour.arrivals,
                    counters=hour.counters,
                    erlang_level=hour.service_level,
                    simulated_level=sim,
                    simulated_mean_wait=Estimate.of(waits.get((g, s), [])),
                    abandoned=Estimate.of(gave_up.get((g, s), []), ceiling=1.0),
                    reasons=_reasons(plan, a, g, s, sim, hour.service_level),
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
        simulated_percentiles=tuple(
            (q, Estimate.of([v for v in day_quantiles[q] if not math.isinf(v)])) for q in QUANTILES
        ),
        abandoned=Estimate.of(day_abandoned, ceiling=1.0),
    )
