"""The deployment kit: everything a partner needs to open a centre, in its languages.

``build_kit`` renders, for each locale, a static site (home, citizen charter with a page per
service and an offline search, centres, principles), the role handbooks (web and printable),
signage (principles poster, a desk sign per agency), plus ``catalogue.json`` and
``manifest.json``. Guarantees:

- **atomic** — the kit is built in a temporary folder beside the target and swapped in at
  the end; a failure or Ctrl-C leaves the previous kit as it was;
- **reproducible** — the same inputs give byte-identical files (no timestamps, sorted JSON);
  ``SOURCE_DATE_EPOCH``, when set, is recorded in the manifest as the build date;
- **honest** — conformance errors stop the build unless forced; ``strict`` fails when any
  string shown in a locale fell back to another language; illustrative data is marked.
"""

from __future__ import annotations

import contextlib
import multiprocessing
import os
import shutil
import sys
import tempfile
import traceback
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

from babel import Locale
from jinja2 import Environment, TemplateError
from markupsafe import Markup, escape

from asan_core.base.problems import Problem, ProblemsError
from asan_core.base.resources import templates_dir
from asan_core.base.version import __version__
from asan_core.capacity import CapacityPlan, plan
from asan_core.checks.report import report_html
from asan_core.checks.run import run_checks
from asan_core.contract.franchise import Franchise
from asan_core.contract.rules import Severity
from asan_core.export.catalogue import catalogue_document
from asan_core.export.honesty import fee_is_illustrative
from asan_core.export.schema_org import script_json, service_page
from asan_core.i18n.catalogs import N_
from asan_core.i18n.charts import bar_chart, line_chart
from asan_core.i18n.context import LocaleContext, ShownText
from asan_core.i18n.fonts import kit_fonts
from asan_core.i18n.formatting import Formatter
from asan_core.kit.environment import make_environment
from asan_core.kit.markdown import markdown
from asan_core.kit.pages import ROLES, SERVICE_CARD_ROLES, Page, pages, print_documents
from asan_core.kit.templates import can_fork, end_with_parent
from asan_core.kit.theme import Theme, kit_theme
from asan_core.kit.writer import (
    KitWriter,
    as_json,
    remove_stale_folders,
    swap_in,
    write_manifest,
)
from asan_core.model import SOURCE_LOCALE, Service

if TYPE_CHECKING:
    from asan_core.kit.pdf import PdfTimings

CHOOSE = N_("Choose your language:")
"""The root page's prompt, shown in every language of the kit."""


@dataclass
class KitReport:
    """What a build produced."""

    out: Path
    locales: list[str]
    files: int
    bytes: int
    fallbacks: dict[str, dict[str, str]] = field(default_factory=dict)
    """Per locale: source string → the locale it was shown in instead."""
    pdfs: list[str] = field(default_factory=list)
    """The PDFs printed (kit paths), when asked for."""
    pdf_problems: list[Problem] = field(default_factory=list)
    """Why the PDFs were not printed (the rest of the kit was built)."""
    pdf_timings: PdfTimings | None = None


def _language_name(locale: str, chosen: list[str]) -> str:
    """The language's name in itself, as a language switcher shows it: "دری", "پښتو",
    "Русский". The region is added only when two locales of the kit share a language."""
    parsed = Locale.parse(locale)
    shared = sum(1 for other in chosen if Locale.parse(other).language == parsed.language) > 1
    # CLDR names Afghan Persian "دری" under fa_AF itself.
    name = parsed.languages.get(locale) or (
        parsed.get_display_name(locale) if shared else parsed.languages.get(parsed.language)
    )
    name = str(name or locale)
    return name[:1].upper() + name[1:]


