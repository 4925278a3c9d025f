"""The ``asan`` command line: parse, call one function, print.

Exit codes: 0 success; 1 findings (``check`` found errors, ``plugins`` found a broken
plugin); 2 usage or input error (a bad option, an unknown country or locale, a data file
that does not validate). User mistakes never print a traceback.
"""

from __future__ import annotations

import importlib
import sys
from collections.abc import Sequence
from functools import cache
from typing import Annotated

import typer

from asan_core.cli.support import consoles, version_text

COMMANDS = {
    "plugins": "catalogue",
    "countries": "catalogue",
    "services": "catalogue",
    "centres": "catalogue",
    "check": "check",
    "kit": "kit",
    "i18n": "i18n",
    "export": "export",
    "diff": "export",
    "new": "new",
    "plan": "plan",
    "ops": "ops",
}
"""Each command (or command group) by name → the module that registers it, so that the
entry point imports one module, not eight (a test holds this table to the modules)."""

COMMAND_GROUPS = tuple(dict.fromkeys(COMMANDS.values()))
"""The modules of ``asan_core.cli`` that hold the commands, in the order ``asan --help``
lists them (the order of :data:`COMMANDS`)."""


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


def make_app(groups: Sequence[str] = COMMAND_GROUPS) -> typer.Typer:
    """The ``asan`` application with the commands of the modules ``groups``."""
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
        importlib.import_module(f"asan_core.cli.{group}").register(made)
    return made


@cache
def _every_command() -> typer.Typer:
    return make_app()


def __getattr__(name: str) -> typer.Typer:
    """``app``: every command (what ``asan --help`` lists, and what the tests call), made
    when first asked for."""
    if name == "app":
        return _every_command()
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def app_for(args: Sequence[str]) -> typer.Typer:
    """The application to run ``args`` with: only the group of the command named first, when
    one is (Typer makes a parser of every command's signature at each start, and the eight
    modules cost their imports), else every command (``--help``, ``--version``, a mistyped
    name, which Click then answers as it always does)."""
    group = COMMANDS.get(args[0]) if args else None
    return make_app([group]) if group else _every_command()


def main() -> None:
    """Console-script entry point."""
    app_for(sys.argv[1:])()


if __name__ == "__main__":
    main()
