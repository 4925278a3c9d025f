"""Bytecode for the SDK and the plugins before anything is timed, as an installed user has.

``pip install`` compiles a wheel's modules to bytecode as it installs them, and Python
writes the bytecode of a source checkout the first time it imports each module — unless
``PYTHONDONTWRITEBYTECODE`` is set (it is on the machine these figures come from), when
every run would compile the SDK's modules from source again (about 0.1 s of a kit build).
The benchmarks measure what a user waits for, so they compile first, and say so.
"""

from __future__ import annotations

import compileall
import importlib.util
import os

PACKAGES = ("asan_core", "asan_afghanistan", "asan_azerbaijan", "asan_lang_uz")


def compile_installed(packages: tuple[str, ...] = PACKAGES) -> str:
    """Compile every module of ``packages`` (those installed); a line saying what was done."""
    done = []
    for name in packages:
        spec = importlib.util.find_spec(name)
        if spec is None or not spec.submodule_search_locations:
            continue
        for folder in spec.submodule_search_locations:
            compileall.compile_dir(folder, quiet=1)
        done.append(name)
    flag = ""
    if os.environ.get("PYTHONDONTWRITEBYTECODE"):
        flag = " (PYTHONDONTWRITEBYTECODE is set here)"
    return f"bytecode compiled first, as pip does on install{flag}: {', '.join(done)}"