def check_out_folder(out: Path) -> None:
    """Refuse an ``--out`` no kit can be written to, before any work: a symlink loop, a
    path below a regular file, or a name too long for the temporary folder beside it."""

    def refuse(message: str, hint: str) -> None:
        raise ProblemsError([Problem(message, field="--out", hint=hint)])

    try:
        resolved = out.resolve()
    except (RuntimeError, OSError) as exc:  # Python 3.11 raises RuntimeError for a loop
        refuse(f"{out} cannot be followed ({exc})", "give --out a real folder, not a link loop")
    for parent in resolved.parents:
        if parent.exists() and not parent.is_dir():
            refuse(
                f"{parent} is a file, so {out} cannot be a folder below it",
                "give --out a folder whose parents are folders",
            )
        if parent.exists():
            break
    try:
        limit = os.pathconf(next(p for p in resolved.parents if p.exists()), "PC_NAME_MAX")
    except (OSError, ValueError, StopIteration):
        limit = 255
    longest = f".{resolved.name}.building-{os.getpid()}-xxxxxxxx"
    if len(os.fsencode(longest)) > limit:
        refuse(
            f"the name {resolved.name[:40]!r}… is too long: the kit is built beside it as "
            f"{longest[:20]!r}…, which must fit in {limit} bytes",
            f"shorten the folder's name to at most {limit - len(longest) + len(resolved.name)} "
            "bytes",
        )


def build_kit(
    franchise: Franchise,
    out: Path,
    locales: list[str] | None = None,
    strict: bool = False,
    force: bool = False,
    progress: Callable[[str], None] | None = None,
    pdf: bool = False,
    browser: str | None = None,
) -> KitReport:
    """Build the kit for ``franchise`` into ``out`` (atomically).

    :param locales: the locales to build (the country's, by default).
    :param strict: fail when any string shown in a locale fell back to another language.
    :param force: build even when the conformance check reports errors.
    :param progress: called with a short description of each step.
    :param pdf: print the PDFs too (:mod:`asan_core.kit.pdf`), into ``<locale>/pdf/``. When
        they cannot be printed (no Playwright, no browser) the rest of the kit is built and
        the report's ``pdf_problems`` say why; no PDF is written unless all are.
    :param browser: the Chromium to print with (see :func:`asan_core.kit.pdf.find_browser`).
    :raises ProblemsError: conformance errors (unless ``force``), strict fallbacks, or a
        target that exists and is not a kit.
    """
    check_out_folder(out)
    chosen = list(locales or franchise.country.locales)
    step = progress or (lambda _: None)
    out = out.resolve()
    if out.exists() and not out.is_dir():
        raise ProblemsError(
            [
                Problem(
                    f"{out} is a file, not a folder; refusing to replace it",
                    hint="give --out a folder (a new one, or an earlier kit)",
                )
            ]
        )
    if out.exists() and not (out / "manifest.json").is_file() and any(out.iterdir()):
        raise ProblemsError(
            [
                Problem(
                    f"{out} exists and is not a kit (it has no manifest.json); "
                    "refusing to replace it",
                    hint="choose another --out folder, or empty this one",
                )
            ]
        )
    theme = kit_theme(franchise)
    capacity_plan = plan(franchise) if franchise.demand else None

    def conformance() -> str:
        """The conformance report, checked while the second process renders pages: its
        errors stop the build (the staging folder is removed, nothing is written)."""
        report = run_checks(franchise)
        errors = [f for f in report.findings if f.severity is Severity.ERROR]
        if errors and not force:
            raise ProblemsError(
                [
                    Problem(
                        f"conformance error {f.rule}: {f.message}",
                        plugin=f.location.plugin if f.location else None,
                        file=f.location.file if f.location else None,
                        line=f.location.line if f.location else None,
                        field=f.location.field if f.location else None,
                        hint=(f.hint or "") + " (or build anyway with --force)",
                    )
                    for f in errors
                ]
            )
        return report_html(report, franchise)

    out.parent.mkdir(parents=True, exist_ok=True)
    remove_stale_folders(out)  # what killed builds left beside the kit
    staging = Path(tempfile.mkdtemp(prefix=f".{out.name}.building-{os.getpid()}-", dir=out.parent))
    umask = os.umask(0)
    os.umask(umask)
    staging.chmod(0o777 & ~umask)  # a kit is for publishing: mkdtemp's 0700 is not
    try:
        writer = KitWriter(staging)
        renderer = _Renderer(franchise, chosen, writer, capacity_plan, theme, step)
        contexts, fallbacks, check_page = _render_all(renderer, conformance)
        if strict:
            shown = {loc: fb for loc, fb in fallbacks.items() if fb}
            if shown:
                raise ProblemsError(strict_problems(franchise, shown))
        step("writing assets, catalogue, conformance report and manifest")
        _write_shared(franchise, contexts, writer, theme)
        writer.write("report/check.html", check_page)
        pdfs: list[str] = []
        pdf_problems: list[Problem] = []
        timings: PdfTimings | None = None
        if pdf:
            from asan_core.kit.pdf import PdfTimings, PdfUnavailable, PrintJob, render_pdfs

            timings = PdfTimings()
            step("printing the PDFs")
            jobs = [PrintJob(loc, doc) for loc in chosen for doc in print_documents(franchise)]
            try:
                printed = render_pdfs(staging, jobs, browser, step, timings)
            except PdfUnavailable as exc:
                pdf_problems = list(exc.problems)
            else:
                for name, data in printed.items():
                    writer.write(name, data)
                pdfs = list(printed)
        write_manifest(franchise, chosen, writer)
        swap_in(staging, out)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    return KitReport(
        out,
        chosen,
        len(writer.files),
        writer.total_bytes,
        fallbacks,
        pdfs,
        pdf_problems,
        timings,
    )


