"""The ``asan`` command line: one module per command group; parse, call one function, print.

Owns argument parsing, exit codes and printing. May import every wing below it; it is the
only wing besides :mod:`asan_core.franchise` that talks to the plugin host (to list
plugins and to build the host that :func:`~asan_core.franchise.resolve` asks).
"""


def main() -> None:
    """Console-script entry point (``asan``)."""
    from asan_core.cli.app import main as run

    run()
