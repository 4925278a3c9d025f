"""This checkout against another, in pairs: which is faster, as whole processes.

    python benchmarks/bench_pairs.py OLD_CHECKOUT [--rounds 15] [--command kit|check|help]

``OLD_CHECKOUT`` is another checkout of asan-sdk (``git worktree add /tmp/old <commit>``).
Both run with this environment's Python and installed plugins, each checkout put first on
``PYTHONPATH`` so that its ``asan_core`` (and its templates) is imported, and both the
same way (:func:`checkouts.first_on_path`). The
two are run in turn — new, old, old, new, new, old … — after one warm-up each, and the ratio
new / old is taken pair by pair: a machine whose speed drifts (this one wanders by a third
within an hour) slows both runs of a pair alike. Prints the median of each and the median,
fastest and slowest ratio of the pairs, for wall time and for CPU time (user + system, from
the operating system's accounting of the finished child). Both checkouts' bytecode is
compiled first (:mod:`bytecode`), unless ``--old-without-bytecode``.
"""

from __future__ import annotations

import argparse
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from bytecode import compile_installed
from checkouts import HERE, afghanistan_only, checkout, first_on_path

ASAN = str(Path(sys.executable).parent / "asan")


def command_for(name: str, out: Path) -> list[str]:
    if name == "kit":
        return [ASAN, "kit", "build", "AF", "--out", str(out)]
    if name == "check":
        return [ASAN, "check", "AF"]
    return [ASAN, "--help"]


def timed(command: list[str], env: dict[str, str]) -> tuple[float, float]:
    """Wall and CPU seconds of one run of ``command``."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    subprocess.run(command, env=env, check=True, stdout=subprocess.DEVNULL)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return wall, cpu


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("old", type=Path, help="another checkout of asan-sdk")
    parser.add_argument("--rounds", type=int, default=15)
    parser.add_argument("--command", choices=["kit", "check", "help"], default="kit")
    parser.add_argument(
        "--old-without-bytecode",
        action="store_true",
        help="do not compile the old checkout (with PYTHONDONTWRITEBYTECODE set, it then "
        "compiles its modules on every run: what bytecode saves, given the same commit)",
    )
    args = parser.parse_args()
    print(compile_installed())
    new = checkout(HERE)
    old = checkout(args.old, bytecode=not args.old_without_bytecode)
    if args.old_without_bytecode and any((old / "asan_core").rglob("*.pyc")):
        sys.exit(
            f"{old}/asan_core holds bytecode already, so it would be measured with it: "
            f"remove it (find {old}/asan_core -name __pycache__ -exec rm -r {{}} +)"
        )
    base = afghanistan_only({**os.environ, "ASAN_CACHE_DIR": "off"})
    envs = {"new": first_on_path(new, base), "old": first_on_path(old, base)}
    if args.old_without_bytecode:  # and none written by the runs either
        envs["old"]["PYTHONDONTWRITEBYTECODE"] = "1"
    results: dict[str, list[tuple[float, float]]] = {"new": [], "old": []}
    with tempfile.TemporaryDirectory() as folder:
        work = Path(folder)
        for name in envs:  # one warm-up each
            timed(command_for(args.command, work / name), envs[name])
        for round_ in range(args.rounds):
            order = ("new", "old") if round_ % 2 == 0 else ("old", "new")  # neither always first
            for name in order:
                results[name].append(timed(command_for(args.command, work / name), envs[name]))
    print(f"asan {args.command}: {args.rounds} pairs, new = this checkout, old = {old}")
    for index, label in ((0, "wall"), (1, "cpu")):
        new = [r[index] for r in results["new"]]
        ratios = sorted(
            n[index] / o[index] for n, o in zip(results["new"], results["old"], strict=True)
        )
        print(
            f"  {label:4}  new {statistics.median(new):.3f} s  "
            f"old {statistics.median(r[index] for r in results['old']):.3f} s  "
            f"new/old median {statistics.median(ratios):.2f}x "
            f"(pairs {ratios[0]:.2f}–{ratios[-1]:.2f})"
        )


if __name__ == "__main__":
    main()