def strict_problems(franchise: Franchise, shown: dict[str, dict[str, str]]) -> list[Problem]:
    """One problem per locale that showed text in another language: what fell back — the
    interface strings, and the records and fields of the content — and the route to
    supply it (``asan i18n stats`` words the routes)."""
    from asan_core.i18n.workflow import coverage  # only when a strict build fails

    reports = {r.locale: r for r in coverage(franchise)}
    problems = []
    for locale, fell_back in shown.items():
        report = reports.get(locale)
        # What fell back (a text copied in English under the locale did not: stats lists it)
        missing = [*report.data_fallbacks, *report.catalog_missing] if report else []
        named = missing or list(fell_back)
        listed = "; ".join(named[:5]) + (f"; and {len(named) - 5} more" if len(named) > 5 else "")
        routes = "; ".join(report.routes) if report and report.routes else ""
        problems.append(
            Problem(
                f"{len(fell_back)} text(s) shown in {locale} fell back to another language; "
                f"missing in {locale}: {listed}",
                hint=(routes + "; " if routes else "")
                + f"asan i18n stats {franchise.country.code} lists them all; or build without "
                "--strict",
            )
        )
    return problems


def _template_problem(exc: TemplateError, locale: str) -> Problem:
    """Locate a template error in the template file (a plugin's override, or the core's)."""
    filename = getattr(exc, "filename", None)
    line = getattr(exc, "lineno", None)
    if filename is None:
        for frame in reversed(traceback.extract_tb(exc.__traceback__)):
            if frame.filename.endswith((".html", ".txt", ".xml")):
                filename, line = frame.filename, frame.lineno
                break
    return Problem(
        f"a template failed while rendering {locale}: {type(exc).__name__}: {exc}",
        file=filename,
        line=line,
        hint="fix the template (a country's override lives in its plugin's templates/ folder); "
        "the previous kit is unchanged",
    )


def render_jobs() -> int:
    """How many processes render the pages: 2 where the machine has two cores or more and
    can fork (Linux), 1 otherwise or with ``ASAN_JOBS=1``. Measured in
    ``benchmarks/bench_process.py`` (docs/performance.md): on 2 cores the pages of the AF
    kit render in about 60 % of the time."""
    if not can_fork():
        return 1
    setting = os.environ.get("ASAN_JOBS", "")
    if setting.isdigit():
        return max(1, min(2, int(setting)))
    return 2 if (os.cpu_count() or 1) >= 2 else 1


