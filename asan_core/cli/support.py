"""Shared plumbing of the ``asan`` commands: consoles, errors, common arguments.

Every command module uses these so that all commands fail the same way: problems on stderr
with their location and a hint, then exit 2.

Start-up stays light (``asan --help`` imports no model, no plugin, no template engine, no
Rich): the command modules import what a command needs inside the command, and this module
imports the plugin host and the resolver only when a command asks for a franchise, and
Rich only when something is printed with colour or as a table. A plain line (a command's
result) is written with :func:`say`.
"""

from __future__ import annotations

import json
import os
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING, Annotated, Any, NoReturn, TextIO, TypeVar

import typer

from asan_core.base.problems import Problem, ProblemsError

if TYPE_CHECKING:
    from rich.console import Console
    from rich.table import Table

    from asan_core.contract.franchise import Franchise
    from asan_core.contract.host import PluginHost

EXIT_OK = 0
EXIT_FINDINGS = 1
EXIT_INPUT = 2

PIPE_WIDTH = 200
"""Width of tables written to a file or pipe, where nothing should wrap needlessly."""


class Consoles:
    """Consoles made on use, so they see the current stdout/stderr (and whether a tty)."""

    @property
    def out(self) -> Console:
        from rich.console import Console

        return Console(highlight=False, width=None if sys.stdout.isatty() else PIPE_WIDTH)

    @property
    def err(self) -> Console:
        from rich.console import Console

        return Console(stderr=True, highlight=False, soft_wrap=True)


consoles = Consoles()


def say(text: str) -> None:
    """Write one plain line to stdout: no markup is read in it (a path or a name with
    brackets prints as it is), and Rich is not imported for it."""
    sys.stdout.write(text + "\n")
    sys.stdout.flush()


def new_table(*columns: str, **options: Any) -> Table:
    """A Rich table with ``columns`` (Rich imported when a table is printed)."""
    from rich.table import Table

    return Table(*columns, **options)


def is_terminal(stream: TextIO) -> bool:
    """Whether ``stream`` is shown as a terminal: colour, spinners. ``FORCE_COLOR`` says so
    for a pipe too (CI logs), as Rich reads it."""
    return stream.isatty() or bool(os.environ.get("FORCE_COLOR"))


def escape(text: str) -> str:
    """``text`` with Rich markup escaped (Rich imported when first needed)."""
    from rich.markup import escape as rich_escape

    return rich_escape(text)


T = TypeVar("T")

CountryArg = Annotated[str, typer.Argument(help="ISO 3166-1 code (AF, AZ) or country name.")]
LocaleOpt = Annotated[
    str | None,
    typer.Option("--locale", "-l", help="Locale to show (default: the country's default)."),
]
JsonOpt = Annotated[bool, typer.Option("--json", help="Print stable JSON (docs/cli-json.md).")]


def fail(problems: list[Problem], code: int = EXIT_INPUT) -> NoReturn:
    for problem in problems:
        consoles.err.print(f"[bold red]error:[/] {escape(problem.render())}")
    count = len(problems)
    if count > 1:
        consoles.err.print(f"{count} problems; fix them and run the command again.")
    raise typer.Exit(code)


class Terminated(KeyboardInterrupt):
    """SIGTERM (a CI job's timeout, ``kill``), raised where the command is, so that it stops
    as on Ctrl-C: what it was writing is removed, what it would replace is unchanged."""


@contextmanager
def stopped_by_sigterm() -> Iterator[None]:
    """Within this block, SIGTERM stops the command as Ctrl-C does (:class:`Terminated`),
    so that its ``except KeyboardInterrupt`` removes what it was writing; elsewhere SIGTERM
    ends the process at once, as by default. (Signals are handled on the main thread
    only: called on another, the block changes nothing.)"""
    import signal
    import threading

    if threading.current_thread() is not threading.main_thread():
        yield
        return

    def terminated(signum: int, frame: object) -> None:
        raise Terminated

    previous = signal.signal(signal.SIGTERM, terminated)
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous)


def interrupted(exc: KeyboardInterrupt, what: str) -> NoReturn:
    """Say that the command was stopped and what that left, and exit as a shell expects:
    130 after Ctrl-C, 143 after SIGTERM."""
    terminated = isinstance(exc, Terminated)
    consoles.err.print(f"{'terminated' if terminated else 'interrupted'}: {what}")
    raise typer.Exit(143 if terminated else 130)


def with_progress(
    action: Callable[[Callable[[str], None] | None], T], doing: str, if_stopped: str
) -> T:
    """Run ``action`` (given a function that shows each step, or None) as a command that
    writes: at a terminal with a spinner on stderr saying ``doing``, then each step (Rich
    imported only for it); its problems exit 2, located (:func:`guard`); Ctrl-C or
    SIGTERM stop it, saying ``if_stopped`` (:func:`interrupted`)."""
    with stopped_by_sigterm():
        try:
            if is_terminal(sys.stderr):
                with consoles.err.status(doing) as status:
                    return guard(lambda: action(status.update))
            return guard(lambda: action(None))
        except KeyboardInterrupt as exc:
            interrupted(exc, if_stopped)


def host_or_warn() -> PluginHost:
    """The plugin host; broken plugins and plugins that should change are warned about."""
    from asan_core.contract.host import get_plugin_manager

    host = get_plugin_manager()
    for failure in host.failures:
        consoles.err.print(f"[yellow]warning:[/] {escape(failure.render())}")
    for note in host.warnings:
        consoles.err.print(f"[yellow]warning:[/] {escape(note)}")
    return host


def guard(action: Callable[[], T]) -> T:
    try:
        return action()
    except ProblemsError as exc:
        fail(exc.problems)


def franchise_of(country: str) -> Franchise:
    """The resolved ``country`` from the installed plugins; problems exit 2, located."""
    from asan_core.franchise import resolve

    host = host_or_warn()
    seen = len(host.failures)
    franchise = guard(lambda: resolve(country, host))
    # Failures that did not affect this country (e.g. another plugin's broken
    # asan_countries) are still worth a warning.
    for failure in host.failures[seen:]:
        consoles.err.print(f"[yellow]warning:[/] {escape(failure.render())}")
    return franchise


def locale_of(franchise: Franchise, locale: str | None) -> str:
    from asan_core.i18n.negotiation import negotiate_locale

    if locale is None:
        return franchise.country.primary_locale
    return guard(lambda: negotiate_locale(locale, franchise.country))


def print_json(data: Any) -> None:
    sys.stdout.write(json.dumps(data, ensure_ascii=False, indent=2) + "\n")


MAX_LISTED = 12
"""How many items a text listing shows before "… and N more"."""


def version_text() -> str:
    """``asan --version``: the core, the plugin contract, and every installed plugin."""
    from asan_core.base.version import __version__
    from asan_core.contract.host import get_plugin_manager
    from asan_core.contract.version import CONTRACT_VERSION

    host = get_plugin_manager()
    lines = [f"asan-sdk {__version__}", f"plugin contract {CONTRACT_VERSION}"]
    for info in host.info():
        if info.builtin:
            continue
        where = f"{info.distribution} {info.version}" if info.distribution else "not installed"
        lines.append(f"plugin {info.name}: {where}")
    lines.extend(f"broken plugin {failure.render()}" for failure in host.failures)
    return "\n".join(lines)
