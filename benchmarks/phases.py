"""Where the time of one ``asan kit build`` goes, phase by phase, inside the process.

    python benchmarks/phases.py [COUNTRY] [--rounds N]

Runs the real command (``asan_core.cli.app.main``) in a fresh Python process per round and
marks, with ``time.perf_counter``, the moments it reaches: the CLI imported, the command's
own imports done, the plugins loaded, the country resolved (data parsed, validated,
translated), rendering started and ended in each of the two processes (the forked one
writes its marks to a file), the kit written. Prints the median of each phase over the
rounds. The marks are wrappers around public functions: nothing in the SDK is changed.
Needs the country's plugin installed (``pip install -e plugins/afghanistan``).
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

from bytecode import compile_installed

CHILD = r"""
import json, os, sys, time
T0 = time.perf_counter()
marks_file = sys.argv[1]

def mark(name):
    with open(marks_file, "a") as f:
        f.write(json.dumps([os.getpid(), name, time.perf_counter() - T0]) + "\n")

import asan_core.cli.app as cli
mark("cli imported")
import asan_core.cli.support as support
import asan_core.contract.host as host
import asan_core.franchise as franchise

def around(module, name, before, after):
    original = getattr(module, name)
    def wrapper(*args, **kwargs):
        mark(before)
        try:
            return original(*args, **kwargs)
        finally:
            mark(after)
    setattr(module, name, wrapper)

around(host, "get_plugin_manager", "plugins start", "plugins end")
around(franchise, "resolve", "resolve start", "resolve end")
import asan_core.kit.build as build
around(build._Renderer, "run", "render start", "render end")
around(build, "_write_shared", "shared start", "shared end")
if os.environ.get("PHASES_BY_TEMPLATE"):
    original_render = build._Renderer.render
    def render(self, unit):
        start = time.perf_counter()
        try:
            return original_render(self, unit)
        finally:
            with open(marks_file, "a") as f:
                elapsed = time.perf_counter() - start
                f.write(json.dumps([os.getpid(), "unit " + unit.pages[0].template, elapsed]) + "\n")
    build._Renderer.render = render
sys.argv = ["asan", "kit", "build", sys.argv[2], "--out", sys.argv[3]]
try:
    cli.main()
except SystemExit as exc:
    assert not exc.code, exc.code
mark("exit")
"""


def build_once(country: str, work: Path, **settings: str) -> list[list[Any]]:
    """Build the kit once in a fresh process (cold template cache); its marks, each
    ``[pid, name, seconds since start]``."""
    marks = work / "marks.jsonl"
    marks.unlink(missing_ok=True)
    subprocess.run(
        [sys.executable, "-c", CHILD, str(marks), country, str(work / "kit")],
        check=True,
        env={**os.environ, "ASAN_CACHE_DIR": "off", **settings},
        stdout=subprocess.DEVNULL,
        cwd=work,  # not the checkout: PYTHONPATH decides which asan_core is measured
    )
    return [json.loads(line) for line in marks.read_text().splitlines()]


def by_template(country: str, work: Path) -> dict[str, float]:
    """Seconds of rendering by template, in one process (``ASAN_JOBS=1``): the first unit
    of each locale includes setting the locale up."""
    rows = build_once(country, work, ASAN_JOBS="1", PHASES_BY_TEMPLATE="1")
    totals: dict[str, float] = {}
    for _, name, seconds in rows:
        if name.startswith("unit "):
            totals[name[5:]] = totals.get(name[5:], 0.0) + seconds
    return totals


def one_round(country: str, work: Path) -> dict[str, float]:
    rows = build_once(country, work)
    parent = rows[0][0]
    at = {name: t for pid, name, t in rows if pid == parent}
    other = {name: t for pid, name, t in rows if pid != parent}
    phases = {
        "the CLI imported (after Python's own start)": at["cli imported"],
        "the command's imports": at["plugins start"] - at["cli imported"],
        "plugins loaded": at["plugins end"] - at["plugins start"],
        "country resolved (parse, validate, translate)": at["resolve end"] - at["resolve start"],
        "until rendering starts (theme, plan, fork, conformance)": at["render start"]
        - at["resolve end"],
        "rendering, this process": at["render end"] - at["render start"],
        "shared files, manifest, swap, exit": at["exit"] - at["render end"],
        "whole process (inside)": at["exit"],
    }
    if other:
        phases["rendering, the forked process"] = other["render end"] - other["render start"]
    return phases


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("country", nargs="?", default="AF")
    parser.add_argument("--rounds", type=int, default=7)
    parser.add_argument(
        "--by-template",
        action="store_true",
        help="rendering only, by template, in one process (ASAN_JOBS=1)",
    )
    args = parser.parse_args()
    print(compile_installed())
    measure = by_template if args.by_template else one_round
    with tempfile.TemporaryDirectory() as folder:
        work = Path(folder)
        measure(args.country, work)  # warms the operating system's file cache
        rounds = [measure(args.country, work) for _ in range(args.rounds)]
    what = "rendering by template, one process" if args.by_template else "phases"
    print(f"asan kit build {args.country}, {what}: median of {args.rounds} rounds, milliseconds")
    names = sorted(rounds[0], key=lambda n: -rounds[0][n]) if args.by_template else rounds[0]
    for name in names:
        values = [r[name] * 1000 for r in rounds if name in r]
        print(f"  {name:58} {statistics.median(values):7.0f}")
    if args.by_template:
        total = statistics.median(sum(r.values()) * 1000 for r in rounds)
        print(f"  {'all':58} {total:7.0f}")


if __name__ == "__main__":
    main()
