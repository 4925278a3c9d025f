"""Capacity-planning speed: a national plan, and the simulation of a centre-day.

1. **National plan** — a seeded synthetic country of 100 centres open 16 hours a day, each
   hosting 30 agencies (counter groups) with two services each: 48,000 group-hours sized.
   ``asan_core.capacity.plan`` (demand spread over the hours, services grouped by agency,
   Erlang C, rosters, the desk, volunteers, the day's waiting-time distribution) against
   the raw call it rests on: :func:`asan_core.capacity.erlang.agents_needed` on the same
   48,000 loads, precomputed. The formula is ours (the module says why), so "the
   library's own raw call" is the bare solver.
2. **Simulation of a centre-day** — Kabul's plan (AF, its busiest day) simulated once by
   ``asan_core.capacity.simulate.simulate_centre`` (network built, run, records read,
   percentiles and confidence intervals, the comparison with Erlang C) against Ciw's own
   raw call on the same network: ``ciw.seed``, ``ciw.Simulation``,
   ``simulate_until_max_time``.

Each measurement is the median of several runs, the two sides interleaved. Run from the
repository root (with the AF plugin installed, as the README's setup does):

    python benchmarks/bench_plan.py            # 5 rounds
    python benchmarks/bench_plan.py --rounds 9
"""

from __future__ import annotations

import argparse
import random
import statistics
import time
from collections.abc import Callable
from typing import Any

from asan_core.capacity import erlang, plan
from asan_core.capacity.simulate import build_network, counter_node_class, simulate_centre
from asan_core.contract.franchise import Franchise
from asan_core.franchise import resolve
from asan_core.model import Agency, Centre, Country, Demand, PlanningSettings, Service

CENTRES, HOURS, GROUPS, SERVICES_PER_GROUP = 100, 16, 30, 2


def synthetic_country(seed: int = 42) -> Franchise:
    """100 centres × 30 agencies × 2 services, open 06:00–22:00 Monday to Saturday."""
    rng = random.Random(seed)
    country = Country.model_validate(
        {
            "code": "UZ",
            "name": {"en": "Synthetic"},
            "locales": ["en"],
            "currency": "UZS",
            "operating_model": "one_stop_staff",
            "brand": {"en": "Synthetic centres"},
            "provenance": "illustrative",
        }
    )
    agencies = [
        Agency.model_validate(
            {
                "id": f"agency-{g}",
                "name": {"en": f"Agency {g}"},
                "kind": "ministry",
                "provenance": "illustrative",
            }
        )
        for g in range(GROUPS)
    ]
    services = [
        Service.model_validate(
            {
                "id": f"service-{g}-{s}",
                "title": {"en": f"Service {g}.{s}"},
                "description": {"en": "Synthetic."},
                "agency": f"agency-{g}",
                "channels": ["centre"],
                "provenance": "illustrative",
            }
        )
        for g in range(GROUPS)
        for s in range(SERVICES_PER_GROUP)
    ]
    hours = [{"days": ["mon", "tue", "wed", "thu", "fri", "sat"], "opens": "06:00",
              "closes": "22:00"}]  # fmt: skip
    centres = [
        Centre.model_validate(
            {
                "id": f"centre-{c}",
                "name": {"en": f"Centre {c}"},
                "area": "UZ-TK",
                "opening_hours": hours,
                "all_services": True,
                "provenance": "illustrative",
            }
        )
        for c in range(CENTRES)
    ]
    planning = PlanningSettings.model_validate(
        {
            "provenance": "illustrative",
            "target": {"share": 0.8, "within_minutes": 15},
            "max_occupancy": 0.85,
            "shrinkage": 0.3,
            "shift_hours": 8,
            "default_handling_minutes": 10,
            "handling_minutes": {s.id: rng.uniform(4, 20) for s in services},
            "information_desk_minutes": 1.5,
            "second_service_share": 0.1,
            "volunteers_per_counter": 1,
            "hourly_profile": {h: rng.uniform(5, 15) for h in range(6, 22)},
        }
    )
    demand = [
        Demand.model_validate(
            {"centre": c.id, "total_per_day": rng.uniform(500, 4000), "provenance": "illustrative"}
        )
        for c in centres
    ]
    return Franchise.model_construct(
        country=country,
        agencies=tuple(agencies),
        services=tuple(services),
        centres=tuple(centres),
        planning=planning,
        demand=tuple(demand),
    )


def median_time(action: Callable[[], Any], rounds: int) -> float:
    times = []
    for _ in range(rounds):
        start = time.perf_counter()
        action()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def interleaved(
    ours: Callable[[], Any], raw: Callable[[], Any], rounds: int
) -> tuple[float, float]:
    """Median seconds of each, run alternately ``rounds`` times."""
    ours_times, raw_times = [], []
    for _ in range(rounds):
        ours_times.append(median_time(ours, 1))
        raw_times.append(median_time(raw, 1))
    return statistics.median(ours_times), statistics.median(raw_times)


def national_plan(rounds: int) -> None:
    franchise = synthetic_country()
    result = plan(franchise)
    a = result.assumptions
    loads = [
        (hour.load, hour.handling)
        for centre in result.centres
        for group in centre.groups
        for hour in group.hours
    ]
    group_hours = len(loads)

    def raw() -> None:
        for load, handling in loads:
            erlang.agents_needed(load, handling, a.target_share, a.within_minutes, a.max_occupancy)

    ours, floor = interleaved(lambda: plan(franchise), raw, rounds)
    print(
        f"national plan: {len(result.centres)} centres × {HOURS} hours × {GROUPS} groups = "
        f"{group_hours:,} group-hours"
    )
    print(f"  asan plan (whole):          {ours:7.3f} s")
    print(f"  erlang.agents_needed (raw): {floor:7.3f} s")
    print(f"  ratio: {ours / floor:.2f}×")


def centre_day(rounds: int) -> None:
    import ciw  # type: ignore[import-untyped]

    franchise = resolve("AF")
    result = plan(franchise, centre="kabul")
    centre, a = result.centres[0], result.assumptions
    network = build_network(centre, a)
    node = counter_node_class(ciw)

    def raw() -> None:
        ciw.seed(0)
        simulation = ciw.Simulation(build_network(centre, a).ciw_network, node_class=node)
        simulation.simulate_until_max_time(network.horizon)

    ours, floor = interleaved(lambda: simulate_centre(centre, a, replications=1), raw, rounds)
    print(
        f"simulation of a centre-day: kabul, {centre.applications:,.0f} applications, "
        f"{len(centre.groups)} counter groups and the desk"
    )
    print(f"  simulate_centre (1 day):       {ours:7.3f} s")
    print(f"  ciw.Simulation + run (raw):    {floor:7.3f} s")
    print(f"  ratio: {ours / floor:.2f}×")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=5)
    args = parser.parse_args()
    national_plan(args.rounds)
    centre_day(args.rounds)


if __name__ == "__main__":
    main()
