"""A capacity plan: counters, staff and volunteers per centre and hour, from demand.

For one day of each centre (its busiest open weekday, unless one is asked for) the plan
spreads the centre's expected applications over its open hours by the arrival profile,
groups services by the agency whose counters serve them, and sizes each group, hour by
hour, with Erlang C (:mod:`asan_core.capacity.erlang`) against the country's target. Staff
on the roster follow from the counter-hours, the shift length and the shrinkage; the
information desk is sized the same way for every visitor; volunteers from their ratio.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from typing import Any

from asan_core.base.problems import Problem, ProblemsError
from asan_core.capacity import erlang
from asan_core.contract.franchise import Franchise
from asan_core.contract.locate import problem_at
from asan_core.model import WEEKDAYS, Centre, ChannelKind, Demand, PlanningSettings

DESK = "information-desk"
"""The id of the information desk's group in a plan."""

WAIT_POINTS = (0.0, 5.0, 10.0, 15.0, 20.0, 30.0, 45.0, 60.0)
"""Waits (minutes) at which a plan reports the share of citizens served within them."""


@dataclass(frozen=True)
class Assumptions:
    """Every number a plan rests on, complete (see :class:`~asan_core.model.PlanningSettings`)."""

    target_share: float
    within_minutes: float
    max_occupancy: float
    shrinkage: float
    shift_hours: float
    default_handling_minutes: float
    handling_minutes: Mapping[str, float]
    service_mix: Mapping[str, float]
    information_desk_minutes: float
    second_service_share: float
    patience_minutes: float | None
    volunteers_per_counter: float
    hourly_profile: Mapping[int, float]
    weekday_factors: Mapping[str, float]
    illustrative: tuple[str, ...] = ()
    """The assumptions still marked illustrative (all of them: ``("*",)``)."""

    @classmethod
    def of(cls, settings: PlanningSettings) -> Assumptions:
        """The assumptions of merged settings (:attr:`Franchise.planning`)."""

        def need(value: Any, name: str) -> Any:
            if value is None:
                raise ProblemsError(
                    [problem_at(settings, None, f"the planning assumptions have no {name}")]
                )
            return value

        target = need(settings.target, "target")
        provenance = settings.provenance
        return cls(
            target_share=target.share,
            within_minutes=target.within_minutes,
            max_occupancy=need(settings.max_occupancy, "max_occupancy"),
            shrinkage=need(settings.shrinkage, "shrinkage"),
            shift_hours=need(settings.shift_hours, "shift_hours"),
            default_handling_minutes=need(
                settings.default_handling_minutes, "default_handling_minutes"
            ),
            handling_minutes=dict(settings.handling_minutes or {}),
            service_mix=dict(settings.service_mix or {}),
            information_desk_minutes=need(
                settings.information_desk_minutes, "information_desk_minutes"
            ),
            second_service_share=need(settings.second_service_share, "second_service_share"),
            patience_minutes=settings.patience_minutes,
            volunteers_per_counter=need(settings.volunteers_per_counter, "volunteers_per_counter"),
            hourly_profile=dict(need(settings.hourly_profile, "hourly_profile")),
            weekday_factors={str(k): v for k, v in (settings.weekday_factors or {}).items()},
            illustrative=("*",) if provenance.illustrative else provenance.illustrative_fields,
        )

    def handling(self, service_id: str) -> float:
        """Minutes at the counter per application of ``service_id``."""
        return self.handling_minutes.get(service_id, self.default_handling_minutes)


@dataclass(frozen=True)
class Scenario:
    """A what-if: the same plan with demand changed. The default changes nothing."""

    demand_scale: float = 1.0
    """Every centre's demand times this (``--demand-scale 1.3``)."""
    mobile_share: float = 0.0
    """The share of each service a mobile unit can deliver that the buses take over."""
    portal: Mapping[str, float] = field(default_factory=dict)
    """Share of a service's applications that move to the e-government portal, per id."""

    @property
    def is_baseline(self) -> bool:
        return self.demand_scale == 1.0 and not self.mobile_share and not self.portal

    def as_json(self) -> dict[str, Any]:
        return {
            "demand_scale": self.demand_scale,
            "mobile_share": self.mobile_share,
            "portal": dict(sorted(self.portal.items())),
        }


