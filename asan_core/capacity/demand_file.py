"""Demand given on the command line (``asan plan --demand FILE``): a records file with a
``demand:`` section, validated and checked against the country like its own data."""

from __future__ import annotations

from pathlib import Path

from asan_core.base.problems import Problem, ProblemsError
from asan_core.contract.franchise import Franchise
from asan_core.franchise.planning import check_demand
from asan_core.model import Demand
from asan_core.plugin_kit import YamlDocument

SOURCE = "--demand"
"""What problems in the file name as their plugin."""


def read_demand(path: Path, franchise: Franchise) -> list[Demand]:
    """The demand records of ``path`` for ``franchise``'s country.

    The file is written like a plugin's records file (docs/data-files.md)::

        country: AF
        demand:
          - centre: kabul
            total_per_day: 1500
            provenance: illustrative

    :raises ProblemsError: every problem found, located (file, line, field).
    """
    code = franchise.country.code
    if not path.is_file():
        raise ProblemsError(
            [Problem(f"the demand file {path} does not exist", hint="check the path")]
        )
    doc = YamlDocument(path, SOURCE)
    if doc.problems:
        raise ProblemsError(doc.problems)
    data = doc.data
    if not isinstance(data, dict) or "demand" not in data:
        raise ProblemsError(
            [
                doc.problem(
                    (),
                    "a demand file is a mapping with 'country:' and 'demand:'",
                    hint=f"start it with 'country: {code}' and a 'demand:' list (docs/plan.md)",
                )
            ]
        )
    unknown = sorted(set(data) - {"country", "demand"})
    if unknown:
        doc.problems.append(
            doc.problem(
                (unknown[0],),
                f"unknown section {unknown[0]!r} in a demand file",
                hint="a demand file holds only 'country:' and 'demand:'",
            )
        )
    if data.get("country") != code:
        doc.problems.append(
            doc.problem(
                ("country",),
                f"the file is for {data.get('country')!r}, not {code}",
                hint=f"write 'country: {code}', or plan the country the file is for",
            )
        )
    items = data["demand"]
    records: list[Demand] = []
    if not isinstance(items, list) or not items:
        doc.problems.append(doc.problem(("demand",), "expected a list of demand records"))
    else:
        for index in range(len(items)):
            record = doc.validate(Demand, ("demand", index))
            if record is not None:
                records.append(record)
    if doc.problems:
        raise ProblemsError(doc.problems)
    problems = check_demand(records, None, franchise.centres, franchise.services, franchise.country)
    if problems:
        raise ProblemsError(problems)
    return records