Fallbacks = dict[str, dict[str, str]]
T = TypeVar("T")


@dataclass(frozen=True)
class Unit:
    """Pages of one locale rendered together: a handbook's screen and print pages (they
    render the same Markdown), or one other page."""

    locale: str
    pages: tuple[Page, ...]


def units(
    franchise: Franchise, chosen: list[str], capacity_plan: CapacityPlan | None
) -> list[Unit]:
    """Every page of every locale, locale after locale, as units of work; in each locale
    the handbooks last. The handbooks share the curriculum's Markdown and the service
    cards, which each process renders once: in the locale where the two processes meet,
    the one from the back then takes the handbooks and the one from the front the other
    pages, rather than one handbook each (docs/performance.md counts the renders)."""
    found: list[Unit] = []
    for locale in chosen:
        grouped: dict[Any, list[Page]] = {}
        for index, page in enumerate(pages(franchise, capacity_plan)):
            grouped.setdefault(page.values.get("role", index), []).append(page)
        # a stable sort: the other pages, then the handbooks, each in their own order
        ordered = sorted(grouped.values(), key=lambda group: "role" in group[0].values)
        found.extend(Unit(locale, tuple(group)) for group in ordered)
    return found


class _Queue:
    """The units, taken from both ends: this process from the front (the first locales),
    the other from the back (the last), until they meet.

    Each process sets up only the locales it reaches (catalogs, formats, Markdown) and
    neither waits for the other: measured on the AF kit (docs/performance.md), this
    finishes both within a unit of each other, where a fixed half left one process idle
    while the other finished (the first also makes the conformance report)."""

    def __init__(self, count: int, shared: bool) -> None:
        self.count = count
        # The first and last units not yet taken: in memory the forked process shares, or
        # a plain list when one process takes them all.
        self._bounds: Any = [0, count - 1]
        self._lock: Any = contextlib.nullcontext()
        if shared:
            self._bounds = multiprocessing.get_context("fork").Array("l", [0, count - 1])
            self._lock = self._bounds.get_lock()

    def drain(self) -> None:
        """Leave no unit to take (a process failed: the build stops)."""
        with self._lock:
            self._bounds[0] = self._bounds[1] + 1

    def take(self, front: bool) -> int | None:
        with self._lock:
            first, last = self._bounds[0], self._bounds[1]
            if first > last:
                return None
            if front:
                self._bounds[0] = first + 1
                return int(first)
            self._bounds[1] = last - 1
            return int(last)


@dataclass
class _Renderer:
    """One process's rendering: an environment per locale it reaches, made when first
    needed."""

    franchise: Franchise
    chosen: list[str]
    writer: KitWriter
    capacity_plan: CapacityPlan | None
    theme: Theme
    step: Callable[[str], None]
    contexts: dict[str, LocaleContext] = field(default_factory=dict)
    _environment: tuple[str, Environment] | None = None
    """The locale being rendered and its environment. A process takes the locales in
    order, one after another: the one it leaves is not needed again, and its environment
    (with every service card) is let go."""

    def context(self, locale: str) -> LocaleContext:
        if locale not in self.contexts:
            self.contexts[locale] = LocaleContext(self.franchise, locale)
        return self.contexts[locale]

    def render(self, unit: Unit) -> None:
        locale = unit.locale
        if self._environment is None or self._environment[0] != locale:
            self.step(f"rendering {locale}")
            environment = _locale_environment(
                self.franchise,
                self.context(locale),
                self.chosen,
                self.theme,
                self.capacity_plan,
            )
            self._environment = (locale, environment)
        env = self._environment[1]
        try:
            for page in unit.pages:
                template = env.get_template(page.template)
                root = "../" * page.depth
                html = template.render(
                    page=page.path, root=root, home=f"{root}{locale}/", **page.values
                )
                self.writer.write(f"{locale}/{page.path}", html)
        except TemplateError as exc:
            raise ProblemsError([_template_problem(exc, locale)]) from exc

    def run(self, work: list[Unit], queue: _Queue, front: bool) -> None:
        while (taken := queue.take(front)) is not None:
            self.render(work[taken])

    def fallbacks(self) -> Fallbacks:
        return {locale: context.fallbacks() for locale, context in self.contexts.items()}


