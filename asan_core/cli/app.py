"""The ``asan`` command line: parse, call one function, print.

Exit codes: 0 success; 1 findings (``check`` found errors, ``plugins`` found a broken
plugin); 2 usage or input error (a bad option, an unknown country or locale, a data file
that does not validate). User mistakes never print a traceback.
"""

from __future__ import annotations

from typing import Annotated

import typer

from asan_core.cli import catalogue, check, export, i18n, kit, new, ops, plan
from asan_core.cli.support import consoles, version_text

app = typer.Typer(
    name="asan",
    help="Franchise a one-stop-shop public service centre (the ASAN model) to another country.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
)


def _version(value: bool) -> None:
    if value:
        consoles.out.print(version_text(), highlight=False)
        raise typer.Exit()


@app.callback()
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


for command_group in (catalogue, check, kit, i18n, export, new, plan, ops):
    command_group.register(app)


def main() -> None:
    """Console-script entry point."""
    app()


if __name__ == "__main__":
    main()