@dataclass(frozen=True)
class HourPlan:
    """One counter group (or the desk) in one hour of the day."""

    hour: int
    """The slot from ``hour``:00 to ``hour``:59."""
    minutes: int
    """Minutes of the slot the centre is open."""
    arrivals: float
    """Expected applications arriving in the slot."""
    load: float
    """Offered load in Erlangs: counters busy on average."""
    handling: float
    """Mean minutes per application in this group and hour."""
    counters: int
    probability_of_waiting: float
    service_level: float
    """Share served within the target's minutes."""
    mean_wait: float
    p90_wait: float
    occupancy: float

    def as_json(self) -> dict[str, Any]:
        return {
            "hour": self.hour,
            "minutes_open": self.minutes,
            "arrivals": _r(self.arrivals),
            "load_erlangs": _r(self.load),
            "handling_minutes": _r(self.handling),
            "counters": self.counters,
            "probability_of_waiting": _r(self.probability_of_waiting),
            "served_within_target": _r(self.service_level),
            "mean_wait_minutes": _r(self.mean_wait),
            "p90_wait_minutes": _r(self.p90_wait),
            "occupancy": _r(self.occupancy),
        }


@dataclass(frozen=True)
class GroupPlan:
    """One agency's counters at a centre (or the information desk), over the day."""

    id: str
    """The agency's id, or :data:`DESK`."""
    services: tuple[str, ...]
    hours: tuple[HourPlan, ...]
    staff: int
    """People on the roster: counter-hours over the shift, grossed up for shrinkage."""

    @property
    def peak_counters(self) -> int:
        return max((h.counters for h in self.hours), default=0)

    @property
    def arrivals(self) -> float:
        return sum(h.arrivals for h in self.hours)

    @property
    def counter_hours(self) -> float:
        return sum(h.counters * h.minutes / 60 for h in self.hours)

    def as_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "services": list(self.services),
            "peak_counters": self.peak_counters,
            "counter_hours": _r(self.counter_hours),
            "staff_on_roster": self.staff,
            "arrivals": _r(self.arrivals),
            "hours": [h.as_json() for h in self.hours],
        }


@dataclass(frozen=True)
class CentrePlan:
    """One centre's plan for one day."""

    centre: str
    weekday: str
    groups: tuple[GroupPlan, ...]
    desk: GroupPlan
    volunteers_by_hour: tuple[int, ...]
    volunteers: int
    """Volunteers on the roster."""
    counters_declared: int | None
    volunteers_declared: int | None
    demand_illustrative: bool
    notes: tuple[str, ...] = ()
    spans: tuple[tuple[int, int], ...] = ()
    """The open intervals of the day, in minutes of the day (a lunch closure is a gap)."""
    service_day: tuple[tuple[str, float], ...] = ()
    """Applications per service on the planned day (after any what-if)."""
    hour_shares: tuple[float, ...] = ()
    """The share of the day's applications arriving in each open hour."""
    handling: tuple[tuple[str, float], ...] = ()
    """Minutes at the counter per application, per service planned."""

    @property
    def hours(self) -> tuple[int, ...]:
        return tuple(h.hour for h in self.desk.hours)

    @property
    def counters_by_hour(self) -> tuple[int, ...]:
        return tuple(
            sum(g.hours[i].counters for g in self.groups) for i in range(len(self.desk.hours))
        )

    @property
    def arrivals_by_hour(self) -> tuple[float, ...]:
        return tuple(
            sum(g.hours[i].arrivals for g in self.groups) for i in range(len(self.desk.hours))
        )

    @property
    def peak_counters(self) -> int:
        return max(self.counters_by_hour, default=0)

    @property
    def officers(self) -> int:
        return sum(g.staff for g in self.groups)

    @property
    def applications(self) -> float:
        return sum(g.arrivals for g in self.groups)

    @property
    def visitors(self) -> float:
        return self.desk.arrivals

    def _weighted(self, value: Callable[[HourPlan], float]) -> float:
        total = self.applications
        if total <= 0:
            return 0.0
        return sum(h.arrivals * value(h) for g in self.groups for h in g.hours) / total

    @property
    def service_level(self) -> float:
        """Share of the day's applications served within the target (arrival-weighted)."""
        return self._weighted(lambda h: h.service_level)

    @property
    def mean_wait(self) -> float:
        return self._weighted(lambda h: h.mean_wait)

    def within(self, minutes: float) -> float:
        """Share of the day's applications that wait at most ``minutes``."""
        return self._weighted(lambda h: _share_within(h, minutes))

    @property
    def wait_distribution(self) -> tuple[tuple[float, float], ...]:
        return tuple((m, self.within(m)) for m in WAIT_POINTS)

    def as_json(self) -> dict[str, Any]:
        return {
            "centre": self.centre,
            "weekday": self.weekday,
            "applications": _r(self.applications),
            "visitors": _r(self.visitors),
            "peak_counters": self.peak_counters,
            "counters_declared": self.counters_declared,
            "agency_officers_on_roster": self.officers,
            "front_desk_on_roster": self.desk.staff,
            "volunteers_on_roster": self.volunteers,
            "volunteers_declared": self.volunteers_declared,
            "served_within_target": _r(self.service_level),
            "mean_wait_minutes": _r(self.mean_wait),
            "wait_distribution": [
                {"minutes": m, "share_within": _r(s)} for m, s in self.wait_distribution
            ],
            "counters_by_hour": [
                {"hour": h, "counters": c, "volunteers": v, "arrivals": _r(a)}
                for h, c, v, a in zip(
                    self.hours,
                    self.counters_by_hour,
                    self.volunteers_by_hour,
                    self.arrivals_by_hour,
                    strict=True,
                )
            ],
            "demand_illustrative": self.demand_illustrative,
            "notes": list(self.notes),
            "groups": [g.as_json() for g in self.groups],
            "information_desk": self.desk.as_json(),
        }