def _render_in_child(
    connection: Any, renderer: _Renderer, work: list[Unit], queue: _Queue, parent: int
) -> None:
    """The forked process: render units from the back of the queue, send back what the
    manifest and the strict check need (or the problems, or what went wrong). It ends
    with the build that forked it (:func:`~asan_core.kit.templates.end_with_parent`)."""
    end_with_parent(parent)
    try:
        renderer.writer = KitWriter(renderer.writer.root)  # its own record of files
        renderer.run(work, queue, front=False)
        connection.send(("done", (renderer.writer.files, renderer.fallbacks())))
    except ProblemsError as exc:
        queue.drain()  # the build fails: the other process stops at its next unit
        connection.send(("problems", exc.problems))
    except BaseException:  # an internal error: the parent reports it
        queue.drain()
        connection.send(("crash", traceback.format_exc()))
    finally:
        connection.close()


def _render_all(
    renderer: _Renderer, meanwhile: Callable[[], T]
) -> tuple[dict[str, LocaleContext], Fallbacks, T]:
    """Every page of every locale, in two processes when two can run
    (:func:`render_jobs`), taking units from the two ends of one queue (:class:`_Queue`).
    The files are the same either way; only the time differs. ``meanwhile`` runs first in
    this process (while the other renders); what it raises stops the build, what it
    returns is returned. The contexts of every locale are returned (the language chooser
    reads them)."""
    franchise, chosen, writer = renderer.franchise, renderer.chosen, renderer.writer
    work = units(franchise, chosen, renderer.capacity_plan)
    two = render_jobs() == 2 and len(work) > 1
    queue = _Queue(len(work), shared=two)
    if not two:
        result = meanwhile()
        renderer.run(work, queue, front=True)
        contexts = _every_context(renderer)
        return contexts, renderer.fallbacks(), result
    fork = multiprocessing.get_context("fork")
    receive, send = fork.Pipe(duplex=False)
    child = fork.Process(
        target=_render_in_child, args=(send, renderer, work, queue, os.getpid()), daemon=True
    )
    child.start()
    send.close()
    try:
        result = meanwhile()
        renderer.run(work, queue, front=True)
        try:
            kind, payload = receive.recv()
        except EOFError:
            kind, payload = "crash", f"the rendering process ended with code {child.exitcode}"
    finally:
        if child.is_alive() and sys.exc_info()[0] is not None:
            child.terminate()
        child.join()
        receive.close()
    if kind == "problems":
        raise ProblemsError(payload)
    if kind == "crash":
        raise RuntimeError(f"rendering the kit's pages failed in the second process:\n{payload}")
    files, child_fallbacks = payload
    writer.files.update(files)
    contexts = _every_context(renderer)
    ours = renderer.fallbacks()
    # In the kit's order of locales, as with one process (the other took them back to front)
    fallbacks = {
        locale: {**ours.get(locale, {}), **child_fallbacks.get(locale, {})} for locale in chosen
    }
    return contexts, fallbacks, result


def _every_context(renderer: _Renderer) -> dict[str, LocaleContext]:
    """The contexts of every locale of the kit, in the kit's order."""
    return {locale: renderer.context(locale) for locale in renderer.chosen}


