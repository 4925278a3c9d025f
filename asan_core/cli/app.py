"""The ``asan`` command line: parse, call one function, print.

Exit codes: 0 success; 1 findings (``check`` found errors, ``plugins`` found a broken
plugin); 2 usage or input error (a bad option, an unknown country or locale, a data file
that does not validate). User mistakes never print a traceback.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence
from types import ModuleType
from typing import Annotated

import typer

from asan_core.cli import catalogue, check, export, i18n, kit, new, ops, plan
from asan_core.cli.support import consoles, version_text

COMMAND_GROUPS = (catalogue, check, kit, i18n, export, new, plan, ops)
"""The modules of the commands, in the order ``asan --help`` lists them."""


def _version(value: bool) -> None:
    if value:
        consoles.out.print(version_text(), highlight=False)
        raise typer.Exit()


def _main(
    version: Annotated[
        bool,
        typer.Option(
            "--version",
            callback=_version,
            is_eager=True,
            help="Show the versions of asan-sdk, the plugin contract and every plugin.",
        ),
    ] = False,
) -> None:
    """Franchise a one-stop-shop public service centre (the ASAN model) to another country."""


def make_app(groups: Sequence[ModuleType] = COMMAND_GROUPS) -> typer.Typer:
    """The ``asan`` application with the commands of ``groups``."""
    made = typer.Typer(
        name="asan",
        help="Franchise a one-stop-shop public service centre (the ASAN model) to another country.",
        no_args_is_help=True,
        add_completion=False,
        pretty_exceptions_enable=False,
        rich_markup_mode=None,
    )
    made.callback()(_main)
    for group in groups:
        group.register(made)
    return made


app = make_app()
"""Every command (what ``asan --help`` lists, and what the tests call)."""


def _names(made: typer.Typer) -> set[str]:
    return {c.name for c in made.registered_commands if c.name} | {
        g.name for g in made.registered_groups if g.name
    }


def app_for(args: Sequence[str]) -> typer.Typer:
    """The application to run ``args`` with: only the group of the command named first, when
    one is (Typer makes a parser of every command's signature at each start — about 12 ms
    for all of them, 2 ms for one group), else every command (``--help``, ``--version``, a
    mistyped name, which Click then answers as it always does)."""
    if args and not args[0].startswith("-"):
        for group in COMMAND_GROUPS:
            one = make_app([group])
            if args[0] in _names(one):
                return one
    return app


def main() -> None:
    """Console-script entry point."""
    app_for(sys.argv[1:])()


if __name__ == "__main__":
    main()
