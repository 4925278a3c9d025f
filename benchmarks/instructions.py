"""The work a command does, counted in machine instructions: a figure that does not drift.

    python benchmarks/instructions.py [OLD_CHECKOUT] [--command kit|check|help ...]
    python benchmarks/instructions.py --breakdown

Wall time on a shared machine wanders by a third within an hour, so a change worth 1 % of
a build cannot be seen in seconds, even in pairs (``bench_pairs.py``). Valgrind's
``callgrind`` counts the instructions a process executes instead: the same count, to about
0.2 %, for the same code and inputs, whatever else the machine is doing. It runs the
command about fifty times slower (a kit build takes a minute), and says nothing about
waiting for the disk or about the two rendering processes sharing the work: the targets
are wall times, measured by ``bench_process.py``. This is for telling whether a change
does less work.

Each command runs once, in one process (``ASAN_JOBS=1``), with the templates compiled in
memory (``ASAN_CACHE_DIR=off``), the Afghanistan plugin only, a fixed hash seed, and this
checkout's ``asan_core`` put first on ``PYTHONPATH`` — as is ``OLD_CHECKOUT``'s when one is
given (``git worktree add /tmp/old <commit>``), so both are imported the same way. The
plugins are the installed ones for both: a change to a plugin is not compared. The
checkouts' ``asan_core`` and the installed packages are compiled to bytecode first
(:mod:`bytecode`). The two checkouts are counted side by side (the counts do not depend on
the load).

``--breakdown`` counts, for this checkout, the steps of a kit build against the floor of
``bench_process.py`` (the same pages from data in memory, with no SDK): Python's start,
the kit's imports, the imports and the AF country loaded, ``check``, the whole build, and
the floor — each also as a multiple of the floor's whole run.

Needs ``valgrind`` (Debian's package).
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import subprocess
import sys
import tempfile
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from bytecode import compile_installed
from checkouts import HERE, afghanistan_only, checkout, first_on_path

# the entry point, imported from the checkout PYTHONPATH names
_RUN = "import sys; sys.argv = ['asan', *sys.argv[1:]]; from asan_core.cli.app import main; main()"
_IMPORTS = "import asan_core.cli.app, asan_core.cli.kit, asan_core.kit.build"
COMMANDS = {
    "help": ["-c", _RUN, "--help"],
    "check": ["-c", _RUN, "check", "AF"],
    "kit": ["-c", _RUN, "kit", "build", "AF", "--out", "{work}/kit"],
}
LABELS = {"help": "asan --help", "check": "asan check AF", "kit": "asan kit build AF"}
BREAKDOWN = {
    "python -c pass": ["-c", "pass"],
    "the kit's imports (CLI, models, Jinja2, markdown-it, the kit)": ["-c", _IMPORTS],
    "… and AF loaded (plugins, parsed, validated, translated)": [
        "-c",
        f"{_IMPORTS}\nfrom asan_core.cli.support import franchise_of\nfranchise_of('AF')",
    ],
    "asan check AF": COMMANDS["check"],
    "asan kit build AF (one process)": COMMANDS["kit"],
    "the floor (floor_kit.py: the same pages, no SDK)": [
        str(HERE / "benchmarks" / "floor_kit.py"),
        "{floor}",
        "{work}/floor",
    ],
}
_COLLECTED = re.compile(r"^==\d+== Collected : (\d+)$", re.MULTILINE)


class Failed(Exception):
    """A counted run failed (reported once both runs of the pair have ended)."""


def count(folder: Path, arguments: list[str], floor: Path | None = None) -> int:
    """Instructions of one run of ``python ARGUMENTS`` with ``folder``'s asan_core
    (every process of the run: a forked one reports its own count)."""
    with tempfile.TemporaryDirectory(prefix="asan-instructions-") as work:
        settings = {"PYTHONHASHSEED": "0", "ASAN_JOBS": "1", "ASAN_CACHE_DIR": "off"}
        env = first_on_path(folder, afghanistan_only({**os.environ, **settings}))
        filled = [a.format(work=work, floor=floor) for a in arguments]
        done = subprocess.run(
            [
                "valgrind",
                "--tool=callgrind",
                "--callgrind-out-file=/dev/null",
                sys.executable,
                *filled,
            ],
            env=env,
            cwd=work,  # not a checkout: PYTHONPATH decides which asan_core is counted
            capture_output=True,
            text=True,
        )
        totals = [int(n) for n in _COLLECTED.findall(done.stderr)]
        if done.returncode != 0 or not totals:
            raise Failed(f"python {' '.join(filled)} failed under valgrind:\n{done.stderr[-2000:]}")
        return sum(totals)


def compare(checkouts: dict[str, Path], commands: list[str]) -> None:
    print("instructions (millions), one process, callgrind:")
    with ThreadPoolExecutor(max_workers=2) as pool:
        for command in commands:
            runs = {
                name: pool.submit(count, path, COMMANDS[command])
                for name, path in checkouts.items()
            }
            counts = {name: run.result() for name, run in runs.items()}
            line = f"  {LABELS[command]:<20}"
            line += "  ".join(f"{name} {n / 1e6:,.0f} M" for name, n in counts.items())
            if "old" in counts:
                line += f"  this/old {counts['this checkout'] / counts['old']:.3f}x"
            print(line, flush=True)


def breakdown() -> None:
    from bench_process import prepare_floor_data

    with tempfile.TemporaryDirectory(prefix="asan-instructions-") as work:
        floor = Path(work) / "floor.pickle"
        prepare_floor_data(floor)  # untimed: the floor starts from data in memory
        with ThreadPoolExecutor(max_workers=2) as pool:
            runs = {
                label: pool.submit(count, HERE, arguments, floor)
                for label, arguments in BREAKDOWN.items()
            }
            counts = {label: run.result() for label, run in runs.items()}
    whole = counts["the floor (floor_kit.py: the same pages, no SDK)"]
    print("instructions (millions), one process, callgrind; × the floor's whole run:")
    for label, n in counts.items():
        print(f"  {label:<62}{n / 1e6:>8,.0f} M  {n / whole:5.2f}×")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("old", type=Path, nargs="?", help="another checkout of asan-sdk")
    parser.add_argument(
        "--command", choices=list(COMMANDS), action="append", help="check and kit by default"
    )
    parser.add_argument(
        "--breakdown", action="store_true", help="the steps of a build against the floor"
    )
    args = parser.parse_args()
    if shutil.which("valgrind") is None:
        sys.exit("valgrind is not installed: apt-get install valgrind")
    print(compile_installed())
    checkouts = {"this checkout": checkout(HERE)}
    if args.old is not None:
        checkouts["old"] = checkout(args.old)
    try:
        if args.breakdown:
            breakdown()
        else:
            compare(checkouts, args.command or ["check", "kit"])
    except Failed as exc:
        sys.exit(str(exc))


if __name__ == "__main__":
    main()