def _locale_environment(
    franchise: Franchise,
    context: LocaleContext,
    chosen: list[str],
    theme: Theme,
    capacity_plan: CapacityPlan | None,
) -> Environment:
    """The environment the pages of ``context``'s locale render in."""
    locale = context.locale
    env = make_environment(context)
    env.filters["markdown"] = markdown
    if capacity_plan is not None:
        env.globals.update(
            capacity_plan=capacity_plan,
            centre_demand={d.centre: d for d in franchise.demand},
            **plan_charts(context.formatter),
        )
    services_by_agency: dict[str, list[Service]] = {}
    for service in franchise.services:
        services_by_agency.setdefault(service.agency, []).append(service)
    env.globals.update(
        brand=context.text(franchise.country.brand),
        country_name=context.text(franchise.country.name),
        locales=[(loc, _language_name(loc, chosen), loc.replace("_", "-")) for loc in chosen],
        language_name=_language_name(locale, chosen),
        logo=theme.logo_asset,
        week_days=week_days(franchise),
        version=__version__,
        services_by_agency=services_by_agency,
        agencies={a.id: a for a in franchise.agencies},
        roles=ROLES,
        service_card_roles=SERVICE_CARD_ROLES,
        search_index=_search_index(franchise, context),
        is_marked=is_marked,
        fee_is_illustrative=fee_is_illustrative,
        service_json_ld=lambda service: Markup(
            script_json(service_page(franchise, service, locale, context.chain.plain))
        ),
        service_card=_card_once(env),
        centres_offering=_centres_offering(franchise, context),
    )
    return env


def _centres_offering(franchise: Franchise, context: LocaleContext) -> Callable[[Service], Markup]:
    """``centres_offering(service)``: the names of the centres (not the mobile units) that
    offer ``service``, joined by the locale's comma (empty when none does). Each centre's
    name is looked up once per locale: a service page's template used to look up and join
    every centre's name itself, most of a 1,000-service, 100-centre kit's time."""
    centres = [centre for centre in franchise.centres if centre.kind == "centre"]
    comma = escape(context.formatter.comma)
    names: dict[str, Markup] = {}

    def centres_offering(service: Service) -> Markup:
        offering = []
        for centre in centres:
            if franchise.offers(centre, service):
                if centre.id not in names:
                    names[centre.id] = escape(context.text(centre.name))
                offering.append(names[centre.id])
        return comma.join(offering)

    return centres_offering


def _card_once(env: Environment) -> Callable[..., Markup]:
    """``service_card(service, level)``: the ``kit/macros.html`` macro, rendered once per
    service and heading level in a locale. Three handbooks, on screen and for print, carry
    a card for every service; the card depends on nothing else (not the page), so it was
    the same text rendered six times over — most of the handbooks' time."""
    cards: dict[tuple[str, int], Markup] = {}

    def service_card(service: Service, level: int = 3) -> Markup:
        key = (service.id, level)
        if key not in cards:
            macro = env.get_template("kit/macros.html").module.service_card  # type: ignore[attr-defined]
            cards[key] = Markup(macro(service, level=level))
        return cards[key]

    return service_card


def plan_charts(formatter: Formatter) -> dict[str, Any]:
    """The chart functions of the plan pages, bound to the locale's digits and direction."""
    rtl = formatter.direction == "rtl"

    def number(value: float) -> str:
        return formatter.number(round(value, 1) if value % 1 else int(value))

    def bars(
        values: list[float], labels: list[str], title: str, desc: str, chart_id: str
    ) -> Markup:
        return Markup(
            bar_chart(
                values, labels, title=title, desc=desc, chart_id=chart_id, number=number, rtl=rtl
            )
        )

    def line(points: list[tuple[float, float]], title: str, desc: str, chart_id: str) -> Markup:
        return Markup(
            line_chart(
                points,
                title=title,
                desc=desc,
                chart_id=chart_id,
                x_label=lambda minutes: formatter.number(int(minutes)),
                number=formatter.percent,
                rtl=rtl,
            )
        )

    def hour_labels(hours: list[int]) -> list[str]:
        return [formatter.digits(f"{hour:02d}:00") for hour in hours]

    return {"bar_chart": bars, "line_chart": line, "hour_labels": hour_labels}


