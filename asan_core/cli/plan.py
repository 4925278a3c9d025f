"""``asan plan``: counters, staff and volunteers per centre from demand; what-ifs;
``--simulate`` checks the plan by discrete-event simulation."""

from __future__ import annotations

import math
import re
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from asan_core.base.problems import Problem, ProblemsError
from asan_core.cli.support import (
    MAX_LISTED,
    CountryArg,
    JsonOpt,
    consoles,
    escape,
    fail,
    franchise_of,
    guard,
    new_table,
    print_json,
)

if TYPE_CHECKING:
    from rich.console import Console

    from asan_core.capacity import CapacityPlan, CentreChange
    from asan_core.capacity.simulate import CentreSimulation
    from asan_core.contract.franchise import Franchise

_TARGET = re.compile(
    r"^\s*(\d{1,2}(?:\.\d+)?)\s*%\s*(?:/|@|in|within)\s*(\d{1,3}(?:\.\d+)?)\s*"
    r"(?:m|min|mins|minutes)?\s*$"
)


def parse_target(text: str) -> tuple[float, float]:
    """``"80%/15min"`` → ``(0.8, 15.0)``; a problem naming the form otherwise."""
    match = _TARGET.match(text)
    share = float(match.group(1)) / 100 if match else 0.0
    minutes = float(match.group(2)) if match else 0.0
    if not match or not 0 < share < 1 or not 0 < minutes <= 240:
        fail(
            [
                Problem(
                    f"--target {text!r} is not a service-level target",
                    field="--target",
                    hint="write the share and the wait, e.g. --target 80%/15min "
                    "(a share between 0 and 100 %, a wait up to 240 minutes)",
                )
            ]
        )
    return share, minutes


def parse_portal(values: list[str]) -> dict[str, float]:
    """``["passport-renewal=0.5", "criminal-record-certificate"]`` → shares per id."""
    shares: dict[str, float] = {}
    for value in values:
        sid, _, share_text = value.partition("=")
        try:
            share = float(share_text) if share_text else 1.0
        except ValueError:
            share = -1.0
        if not sid or not 0 < share <= 1 or math.isnan(share):
            fail(
                [
                    Problem(
                        f"--to-portal {value!r} is not SERVICE or SERVICE=SHARE",
                        field="--to-portal",
                        hint="e.g. --to-portal passport-renewal=0.5 (half its applications "
                        "move to the portal); a share above 0 and at most 1",
                    )
                ]
            )
        shares[sid] = share
    return shares


def _check_range(value: float, name: str, low: float, high: float, example: str) -> None:
    if not low <= value <= high or math.isnan(value):
        fail(
            [
                Problem(
                    f"{name} {value} is out of range",
                    field=name,
                    hint=f"use a value from {low} to {high}, e.g. {name} {example}",
                )
            ]
        )