@dataclass(frozen=True)
class CapacityPlan:
    """A country's plan: every centre with demand, under one set of assumptions."""

    country: str
    assumptions: Assumptions
    scenario: Scenario
    centres: tuple[CentrePlan, ...]
    not_planned: tuple[tuple[str, str], ...]
    """``(centre id, why)`` for each centre not planned: no demand record, closed on the
    day, or no applications that day."""

    @property
    def without_demand(self) -> tuple[str, ...]:
        """The ids of the centres not planned."""
        return tuple(centre for centre, _ in self.not_planned)

    def centre(self, centre_id: str) -> CentrePlan:
        for plan in self.centres:
            if plan.centre == centre_id:
                return plan
        raise KeyError(centre_id)

    @property
    def illustrative(self) -> bool:
        """True when any assumption or any centre's demand is illustrative."""
        return bool(self.assumptions.illustrative) or any(
            c.demand_illustrative for c in self.centres
        )

    def as_json(self) -> dict[str, Any]:
        a = self.assumptions
        return {
            "country": self.country,
            "target": {"share": a.target_share, "within_minutes": a.within_minutes},
            "assumptions": {
                "max_occupancy": a.max_occupancy,
                "shrinkage": a.shrinkage,
                "shift_hours": a.shift_hours,
                "information_desk_minutes": a.information_desk_minutes,
                "second_service_share": a.second_service_share,
                "volunteers_per_counter": a.volunteers_per_counter,
                "illustrative": list(a.illustrative),
            },
            "scenario": self.scenario.as_json(),
            "illustrative": self.illustrative,
            "centres": [c.as_json() for c in self.centres],
            "not_planned": [{"centre": c, "reason": why} for c, why in self.not_planned],
        }


def _r(value: float) -> float | None:
    """Rounded for JSON; None for an unbounded wait (JSON has no infinity)."""
    return None if math.isinf(value) else round(value, 4)


def _share_within(hour: HourPlan, minutes: float) -> float:
    return erlang.within_given_c(
        hour.probability_of_waiting, hour.counters, hour.load, hour.handling or 1.0, minutes
    )


# -- building a plan -------------------------------------------------------------------


def _minutes(hhmm: str) -> int:
    hours, minutes = hhmm.split(":")
    return int(hours) * 60 + int(minutes)


def open_spans(centre: Centre, weekday: str) -> tuple[tuple[int, int], ...]:
    """The centre's open intervals on ``weekday``, in minutes of the day, merged and in
    order: ``((480, 750), (810, 1020))`` for 08:00–12:30 and 13:30–17:00."""
    spans = sorted(
        (_minutes(h.opens), _minutes(h.closes)) for h in centre.opening_hours if weekday in h.days
    )
    merged: list[tuple[int, int]] = []
    for start, end in spans:
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], end))
        else:
            merged.append((start, end))
    return tuple(merged)


