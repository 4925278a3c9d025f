"""Merge what several plugins contribute: unique ids, principle changes, module replacement."""

from __future__ import annotations

from typing import TypeVar

from asan_core.base.problems import Problem
from asan_core.contract.locate import problem_at, record_label
from asan_core.model import CurriculumModule, ModuleChange, Principle, PrincipleChange, Record

R = TypeVar("R", bound=Record)


def unique_ids(records: list[R], problems: list[Problem]) -> list[R]:
    kept: dict[str, R] = {}
    for record in records:
        rid = record.id  # type: ignore[attr-defined]
        if rid in kept:
            first = kept[rid].origin
            problems.append(
                problem_at(
                    record,
                    "id",
                    f"duplicate {record_label(record)}: already contributed by "
                    f"{first.describe() if first else 'another plugin'}",
                    hint="ids are unique per country across all plugins; rename one of them",
                )
            )
            continue
        kept[rid] = record
    return list(kept.values())


def merge_principles(
    items: list[Record], problems: list[Problem]
) -> tuple[list[Principle], list[PrincipleChange]]:
    principles = unique_ids([r for r in items if isinstance(r, Principle)], problems)
    changes = [r for r in items if isinstance(r, PrincipleChange)]
    by_id = {p.id: p for p in principles}
    for change in changes:
        current = by_id.get(change.id)
        if change.action == "add":
            if current is not None:
                problems.append(
                    problem_at(
                        change,
                        "id",
                        f"principle {change.id!r} already exists; it cannot be added again",
                        hint="use action: adapt to rename or redefine it",
                    )
                )
                continue
            assert change.name is not None and change.definition is not None
            added = Principle(
                id=change.id,
                name=change.name,
                definition=change.definition,
                provenance=change.provenance,
            )
            if change.origin:
                added = added.with_origin(change.origin)
            by_id[change.id] = added
            continue
        if current is None:
            problems.append(
                problem_at(
                    change,
                    "id",
                    f"there is no principle {change.id!r} to {change.action}",
                    hint=f"principles: {', '.join(by_id)}",
                )
            )
            continue
        if change.action == "drop":
            del by_id[change.id]
        else:
            adapted = current.model_copy(
                update={
                    "name": change.name or current.name,
                    "definition": change.definition or current.definition,
                    "provenance": change.provenance,
                }
            )
            if change.origin:
                adapted = adapted.with_origin(change.origin)
            by_id[change.id] = adapted
    return list(by_id.values()), changes


def merge_curriculum(
    items: list[Record], problems: list[Problem]
) -> tuple[list[CurriculumModule], list[ModuleChange]]:
    modules: dict[str, CurriculumModule] = {}
    changes = [r for r in items if isinstance(r, ModuleChange)]
    for module in (r for r in items if isinstance(r, CurriculumModule)):
        if module.replaces is not None:
            if module.replaces not in modules:
                problems.append(
                    problem_at(
                        module,
                        "replaces",
                        f"there is no module {module.replaces!r} to replace",
                        hint=f"modules: {', '.join(modules) or 'none'}",
                    )
                )
                continue
            del modules[module.replaces]
        if module.id in modules:
            problems.extend(_duplicate(module, modules[module.id]))
            continue
        modules[module.id] = module
    for change in changes:
        if change.id not in modules:
            problems.append(problem_at(change, "id", f"there is no module {change.id!r} to drop"))
            continue
        del modules[change.id]
    return list(modules.values()), changes


def _duplicate(record: Record, first: Record) -> list[Problem]:
    return [
        problem_at(
            record,
            "id",
            f"duplicate {record_label(record)}: already contributed by "
            f"{first.origin.describe() if first.origin else 'another plugin'}",
            hint="use replaces: <id> to take an inherited module's place",
        )
    ]