def plan_command(
    country: CountryArg,
    centre: Annotated[
        str | None, typer.Option("--centre", "-c", help="Plan only this centre (its id).")
    ] = None,
    demand: Annotated[
        Path | None,
        typer.Option(
            "--demand", help="A demand file (country: and demand:) to use instead of the data."
        ),
    ] = None,
    target: Annotated[
        str | None,
        typer.Option("--target", help="Service-level target instead of the data's: 80%/15min."),
    ] = None,
    weekday: Annotated[
        str | None,
        typer.Option("--weekday", help="Plan this day (mon…sun) instead of the busiest."),
    ] = None,
    demand_scale: Annotated[
        float, typer.Option("--demand-scale", help="What-if: every centre's demand times this.")
    ] = 1.0,
    mobile_share: Annotated[
        float,
        typer.Option(
            "--mobile-share",
            help="What-if: mobile units take this share (0–1) of the services they offer.",
        ),
    ] = 0.0,
    to_portal: Annotated[
        list[str] | None,
        typer.Option(
            "--to-portal",
            help="What-if: SERVICE[=SHARE] moves to the portal (repeatable; SHARE 1 if left out).",
        ),
    ] = None,
    hours: Annotated[
        bool, typer.Option("--hours", help="Show every centre hour by hour and by agency.")
    ] = False,
    simulate: Annotated[
        bool, typer.Option("--simulate", help="Check the plan by simulation (needs Ciw).")
    ] = False,
    replications: Annotated[
        int, typer.Option("--replications", help="Simulated days per centre (2–500).")
    ] = 10,
    seed: Annotated[int, typer.Option("--seed", help="Seed of the first replication.")] = 0,
    as_json: JsonOpt = False,
) -> None:
    """Plan counters, agency officers, front-desk staff and volunteers for each centre.

    Demand (applications per day) comes from the country's data, or from --demand FILE;
    the assumptions (target, handling times, shrinkage, arrival profile) from its planning
    record. Each agency's counters are sized hour by hour with Erlang C. --demand-scale,
    --mobile-share and --to-portal re-plan a what-if and show the difference.
    """
    from asan_core.capacity import Scenario, compare, plan
    from asan_core.capacity.demand_file import read_demand
    from asan_core.model import WEEKDAYS

    if weekday is not None and weekday not in WEEKDAYS:
        fail(
            [
                Problem(
                    f"--weekday {weekday!r} is not a weekday",
                    field="--weekday",
                    hint=f"use one of: {', '.join(WEEKDAYS)}",
                )
            ]
        )
    _check_range(demand_scale, "--demand-scale", 0.01, 100, "1.3")
    _check_range(mobile_share, "--mobile-share", 0, 0.99, "0.2")
    _check_range(replications, "--replications", 2, 500, "20")
    _check_range(seed, "--seed", 0, 2**32 - 1 - replications, "0")
    share_minutes = parse_target(target) if target is not None else None
    portal = parse_portal(to_portal or [])
    franchise = franchise_of(country)
    records = guard(lambda: read_demand(demand, franchise)) if demand else None
    scenario = Scenario(demand_scale=demand_scale, mobile_share=mobile_share, portal=portal)

    def make(what_if: Scenario) -> CapacityPlan:
        return guard(
            lambda: plan(
                franchise,
                centre=centre,
                demand=records,
                target=share_minutes,
                scenario=what_if,
                weekday=weekday,
            )
        )

    result = make(scenario)
    baseline = None if scenario.is_baseline else make(Scenario())
    changes = compare(baseline, result) if baseline else []
    simulations = _simulate(result, replications, seed) if simulate else []
    if as_json:
        data: dict[str, Any] = {"version": 1, "plan": result.as_json()}
        if baseline:
            data["baseline"] = baseline.as_json()
            data["changes"] = [c.as_json() for c in changes]
        if simulate:
            data["simulation"] = [
                {**s.as_json(), "illustrative": result.illustrative} for s in simulations
            ]
        print_json(data)
        return
    console = consoles.out
    _print_plan(result, franchise, console, hours or centre is not None)
    if changes:
        _print_changes(changes, console)
    for simulation in simulations:
        _print_simulation(simulation, result, console)


def _simulate(result: CapacityPlan, replications: int, seed: int) -> list[CentreSimulation]:
    from asan_core.capacity.simulate import require_ciw, simulate_centre

    guard(require_ciw)
    simulations: list[CentreSimulation] = []
    with consoles.err.status("simulating…") as status:
        for centre_plan in result.centres:
            status.update(f"simulating {centre_plan.centre}: {replications} days")
            try:
                simulations.append(
                    simulate_centre(centre_plan, result.assumptions, replications, seed)
                )
            except ProblemsError as exc:
                fail(exc.problems)
    return simulations


def _pct(value: float) -> str:
    return f"{value * 100:.1f} %"


def _minutes(value: float) -> str:
    return "unbounded" if math.isinf(value) else f"{value:.1f} min"


def _print_plan(result: CapacityPlan, franchise: Franchise, console: Console, hours: bool) -> None:
    a = result.assumptions
    country = franchise.country
    console.print(
        f"[bold]Capacity plan — {escape(franchise.text(country.name, 'en'))} ({country.code})[/]"
    )
    console.print(
        f"Target: {_pct(a.target_share)} of applications served within "
        f"{a.within_minutes:g} minutes (Erlang C, hour by hour). Occupancy at most "
        f"{_pct(a.max_occupancy)}; shrinkage {_pct(a.shrinkage)}; shifts of "
        f"{a.shift_hours:g} h; {a.volunteers_per_counter:g} volunteer(s) per open counter."
    )
    marked = []
    if a.illustrative:
        marked.append(
            "all planning assumptions"
            if a.illustrative == ("*",)
            else "planning assumptions " + ", ".join(a.illustrative)
        )
    demand_marked = [c.centre for c in result.centres if c.demand_illustrative]
    if demand_marked:
        marked.append("the demand of " + ", ".join(demand_marked))
    if marked:
        console.print(
            f"[yellow]illustrative:[/] {escape('; '.join(marked))} — plausible examples, not "
            "measurements: confirm them before the plan is used."
        )
    table = new_table(title=None, show_lines=False)
    for header in (
        "Centre",
        "Day",
        "Applications",
        "Peak counters",
        "Agency officers",
        "Front desk",
        "Volunteers",
        f"Within {a.within_minutes:g} min",
        "Mean wait",
    ):
        table.add_column(header, justify="left" if header in {"Centre", "Day"} else "right")
    for c in result.centres:
        declared_counters = f" (has {c.counters_declared})" if c.counters_declared else ""
        declared_volunteers = f" (has {c.volunteers_declared})" if c.volunteers_declared else ""
        table.add_row(
            escape(c.centre),
            c.weekday,
            f"{c.applications:,.0f}",
            f"{c.peak_counters}{declared_counters}",
            str(c.officers),
            str(c.desk.staff),
            f"{c.volunteers}{declared_volunteers}",
            _pct(c.service_level),
            _minutes(c.mean_wait),
        )
    console.print(table)
    for c in result.centres:
        for note in c.notes:
            console.print(f"[yellow]note:[/] {escape(c.centre)}: {escape(note)}")
    if not result.centres:
        console.print("[yellow]No centre is planned.[/]")
    for centre_id, why in result.not_planned:
        console.print(f"Not planned: {escape(centre_id)} — {escape(why)}")
    if hours:
        for c in result.centres:
            _print_hours(c, a.within_minutes, console)


