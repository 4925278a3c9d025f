"""``asan new country``: stand up a new country plugin from the bundled template.

Parse, call :func:`asan_core.new_country.template.create_country`, print. Wrong answers exit 2 with
every problem and nothing written.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from pathlib import Path
from typing import Annotated, TypeVar

import typer

from asan_core.base.problems import ProblemsError, display_path
from asan_core.cli.support import consoles, escape, guard


def register(app: typer.Typer) -> None:
    """Add the ``new`` command group (``asan new country``) to ``app``."""
    new_app = typer.Typer(
        help="Start something new: a country plugin.", no_args_is_help=True, rich_markup_mode=None
    )
    new_app.command("country")(new_country_command)
    app.add_typer(new_app, name="new")


def new_country_command(
    no_input: Annotated[
        bool,
        typer.Option(
            "--no-input", help="Ask nothing: take the answers from the file, or defaults."
        ),
    ] = False,
    config_file: Annotated[
        Path | None,
        typer.Option(
            "--config-file",
            help="Answers as YAML or JSON: cookiecutter's default_context, a project's "
            ".cookiecutter.json, or a plain mapping (country: UZ, languages: uz, ru, en).",
        ),
    ] = None,
    out: Annotated[
        Path, typer.Option("--out", "-o", help="The folder to create the project in.")
    ] = Path("."),
) -> None:
    """Generate a country plugin: data from the ASAN reference catalogue, catalogs, tests, CI.

    Asks for the country, the centres' brand, languages, currency, calendar, digits,
    operating model and the first centre's city; checks every answer before writing
    anything; then creates asan-<country>/ in the --out folder, ready to install.
    """
    from asan_core.new_country import create_country, load_answer_file, summary

    answers = guard(lambda: load_answer_file(config_file)) if config_file else {}
    source = config_file if no_input else None
    created = guard(
        lambda: _located(source, lambda: create_country(answers, out, no_input=no_input))
    )
    for line in summary(Path(display_path(created.project)), created.country):
        consoles.out.print(escape(line))


T = TypeVar("T")


def _located(answer_file: Path | None, action: Callable[[], T]) -> T:
    """Point the problems with the answers at the file that gave them."""
    from asan_core.new_country import ANSWERS

    try:
        return action()
    except ProblemsError as exc:
        if answer_file is None:
            raise
        raise ProblemsError(
            [
                replace(p, file=str(answer_file)) if p.field in ANSWERS and not p.file else p
                for p in exc.problems
            ]
        ) from exc
