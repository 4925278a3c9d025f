"""Kit build speed: ``build_kit`` for AF and AZ against a bare-Jinja2 floor, in one run.

The floor renders the same templates with the same data through a plain Jinja2
environment into memory — no translation chain, no formatting (filters are ``str``), no
files, no manifest — so the ratio says what the kit's guarantees and localisation cost.
Prints wall time (best of 3), peak Python memory (tracemalloc, separate run) and the ratio.
Target (issue 5): the full AF kit under 2 s, within 3x of the floor, on a 2-core machine.

    python benchmarks/bench_kit.py
"""

from __future__ import annotations

import functools
import shutil
import tempfile
import time
import tracemalloc
from collections.abc import Callable
from pathlib import Path
from types import SimpleNamespace
from typing import Any

from jinja2 import ChoiceLoader, Environment, FileSystemLoader, StrictUndefined, select_autoescape
from markupsafe import Markup

from asan_core.contract.franchise import Franchise
from asan_core.contract.host import PluginHost, get_plugin_manager
from asan_core.franchise import resolve
from asan_core.i18n.context import template_folders
from asan_core.kit.build import ROLES, SERVICE_CARD_ROLES, build_kit, is_marked, markdown, pages

RUNS = 5
"""Each timing is the best of this many runs (the machine's noise is one-sided)."""


def best_of(runs: int, function: Callable[[], Any]) -> float:
    best = float("inf")
    for _ in range(runs):
        began = time.perf_counter()
        function()
        best = min(best, time.perf_counter() - began)
    return best


def peak_memory(function: Callable[[], Any]) -> int:
    tracemalloc.start()
    try:
        function()
        return tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


def floor(franchise: Franchise, host: PluginHost) -> Callable[[], int]:
    """Render every page of every locale with bare Jinja2, into memory."""
    env = Environment(
        loader=ChoiceLoader([FileSystemLoader(str(f)) for f in template_folders(franchise, host)]),
        autoescape=select_autoescape(["html"]),
        undefined=StrictUndefined,
        extensions=["jinja2.ext.i18n"],
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.install_null_translations(newstyle=True)  # type: ignore[attr-defined]
    for name in (
        "number",
        "percent",
        "money",
        "date",
        "date_range",
        "working_days",
        "weekday",
        "digits",
        "channel",
        "feature",
        "role",
    ):
        env.filters[name] = _plain
    env.filters["text"] = _english
    env.filters["text_in"] = lambda text, locale: _english(text)
    env.filters["bdi"] = lambda value: Markup("<bdi>{}</bdi>").format(value)
    env.filters["markdown"] = markdown
    by_agency: dict[str, list[Any]] = {}
    for service in franchise.services:
        by_agency.setdefault(service.agency, []).append(service)
    env.globals.update(
        lang="en",
        dir="ltr",
        locale="en",
        franchise=franchise,
        fmt=SimpleNamespace(comma=", ", semicolon="; "),
        service_json_ld=lambda service: "{}",
        illustrative_mark="⚑",
        brand="",
        country_name="",
        locales=[(loc, loc, loc) for loc in franchise.country.locales],
        version="0",
        services_by_agency=by_agency,
        agencies={a.id: a for a in franchise.agencies},
        roles=ROLES,
        service_card_roles=SERVICE_CARD_ROLES,
        search_index="[]",
        is_marked=is_marked,
        fee_is_illustrative=lambda service, cost: True,
    )

    def render() -> int:
        total = 0
        for _ in franchise.country.locales:
            for page in pages(franchise):
                html = env.get_template(page.template).render(
                    page=page.path, root="../", home="../x/", **page.values
                )
                total += len(html)
        return total

    return render


def _plain(value: Any, *args: Any, **kwargs: Any) -> str:
    return str(value)


def _english(text: dict[str, str] | None) -> str:
    texts = text or {}
    return texts.get("en") or next(iter(texts.values()), "")


def main() -> None:
    host = get_plugin_manager()
    workdir = Path(tempfile.mkdtemp(prefix="bench-kit-"))
    columns = ("build", "floor", "ratio", "peak MiB", "files", "size")
    widths = (9, 9, 7, 9, 6, 9)
    print(f"{'country':8} " + " ".join(f"{c:>{w}}" for c, w in zip(columns, widths, strict=True)))
    try:
        for code in ("AF", "AZ"):
            franchise = resolve(code, host)
            out = workdir / code
            build = functools.partial(build_kit, franchise, host, out)
            build_s = best_of(RUNS, build)
            render = floor(franchise, host)
            floor_s = best_of(RUNS, render)
            peak = peak_memory(build)
            report = build()
            print(
                f"{code:8} {build_s:8.2f}s {floor_s:8.2f}s {build_s / floor_s:6.2f}x "
                f"{peak / 2**20:9.1f} {report.files:6d} {report.bytes / 2**20:7.1f}MiB"
            )
    finally:
        shutil.rmtree(workdir, ignore_errors=True)


if __name__ == "__main__":
    main()