def open_minutes(spans: tuple[tuple[int, int], ...]) -> dict[int, int]:
    """Minutes open in each hour slot, for the slots with some."""
    slots: dict[int, int] = {}
    for hour in range(24):
        start, end = hour * 60, hour * 60 + 60
        covered = sum(max(0, min(end, b) - max(start, a)) for a, b in spans)
        if covered:
            slots[hour] = covered
    return slots


def _open_days(centre: Centre) -> list[str]:
    return [d for d in WEEKDAYS if any(d in h.days for h in centre.opening_hours)]


def _daily_demand(
    franchise: Franchise, centre: Centre, demand: Demand, a: Assumptions
) -> dict[str, float]:
    """Applications per service id on an average open day, as the record gives them."""
    if demand.per_day:
        return {sid: n for sid, n in demand.per_day.items() if n > 0}
    offered = [s.id for s in franchise.services_at(centre)]
    mix = a.service_mix
    weights = {sid: mix.get(sid, 0.0) for sid in offered} if mix else dict.fromkeys(offered, 1.0)
    total_weight = sum(weights.values())
    if total_weight <= 0:
        raise ProblemsError(
            [
                problem_at(
                    demand,
                    "total_per_day",
                    f"the service_mix gives no weight to any service centre {centre.id!r} "
                    "offers, so its total_per_day cannot be shared among them",
                    hint="add the centre's services to the planning record's service_mix, or "
                    "give this centre per_day per service",
                )
            ]
        )
    total = demand.total_per_day or 0.0
    return {sid: total * w / total_weight for sid, w in weights.items() if w > 0}


def _apply(
    franchise: Franchise, centre: Centre, daily: dict[str, float], scenario: Scenario
) -> dict[str, float]:
    changed: dict[str, float] = {}
    for sid, n in daily.items():
        n *= scenario.demand_scale
        service = franchise.service(sid)
        if (
            scenario.mobile_share
            and ChannelKind.MOBILE in service.channels
            and centre.kind != "mobile"
        ):
            n *= 1 - scenario.mobile_share
        n *= 1 - scenario.portal.get(sid, 0.0)
        if n > 0:
            changed[sid] = n
    return changed


def _design_day(
    centre: Centre, a: Assumptions, weekday: str | None, week: Sequence[str]
) -> tuple[str, float] | None:
    """The day planned and its demand factor (relative to the centre's average open day):
    the busiest open day, the first in the country's ``week`` among equals."""
    days = [d for d in week if d in _open_days(centre)]
    if not days:
        return None
    factors = {d: a.weekday_factors.get(d, 1.0) for d in days}
    mean = sum(factors.values()) / len(factors)
    if weekday is None:
        weekday = max(days, key=lambda d: factors[d])
    elif weekday not in factors:
        return None
    return weekday, (factors[weekday] / mean if mean > 0 else 0.0)


def size_hour(hour: int, minutes: int, arrivals: float, load: float, a: Assumptions) -> HourPlan:
    """Size one counter group for one hour: the fewest counters meeting the target, and
    what citizens then wait (one Erlang C, the rest derived from it)."""
    handling = load / (arrivals / minutes) if arrivals > 0 else 0.0
    counters = erlang.agents_needed(
        load, handling, a.target_share, a.within_minutes, a.max_occupancy
    )
    if load <= 0:
        return HourPlan(hour, minutes, 0.0, 0.0, 0.0, 0, 0.0, 1.0, 0.0, 0.0, 0.0)
    waits = erlang.erlang_c(counters, load)  # counters > load: agents_needed sees to it
    return HourPlan(
        hour=hour,
        minutes=minutes,
        arrivals=arrivals,
        load=load,
        handling=handling,
        counters=counters,
        probability_of_waiting=waits,
        service_level=erlang.within_given_c(waits, counters, load, handling, a.within_minutes),
        mean_wait=erlang.mean_wait_given_c(waits, counters, load, handling),
        p90_wait=erlang.quantile_given_c(waits, 0.9, counters, load, handling),
        occupancy=load / counters,
    )


def roster(on_duty: Iterable[tuple[int, int]], a: Assumptions) -> int:
    """People on the roster for ``(people on duty, minutes)`` per hour: enough for the
    busiest hour and for the day's person-hours over one shift, grossed up for shrinkage."""
    duty = list(on_duty)
    peak = max((n for n, _ in duty), default=0)
    if peak == 0:
        return 0
    hours = sum(n * m / 60 for n, m in duty)
    return math.ceil(max(peak, hours / a.shift_hours) / (1 - a.shrinkage) - 1e-9)


