"""What the user waits for: whole processes, side by side, in one run.

    python benchmarks/bench_process.py [--rounds 7]

Times, as fresh processes, interleaved round by round (so a slow moment of the machine hits
every command alike), and reports the median and the spread of each:

- ``asan kit build AF`` — the Afghanistan kit, 3 locales, written to disk, with a cold
  cache (``ASAN_CACHE_DIR=off``: every template compiled in the process), and again warm
  (``kit-warm``: compiled templates from the cache folder of the previous runs);
- the **floor** — ``benchmarks/floor_kit.py``: the same pages, in each locale's own text,
  with the same search index, JSON-LD, assets, fonts, catalogue and manifest, written to
  disk, from data already in memory (a pickle this script prepares, untimed), with no SDK:
  Jinja2 and markdown-it only;
- ``python -c pass`` — the interpreter's own start-up;
- ``asan --help`` and ``asan check AF``.

Then the ratios and the targets of issue 16: the kit under 1.0 s and at most 1.5× the floor,
``asan --help`` under 0.15 s, ``asan check AF`` under 0.6 s. The floor's output is compared
with the kit's (files and bytes), so the two do the same work. Needs the Afghanistan
plugin installed (``pip install -e plugins/afghanistan``).
"""

from __future__ import annotations

import argparse
import os
import pickle
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from bytecode import compile_installed
from checkouts import afghanistan_only

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
ASAN = str(Path(PYTHON).parent / "asan")


def locale_data(franchise: Any, loc: str, labels: list[str]) -> dict[str, Any]:
    """One locale's pages as plain data: texts in the locale, values formatted."""
    from asan_core.export.schema_org import script_json, service_page
    from asan_core.i18n.context import LocaleContext
    from asan_core.i18n.labels import CHANNEL_LABELS, FEATURE_LABELS, ROLE_LABELS
    from asan_core.kit.pages import ROLES, SERVICE_CARD_ROLES, modules_for

    ctx = LocaleContext(franchise, loc)
    fmt, gettext = ctx.formatter, ctx.chain.gettext
    t = {label: gettext(label) for label in labels}
    t["footer"] = gettext("Made with asan-sdk %(version)s from the data of %(brand)s.") % {
        "version": "0",
        "brand": str(ctx.text(franchise.country.brand)),
    }
    t["lead"] = gettext("Public services of many agencies, under one roof.")
    t["print"] = gettext("print")
    agencies = {a.id: a for a in franchise.agencies}

    def service_data(s: Any) -> dict[str, Any]:
        fee = fmt.comma.join(
            t["Free of charge"] if not c.amount else fmt.money(c.amount, c.currency)
            for c in s.costs
        )
        return {
            "id": s.id,
            "title": str(ctx.text(s.title)),
            "description": str(ctx.text(s.description)),
            "agency": str(ctx.text(agencies[s.agency].name)),
            "evidence": [str(ctx.text(e.name)) for e in s.evidence],
            "fee": fee or "—",
            "days": fmt.working_days(s.processing_days) if s.processing_days else "—",
            "outputs": fmt.comma.join(str(ctx.text(o.name)) for o in s.outputs),
            "legal": fmt.comma.join(
                str(ctx.text(franchise.legal_resource(lid).title)) for lid in s.legal_basis
            ),
            "channels": fmt.comma.join(gettext(CHANNEL_LABELS[c]) for c in s.channels),
            "centres": fmt.comma.join(
                str(ctx.text(c.name)) for c in franchise.centres if franchise.offers(c, s)
            ),
            "jsonld": script_json(service_page(franchise, s, loc, gettext)),
        }

    services = [service_data(s) for s in franchise.services]
    by_agency: dict[str, list[dict[str, Any]]] = {}
    for s, d in zip(franchise.services, services, strict=True):
        by_agency.setdefault(s.agency, []).append(d)
    index = [
        {"id": s["id"], "title": s["title"], "text": [s["description"], s["agency"]]}
        for s in services
    ]
    modules = {
        m.id: {
            "id": m.id,
            "title": str(ctx.text(m.title)),
            "objectives": [str(ctx.text(o)) for o in m.objectives],
            "content": str(ctx.text(m.content)),
            "exercises": [
                {"title": str(ctx.text(e.title)), "instructions": str(ctx.text(e.instructions))}
                for e in m.exercises
            ],
            "assessment": [
                {"question": str(ctx.text(q.question)), "answer": str(ctx.text(q.answer))}
                for q in m.assessment
            ],
        }
        for m in franchise.curriculum
    }
    common = {
        "lang": fmt.lang,
        "dir": fmt.direction,
        "brand": str(ctx.text(franchise.country.brand)),
        "country": str(ctx.text(franchise.country.name)),
        "t": t,
        "nav": [
            ("charter/index.html", t["Citizen charter"]),
            ("centres.html", t["Centres"]),
            ("principles.html", t["Principles"]),
            ("handbooks/index.html", t["Training handbooks"]),
            ("signage/index.html", t["Signage"]),
            ("plan/index.html", t["Capacity plan"]),
        ],
        "holidays": [
            {
                "iso": h.date.isoformat(),
                "date": fmt.date(h.date),
                "weekday": fmt.weekday(h.date),
                "name": str(ctx.text(h.name)),
            }
            for h in franchise.holidays
        ],
        "partnership": "",
        "agencies": [
            {"name": str(ctx.text(agencies[a].name)), "services": items}
            for a, items in by_agency.items()
        ],
        "search_index": script_json(index),
        "centres": [
            {
                "name": str(ctx.text(c.name)),
                "city": str(ctx.text(c.city)),
                "hours": fmt.comma.join(f"{h.opens}–{h.closes}" for h in c.opening_hours),
                "features": fmt.comma.join(gettext(FEATURE_LABELS[x]) for x in c.features),
            }
            for c in franchise.centres
        ],
        "areas": [
            {"area": a.area, "by": fmt.comma.join(a.centres)} for a in franchise.area_coverage
        ],
        "principles": [
            {"name": str(ctx.text(p.name)), "definition": str(ctx.text(p.definition))}
            for p in franchise.principles
        ],
        "roles": [
            {
                "id": str(r),
                "name": gettext(ROLE_LABELS[r]),
                "modules": [m.id for m in modules_for(franchise, r)],
                "cards": r in SERVICE_CARD_ROLES,
                "trainer": str(r) == "trainer",
            }
            for r in ROLES
        ],
        "desks": [
            {
                "id": a,
                "name": str(ctx.text(agencies[a].name)),
                "services": [s["title"] for s in items],
            }
            for a, items in by_agency.items()
        ],
        "services": services,
    }
    return {
        "common": common,
        "services": services,
        "modules": modules,
        "roles": common["roles"],
        "plans": plan_data(franchise, ctx, gettext),
    }