def _print_hours(c: Any, within: float, console: Console) -> None:
    table = new_table(title=f"{c.centre} — {c.weekday}, hour by hour")
    for header in ("Hour", "Arrivals", "Counters", "Desk", "Volunteers"):
        table.add_column(header, justify="right")
    for i, hour in enumerate(c.hours):
        table.add_row(
            f"{hour:02d}:00",
            f"{c.arrivals_by_hour[i]:.0f}",
            str(c.counters_by_hour[i]),
            str(c.desk.hours[i].counters),
            str(c.volunteers_by_hour[i]),
        )
    console.print(table)
    groups = new_table(title=f"{c.centre} — by agency")
    for header in (
        "Agency",
        "Applications",
        "Peak counters",
        "Officers on roster",
        f"Within {within:g} min",
        "Worst hour p90 wait",
    ):
        groups.add_column(header, justify="left" if header == "Agency" else "right")
    for g in [*c.groups, c.desk]:
        weighted = sum(h.arrivals * h.service_level for h in g.hours)
        level = weighted / g.arrivals if g.arrivals else 1.0
        groups.add_row(
            escape(g.id),
            f"{g.arrivals:.0f}",
            str(g.peak_counters),
            str(g.staff),
            _pct(level),
            _minutes(max((h.p90_wait for h in g.hours), default=0.0)),
        )
    console.print(groups)


def _print_changes(changes: list[CentreChange], console: Console) -> None:
    table = new_table(title="What-if: before → after")
    for header in ("Centre", "Figure", "Before", "After", "Change"):
        table.add_column(header, justify="left" if header in {"Centre", "Figure"} else "right")
    for change in changes:
        for what, before, after in change.rows():
            table.add_row(
                escape(change.centre),
                what.replace("_", " "),
                f"{before:,.0f}",
                f"{after:,.0f}",
                f"{after - before:+,.0f}",
            )
    console.print(table)


def _print_simulation(sim: CentreSimulation, result: CapacityPlan, console: Console) -> None:
    level = sim.simulated_level
    console.print(
        f"\n[bold]Simulation of {escape(sim.centre)}[/] ({sim.replications} days, seeds "
        f"{sim.seed}–{sim.seed + sim.replications - 1}): served within "
        f"{result.assumptions.within_minutes:g} min — Erlang C {_pct(sim.erlang_level)}, "
        f"simulated {_pct(level.mean)} (95 % CI {_pct(level.low)}–{_pct(level.high)}); "
        f"gave up {_pct(sim.abandoned.mean)}."
    )
    percentiles = "; ".join(
        f"p{round(q * 100)} {_minutes(e)} vs {_minutes(s.mean)} "
        f"({_minutes(s.low)}–{_minutes(s.high)})"
        for (q, e), (_, s) in zip(sim.erlang_percentiles, sim.simulated_percentiles, strict=True)
    )
    console.print(f"Waits, Erlang C vs simulated (95 % CI): {percentiles}")
    flagged = sim.disagreements
    if not flagged:
        console.print("[green]The simulation agrees with Erlang C in every hour.[/]")
        return
    table = new_table(title=f"{len(flagged)} of {len(sim.hours)} agency-hours where they disagree")
    for header in ("Agency", "Hour", "Erlang C", "Simulated (95 % CI)", "Why"):
        table.add_column(header, justify="right" if header in {"Hour"} else "left")
    for check in flagged[:MAX_LISTED]:
        s = check.simulated_level
        table.add_row(
            escape(check.group),
            f"{check.hour:02d}:00",
            _pct(check.erlang_level),
            f"{_pct(s.mean)} ({_pct(s.low)}–{_pct(s.high)})",
            escape("; ".join(check.reasons)),
        )
    console.print(table)
    if len(flagged) > MAX_LISTED:
        console.print(f"… and {len(flagged) - MAX_LISTED} more (--json lists all)")


def register(app: typer.Typer) -> None:
    """Add these commands to ``app``."""
    app.command("plan")(plan_command)
