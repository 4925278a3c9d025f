"""``asan ops`` at national scale: N synthetic tickets summarised, against pandas or Polars.

    pip install pandas pyarrow polars              # the baselines only; not the product's
    python benchmarks/bench_ops.py                 # 25 million tickets (first run generates)
    python benchmarks/bench_ops.py --tickets 2000000 --baseline polars

The tickets are the seeded synthetic records of ``asan ops synth`` (Azerbaijan's 16 centres,
two months, marked illustrative), written once as Parquet into ``--workdir`` and reused.
Each contender runs in its own process, timed from start to summary, with its peak
resident memory (``ru_maxrss``):

- **asan ops** (DuckDB, ``memory_limit`` and ``threads`` bounded): reads the tickets and
  ratings, checks every row (a rejected row is counted, never dropped silently), computes
  every indicator per country, centre, agency, service and month, and the distributions.
- **the baseline** (pandas with Arrow strings, or Polars): reads the same Parquet, parses the
  timestamps, rejects rows of unknown centres or out-of-order times, and computes the
  ticket indicators per country, centre, agency and service and month — a subset of the
  work (no duplicate ids, no working days, no ratings), so the ratio favours the baseline.

The script prints the two timings, the peak memory of each, the ratio, and the country's
median wait from both, which must agree.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ASAN_RUN = r"""
import json, resource, sys, time
from pathlib import Path
start = time.perf_counter()
from asan_core.franchise import resolve
from asan_core.ops import EngineSettings, compute
folder, memory, threads = Path(sys.argv[1]), sys.argv[2], int(sys.argv[3])
franchise = resolve("AZ")
run = compute(
    franchise, folder / "tickets.parquet", folder / "ratings.parquet", "2026-11",
    EngineSettings(memory_limit=memory, threads=threads),
)
elapsed = time.perf_counter() - start
m = run.measured
print(json.dumps({
    "seconds": elapsed,
    "peak_mib": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
    "rows": sum(r.rows for r in run.imports),
    "rejected": sum(r.rejected_total for r in run.imports),
    "groups": len(m.values),
    "median_wait": m.value("country", None, "efficiency.waiting_median"),
}))
"""

PANDAS_RUN = r"""
import json, resource, sys, time
start = time.perf_counter()
import pandas as pd
from asan_core.franchise import resolve
folder, month, previous = sys.argv[1], "2026-11", "2026-10"
franchise = resolve("AZ")
agency = {s.id: s.agency for s in franchise.services}
published = {s.id: bool(s.costs) for s in franchise.services}
centres = {c.id for c in franchise.centres}
target = franchise.country.targets.waiting_minutes
t = pd.read_parquet(
    f"{folder}/tickets.parquet",
    columns=["ticket_id", "centre", "service", "issued_at", "called_at", "finished_at"],
    dtype_backend="pyarrow",
)
issued = pd.to_datetime(t["issued_at"], format="ISO8601", utc=True, errors="coerce")
called = pd.to_datetime(t["called_at"], format="ISO8601", utc=True, errors="coerce")
finished = pd.to_datetime(t["finished_at"], format="ISO8601", utc=True, errors="coerce")
ok = t["centre"].isin(centres) & t["service"].isin(agency.keys()) & issued.notna()
ok &= ~(called < issued).fillna(False) & ~(finished < called).fillna(False)
frame = pd.DataFrame({
    "centre": t["centre"], "service": t["service"],
    "agency": t["service"].map(agency), "month": t["issued_at"].str.slice(0, 7),
    "wait": (called - issued).dt.total_seconds() / 60,
    "service_minutes": (finished - called).dt.total_seconds() / 60,
    "served": finished.notna(), "fee": t["service"].map(published),
})[ok]
frame = frame[frame["month"].isin([month, previous])]
frame["within"] = (frame["wait"] <= target).where(frame["served"])
frame["abandoned"] = ~frame["served"]
frame["fee_served"] = frame["fee"].where(frame["served"])
frame["service_served"] = frame["service_minutes"].where(frame["served"])
frame["country"] = "all"
groups = 0
median_wait = None
for level in ("country", "centre", "agency", "service"):
    g = frame.groupby(["month", level], observed=True)
    out = pd.DataFrame({
        "tickets": g.size(),
        "wait_median": g["wait"].median(),
        "wait_p90": g["wait"].quantile(0.9),
        "service_median": g["service_served"].median(),
        "service_p90": g["service_served"].quantile(0.9),
        "abandonment": g["abandoned"].mean() * 100,
        "within": g["within"].mean() * 100,
        "fee": g["fee_served"].mean() * 100,
    })
    groups += len(out)
    if level == "country":
        median_wait = float(out.loc[(month, "all"), "wait_median"])
