"""Conformance rules: checks that a franchise keeps the model's principles.

A rule is declared once, with :func:`rule`, around a function that receives the rule
itself and the :class:`~asan_core.contract.franchise.Franchise` and yields
:class:`Finding` objects::

    @rule(
        "comfort.parking",
        "comfort",
        Severity.WARNING,
        "Every centre says whether it has parking.",
        "Citizens with a car plan their visit by it.",
        "add parking to the centre's features",
    )
    def parking(this: ConformanceRule, franchise: Franchise) -> Iterator[Finding]:
        for centre in franchise.centres:
            if "parking" not in centre.features:
                yield this.finding(f"centre {centre.id!r} says nothing of parking")

Rules come from plugins through the ``asan_conformance_rules`` hook; the core contributes
its own the same way (:mod:`asan_core.builtins.rules`).

The franchise parameter is typed ``Any`` here because the Franchise carries the rules of
its plugins: naming it would tie this module and :mod:`~asan_core.contract.franchise` in a
circle. A rule's own function names it, and mypy checks it there.
"""

from __future__ import annotations

import inspect
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

from asan_core.base.problems import Problem


class Severity(StrEnum):
    """How much a finding matters: errors fail ``asan check`` (exit 1)."""

    ERROR = "error"
    WARNING = "warning"
    INFO = "info"


@dataclass(frozen=True)
class Finding:
    """One result of a rule, pointing at the record it is about."""

    rule: str
    principle: str
    severity: Severity
    message: str
    location: Problem | None = None
    """Where: plugin, file, line and field (the message of this Problem is unused)."""
    hint: str | None = None

    def as_json(self) -> dict[str, object]:
        """Stable JSON shape (documented in docs/cli-json.md)."""
        where = self.location.as_json() if self.location else {}
        return {
            "rule": self.rule,
            "principle": self.principle,
            "severity": str(self.severity),
            "message": self.message,
            "plugin": where.get("plugin"),
            "file": where.get("file"),
            "line": where.get("line"),
            "field": where.get("field"),
            "hint": self.hint,
        }


RuleCheck = Callable[["ConformanceRule", Any], Iterable[Finding]]
"""``check(rule, franchise)``: the findings of ``rule`` on ``franchise``."""


@dataclass(frozen=True)
class ConformanceRule:
    """A named check: which principle it serves, how severe, why, and how to fix."""

    id: str
    principle: str
    severity: Severity
    description: str
    rationale: str
    hint: str
    check: RuleCheck = field(compare=False, repr=False)
    subjects: Callable[[Any], int] | None = field(default=None, compare=False, repr=False)
    """How many things the rule checks (services, centres, ...); scored rules only."""

    def run(self, franchise: Any) -> tuple[Finding, ...]:
        """The findings of this rule on ``franchise``.

        A check written for plugin contract 1 takes the franchise alone; it is still called
        that way (deprecated, until contract 3.0).
        """
        if len(inspect.signature(self.check).parameters) == 1:
            legacy: Callable[[Any], Iterable[Finding]] = self.check  # type: ignore[assignment]
            return tuple(legacy(franchise))
        return tuple(self.check(self, franchise))

    def finding(
        self,
        message: str,
        location: Problem | None = None,
        severity: Severity | None = None,
    ) -> Finding:
        """A finding of this rule (with the rule's severity unless given)."""
        return Finding(
            rule=self.id,
            principle=self.principle,
            severity=severity or self.severity,
            message=message,
            location=location,
            hint=self.hint,
        )


def rule(
    rule_id: str,
    principle: str,
    severity: Severity,
    description: str,
    rationale: str,
    hint: str,
    subjects: Callable[[Any], int] | None = None,
) -> Callable[[RuleCheck], ConformanceRule]:
    """Declare the decorated ``check(rule, franchise)`` as a conformance rule.

    The decorated name becomes the :class:`ConformanceRule`; return it (in a list) from
    ``asan_conformance_rules``.
    """

    def declare(check: RuleCheck) -> ConformanceRule:
        return ConformanceRule(
            id=rule_id,
            principle=principle,
            severity=severity,
            description=description,
            rationale=rationale,
            hint=hint,
            check=check,
            subjects=subjects,
        )

    return declare
