"""Conformance rules: checks that a franchise keeps the model's principles.

A rule is a function of the :class:`~asan_core.franchise.Franchise` that yields
:class:`Finding` objects. Rules come from plugins through the
``asan_conformance_rules`` hook; the core contributes its own the same way
(:mod:`asan_core.default_conformance`).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from enum import StrEnum
from typing import TYPE_CHECKING

from asan_core.problems import Problem

if TYPE_CHECKING:
    from asan_core.franchise import Franchise
    from asan_core.plugins import PluginHost


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


@dataclass(frozen=True)
class ConformanceRule:
    """A named check: which principle it serves, how severe, why, and how to fix."""

    id: str
    principle: str
    severity: Severity
    description: str
    rationale: str
    hint: str
    check: Callable[[Franchise], Iterable[Finding]] = field(compare=False, repr=False)
    subjects: Callable[[Franchise], int] | None = field(default=None, compare=False, repr=False)
    """How many things the rule checks (services, centres, ...); scored rules only."""

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


@dataclass(frozen=True)
class CheckReport:
    """All findings of all rules for one franchise."""

    country: str
    rules: tuple[ConformanceRule, ...]
    findings: tuple[Finding, ...]

    @property
    def has_errors(self) -> bool:
        """True when any finding is an error."""
        return any(f.severity is Severity.ERROR for f in self.findings)

    def count(self, severity: Severity) -> int:
        """Number of findings of ``severity``."""
        return sum(1 for f in self.findings if f.severity is severity)

    def scores(self, franchise: Franchise) -> dict[str, int | None]:
        """Per principle: the share of checked things without an error or warning (0–100).

        Every scored rule checks some subjects (each service, each centre, ...); a subject
        with a warning or an error counts as failed. ``None`` when no scored rule serves
        the principle.
        """
        totals: dict[str, list[int]] = {}
        for rule in self.rules:
            if rule.subjects is None:
                continue
            subjects = rule.subjects(franchise)
            failed = sum(
                1 for f in self.findings if f.rule == rule.id and f.severity is not Severity.INFO
            )
            entry = totals.setdefault(rule.principle, [0, 0])
            entry[0] += subjects
            entry[1] += min(failed, subjects)
        principles = dict.fromkeys(r.principle for r in self.rules)
        return {
            principle: (
                round(100 * (1 - totals[principle][1] / totals[principle][0]))
                if principle in totals and totals[principle][0]
                else None
            )
            for principle in principles
        }


def collect_rules(host: PluginHost) -> tuple[list[ConformanceRule], list[Problem]]:
    """Every rule from every plugin; a duplicate rule id is a problem naming the plugin."""
    rules: dict[str, ConformanceRule] = {}
    problems: list[Problem] = []
    for plugin, answer in host.call_each("asan_conformance_rules"):
        for rule in answer or []:
            if not isinstance(rule, ConformanceRule):
                problems.append(
                    Problem(
                        f"asan_conformance_rules returned {type(rule).__name__}, "
                        "expected ConformanceRule",
                        plugin=plugin,
                    )
                )
            elif rule.id in rules:
                problems.append(
                    Problem(f"conformance rule {rule.id!r} is defined twice", plugin=plugin)
                )
            else:
                rules[rule.id] = rule
    return list(rules.values()), problems


def run_checks(franchise: Franchise, rules: Iterable[ConformanceRule]) -> CheckReport:
    """Run ``rules`` on ``franchise``; findings keep rule order, then record order."""
    rule_list = tuple(rules)
    findings: list[Finding] = []
    for rule in rule_list:
        findings.extend(rule.check(franchise))
    return CheckReport(franchise.country.code, rule_list, tuple(findings))