def plan_data(franchise: Any, ctx: Any, gettext: Any) -> list[dict[str, Any]]:
    """The capacity plan's pages as plain data: figures formatted, the charts drawn (as the
    JSON-LD is built in advance: data, not the floor's work)."""
    from asan_core.capacity import plan
    from asan_core.kit.build import plan_charts

    fmt = ctx.formatter
    charts = plan_charts(fmt)
    result = plan(franchise)
    centres = []
    for c in result.centres:
        labels = charts["hour_labels"](c.hours)
        centres.append(
            {
                "id": c.centre,
                "name": str(ctx.text(franchise.centre(c.centre).name)),
                "figures": [
                    (gettext("Planned day"), fmt.weekday(c.weekday)),
                    (gettext("Applications"), fmt.number(round(c.applications))),
                    (gettext("Counters at the busiest hour"), fmt.number(c.peak_counters)),
                    (gettext("Agency officers"), fmt.number(c.officers)),
                    (gettext("Front-desk staff"), fmt.number(c.desk.staff)),
                    (gettext("Volunteers"), fmt.number(c.volunteers)),
                    (gettext("Served within the target"), fmt.percent(c.service_level)),
                ],
                "charts": [
                    charts["bar_chart"](c.arrivals_by_hour, labels, "t", "d", chart_id="arrivals"),
                    charts["bar_chart"](c.counters_by_hour, labels, "t", "d", chart_id="counters"),
                    charts["line_chart"](c.wait_distribution, "t", "d", chart_id="waits"),
                ],
                "hours": [
                    [
                        labels[i],
                        fmt.number(round(c.arrivals_by_hour[i])),
                        fmt.number(c.counters_by_hour[i]),
                        fmt.number(c.desk.hours[i].counters),
                        fmt.number(c.volunteers_by_hour[i]),
                    ]
                    for i in range(len(c.hours))
                ],
                "waits": [[fmt.number(int(m)), fmt.percent(x)] for m, x in c.wait_distribution],
                "groups": [
                    [
                        str(ctx.text(franchise.agency(g.id).name)),
                        fmt.number(round(g.arrivals)),
                        fmt.number(g.peak_counters),
                        fmt.number(g.staff),
                    ]
                    for g in c.groups
                ],
            }
        )
    return centres


def prepare_floor_data(path: Path) -> None:
    """Everything the floor renders, as plain data, from the resolved AF franchise."""
    from asan_core.base.resources import templates_dir
    from asan_core.export.catalogue import catalogue_document
    from asan_core.franchise import resolve
    from asan_core.i18n.fonts import kit_fonts

    franchise = resolve("AF")
    locales = list(franchise.country.locales)
    labels = [
        "Skip to the content",
        "Main menu",
        "Home",
        "Citizen charter",
        "Centres",
        "Principles",
        "Training handbooks",
        "Signage",
        "Agency",
        "Documents to bring",
        "Fee",
        "Processing time",
        "You receive",
        "Legal basis",
        "How to apply",
        "City",
        "Opening hours",
        "Features",
        "Principles poster",
        "Free of charge",
        "Capacity plan",
        "Hour by hour",
        "Waiting time",
        "By agency",
    ]
    data: dict[str, Any] = {"locales": {}, "chooser": [(loc, loc) for loc in locales]}
    for loc in locales:
        data["locales"][loc] = locale_data(franchise, loc, labels)
    data["root_page"] = (
        "<!DOCTYPE html><html><body>"
        + "".join(f'<a href="{loc}/index.html">{loc}</a>' for loc in locales)
        + "</body></html>"
    )
    assets = {p.name: str(p) for p in (templates_dir() / "kit" / "assets").iterdir()}
    fonts = kit_fonts(franchise, locales)
    assets.update({name.removeprefix("assets/"): str(src) for name, src in fonts.files.items()})
    fonts_css = path.parent / "fonts.css"
    fonts_css.write_text(fonts.css, encoding="utf-8")
    assets["fonts.css"] = str(fonts_css)
    data["assets"] = assets
    data["catalogue"] = catalogue_document(franchise, locales)
    with path.open("wb") as handle:
        pickle.dump(data, handle)


