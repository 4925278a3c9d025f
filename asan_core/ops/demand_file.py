"""Demand measured from queue tickets, written as a demand file for ``asan plan --demand``.

This closes the loop between measuring a centre and planning it: the applications each
centre received on an average open day, per service, and its own hourly arrival profile,
from what the electronic queue recorded, with provenance that says so. The mean minutes
at the counter per service are written beside them as comments, for the planner to copy
into the country's ``planning`` record (``handling_minutes``) once reviewed.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence

import yaml

from asan_core.contract.franchise import Franchise
from asan_core.ops.measure import DemandCell


def demand_document(
    franchise: Franchise, cells: Sequence[DemandCell], source: str
) -> tuple[str, int]:
    """The YAML text of a demand file for ``franchise`` from measured ``cells``, and the
    number of centres in it. ``source`` says where the tickets came from."""
    days: dict[str, dict[int, int]] = defaultdict(dict)
    per_service: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    per_hour: dict[str, dict[int, int]] = defaultdict(lambda: defaultdict(int))
    minutes: dict[str, list[tuple[float, int]]] = defaultdict(list)
    marked: set[str] = set()
    for cell in cells:
        if cell.illustrative:
            marked.add(cell.centre)
        days[cell.centre][cell.weekday] = cell.days
        per_service[cell.centre][cell.service] += cell.tickets
        per_hour[cell.centre][cell.hour] += cell.tickets
        if cell.mean_service_minutes is not None:
            minutes[cell.service].append((cell.mean_service_minutes, cell.tickets))
    known = {c.id for c in franchise.centres}
    records = []
    for centre in sorted(per_service):
        if centre not in known:
            continue
        open_days = sum(days[centre].values())
        measured = f"{source}: {sum(per_service[centre].values())} tickets on {open_days} open days"
        records.append(
            {
                "centre": centre,
                "per_day": {
                    service: round(count / open_days, 2)
                    for service, count in sorted(per_service[centre].items())
                },
                "hourly_profile": dict(sorted(per_hour[centre].items())),
                "provenance": (
                    {
                        "illustrative": True,
                        "note": f"Measured from illustrative (synthetic) tickets — {measured}.",
                    }
                    if centre in marked
                    else {"source": measured}
                ),
            }
        )
    lines = [
        f"# Demand measured from queue tickets ({source}), for asan plan --demand.",
        "# per_day: tickets per service on an average open day; hourly_profile: tickets per",
        "# hour of the day over the period. Measured minutes at the counter per service (to",
        "# review, then copy into the planning record's handling_minutes):",
    ]
    for service in sorted(minutes):
        weighted = minutes[service]
        total = sum(n for _, n in weighted)
        if total:
            mean = sum(m * n for m, n in weighted) / total
            lines.append(f"#   {service}: {mean:.1f}")
    body = yaml.safe_dump(
        {"country": franchise.country.code, "demand": records},
        allow_unicode=True,
        sort_keys=False,
        width=100,
    )
    return "\n".join(lines) + "\n" + body, len(records)