print(json.dumps({
    "seconds": time.perf_counter() - start,
    "peak_mib": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
    "rows": len(t), "rejected": int((~ok).sum()), "groups": groups,
    "median_wait": median_wait,
}))
"""

POLARS_RUN = r"""
import json, resource, sys, time
start = time.perf_counter()
import polars as pl
from asan_core.franchise import resolve
folder, month, previous = sys.argv[1], "2026-11", "2026-10"
franchise = resolve("AZ")
agency = {s.id: s.agency for s in franchise.services}
published = {s.id: bool(s.costs) for s in franchise.services}
centres = [c.id for c in franchise.centres]
target = franchise.country.targets.waiting_minutes
fmt = "%Y-%m-%dT%H:%M:%S%:z"
t = pl.scan_parquet(f"{folder}/tickets.parquet").select(
    "centre", "service", "issued_at", "called_at", "finished_at",
    pl.col("issued_at").str.to_datetime(fmt, strict=False).alias("i"),
    pl.col("called_at").str.to_datetime(fmt, strict=False).alias("c"),
    pl.col("finished_at").str.to_datetime(fmt, strict=False).alias("f"),
)
ok = (
    pl.col("centre").is_in(centres) & pl.col("service").is_in(list(agency))
    & pl.col("i").is_not_null()
    & ~(pl.col("c") < pl.col("i")).fill_null(False) & ~(pl.col("f") < pl.col("c")).fill_null(False)
)
rows = t.select(pl.len()).collect().item()
valid = t.filter(ok).with_columns(
    pl.col("service").replace_strict(agency, default=None).alias("agency"),
    pl.col("issued_at").str.slice(0, 7).alias("month"),
    ((pl.col("c") - pl.col("i")).dt.total_seconds() / 60).alias("wait"),
    ((pl.col("f") - pl.col("c")).dt.total_seconds() / 60).alias("service_minutes"),
    pl.col("f").is_not_null().alias("served"),
    pl.col("service").replace_strict(published, default=False).alias("fee"),
    pl.lit("all").alias("country"),
).filter(pl.col("month").is_in([month, previous])).collect()
kept = len(valid)
served = pl.col("served")
groups = 0
median_wait = None
for level in ("country", "centre", "agency", "service"):
    out = valid.group_by(["month", level]).agg(
        pl.len().alias("tickets"),
        pl.col("wait").median().alias("wait_median"),
        pl.col("wait").quantile(0.9, "linear").alias("wait_p90"),
        pl.col("service_minutes").filter(served).median().alias("service_median"),
        pl.col("service_minutes").filter(served).quantile(0.9, "linear").alias("service_p90"),
        (~served).mean().alias("abandonment") * 100,
        (pl.col("wait") <= target).filter(served).mean().alias("within") * 100,
        pl.col("fee").filter(served).mean().alias("fee") * 100,
    )
    groups += len(out)
    if level == "country":
        median_wait = out.filter(pl.col("month") == month)["wait_median"].item()
print(json.dumps({
    "seconds": time.perf_counter() - start,
    "peak_mib": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
    "rows": rows, "rejected": None, "groups": groups, "median_wait": median_wait,
}))
"""

BASELINES = {"pandas": PANDAS_RUN, "polars": POLARS_RUN}


SYNTH_RUN = r"""
import sys
from pathlib import Path
from asan_core.franchise import resolve
from asan_core.ops.engine import EngineSettings
from asan_core.ops.synth import synthesise
staging, tickets, seed, memory, threads = Path(sys.argv[1]), *sys.argv[2:]
result = synthesise(
    resolve("AZ"), ["2026-10", "2026-11"], int(tickets),
    staging / "tickets.parquet", staging / "ratings.parquet", seed=int(seed),
    settings=EngineSettings(memory_limit=memory, threads=int(threads)),
)
print(result.tickets, result.ratings)
"""


def ensure_data(folder: Path, tickets: int, seed: int, memory: str, threads: int) -> Path:
    """The synthetic tickets and ratings, generated once per (size, seed), in a process of
    their own (the timed processes must not inherit its peak memory)."""
    target = folder / f"az-{tickets}-{seed}"
    if (target / "tickets.parquet").is_file() and (target / "ratings.parquet").is_file():
        return target
    started = time.perf_counter()
    staging = Path(tempfile.mkdtemp(prefix=".generating-", dir=folder))
    found = subprocess.run(
        [
            sys.executable,
            "-c",
            SYNTH_RUN,
            str(staging),
            str(tickets),
            str(seed),
            memory,
            str(threads),
        ],
        capture_output=True,
        text=True,
        check=True,
    )
    made, ratings = found.stdout.split()
    staging.rename(target)
    print(
        f"generated {int(made):,} tickets and {int(ratings):,} ratings "
        f"in {time.perf_counter() - started:.1f} s ({target})",
        flush=True,
    )
    return target


TIME_BOUND_S = 60
"""The bound of "in seconds" for 25 million tickets and their ratings: under a minute on
2 cores, as a whole process (start-up, reading, checking every row, every indicator)."""
PYTHON_ALLOWANCE_MIB = 512
"""What the process may hold besides DuckDB's memory limit: Python, the country's data,
Parquet buffers outside DuckDB's accounting."""


