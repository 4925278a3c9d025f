"""``asan kit build`` and ``asan kit serve``."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from asan_core.base.problems import Problem, display_path
from asan_core.cli.support import (
    CountryArg,
    consoles,
    fail,
    franchise_of,
    guard,
    say,
    with_progress,
)

kit_app = typer.Typer(
    help="The deployment kit: build it, preview it.", no_args_is_help=True, rich_markup_mode=None
)


@kit_app.command("build")
def kit_build(
    country: CountryArg,
    locale: Annotated[
        list[str] | None,
        typer.Option("--locale", "-l", help="Build only this locale (repeatable)."),
    ] = None,
    out: Annotated[Path, typer.Option("--out", "-o", help="The kit folder.")] = Path("kit"),
    strict: Annotated[
        bool, typer.Option("--strict", help="Fail if any string fell back to another language.")
    ] = False,
    force: Annotated[
        bool, typer.Option("--force", help="Build even when the conformance check has errors.")
    ] = False,
    pdf: Annotated[
        bool,
        typer.Option(
            "--pdf",
            help="Also print the handbooks, charter, poster and desk signs as PDFs (needs "
            "Chromium and pip install 'asan-sdk[pdf]').",
        ),
    ] = False,
    browser: Annotated[
        str | None,
        typer.Option(
            "--browser",
            help="The Chromium to print PDFs with (default: $ASAN_CHROMIUM, else chromium "
            "on PATH).",
        ),
    ] = None,
) -> None:
    """Build the deployment kit: site, charter, handbooks, signage, catalogue, manifest.

    The kit is built in a temporary folder and swapped in at the end: a failure or Ctrl-C
    leaves the previous kit untouched. With --pdf, the print-ready PDFs go to
    <locale>/pdf/; if they cannot be printed (no browser), the rest of the kit is built
    and the command exits 2 saying how to install what is missing.
    """
    from asan_core.kit.templates import compile_ahead

    take_in_templates = compile_ahead()  # on the other core, while the country loads
    from asan_core.i18n.negotiation import negotiate_locale
    from asan_core.kit import build_kit

    try:
        franchise = franchise_of(country)
    finally:
        take_in_templates()  # and the process that compiled them is gone, whatever happened
    chosen = guard(lambda: [negotiate_locale(loc, franchise.country) for loc in locale or []])
    report = with_progress(  # a CI job's timeout (SIGTERM) removes the staging folder too
        lambda progress: build_kit(
            franchise,
            out,
            chosen or None,
            strict,
            force,
            progress=progress,
            pdf=pdf,
            browser=browser,
        ),
        "building the kit…",
        "the previous kit (if any) is unchanged",
    )
    say(
        f"built {display_path(report.out)}: {report.files} files, "
        f"{report.bytes / 1024:.0f} KiB, locales {', '.join(report.locales)}"
    )
    for loc, fallbacks in report.fallbacks.items():
        if fallbacks:
            say(
                f"  {loc}: {len(fallbacks)} string(s) shown in another language "
                f"(asan i18n stats {franchise.country.code} lists them)"
            )
    if report.pdfs:
        say(f"  {len(report.pdfs)} PDFs in <locale>/pdf/")
    if report.pdf_problems:
        consoles.err.print("the kit was built without its PDFs:")
        fail(report.pdf_problems)


@kit_app.command("serve")
def kit_serve(
    directory: Annotated[
        Path, typer.Argument(help="A kit folder built by 'asan kit build'.")
    ] = Path("kit"),
    port: Annotated[int, typer.Option("--port", help="Port on 127.0.0.1.")] = 8000,
) -> None:
    """Preview a kit on http://127.0.0.1:PORT/ (Ctrl-C stops)."""
    from asan_core.kit import serve_kit

    if not (directory / "manifest.json").is_file():
        fail(
            [
                Problem(
                    f"{directory} is not a kit (no manifest.json)",
                    hint="build one with 'asan kit build COUNTRY --out DIR'",
                )
            ]
        )
    serve_kit(directory, port, lambda url: consoles.out.print(f"serving {url} (Ctrl-C stops)"))


def register(app: typer.Typer) -> None:
    """Add these commands to ``app``."""
    app.add_typer(kit_app, name="kit")
