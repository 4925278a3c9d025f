"""The work a command does, counted in machine instructions: a figure that does not drift.

    python benchmarks/instructions.py [OLD_CHECKOUT] [--command kit|check|help ...]

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
given (``git worktree add /tmp/old <commit>``), so both are imported the same way. Both
checkouts' bytecode is compiled first (:mod:`bytecode`). The two checkouts are counted side
by side (the counts do not depend on the load). Needs ``valgrind`` (Debian's package).
"""

from __future__ import annotations

import argparse
import compileall
import os
import re
import shutil
import subprocess
import sys
import tempfile
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from bytecode import compile_installed

HERE = Path(__file__).resolve().parent.parent
COMMANDS = {
    "help": ["--help"],
    "check": ["check", "AF"],
    "kit": ["kit", "build", "AF", "--out", "{work}/kit"],
}
_COLLECTED = re.compile(r"^==\d+== Collected : (\d+)$", re.MULTILINE)
# the entry point, imported from the checkout PYTHONPATH names
_RUN = "import sys; sys.argv = ['asan', *sys.argv[1:]]; from asan_core.cli.app import main; main()"


def count(checkout: Path, command: str) -> int:
    """Instructions of one run of ``asan <command>`` with ``checkout``'s asan_core (every
    process of the run: a forked one reports its own count)."""
    with tempfile.TemporaryDirectory(prefix="asan-instructions-") as work:
        env = {
            **os.environ,
            "PYTHONPATH": os.pathsep.join(
                filter(None, [str(checkout), os.environ.get("PYTHONPATH")])
            ),
            "PYTHONHASHSEED": "0",
            "ASAN_JOBS": "1",
            "ASAN_CACHE_DIR": "off",
            "ASAN_LOAD_PLUGINS": "asan_afghanistan",
        }
        env.pop("ASAN_DISABLE_PLUGIN_AUTOLOAD", None)
        arguments = [a.format(work=work) for a in COMMANDS[command]]
        done = subprocess.run(
            [
                "valgrind",
                "--tool=callgrind",
                "--callgrind-out-file=/dev/null",
                sys.executable,
                "-c",
                _RUN,
                *arguments,
            ],
            env=env,
            cwd=work,  # not a checkout: PYTHONPATH decides which asan_core is counted
            capture_output=True,
            text=True,
        )
        totals = [int(n) for n in _COLLECTED.findall(done.stderr)]
        if done.returncode != 0 or not totals:
            sys.exit(f"asan {' '.join(arguments)} failed under valgrind:\n{done.stderr[-2000:]}")
        return sum(totals)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("old", type=Path, nargs="?", help="another checkout of asan-sdk")
    parser.add_argument(
        "--command", choices=list(COMMANDS), action="append", help="kit and check by default"
    )
    args = parser.parse_args()
    if shutil.which("valgrind") is None:
        sys.exit("valgrind is not installed: apt-get install valgrind")
    checkouts = {"this checkout": HERE}
    if args.old is not None:
        old = args.old.resolve()
        if not (old / "asan_core").is_dir():
            sys.exit(f"{old} is not a checkout of asan-sdk (it has no asan_core/)")
        checkouts["old"] = old
    print(compile_installed())
    for checkout in checkouts.values():
        compileall.compile_dir(checkout / "asan_core", quiet=1)
    commands = args.command or ["check", "kit"]
    print("instructions (millions), one process, callgrind:")
    with ThreadPoolExecutor(max_workers=2) as pool:
        for command in commands:
            runs = {name: pool.submit(count, path, command) for name, path in checkouts.items()}
            counts = {name: run.result() for name, run in runs.items()}
            line = f"  asan {' '.join(COMMANDS[command][:2]):<12}"
            line += "  ".join(f"{name} {n / 1e6:,.0f} M" for name, n in counts.items())
            if "old" in counts:
                line += f"  this/old {counts['this checkout'] / counts['old']:.3f}x"
            print(line, flush=True)


if __name__ == "__main__":
    main()
