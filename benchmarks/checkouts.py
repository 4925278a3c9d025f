"""What the benchmarks that run ``asan`` share: the plugin they load, and how a checkout of
asan-sdk is chosen, so that two checkouts compared are imported the same way."""

from __future__ import annotations

import compileall
import os
import sys
from collections.abc import Mapping
from pathlib import Path

HERE = Path(__file__).resolve().parent.parent
"""This checkout."""


def afghanistan_only(env: Mapping[str, str] = os.environ) -> dict[str, str]:
    """``env`` with the Afghanistan plugin the only one loaded (installed or not, the
    other bundled plugins cost a build about 1 % more: docs/performance.md)."""
    chosen = {**env, "ASAN_LOAD_PLUGINS": "asan_afghanistan"}
    chosen.pop("ASAN_DISABLE_PLUGIN_AUTOLOAD", None)
    return chosen


def first_on_path(checkout: Path, env: Mapping[str, str]) -> dict[str, str]:
    """``env`` with ``checkout`` first on ``PYTHONPATH``: its ``asan_core`` (and templates)
    is the one imported. Every checkout a benchmark compares goes this way, this one too:
    importing through the editable install's path entry costs about 2 % more instructions
    than through ``PYTHONPATH`` (counted with ``instructions.py``), which would count
    against whichever checkout went that way."""
    path = os.pathsep.join(p for p in (str(checkout), env.get("PYTHONPATH", "")) if p)
    return {**env, "PYTHONPATH": path}


def checkout(folder: Path, bytecode: bool = True) -> Path:
    """``folder`` as a checkout of asan-sdk (exits saying so if it is not one), its
    ``asan_core`` compiled to bytecode unless ``bytecode`` is false."""
    found = folder.resolve()
    if not (found / "asan_core").is_dir():
        sys.exit(f"{found} is not a checkout of asan-sdk (it has no asan_core/)")
    if bytecode:
        compileall.compile_dir(found / "asan_core", quiet=1)
    return found