def _mib(size: str) -> float:
    """``2GB`` → MiB (DuckDB's units: KB, MB, GB, TB in powers of 1000; KiB… of 1024)."""
    units = {"KB": 1e3, "MB": 1e6, "GB": 1e9, "TB": 1e12, "KIB": 2**10, "MIB": 2**20}
    units |= {"GIB": 2**30, "TIB": 2**40}
    text = size.strip().upper()
    for unit in sorted(units, key=len, reverse=True):
        if text.endswith(unit):
            return float(text[: -len(unit)]) * units[unit] / 2**20
    return float(text) / 2**20


def run(code: str, *args: str) -> dict[str, float]:
    env = dict(os.environ, ASAN_CACHE_DIR="off")
    found = subprocess.run(
        [sys.executable, "-c", code, *args], capture_output=True, text=True, env=env
    )
    if found.returncode != 0:
        raise SystemExit(f"failed:\n{found.stderr}")
    result: dict[str, float] = json.loads(found.stdout.strip().splitlines()[-1])
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--tickets", type=int, default=25_000_000)
    parser.add_argument("--seed", type=int, default=2026)
    parser.add_argument("--memory-limit", default="2GB")
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument(
        "--baseline", choices=["pandas", "polars", "both", "none"], default="pandas"
    )
    parser.add_argument("--workdir", type=Path, default=Path(".bench-ops"))
    args = parser.parse_args()
    args.workdir.mkdir(parents=True, exist_ok=True)
    data = ensure_data(args.workdir, args.tickets, args.seed, args.memory_limit, args.threads)
    ours = run(ASAN_RUN, str(data), args.memory_limit, str(args.threads))
    print(
        f"asan ops (DuckDB, memory_limit {args.memory_limit}, {args.threads} threads): "
        f"{ours['seconds']:.1f} s, peak {ours['peak_mib']:.0f} MiB, {ours['rows']:,} rows "
        f"read, {ours['rejected']} rejected, {ours['groups']} groups, "
        f"median wait {ours['median_wait']:.2f} min",
        flush=True,
    )
    names = ["pandas", "polars"] if args.baseline == "both" else [args.baseline]
    verdicts = [
        (
            f"peak memory within the engine's bound ({args.memory_limit} for DuckDB, plus "
            f"{PYTHON_ALLOWANCE_MIB} MiB for Python and the data)",
            ours["peak_mib"] <= _mib(args.memory_limit) + PYTHON_ALLOWANCE_MIB,
        )
    ]
    for name in names:
        if name == "none":
            continue
        theirs = run(BASELINES[name], str(data))
        print(
            f"{name} baseline (tickets only, a subset of the work): {theirs['seconds']:.1f} s, "
            f"peak {theirs['peak_mib']:.0f} MiB, {theirs['groups']} groups, "
            f"median wait {theirs['median_wait']:.2f} min",
            flush=True,
        )
        print(
            f"ratio {name} / asan ops: time {theirs['seconds'] / ours['seconds']:.2f}×, "
            f"peak memory {theirs['peak_mib'] / ours['peak_mib']:.2f}×"
        )
        verdicts.append(
            (
                f"faster than the {name} baseline, which does less",
                theirs["seconds"] > ours["seconds"],
            )
        )
    if args.tickets >= 25_000_000:
        verdicts.append(
            (f"{args.tickets:,} tickets in under {TIME_BOUND_S} s", ours["seconds"] < TIME_BOUND_S)
        )
    print("bounds (issue 15):")
    for text, met in verdicts:
        print(f"  {'met    ' if met else 'NOT met'} {text}")


if __name__ == "__main__":
    main()
