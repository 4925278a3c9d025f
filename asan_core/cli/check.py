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
    franchise_of,
    guard,
    is_terminal,
    say,
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
        lines = _check_lines(report, franchise)
        if output:  # wrapped at 100 columns, as a text file is read
            from rich.console import Console

            console = Console(record=True, width=100, highlight=False, file=_null())
            _print_lines(lines, console)
            text = console.export_text()
        elif is_terminal(sys.stdout):  # in colour
            _print_lines(lines, consoles.out)
        else:  # to a pipe or a file: the same words, no Rich to import
            for line in lines:
                say("".join(part for part, _ in line))
    if output:
        _write_atomically(output, text)
        say(f"wrote {output}")
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


Line = list[tuple[str, str | None]]
"""One line of the text report: its parts, each with its Rich style (or none)."""


def _check_lines(report: CheckReport, franchise: Franchise) -> list[Line]:
    """The text report, line by line (a blank line between principles)."""
    from asan_core.checks.report import principle_sections
    from asan_core.contract.rules import Severity

    country = franchise.country
    lines: list[Line] = [
        [
            (f"{franchise.text(country.name, 'en')} ({country.code})", "bold"),
            (
                f" — {franchise.text(country.brand, 'en')}; plugin {franchise.owner}; "
                f"{len(franchise.services)} services, {len(franchise.agencies)} agencies, "
                f"{len(franchise.centres)} centres and mobile units",
                None,
            ),
        ]
    ]
    for section in principle_sections(report, franchise):
        score = "not scored" if section.score is None else f"{section.score}/100"
        note = f" ({section.note})" if section.note else ""
        lines += [[], [(section.name, "bold"), (f"{note}: {score}", None)]]
        for part in section.rules:
            if not part.findings:
                lines.append(
                    [
                        ("  ", None),
                        ("ok", "green"),
                        (f" {part.rule.id}: {part.rule.description}", None),
                    ]
                )
                continue
            for finding in part.findings[:MAX_LISTED]:
                where = finding.location.location() if finding.location else ""
                style = SEVERITY_STYLE[str(finding.severity)]
                lines.append(
                    [
                        ("  ", None),
                        (str(finding.severity), style),
                        (f" {part.rule.id}: {finding.message}", None),
                    ]
                )
                if where:
                    lines.append([(f"      at {where}", None)])
            hidden = len(part.findings) - MAX_LISTED
            if hidden > 0:
                lines.append(
                    [(f"  … and {hidden} more {part.rule.id} (--format json lists all)", None)]
                )
    lines += [
        [],
        [
            (
                f"{report.count(Severity.ERROR)} errors, {report.count(Severity.WARNING)} "
                f"warnings, {report.count(Severity.INFO)} notes.",
                None,
            )
        ],
    ]
    return lines


def _print_lines(lines: list[Line], console: Console) -> None:
    """``lines`` through Rich, styled; no text is read as markup."""
    from rich.text import Text

    for line in lines:
        text = Text()
        for part, style in line:
            text.append(part, style=style or "")
        console.print(text)


def register(app: typer.Typer) -> None:
    """Add these commands to ``app``."""
    app.command("check")(check_command)