def run(command: list[str], env: dict[str, str]) -> tuple[float, int]:
    """Wall time (s) and peak resident memory (KiB, from ``/usr/bin/time``) of one fresh
    process. (``wait4``'s figure would count the benchmark's own memory, copied by fork.)"""
    timer = ["/usr/bin/time", "-f", "%M"] if Path("/usr/bin/time").exists() else []
    start = time.perf_counter()
    result = subprocess.run(
        [*timer, *command], env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True
    )
    elapsed = time.perf_counter() - start
    if result.returncode != 0:
        sys.exit(f"failed: {' '.join(command)}\n{result.stderr}")
    peak = int(result.stderr.strip().splitlines()[-1]) if timer else 0
    return elapsed, peak


def tree_size(folder: Path) -> tuple[int, int]:
    files = [p for p in folder.rglob("*") if p.is_file()]
    return len(files), sum(p.stat().st_size for p in files)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rounds", type=int, default=7)
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="asan-bench-"))
    env = afghanistan_only()
    print(compile_installed())
    prepare_floor_data(work / "floor.pickle")
    cold = {**env, "ASAN_CACHE_DIR": "off"}
    warm = {**env, "ASAN_CACHE_DIR": str(work / "cache")}
    commands = {
        "kit": [ASAN, "kit", "build", "AF", "--out", str(work / "kit")],
        "kit-warm": [ASAN, "kit", "build", "AF", "--out", str(work / "kit-warm")],
        "floor": [
            PYTHON,
            str(ROOT / "benchmarks" / "floor_kit.py"),
            str(work / "floor.pickle"),
            str(work / "floor"),
        ],
        "pass": [PYTHON, "-c", "pass"],
        "help": [ASAN, "--help"],
        "check": [ASAN, "check", "AF"],
    }
    times: dict[str, list[float]] = {name: [] for name in commands}
    memory: dict[str, int] = {}
    envs = {name: warm if name == "kit-warm" else cold for name in commands}
    for name, command in commands.items():  # one warm-up each: the OS file cache (and, for
        run(command, envs[name])  # kit-warm only, the compiled-template cache)
    for _ in range(args.rounds):
        for name, command in commands.items():
            elapsed, rss = run(command, envs[name])
            times[name].append(elapsed)
            memory[name] = max(memory.get(name, 0), rss)
    med = {name: statistics.median(values) for name, values in times.items()}
    print(
        f"{args.rounds} interleaved rounds on {os.cpu_count()} cores, "
        f"Python {sys.version.split()[0]}"
    )
    print(f"{'command':8} {'median':>8} {'min':>8} {'max':>8} {'peak MiB':>9}")
    for name, values in times.items():
        print(
            f"{name:8} {med[name]:8.3f} {min(values):8.3f} {max(values):8.3f} "
            f"{memory[name] / 1024:9.1f}"
        )
    kit_files, kit_bytes = tree_size(work / "kit")
    floor_files, floor_bytes = tree_size(work / "floor")
    print(
        f"output: kit {kit_files} files {kit_bytes / 2**20:.2f} MiB; floor {floor_files} files "
        f"{floor_bytes / 2**20:.2f} MiB (the same work: {floor_bytes / kit_bytes:.0%} of the bytes)"
    )
    ratio = med["kit"] / med["floor"]
    print(
        f"kit / floor: {ratio:.2f}x   help / pass: {med['help'] / med['pass']:.1f}x   "
        f"check / pass: {med['check'] / med['pass']:.1f}x"
    )
    print(f"kit-warm / floor: {med['kit-warm'] / med['floor']:.2f}x")
    targets = [
        ("kit build AF < 1.0 s (cold)", med["kit"] < 1.0),
        ("kit build AF <= 1.5x the floor (cold)", ratio <= 1.5),
        ("asan --help < 0.15 s", med["help"] < 0.15),
        ("asan check AF < 0.6 s", med["check"] < 0.6),
    ]
    for label, met in targets:
        print(f"  {'met   ' if met else 'NOT met'} {label}")
    shutil.rmtree(work)


if __name__ == "__main__":
    main()
