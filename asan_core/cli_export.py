"""The ``asan export`` and ``asan diff`` commands (open data and upgrade impact)."""

from __future__ import annotations

import typer


def register(app: typer.Typer) -> None:
    """Add ``export`` and ``diff`` to the ``asan`` application."""
