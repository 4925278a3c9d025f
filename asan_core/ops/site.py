"""The report: a static site per month in every locale of the country, and JSON.

Layout of ``OUT``::

    index.html              the choice of language
    report.json             every figure, for other systems (docs/ops.md)
    assets/                 the kit's stylesheet, the report's, the typefaces
    <locale>/index.html     principle scores, indicators, charts, centres ranked
    <locale>/centres.html   every centre: its indicators and its day
    <locale>/services.html  every agency and service

The site is written to a temporary folder beside ``OUT`` and swapped in at the end: a
failure leaves the previous report (or nothing) in place, never a partial one.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import shutil
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from babel.numbers import format_percent
from jinja2 import (
    ChoiceLoader,
    Environment,
    FileSystemLoader,
    StrictUndefined,
    select_autoescape,
)
from markupsafe import Markup

from asan_core.base.problems import Problem, ProblemsError, display_path
from asan_core.base.resources import templates_dir
from asan_core.base.version import __version__
from asan_core.contract.franchise import Franchise
from asan_core.contract.indicators import Indicator
from asan_core.i18n.charts import bar_chart
from asan_core.i18n.context import LocaleContext
from asan_core.i18n.fonts import kit_fonts
from asan_core.i18n.labels import ILLUSTRATIVE_MARK
from asan_core.i18n.templating import install_translations
from asan_core.model import Sourced
from asan_core.ops.engine import ImportReport
from asan_core.ops.measure import Level, Measured
from asan_core.ops.records import parse_month

REPORT_KIND = "asan-ops-report"
PAGES = ("index.html", "centres.html", "services.html")


@dataclass
class OpsRun:
    """One computed month: what was imported and what was measured."""

    franchise: Franchise
    measured: Measured
    imports: list[ImportReport]

    @property
    def month(self) -> str:
        return self.measured.month

    @property
    def targets_illustrative(self) -> bool:
        provenance = self.franchise.country.provenance
        return provenance.illustrative or "targets" in provenance.illustrative_fields

    @property
    def records_illustrative(self) -> bool:
        return any(self.measured.illustrative_rows.values())

    def has_previous(self) -> bool:
        return self.measured.has("country", None, self.measured.previous)


def _change(current: float | None, previous: float | None) -> float | None:
    if current is None or previous is None:
        return None
    return round(current - previous, 4)


def report_json(run: OpsRun) -> dict[str, Any]:
    """Every figure of the month, keyed by ids (not translated): docs/ops.md documents it."""
    m = run.measured
    scalars = m.scalar_indicators()
    previous = m.previous if run.has_previous() else None

    def group(level: Level, key: str | None) -> dict[str, Any]:
        values = {i.id: m.value(level, key, i.id) for i in scalars}
        before = {i.id: m.value(level, key, i.id, previous) for i in scalars} if previous else {}
        result: dict[str, Any] = {
            "values": values,
            "principles": m.principle_scores(level, key),
            "overall": m.overall(level, key),
        }
        if previous:
            result["previous"] = {
                "values": before,
                "principles": m.principle_scores(level, key, previous),
            }
            result["change"] = {i.id: _change(values[i.id], before[i.id]) for i in scalars}
        return result

    def distributions(level: Level, key: str | None) -> dict[str, dict[str, float | None]]:
        return {
            i.id: {
                str(b): v
                for b, v in sorted(m.distributions.get((level, key, m.month, i.id), {}).items())
            }
            for i in m.indicators
            if i.by is not None
        }

    country = group("country", None)
    country["distributions"] = distributions("country", None)
    centres = []
    for rank, (centre, score) in enumerate(m.ranked_centres(), start=1):
        entry = {"id": centre, "rank": rank, "score": score, **group("centre", centre)}
        entry["distributions"] = distributions("centre", centre)
        centres.append(entry)
    return {
        "version": 1,
        "kind": REPORT_KIND,
        "generator": f"asan-sdk {__version__}",
        "country": run.franchise.country.code,
        "month": m.month,
        "previous_month": previous,
        "illustrative": {
            "records": run.records_illustrative,
            "illustrative_rows": m.illustrative_rows,
            "targets": run.targets_illustrative,
        },
        "rows_in_month": m.rows_in_month,
        "imports": [report.as_json() for report in run.imports],
        "indicators": [
            {
                "id": i.id,
                "principle": i.principle,
                "label": i.label,
                "table": i.table,
                "unit": i.unit,
                "better": i.better,
                "by": i.by,
                "target_key": i.target if isinstance(i.target, str) else None,
                "target": m.targets.get(i.id),
                "expression": i.expression,
                "description": i.description,
                "plugin": run.franchise.plugins.indicator_plugins.get(i.id),
            }
            for i in m.indicators
        ],
        "country_figures": country,
        "centres": centres,
        "agencies": [{"id": a, **group("agency", a)} for a in m.keys("agency")],
        "services": [{"id": s, **group("service", s)} for s in m.keys("service")],
    }


# -- pages --------------------------------------------------------------------------


def environment(context: LocaleContext) -> Environment:
    """Jinja2 for one locale: autoescape, strict, gettext that escapes translations (a
    translation is text, never markup — as in the kit)."""
    folders = [*context.franchise.plugins.template_dirs, templates_dir()]
    env = Environment(
        loader=ChoiceLoader([FileSystemLoader(str(f)) for f in folders]),
        autoescape=select_autoescape(["html"], default_for_string=True),
        undefined=StrictUndefined,
        extensions=["jinja2.ext.i18n"],
        trim_blocks=True,
        lstrip_blocks=True,
    )
    chain = context.chain
    install_translations(env, chain)
    env.filters["plain"] = str
    return env


class View:
    """What the templates of one locale read: labels, formatted values, charts."""

    def __init__(self, run: OpsRun, context: LocaleContext) -> None:
        self.run = run
        self.m = run.measured
        self.context = context
        self.fmt = context.formatter
        self.chain = context.chain
        self.franchise = run.franchise
        self.illustrative_mark = self.chain.plain(ILLUSTRATIVE_MARK)

    # -- names
    def label(self, indicator: Indicator) -> str:
        return self.chain.gettext(indicator.label)

    def principle_name(self, principle: str | None) -> Any:
        for record in self.franchise.principles:
            if record.id == principle:
                return self.context.text(record.name)
        return principle or ""

    def centre_name(self, centre: str) -> Any:
        try:
            return self.context.text(self.franchise.centre(centre).name)
        except KeyError:
            return centre

    def service_title(self, service: str) -> Any:
        try:
            return self.context.text(self.franchise.service(service).title)
        except KeyError:
            return service

    def agency_name(self, agency: str) -> Any:
        try:
            return self.context.text(self.franchise.agency(agency).name)
        except KeyError:
            return agency

    def marked(self, kind: str, record_id: str) -> bool:
        """True when the centre, service or agency record is illustrative."""
        getter = {
            "centre": self.franchise.centre,
            "service": self.franchise.service,
            "agency": self.franchise.agency,
        }[kind]
        try:
            record = getter(record_id)
        except KeyError:
            return False
        return isinstance(record, Sourced) and record.provenance.illustrative

    # -- numbers
    def number(self, value: float, decimals: int = 1) -> str:
        rounded = round(value, decimals)
        if rounded == int(rounded):
            return self.fmt.number(int(rounded))
        return self.fmt.number(rounded)

    def percent(self, value: float) -> str:
        fmt = self.fmt
        text = format_percent(
            value / 100,
            format="#,##0.0%",
            locale=fmt.babel_locale,
            numbering_system=fmt.numbering_system,
        )
        sign = fmt.babel_locale.number_symbols[fmt.numbering_system].get("percentSign", "%")
        return fmt.digits(text.replace("%", sign))

    def value(self, indicator: Indicator, value: float | None) -> str:
        if value is None:
            return "—"
        if indicator.unit == "percent":
            return self.percent(value)
        if indicator.unit == "minutes":
            return self.chain.gettext("%(minutes)s min") % {"minutes": self.number(value)}
        if indicator.unit == "days":
            return self.chain.gettext("%(days)s days") % {"days": self.number(value)}
        if indicator.unit == "score":
            return self.number(value, 2)
        return self.number(value, 0)

    def current(self, level: Level, key: str | None, indicator: Indicator) -> str:
        return self.value(indicator, self.m.value(level, key, indicator.id))

    def previous(self, level: Level, key: str | None, indicator: Indicator) -> str:
        return self.value(indicator, self.m.value(level, key, indicator.id, self.m.previous))

    def target(self, indicator: Indicator) -> str:
        target = self.m.targets.get(indicator.id)
        return "—" if target is None else self.value(indicator, target)

    def change(self, level: Level, key: str | None, indicator: Indicator) -> dict[str, str]:
        """The change since the previous month: its text, and better/worse/same."""
        now = self.m.value(level, key, indicator.id)
        before = self.m.value(level, key, indicator.id, self.m.previous)
        delta = _change(now, before)
        if delta is None:
            return {"text": "—", "trend": "none", "word": ""}
        size = abs(delta)
        shown = (
            self.value(indicator, size)
            if indicator.unit != "percent"
            else (self.chain.gettext("%(points)s points") % {"points": self.number(size)})
        )
        if self.value(indicator, size) == self.value(indicator, 0):  # nothing shown changed
            return {"text": shown, "trend": "same", "word": self.chain.gettext("no change")}
        sign = "+" if delta > 0 else "−"
        if indicator.better is None:
            trend, word = "neutral", ""
        elif (delta < 0) == (indicator.better == "lower"):
            trend, word = "better", self.chain.gettext("better")
        else:
            trend, word = "worse", self.chain.gettext("worse")
        return {"text": self.fmt.isolate(sign + shown), "trend": trend, "word": word}

    def score(self, value: float | None) -> str:
        return "—" if value is None else self.number(value, 0)

    def score_change(self, level: Level, key: str | None, principle: str) -> str:
        if not self.run.has_previous():
            return ""
        now = self.m.principle_scores(level, key).get(principle)
        before = self.m.principle_scores(level, key, self.m.previous).get(principle)
        delta = _change(now, before)
        if delta is None:
            return ""
        sign = "+" if delta > 0 else ("−" if delta < 0 else "±")
        return self.fmt.isolate(sign + self.number(abs(delta), 0))

    # -- groups
    def principles(self, level: Level, key: str | None) -> list[tuple[str, float | None]]:
        scores = self.m.principle_scores(level, key)
        order = [p.id for p in self.franchise.principles]
        return sorted(
            scores.items(), key=lambda item: order.index(item[0]) if item[0] in order else 99
        )

    def indicators(self, principle: str | None = "*") -> list[Indicator]:
        scalars = self.m.scalar_indicators()
        if principle == "*":
            return scalars
        return [i for i in scalars if i.principle == principle]

    def indicator(self, indicator_id: str) -> Indicator | None:
        for indicator in self.m.indicators:
            if indicator.id == indicator_id:
                return indicator
        return None

    def sections(self) -> list[tuple[str | None, list[Indicator]]]:
        """Indicators by principle (in the country's order), volumes first."""
        order: list[str | None] = [None, *(p.id for p in self.franchise.principles)]
        extra = [i.principle for i in self.m.scalar_indicators() if i.principle not in order]
        return [
            (p, self.indicators(p)) for p in [*order, *dict.fromkeys(extra)] if self.indicators(p)
        ]

    def charts(self, level: Level, key: str | None) -> list[dict[str, Any]]:
        """Each distribution of the group: its chart and its table rows."""
        found = []
        for indicator in self.m.indicators:
            if indicator.by is None:
                continue
            data = self.m.distributions.get((level, key, self.m.month, indicator.id), {})
            if not data:
                continue
            buckets = range(1, 6) if indicator.by == "score" else range(min(data), max(data) + 1)
            labels = [self.fmt.number(b) for b in buckets]
            values = [data.get(b) for b in buckets]
            target = self.m.targets.get(indicator.id)
            title = self.label(indicator)
            found.append(
                {
                    "title": title,
                    "by": indicator.by,
                    "svg": Markup(
                        bar_chart(
                            values,
                            labels,
                            title=title,
                            number=lambda v: self.number(v, 1),
                            rtl=self.fmt.direction == "rtl",
                            chart_id=f"chart-{indicator.id}",
                            whole=False,
                            target=target,
                            target_label=self.chain.gettext("target") if target else "",
                        )
                    ),
                    "rows": [
                        (label, self.value(indicator, value))
                        for label, value in zip(labels, values, strict=True)
                    ],
                }
            )
        return found

    def month_range(self) -> str:
        year, number = parse_month(self.m.month)
        first = dt.date(year, number, 1)
        last = (first.replace(day=28) + dt.timedelta(days=4)).replace(day=1) - dt.timedelta(days=1)
        return self.fmt.date_range(first, last)

    def previous_range(self) -> str:
        year, number = parse_month(self.m.previous)
        first = dt.date(year, number, 1)
        last = (first.replace(day=28) + dt.timedelta(days=4)).replace(day=1) - dt.timedelta(days=1)
        return self.fmt.date_range(first, last)

    def count(self, value: int) -> str:
        return self.fmt.number(value)


def write_site(
    run: OpsRun,
    out: Path,
    locales: list[str] | None = None,
    progress: Callable[[str], None] | None = None,
) -> list[str]:
    """Write the report site of ``run`` into ``out`` (atomically), every locale of the
    country unless ``locales`` is given; returns the files written (relative)."""
    franchise = run.franchise
    chosen = locales or list(franchise.country.locales)
    _check_out(out)
    out.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{out.name}.writing-", dir=out.parent))
    written: list[str] = []
    try:

        def write(relative: str, content: str | bytes) -> None:
            path = staging / relative
            path.parent.mkdir(parents=True, exist_ok=True)
            if isinstance(content, str):
                path.write_text(content, encoding="utf-8")
            else:
                path.write_bytes(content)
            written.append(relative)

        data = report_json(run)
        write("report.json", json.dumps(data, ensure_ascii=False, indent=2) + "\n")
        kit_css = templates_dir() / "kit" / "assets" / "kit.css"
        write("assets/kit.css", kit_css.read_bytes())
        write("assets/ops.css", (templates_dir() / "ops" / "ops.css").read_bytes())
        fonts = kit_fonts(franchise, chosen)  # the same faces and stylesheet as the kit
        for name, path in sorted(fonts.files.items()):
            write(f"assets/{name}", path.read_bytes())
        write("assets/fonts.css", fonts.css)
        languages = []
        for locale in chosen:
            context = LocaleContext(franchise, locale)
            languages.append(
                (
                    locale,
                    context.formatter.lang,
                    context.formatter.direction,
                    _language_name(locale),
                )
            )
        for locale in chosen:
            if progress:
                progress(f"writing the {locale} pages")
            context = LocaleContext(franchise, locale)
            env = environment(context)
            view = View(run, context)
            for page in PAGES:
                template = env.get_template(f"ops/{page}")
                html = template.render(
                    view=view,
                    run=run,
                    page=page,
                    locale=locale,
                    lang=context.formatter.lang,
                    dir=context.formatter.direction,
                    languages=languages,
                    country_name=context.text(franchise.country.name),
                    brand=context.text(franchise.country.brand),
                    version=__version__,
                )
                write(f"{locale}/{page}", html)
        root = environment(LocaleContext(franchise, franchise.country.primary_locale))
        write(
            "index.html",
            root.get_template("ops/root.html").render(
                languages=languages,
                month=run.month,
                country=franchise.country.code,
            ),
        )
        (staging / ".asan-ops-report").write_text(REPORT_KIND + "\n", encoding="utf-8")
        staging.chmod(0o755)
        _swap(staging, out)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    return written


def _language_name(locale: str) -> str:
    from babel import Locale

    parsed = Locale.parse(locale)
    name = parsed.get_display_name(parsed) or locale
    if locale == "fa_AF":
        name = parsed.languages.get("fa_AF", name)  # دری, as the country names it
    return name


def _check_out(out: Path) -> None:
    """Refuse to replace a folder that is not an earlier report (nor empty)."""
    if out.exists() and (
        not out.is_dir() or (any(out.iterdir()) and not (out / ".asan-ops-report").is_file())
    ):
        raise ProblemsError(
            [
                Problem(
                    f"{display_path(out)} exists and is not an asan ops report: it is left "
                    "as it is",
                    hint="give --out a new folder, or the folder of an earlier report",
                )
            ]
        )


def _swap(staging: Path, out: Path) -> None:
    if not out.exists():
        os.replace(staging, out)
        return
    old = out.with_name(f".{out.name}.old-{os.getpid()}")
    os.replace(out, old)
    try:
        os.replace(staging, out)
    except OSError:
        os.replace(old, out)
        raise
    shutil.rmtree(old, ignore_errors=True)


__all__ = ["OpsRun", "View", "report_json", "write_site"]
