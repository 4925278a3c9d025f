"""Run the conformance rules on a franchise and hold what they found."""

from __future__ import annotations

import traceback
from dataclasses import dataclass

from asan_core.base.problems import Problem, ProblemsError
from asan_core.contract.franchise import Franchise
from asan_core.contract.rules import ConformanceRule, Finding, Severity
from asan_core.contract.translations import catalog_files, checked_catalog


@dataclass(frozen=True)
class CheckReport:
    """All findings of all rules for one franchise."""

    country: str
    rules: tuple[ConformanceRule, ...]
    """The rules that ran, in order."""
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


def interface_catalog_problems(franchise: Franchise) -> list[Problem]:
    """Every broken entry of the interface catalogs of the country's locales (and their
    base languages), in every folder of the franchise's catalog chain."""
    problems: list[Problem] = []
    for locale in franchise.country.locales:
        for _, candidate, path in catalog_files(franchise.plugins.catalog_chain, locale):
            problems.extend(checked_catalog(path, candidate)[1])
    return list(dict.fromkeys(problems))


def run_checks(franchise: Franchise) -> CheckReport:
    """Run every rule the franchise's plugins declared; findings keep rule order.

    A rule that raises is a bug in its plugin: it stops the check with a problem naming
    the rule, not with a traceback. The interface catalogs the kit would use are checked
    first (a broken translation is an input error, located, exit 2), as the content
    catalogs already were when the franchise resolved.
    """
    catalog_problems = interface_catalog_problems(franchise)
    if catalog_problems:
        raise ProblemsError(catalog_problems)
    findings: list[Finding] = []
    for rule in franchise.plugins.rules:
        try:
            findings.extend(rule.run(franchise))
        except Exception as exc:  # a plugin's rule must not crash the check
            raise ProblemsError(
                [
                    Problem(
                        f"conformance rule {rule.id!r} raised {type(exc).__name__}: {exc}",
                        hint="a bug in the plugin that declares the rule; since plugin "
                        "contract 2.0 a rule's check receives (rule, franchise) — declare it "
                        "with asan_core.rule",
                        detail=traceback.format_exc(),
                    )
                ]
            ) from exc
    return CheckReport(franchise.country.code, franchise.plugins.rules, tuple(findings))