def week_days(franchise: Franchise) -> list[str]:
    """The days of the week in the country's order (Saturday first in Afghanistan)."""
    return list(franchise.country.week.days)


def is_marked(record: Any, field_name: str | None = None) -> bool:
    """True when ``record`` is illustrative, or its ``field_name`` is."""
    provenance = record.provenance
    if provenance.illustrative:
        return True
    return field_name is not None and field_name in provenance.illustrative_fields


def _search_index(franchise: Franchise, context: LocaleContext) -> Markup:
    """Each service's searchable text, every part with its language and direction (the
    page's own, or the language it fell back to)."""
    page_lang, page_dir = context.formatter.lang, context.formatter.direction

    def part(text: ShownText) -> dict[str, str]:
        return {
            "text": str(text),
            "lang": text.lang or page_lang,
            "dir": text.direction if text.lang else page_dir,
        }

    entries = [
        {
            "id": s.id,
            "title": part(context.text(s.title)),
            "text": [
                part(context.text(s.description)),
                part(context.text(franchise.agency(s.agency).name)),
                *(part(context.text(e.name)) for e in s.evidence),
            ],
        }
        for s in franchise.services
    ]
    # Safe inside <script type="application/json">: <, > and & are JSON escapes, so no
    # text can close the element or open a comment ("<!--" would swallow the page).
    return Markup(script_json(entries))


# -- shared files and the manifest ----------------------------------------------------


def _write_shared(
    franchise: Franchise, contexts: dict[str, LocaleContext], writer: KitWriter, theme: Theme
) -> None:
    """Assets (with the theme and logo), the language chooser and the catalogue."""
    chosen = list(contexts)
    assets = templates_dir() / "kit" / "assets"
    for path in sorted(assets.iterdir()):
        if path.is_file():
            writer.write(f"assets/{path.name}", path.read_bytes())
    writer.write("assets/theme.css", theme.css)
    if theme.logo is not None and theme.logo_asset is not None:
        writer.write(theme.logo_asset, theme.logo.read_bytes())
    fonts = kit_fonts(franchise, chosen)
    writer.write("assets/fonts.css", fonts.css)
    for name, source in sorted(fonts.files.items()):
        writer.write(f"assets/{name}", source.read_bytes())
    default = franchise.country.primary_locale
    first = default if default in chosen else chosen[0]
    context = contexts[first]
    env = make_environment(context)
    env.globals.update(
        brand=context.text(franchise.country.brand),
        locales=[(loc, _language_name(loc, chosen), loc.replace("_", "-")) for loc in chosen],
        version=__version__,
        logo=theme.logo_asset,
    )
    # The chooser asks in every language of the kit, each in its own lang and dir.
    # A language whose catalog lacks the prompt is left out rather than shown in another
    # language under its own lang attribute.
    prompts: list[tuple[str, str, str]] = []
    for loc in [first, *(loc for loc in chosen if loc != first)]:
        other = contexts[loc]
        prompt = other.chain.plain(CHOOSE)
        if CHOOSE in other.chain.fallbacks or prompt in {text for _, _, text in prompts}:
            continue
        prompts.append((other.formatter.lang, other.formatter.direction, prompt))
    if not prompts:  # no catalog has it: the source text, marked as what it is
        prompts.append((SOURCE_LOCALE, "ltr", CHOOSE))
    root_page = env.get_template("kit/root.html").render(root="", first=first, prompts=prompts)
    writer.write("index.html", root_page)
    # The same document as `asan export --format catalogue-json` (and `asan diff` reads it).
    writer.write("catalogue.json", as_json(catalogue_document(franchise, chosen)))