def plan_centre(
    franchise: Franchise,
    centre: Centre,
    demand: Demand,
    a: Assumptions,
    scenario: Scenario = Scenario(),
    weekday: str | None = None,
) -> CentrePlan | str:
    """The plan of one centre, or why there is none: closed on ``weekday``, or no
    applications that day."""
    chosen = _design_day(centre, a, weekday, franchise.country.week.days)
    if chosen is None:
        return f"closed on {weekday}" if weekday else "no opening hours"
    day, factor = chosen
    if factor <= 0:
        return f"no applications on {day} (its weekday factor is 0)"
    spans = open_spans(centre, day)
    slots = open_minutes(spans)
    profile = demand.hourly_profile or a.hourly_profile
    weights = {h: profile.get(h, 0.0) * m / 60 for h, m in slots.items()}
    total_weight = sum(weights.values())
    if total_weight <= 0:
        opening = ", ".join(f"{h:02d}:00" for h in slots)
        raise ProblemsError(
            [
                problem_at(
                    demand,
                    "hourly_profile" if demand.hourly_profile else "centre",
                    f"the hourly_profile gives no weight to the hours centre {centre.id!r} is "
                    f"open on {day} ({opening})",
                    hint="give those hours a weight in this centre's hourly_profile"
                    if demand.hourly_profile
                    else "give those hours a weight in the country's planning record "
                    "(hourly_profile), or give this centre its own hourly_profile here",
                )
            ]
        )
    daily = _apply(franchise, centre, _daily_demand(franchise, centre, demand, a), scenario)
    if not daily:
        return f"no applications on {day} (the what-if moves them all away)"
    by_agency: dict[str, list[str]] = {}
    for sid in daily:
        by_agency.setdefault(franchise.service(sid).agency, []).append(sid)
    hours = sorted(slots)
    groups: list[GroupPlan] = []
    for agency_id in sorted(by_agency):
        sids = by_agency[agency_id]
        applications = sum(daily[s] for s in sids) * factor
        work = sum(daily[s] * a.handling(s) for s in sids) * factor  # counter-minutes
        plans = []
        for h in hours:
            share = weights[h] / total_weight
            arrivals = applications * share
            plans.append(size_hour(h, slots[h], arrivals, work * share / slots[h], a))
        staff = roster(((p.counters, p.minutes) for p in plans), a)
        groups.append(GroupPlan(agency_id, tuple(sorted(sids)), tuple(plans), staff))
    desk_hours = []
    for i, h in enumerate(hours):
        applications = sum(g.hours[i].arrivals for g in groups)
        visitors = applications / (1 + a.second_service_share)
        load = visitors * a.information_desk_minutes / slots[h]
        desk_hours.append(size_hour(h, slots[h], visitors, load, a))
    desk = GroupPlan(
        DESK, (), tuple(desk_hours), roster(((p.counters, p.minutes) for p in desk_hours), a)
    )
    counters = [sum(g.hours[i].counters for g in groups) for i in range(len(hours))]
    volunteers_by_hour = tuple(math.ceil(a.volunteers_per_counter * c - 1e-9) for c in counters)
    volunteers = roster(zip(volunteers_by_hour, (slots[h] for h in hours), strict=True), a)
    notes = []
    quiet = [
        g.id
        for g in groups
        if g.counter_hours
        and sum(h.load * h.minutes / 60 for h in g.hours) < 0.25 * g.counter_hours
    ]
    if quiet:
        notes.append(
            f"the counters of {', '.join(quiet)} would be busy less than a quarter of the time: "
            + (
                "consider one counter shared between these agencies"
                if len(quiet) > 1
                else "consider sharing its counter with another agency"
            )
        )
    peak = max(counters, default=0)
    if centre.counters is not None and peak > centre.counters:
        notes.append(f"needs {peak} counters at its busiest hour; the centre has {centre.counters}")
    return CentrePlan(
        centre=centre.id,
        weekday=day,
        groups=tuple(groups),
        desk=desk,
        volunteers_by_hour=volunteers_by_hour,
        volunteers=volunteers,
        counters_declared=centre.counters,
        volunteers_declared=centre.volunteers,
        demand_illustrative=demand.provenance.illustrative,
        notes=tuple(notes),
        spans=spans,
        service_day=tuple((sid, n * factor) for sid, n in sorted(daily.items())),
        hour_shares=tuple(weights[h] / total_weight for h in hours),
        handling=tuple((sid, a.handling(sid)) for sid in sorted(daily)),
    )


