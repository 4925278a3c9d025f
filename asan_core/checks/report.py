"""The conformance report: grouped by principle, scored, as text lines, JSON or HTML."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from asan_core.base.resources import templates_dir
from asan_core.base.version import __version__
from asan_core.builtins.principles import core_principles
from asan_core.checks.run import CheckReport
from asan_core.contract.franchise import Franchise
from asan_core.contract.rules import ConformanceRule, Finding, Severity
from asan_core.model import SOURCE_LOCALE


@dataclass
class RuleSection:
    """One rule and its findings."""

    rule: ConformanceRule
    findings: list[Finding] = field(default_factory=list)


@dataclass
class PrincipleSection:
    """One principle: its name in the franchise, its score, its rules and findings."""

    id: str
    name: str
    note: str
    score: int | None
    rules: list[RuleSection] = field(default_factory=list)

    def count(self, severity: Severity) -> int:
        """Findings of ``severity`` under this principle."""
        return sum(1 for r in self.rules for f in r.findings if f.severity is severity)


def principle_sections(report: CheckReport, franchise: Franchise) -> list[PrincipleSection]:
    """The report grouped by principle, in the model's order, then any others."""
    current = {p.id: franchise.text(p.name, SOURCE_LOCALE) for p in franchise.principles}
    core = {p.id: p.name[SOURCE_LOCALE] for p in core_principles()}
    scores = report.scores(franchise)
    order = list(dict.fromkeys([*core, *current, *(r.principle for r in report.rules)]))
    sections = []
    for principle in order:
        rules = [r for r in report.rules if r.principle == principle]
        if not rules and principle not in current:
            continue
        name = current.get(principle) or core.get(principle) or principle
        note = ""
        if principle not in current and principle in core:
            note = f"dropped by {franchise.country.code}; its checks still run"
        elif principle in core and current.get(principle) != core[principle]:
            note = f"adapts the model's {core[principle]!r}"
        section = PrincipleSection(principle, name, note, scores.get(principle))
        for rule in rules:
            findings = [f for f in report.findings if f.rule == rule.id]
            section.rules.append(RuleSection(rule, findings))
        sections.append(section)
    return sections


def report_json(report: CheckReport, franchise: Franchise) -> dict[str, Any]:
    """``asan check --format json`` (documented in docs/cli-json.md)."""
    items = list(franchise.sourced_records())
    return {
        "version": 1,
        "country": report.country,
        "summary": {str(s): report.count(s) for s in Severity},
        "illustrative": sum(1 for i in items if i.record.provenance.illustrative),
        "illustrative_fields": sum(1 for i in items if i.record.provenance.illustrative_fields),
        "principles": [
            {"id": s.id, "name": s.name, "note": s.note or None, "score": s.score}
            for s in principle_sections(report, franchise)
        ],
        "rules": [
            {
                "id": r.id,
                "principle": r.principle,
                "severity": str(r.severity),
                "description": r.description,
                "rationale": r.rationale,
                "hint": r.hint,
            }
            for r in report.rules
        ],
        "findings": [f.as_json() for f in report.findings],
    }


def report_html(report: CheckReport, franchise: Franchise) -> str:
    """The report as a page a minister's office can read (English; no network)."""
    from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape

    env = Environment(
        loader=FileSystemLoader(str(templates_dir())),
        autoescape=select_autoescape(["html"]),
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    return env.get_template("report/check.html").render(
        country_name=franchise.text(franchise.country.name, SOURCE_LOCALE),
        country_code=franchise.country.code,
        version=__version__,
        services=len(franchise.services),
        agencies=len(franchise.agencies),
        centres=len(franchise.centres),
        errors=report.count(Severity.ERROR),
        warnings=report.count(Severity.WARNING),
        notes=report.count(Severity.INFO),
        sections=principle_sections(report, franchise),
    )
