"""Merge the planning assumptions field by field, and check demand against the centres.

The core contributes a complete :class:`~asan_core.model.PlanningSettings`, illustrative;
each later record (plugins in registration order) replaces the fields it sets. The
service-level target is the country's own standard when its ``targets`` give both the
wait and the share (the standard ``asan ops`` measures against): one number, written
once. The result is marked honestly: a field that still holds the core's starting value,
or the country's illustrative targets, is listed among the record's ``illustrative_fields``.
"""

from __future__ import annotations

from collections.abc import Sequence

from asan_core.base.problems import Problem
from asan_core.contract.locate import problem_at
from asan_core.model import (
    Centre,
    CentreKind,
    Country,
    Demand,
    PlanningSettings,
    Provenance,
    Service,
    ServiceLevelTarget,
)

PLANNING_FIELDS = tuple(
    name for name in PlanningSettings.model_fields if name not in {"provenance"}
)
"""The assumptions a plan needs, every one of them."""

OPTIONAL_FIELDS = frozenset(
    {"patience_minutes", "handling_minutes", "service_mix", "weekday_factors"}
)
"""Fields a complete set of assumptions may leave out: nobody gives up; every service
takes the default handling time; services weigh the same; every weekday is alike."""


def merge_planning(
    records: Sequence[PlanningSettings], country: Country, problems: list[Problem]
) -> PlanningSettings | None:
    """Fold ``records`` in order: each set field replaces the value before it.

    Returns None when no plugin contributes planning at all (the core always does).
    """
    if not records:
        return None
    values: dict[str, object] = {}
    set_by: dict[str, PlanningSettings] = {}
    for record in records:
        for name in record.model_fields_set - {"provenance"}:
            values[name] = getattr(record, name)
            set_by[name] = record
    last = records[-1]
    core = records[0]
    standard = _country_standard(country, problems)
    if standard is not None:
        target, illustrative = standard
        written = values.get("target")
        if (
            isinstance(written, ServiceLevelTarget)
            and set_by["target"] is not core
            and written != target
        ):
            problems.append(
                problem_at(
                    set_by["target"],
                    "target",
                    f"the planning target ({written.share:.0%} within "
                    f"{written.within_minutes:g} min) differs from the country's targets "
                    f"({target.share:.0%} within {target.within_minutes:g} min)",
                    hint="write the service-level target once: in the country's targets "
                    "(waiting_minutes, served_within_target_percent), which asan ops "
                    "measures against too; remove target from the planning record",
                )
            )
            return None
        values["target"] = target
        if illustrative:
            set_by["target"] = core  # as illustrative as the core's starting values
        else:
            set_by["target"] = last
    missing = [
        name for name in PLANNING_FIELDS if name not in values and name not in OPTIONAL_FIELDS
    ]
    if missing:
        problems.append(
            problem_at(
                last,
                None,
                f"the planning assumptions of {country.code} have no value for "
                f"{', '.join(missing)}",
                hint="set them in the country's planning record (the core's starting "
                "values are in asan_core/builtins/content/planning.yaml)",
            )
        )
        return None
    # Fields still at the core's starting values are as illustrative as the core's record.
    inherited = sorted(
        name
        for name, record in set_by.items()
        if record is not last and record.provenance.illustrative
    )
    provenance = last.provenance
    if inherited and not provenance.illustrative:
        provenance = Provenance(
            source=provenance.source,
            note=provenance.note,
            illustrative_fields=tuple(sorted({*provenance.illustrative_fields, *inherited})),
        )
    merged = PlanningSettings.model_validate({**values, "provenance": provenance})
    return merged.with_origin(last.origin) if last.origin else merged


def _country_standard(
    country: Country, problems: list[Problem]
) -> tuple[ServiceLevelTarget, bool] | None:
    """The country's own service-level standard, from its ``targets`` (the standard
    ``asan ops`` measures against), when it gives both the wait and the share; with
    whether it is illustrative."""
    targets = country.targets
    if targets is None or targets.waiting_minutes is None:
        return None
    share = targets.served_within_target_percent
    if share is None:
        return None
    if not 0 < share < 100 or targets.waiting_minutes > 240:
        problems.append(
            problem_at(
                country,
                "targets",
                f"a plan cannot be sized for {share:g} % served within "
                f"{targets.waiting_minutes:g} minutes",
                hint="give a share above 0 and below 100 % (no number of counters serves "
                "everyone at once) and a wait up to 240 minutes",
            )
        )
        return None
    provenance = country.provenance
    illustrative = provenance.illustrative or "targets" in provenance.illustrative_fields
    return ServiceLevelTarget(share=share / 100, within_minutes=targets.waiting_minutes), (
        illustrative
    )


def _offers(centre: Centre, service: Service) -> bool:
    if centre.all_services:
        channel = "mobile" if centre.kind is CentreKind.MOBILE else "centre"
        return channel in service.channels
    return service.id in centre.services


def check_demand(
    demand: Sequence[Demand],
    planning: PlanningSettings | None,
    centres: Sequence[Centre],
    services: Sequence[Service],
    country: Country,
) -> list[Problem]:
    """Every centre and service a demand record or the planning names exists, each centre
    has at most one demand record, and each service is one the centre offers."""
    problems: list[Problem] = []
    by_id = {c.id: c for c in centres}
    known_services = {s.id: s for s in services}
    seen: dict[str, Demand] = {}
    for record in demand:
        centre = by_id.get(record.centre)
        if centre is None:
            problems.append(
                problem_at(
                    record,
                    "centre",
                    f"{record.centre!r} is not a known centre of {country.code}",
                    hint=f"use one of: {', '.join(sorted(by_id)) or 'none yet'}",
                )
            )
            continue
        if record.centre in seen:
            first = seen[record.centre].origin
            problems.append(
                problem_at(
                    record,
                    "centre",
                    f"a second demand record for centre {record.centre!r}; the first is in "
                    f"{first.describe() if first else 'another plugin'}",
                    hint="give each centre one demand record (add its services to the first)",
                )
            )
            continue
        seen[record.centre] = record
        for service_id in record.per_day:
            service = known_services.get(service_id)
            if service is None:
                problems.append(
                    problem_at(
                        record,
                        f"per_day.{service_id}",
                        f"per_day names {service_id!r}, which is not a known service of "
                        f"{country.code}",
                        hint="use the id of one of the country's services (asan catalogue "
                        f"{country.code} lists them)",
                    )
                )
            elif not _offers(centre, service):
                problems.append(
                    problem_at(
                        record,
                        f"per_day.{service_id}",
                        f"per_day names {service_id!r}, which centre {centre.id!r} does not offer",
                        hint="add the service to the centre's services, or remove it here",
                    )
                )
    if planning is not None:
        for field in ("handling_minutes", "service_mix"):
            for service_id in getattr(planning, field) or {}:
                if service_id not in known_services:
                    problems.append(
                        problem_at(
                            planning,
                            f"{field}.{service_id}",
                            f"{field} names {service_id!r}, which is not a known service of "
                            f"{country.code}",
                            hint="use the id of one of the country's services, or remove it",
                        )
                    )
    return problems
