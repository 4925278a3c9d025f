"""``asan check``: validate a country and run the conformance rules."""

from __future__ import annotations

import json
import sys
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from asan_core.base.files import write_atomically
from asan_core.cli.support import (
    EXIT_FINDINGS,
    MAX_LISTED,
    CountryArg,
    consoles,
    escape,
    franchise_of,
    guard,
)

if TYPE_CHECKING:
    from rich.console import Console

    from asan_core.checks.run import CheckReport
    from asan_core.contract.franchise import Franchise


class CheckFormat(StrEnum):
    """Output formats of ``asan check``."""

    TEXT = "text"
    JSON = "json"
    HTML = "html"


def check_command(
    country: CountryArg,
    output_format: Annotated[
        CheckFormat, typer.Option("--format", "-f", help="text, json or html.")
    ] = CheckFormat.TEXT,
    output: Annotated[
        Path | None, typer.Option("--output", "-o", help="Write the report to this file.")
    ] = None,
) -> None:
    """Validate a country and run the conformance rules; exit 1 if any finding is an error.

    Data that does not validate (a bad file, an unknown reference) exits 2 with every
    problem located by plugin, file, line and field.
    """
    from asan_core.checks.report import report_html, report_json
    from asan_core.checks.run import run_checks

    franchise = franchise_of(country)
    report = guard(lambda: run_checks(franchise))
    if output_format is CheckFormat.JSON:
        text = json.dumps(report_json(report, franchise), ensure_ascii=False, indent=2) + "\n"
    elif output_format is CheckFormat.HTML:
        text = report_html(report, franchise)
    else:
        from rich.console import Console

        console = (
            Console(record=True, width=100, highlight=False, file=_null())
            if output
            else consoles.out
        )
        _print_check(report, franchise, console)
        text = console.export_text() if output else ""
    if output:
        _write_atomically(output, text)
        consoles.out.print(f"wrote {output}")
    elif output_format is not CheckFormat.TEXT:
        sys.stdout.write(text)
    if report.has_errors:
        raise typer.Exit(EXIT_FINDINGS)


def _null() -> Any:
    import io

    return io.StringIO()


def _write_atomically(path: Path, text: str) -> None:
    write_atomically(path, text, field="--output")


SEVERITY_STYLE = {"error": "bold red", "warning": "yellow", "info": "cyan"}
"""Rich styles by severity (the values of :class:`~asan_core.contract.rules.Severity`)."""


def _print_check(report: CheckReport, franchise: Franchise, console: Console) -> None:
    from asan_core.checks.report import principle_sections
    from asan_core.contract.rules import Severity

    country = franchise.country
    console.print(
        f"[bold]{escape(franchise.text(country.name, 'en'))} ({country.code})[/] — "
        f"{escape(franchise.text(country.brand, 'en'))}; plugin {franchise.owner}; "
        f"{len(franchise.services)} services, {len(franchise.agencies)} agencies, "
        f"{len(franchise.centres)} centres and mobile units"
    )
    for section in principle_sections(report, franchise):
        score = "not scored" if section.score is None else f"{section.score}/100"
        note = f" ({section.note})" if section.note else ""
        console.print(f"\n[bold]{escape(section.name)}[/]{escape(note)}: {score}")
        for part in section.rules:
            if not part.findings:
                console.print(f"  [green]ok[/] {part.rule.id}: {escape(part.rule.description)}")
                continue
            for finding in part.findings[:MAX_LISTED]:
                where = finding.location.location() if finding.location else ""
                style = SEVERITY_STYLE[str(finding.severity)]
                console.print(
                    f"  [{style}]{finding.severity}[/] {part.rule.id}: {escape(finding.message)}"
                    + (f"\n      at {escape(where)}" if where else "")
                )
            hidden = len(part.findings) - MAX_LISTED
            if hidden > 0:
                console.print(f"  … and {hidden} more {part.rule.id} (--format json lists all)")
    console.print(
        f"\n{report.count(Severity.ERROR)} errors, {report.count(Severity.WARNING)} warnings, "
        f"{report.count(Severity.INFO)} notes."
    )


def register(app: typer.Typer) -> None:
    """Add these commands to ``app``."""
    app.command("check")(check_command)
