"""How the kit grows: a seeded synthetic country at several sizes, whole processes.

    python benchmarks/bench_scale.py                 # the full table (a few minutes)
    python benchmarks/bench_scale.py --quick         # 100 and 300 services only

For services × centres × locales in {100, 300, 1000} × {10, 100} × {3, 6}, writes a
synthetic country plugin (seed 2026: the same data every run) into a temporary folder,
runs ``asan kit build`` on it in a fresh process, and reports wall time, peak resident
memory (from ``/usr/bin/time``: that of the largest process; the forked renderer shares
the pages it had at the fork and adds its own, so the two together use less than twice
it), files and bytes. Each row also gives the time per
(service × locale) so that growth is visible: a linear build keeps it flat as centres grow.
The data is illustrative by construction and marked so.
"""

from __future__ import annotations

import argparse
import os
import random
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import yaml
from bytecode import compile_installed

ASAN = str(Path(sys.executable).parent / "asan")
AREAS = [f"KE-{n:02d}" for n in range(1, 48)]  # Kenya's 47 counties (ISO 3166-2)
LOCALES = {3: ["en", "ru", "az"], 6: ["en", "ru", "az", "fa_AF", "ps_AF", "uz"]}
WORDS = [
    "certificate",
    "licence",
    "registration",
    "permit",
    "record",
    "card",
    "extract",
    "renewal",
    "application",
    "business",
    "property",
    "vehicle",
    "birth",
    "marriage",
    "identity",
    "residence",
    "tax",
    "land",
    "water",
    "notary",
]

PLUGIN = """from asan_core import DataPlugin

asan_contract = ">=2.1,<3"
plugin = DataPlugin.from_package(__name__)
"""


def text(rng: random.Random, locales: list[str], words: int) -> dict[str, str]:
    base = " ".join(rng.choice(WORDS) for _ in range(words)).capitalize()
    return {loc: f"{base} ({loc})" if loc != "en" else base for loc in locales}


def write_country(folder: Path, services: int, centres: int, locales: list[str]) -> None:
    rng = random.Random(2026)
    package = folder / "asan_synthetic"
    (package / "data").mkdir(parents=True)
    (package / "__init__.py").write_text(PLUGIN, encoding="utf-8")
    example = {"illustrative": True, "note": "synthetic benchmark data"}
    country = {
        "code": "KE",
        "name": {loc: "Kenya" for loc in locales},
        "locales": locales,
        "currency": "KES",
        "operating_model": "agency_front_office",
        "brand": {loc: "Service Centre" for loc in locales},
        "provenance": example,
    }
    agencies = [
        {
            "id": f"agency-{i}",
            "kind": "ministry",
            "name": text(rng, locales, 3),
            "divisions": [{"id": "offices", "whole_country": True, "name": text(rng, locales, 2)}],
            "provenance": example,
        }
        for i in range(max(2, services // 20))
    ]
    service_records = [
        {
            "id": f"service-{i}",
            "agency": f"agency-{i % len(agencies)}",
            "title": text(rng, locales, 4),
            "description": text(rng, locales, 18),
            "channels": ["centre"],
            "evidence": [{"name": text(rng, locales, 3)} for _ in range(3)],
            "outputs": [{"name": text(rng, locales, 2)}],
            "costs": [
                {"amount": rng.randint(1, 200) * 50, "currency": "KES", "provenance": example}
            ],
            "processing_days": rng.randint(0, 20),
            "provenance": example,
        }
        for i in range(services)
    ]
    centre_records = [
        {
            "id": f"centre-{i}",
            "name": text(rng, locales, 2),
            "city": text(rng, locales, 1),
            "area": AREAS[i % len(AREAS)],
            "opening_hours": [
                {"days": ["mon", "tue", "wed", "thu", "fri"], "opens": "09:00", "closes": "18:00"}
            ],
            "agencies": [a["id"] for a in agencies[:5]],
            "all_services": True,
            "features": ["information_desk", "e_queue", "volunteers"],
            "provenance": example,
        }
        for i in range(centres)
    ]
    dump = {"allow_unicode": True, "sort_keys": False}
    (package / "data" / "country.yaml").write_text(yaml.safe_dump({"country": country}, **dump))
    records = {
        "country": "KE",
        "agencies": agencies,
        "services": service_records,
        "centres": centre_records,
    }
    (package / "data" / "records.yaml").write_text(yaml.safe_dump(records, **dump))


def build(folder: Path) -> tuple[float, int, int, int]:
    """Seconds, peak MiB, files and bytes of ``asan kit build KE``."""
    env = {
        **os.environ,
        # the synthetic plugin, after whatever PYTHONPATH names (another checkout, to
        # measure it: PYTHONPATH=/tmp/old python benchmarks/bench_scale.py)
        "PYTHONPATH": os.pathsep.join(p for p in (os.environ.get("PYTHONPATH"), str(folder)) if p),
        "ASAN_DISABLE_PLUGIN_AUTOLOAD": "1",
        "ASAN_EXTRA_PLUGINS": "asan_synthetic:plugin",
    }
    out = folder / "kit"
    timer = ["/usr/bin/time", "-f", "%M"] if Path("/usr/bin/time").exists() else []
    start = time.perf_counter()
    result = subprocess.run(
        [*timer, ASAN, "kit", "build", "KE", "--out", str(out), "--force"],
        env=env,
        capture_output=True,
        text=True,
    )
    elapsed = time.perf_counter() - start
    if result.returncode != 0:
        sys.exit(result.stderr[-3000:])
    peak = int(result.stderr.strip().splitlines()[-1]) // 1024 if timer else 0
    files = [p for p in out.rglob("*") if p.is_file()]
    return elapsed, peak, len(files), sum(p.stat().st_size for p in files)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="100 and 300 services only")
    args = parser.parse_args()
    sizes = [100, 300] if args.quick else [100, 300, 1000]
    print(compile_installed())
    print(
        f"{'services':>8} {'centres':>7} {'locales':>7} {'seconds':>8} {'peak MiB':>8} "
        f"{'files':>6} {'MiB':>7} {'ms/(service*locale)':>20}"
    )
    for services in sizes:
        for centres in (10, 100):
            for count in (3, 6):
                work = Path(tempfile.mkdtemp(prefix="asan-scale-"))
                try:
                    write_country(work, services, centres, LOCALES[count])
                    seconds, peak, files, size = build(work)
                finally:
                    shutil.rmtree(work)
                per = 1000 * seconds / (services * count)
                print(
                    f"{services:8} {centres:7} {count:7} {seconds:8.2f} {peak:8} {files:6} "
                    f"{size / 2**20:7.1f} {per:20.2f}",
                    flush=True,
                )


if __name__ == "__main__":
    main()
