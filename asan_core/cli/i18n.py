"""``asan i18n extract|update|compile|stats``: the translation workflow."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from rich.markup import escape
from rich.table import Table

from asan_core.base.problems import Problem, ProblemsError, display_path
from asan_core.cli.support import (
    EXIT_FINDINGS,
    MAX_LISTED,
    CountryArg,
    JsonOpt,
    consoles,
    franchise_of,
    guard,
    print_json,
)
from asan_core.i18n.context import LocaleContext
from asan_core.i18n.workflow import Project, compile_catalogs, coverage, extract, update
from asan_core.model.common import check_locale_identifier

i18n_app = typer.Typer(
    help="The translation workflow: extract, update, compile, stats.",
    no_args_is_help=True,
    rich_markup_mode=None,
)

ProjectOpt = Annotated[
    Path,
    typer.Option(
        "--project",
        "-p",
        help="The asan-sdk checkout (default: here) or a plugin folder, e.g. plugins/afghanistan.",
    ),
]


def _project(folder: Path) -> Project:
    return guard(lambda: Project.at(folder))


@i18n_app.command("extract")
def i18n_extract(project: ProjectOpt = Path(".")) -> None:
    """Collect every translatable string into <locales>/messages.pot."""
    proj = _project(project)
    catalog = guard(lambda: extract(proj))
    consoles.out.print(f"wrote {display_path(proj.template)}: {len(catalog)} strings")


@i18n_app.command("update")
def i18n_update(
    project: ProjectOpt = Path("."),
    locale: Annotated[
        list[str] | None,
        typer.Option("--locale", "-l", help="Also start a catalog for this locale."),
    ] = None,
) -> None:
    """Merge messages.pot into every catalog (and start new ones with --locale)."""
    proj = _project(project)
    new = guard(lambda: [_babellocale_of(loc) for loc in locale or []])
    changed = guard(lambda: update(proj, new))
    for path in changed:
        consoles.out.print(f"updated {display_path(path)}")
    if not changed:
        consoles.out.print("every catalog is up to date with messages.pot")


def _babellocale_of(value: str) -> str:
    try:
        return check_locale_identifier(value)
    except ValueError as exc:
        raise ProblemsError([Problem(str(exc), field="--locale")]) from exc


@i18n_app.command("compile")
def i18n_compile(project: ProjectOpt = Path(".")) -> None:
    """Compile every catalog to .mo (incomplete plurals left out, python-babel #697)."""
    proj = _project(project)
    for path in guard(lambda: compile_catalogs(proj)):
        consoles.out.print(f"compiled {display_path(path)}")


@i18n_app.command("stats")
def i18n_stats(
    country: CountryArg,
    strict: Annotated[
        bool, typer.Option("--strict", help="Exit 1 unless every locale is at 100%.")
    ] = False,
    as_json: JsonOpt = False,
) -> None:
    """Per locale: translated/total catalog strings and data texts, and what is missing."""
    franchise = franchise_of(country)
    context = LocaleContext(franchise, franchise.country.primary_locale)
    reports = guard(lambda: coverage(franchise, context.plugin_catalogs))
    if as_json:
        print_json(
            {
                "version": 1,
                "country": franchise.country.code,
                "locales": [r.as_json() for r in reports],
            }
        )
    else:
        table = Table("locale", "catalog strings", "data texts", "status")
        for r in reports:
            table.add_row(
                r.locale,
                f"{r.catalog_translated}/{r.catalog_total}",
                f"{r.data_translated}/{r.data_total}",
                "complete" if r.complete else "missing translations",
            )
        consoles.out.print(table)
        for r in reports:
            missing = [*r.catalog_missing, *r.data_missing]
            if missing:
                consoles.out.print(f"\n[bold]{r.locale}[/]: {len(missing)} missing")
                for item in missing[:MAX_LISTED]:
                    consoles.out.print(f"  {escape(item)}")
                if len(missing) > MAX_LISTED:
                    consoles.out.print(
                        f"  … and {len(missing) - MAX_LISTED} more (--json lists all)"
                    )
    if strict and not all(r.complete for r in reports):
        raise typer.Exit(EXIT_FINDINGS)


def register(app: typer.Typer) -> None:
    """Add these commands to ``app``."""
    app.add_typer(i18n_app, name="i18n")
