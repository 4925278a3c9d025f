"""``asan i18n extract|update|compile|stats``: the translation workflow."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from asan_core.base.problems import Problem, ProblemsError, display_path
from asan_core.cli.support import (
    EXIT_FINDINGS,
    MAX_LISTED,
    CountryArg,
    JsonOpt,
    consoles,
    escape,
    franchise_of,
    guard,
    new_table,
    print_json,
    say,
)

if TYPE_CHECKING:
    from asan_core.i18n.workflow import Project

i18n_app = typer.Typer(
    help="The translation workflow: extract, update, compile, stats, move.",
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
    from asan_core.i18n.workflow import Project

    return guard(lambda: Project.at(folder))


@i18n_app.command("extract")
def i18n_extract(
    project: ProjectOpt = Path("."),
    include_core: Annotated[
        bool,
        typer.Option(
            "--include-core",
            help="In a country plugin, also the core's interface strings and shared content "
            "(for a language no language pack or core catalog covers).",
        ),
    ] = False,
) -> None:
    """Collect every translatable string into messages.pot and every text into content.pot."""
    from asan_core.i18n.workflow import extract

    proj = _project(project)
    done = guard(lambda: extract(proj, include_core))
    say(
        f"{proj.name} ({proj.kind}): wrote {display_path(proj.template)}: "
        f"{done.messages} interface strings"
    )
    if done.content:
        say(f"wrote {display_path(proj.template_of('content'))}: {done.content} content texts")
    if proj.kind == "country plugin" and not include_core:
        consoles.out.print(
            "the core's strings and shared content are translated by the core or a language "
            "pack; add --include-core to translate them in this plugin"
        )


@i18n_app.command("update")
def i18n_update(
    project: ProjectOpt = Path("."),
    locale: Annotated[
        list[str] | None,
        typer.Option("--locale", "-l", help="Also start a catalog for this locale."),
    ] = None,
) -> None:
    """Merge messages.pot into every catalog (and start new ones with --locale)."""
    from asan_core.i18n.workflow import update

    proj = _project(project)
    new = guard(lambda: [_babellocale_of(loc) for loc in locale or []])
    changed = guard(lambda: update(proj, new))
    for path in changed:
        consoles.out.print(f"updated {display_path(path)}")
    if not changed:
        consoles.out.print("every catalog is up to date with its template (.pot)")


def _babellocale_of(value: str) -> str:
    from asan_core.model.common import check_locale_identifier

    try:
        return check_locale_identifier(value)
    except ValueError as exc:
        raise ProblemsError([Problem(str(exc), field="--locale")]) from exc


@i18n_app.command("compile")
def i18n_compile(project: ProjectOpt = Path(".")) -> None:
    """Check and compile every catalog to .mo (incomplete entries left out)."""
    from asan_core.i18n.workflow import compile_catalogs

    proj = _project(project)
    for path in guard(lambda: compile_catalogs(proj)):
        consoles.out.print(f"compiled {display_path(path)}")


@i18n_app.command("move")
def i18n_move(
    project: ProjectOpt = Path("."),
    locale: Annotated[
        list[str] | None,
        typer.Option("--locale", "-l", help="Only this locale (default: every one found)."),
    ] = None,
) -> None:
    """Move the translations written inline in a country plugin's data into content.po.

    Nothing is lost: a translation the catalog already has is kept, a different one is
    reported. The data files are not rewritten; the catalog's text is shown from now on.
    """
    from asan_core.i18n.workflow import move

    proj = _project(project)
    wanted = guard(lambda: [_babellocale_of(loc) for loc in locale or []])
    report = guard(lambda: move(proj, wanted or None))
    for loc in sorted(report.moved):
        consoles.out.print(
            f"{loc}: {report.moved[loc]} moved, {report.already.get(loc, 0)} already in the catalog"
        )
    for path in report.written:
        say(f"wrote {display_path(path)}")
    if not report.moved:
        consoles.out.print(
            f"{proj.name}'s data files hold no inline translation (other than English): "
            "nothing to move"
        )
    if report.conflicts:
        consoles.err.print(
            f"{len(report.conflicts)} inline translation(s) differ from the catalog's, which "
            "was kept:"
        )
        for loc, context, inline, _ in report.conflicts[:MAX_LISTED]:
            consoles.err.print(f"  {loc} {escape(context)}: inline {escape(inline[:60])!r}")
        raise typer.Exit(EXIT_FINDINGS)


@i18n_app.command("stats")
def i18n_stats(
    country: CountryArg,
    strict: Annotated[
        bool, typer.Option("--strict", help="Exit 1 unless every locale is at 100%.")
    ] = False,
    as_json: JsonOpt = False,
) -> None:
    """Per locale: translated/total interface strings and content texts, who supplied them
    (core, language pack, plugin, inline), and what is missing, with the route to supply it."""
    from asan_core.i18n.workflow import coverage

    franchise = franchise_of(country)
    reports = guard(lambda: coverage(franchise))
    if as_json:
        print_json(
            {
                "version": 1,
                "country": franchise.country.code,
                "locales": [r.as_json() for r in reports],
            }
        )
    else:
        table = new_table("locale", "interface", "from", "content", "from", "status")
        for r in reports:
            table.add_row(
                r.locale,
                f"{r.catalog_translated}/{r.catalog_total}",
                _sources(r.catalog_sources),
                f"{r.data_translated}/{r.data_total}",
                _sources(r.data_sources),
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
                for route in r.routes:
                    consoles.out.print(f"  → {escape(route)}")
            if r.shadowed:
                consoles.out.print(
                    f"{r.locale}: {r.shadowed} inline translation(s) differ from the "
                    "catalog's, which is shown; delete them from the data files:"
                )
                for context in r.shadowed_fields[:MAX_LISTED]:
                    consoles.out.print(f"  {escape(context)}")
    if strict and not all(r.complete for r in reports):
        raise typer.Exit(EXIT_FINDINGS)


def _sources(counts: dict[str, int]) -> str:
    return escape("\n".join(f"{name}: {count}" for name, count in sorted(counts.items())))


def register(app: typer.Typer) -> None:
    """Add these commands to ``app``."""
    app.add_typer(i18n_app, name="i18n")