def plan(
    franchise: Franchise,
    *,
    centre: str | None = None,
    demand: Iterable[Demand] | None = None,
    target: tuple[float, float] | None = None,
    scenario: Scenario = Scenario(),
    weekday: str | None = None,
) -> CapacityPlan:
    """The capacity plan of ``franchise``'s centres.

    :param centre: plan only this centre (its id).
    :param demand: demand records to use instead of the country's (``--demand FILE``).
    :param target: ``(share, within_minutes)`` instead of the country's target.
    :param scenario: a what-if applied to demand.
    :param weekday: plan this weekday (``sat``) instead of each centre's busiest.
    :raises ProblemsError: an unknown centre, or demand that cannot be spread.
    """
    if franchise.planning is None:
        raise ProblemsError([Problem(f"{franchise.country.code} has no planning assumptions")])
    a = Assumptions.of(franchise.planning)
    if target is not None:
        a = replace(a, target_share=target[0], within_minutes=target[1])
    records = {d.centre: d for d in (franchise.demand if demand is None else demand)}
    centres = list(franchise.centres)
    if centre is not None:
        known = {c.id for c in centres}
        if centre not in known:
            raise ProblemsError(
                [
                    Problem(
                        f"{centre!r} is not a centre of {franchise.country.code}",
                        hint=f"use one of: {', '.join(sorted(known))}",
                    )
                ]
            )
        centres = [c for c in centres if c.id == centre]
    for sid in scenario.portal:
        try:
            franchise.service(sid)
        except KeyError:
            raise ProblemsError(
                [
                    Problem(
                        f"--to-portal names {sid!r}, which is not a service of "
                        f"{franchise.country.code}",
                        hint=f"asan catalogue {franchise.country.code} lists the service ids",
                    )
                ]
            ) from None
    planned: list[CentrePlan] = []
    not_planned: list[tuple[str, str]] = []
    problems: list[Problem] = []
    for c in centres:
        record = records.get(c.id)
        if record is None:
            not_planned.append((c.id, "no demand record"))
            continue
        try:
            result = plan_centre(franchise, c, record, a, scenario, weekday)
        except ProblemsError as exc:
            problems.extend(exc.problems)
            continue
        if isinstance(result, str):
            not_planned.append((c.id, result))
        else:
            planned.append(result)
    if problems:
        raise ProblemsError(problems)
    return CapacityPlan(franchise.country.code, a, scenario, tuple(planned), tuple(not_planned))


@dataclass(frozen=True)
class CentreChange:
    """How a what-if changes one centre's plan."""

    centre: str
    before: CentrePlan | None
    after: CentrePlan | None

    def _delta(self, value: Any) -> tuple[float, float]:
        before = value(self.before) if self.before else 0
        after = value(self.after) if self.after else 0
        return before, after

    def rows(self) -> list[tuple[str, float, float]]:
        """``(what, before, after)`` for the figures a ministry compares."""
        return [
            ("applications", *self._delta(lambda p: p.applications)),
            ("peak_counters", *self._delta(lambda p: p.peak_counters)),
            ("agency_officers_on_roster", *self._delta(lambda p: p.officers)),
            ("front_desk_on_roster", *self._delta(lambda p: p.desk.staff)),
            ("volunteers_on_roster", *self._delta(lambda p: p.volunteers)),
        ]

    def as_json(self) -> dict[str, Any]:
        return {
            "centre": self.centre,
            "changes": {
                what: {"before": _r(b), "after": _r(x), "difference": _r(x - b)}
                for what, b, x in self.rows()
            },
        }


def compare(before: CapacityPlan, after: CapacityPlan) -> list[CentreChange]:
    """Centre by centre, the plan before and after a what-if."""
    ids = [c.centre for c in before.centres] + [
        c.centre for c in after.centres if c.centre not in {p.centre for p in before.centres}
    ]
    by_before = {c.centre: c for c in before.centres}
    by_after = {c.centre: c for c in after.centres}
    return [CentreChange(cid, by_before.get(cid), by_after.get(cid)) for cid in ids]
