"""The ``asan`` command line: parse, call one function, print.

Exit codes: 0 success; 1 findings (``check`` found errors, ``plugins`` found a broken
plugin); 2 usage or input error (a bad option, an unknown country or locale, a data file
that does not validate). User mistakes never print a traceback.
"""

from __future__ import annotations

import json
import sys
from decimal import Decimal
from enum import StrEnum
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.console import Console
from rich.markup import escape
from rich.table import Table

from asan_core import __version__
from asan_core.check_report import principle_sections, report_html, report_json
from asan_core.cli_export import register as register_export_commands
from asan_core.cli_new import register as register_new_commands
from asan_core.cli_support import (
    EXIT_FINDINGS,
    CountryArg,
    JsonOpt,
    LocaleOpt,
    consoles,
    fail,
    franchise_of,
    guard,
    host_or_warn,
    locale_of,
    print_json,
)
from asan_core.conformance import CheckReport, Severity, collect_rules, run_checks
from asan_core.files import write_atomically
from asan_core.franchise import Franchise
from asan_core.i18n_tools import Project, compile_catalogs, coverage, extract, update
from asan_core.kit import build_kit, serve_kit
from asan_core.labels import CHANNEL_LABELS
from asan_core.listings import centres_json, country_json, plugins_json, services_json
from asan_core.model import ChannelKind
from asan_core.model.common import check_locale_identifier
from asan_core.negotiation import negotiate_locale
from asan_core.plugins import PluginHost
from asan_core.problems import Problem, ProblemsError, display_path
from asan_core.rendering import LocaleContext

app = typer.Typer(
    name="asan",
    help="Franchise a one-stop-shop public service centre (the ASAN model) to another country.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
)


def _version(value: bool) -> None:
    if value:
        consoles.out.print(f"asan-sdk {__version__}")
        raise typer.Exit()


@app.callback()
def _main(
    version: Annotated[
        bool,
        typer.Option("--version", callback=_version, is_eager=True, help="Show the version."),
    ] = False,
) -> None:
    """Franchise a one-stop-shop public service centre (the ASAN model) to another country."""


@app.command("plugins")
def plugins_command(as_json: JsonOpt = False) -> None:
    """List the installed plugins: distribution, version, hooks and countries.

    Exits 1 when a plugin failed to load (it is listed under failures).
    """
    host = host_or_warn()
    countries: dict[str, list[str]] = {}
    for plugin, answer in host.call_each("asan_countries"):
        countries[plugin] = sorted(c.code for c in answer or [] if hasattr(c, "code"))
    data = plugins_json(host, countries)
    if as_json:
        print_json(data)
    else:
        table = Table("plugin", "distribution", "version", "countries", "hooks")
        for item in data["plugins"]:
            table.add_row(
                item["name"],
                item["distribution"] or "",
                item["version"] or "",
                ", ".join(item["countries"]),
                ", ".join(h.removeprefix("asan_") for h in item["hooks"]),
            )
        consoles.out.print(table)
    if host.failures:
        raise typer.Exit(EXIT_FINDINGS)


@app.command("countries")
def countries_command(as_json: JsonOpt = False) -> None:
    """List the countries the installed plugins declare."""
    host = host_or_warn()
    entries = []
    for plugin, answer in host.call_each("asan_countries"):
        for country in answer or []:
            entries.append(country_json(country, plugin))
    _report_call_failures(host)
    entries.sort(key=lambda e: e["code"])
    if as_json:
        print_json({"version": 1, "countries": entries})
        return
    table = Table("code", "country", "brand", "locales", "currency", "calendar", "plugin")
    for e in entries:
        default = e["default_locale"]
        table.add_row(
            e["code"],
            e["name"].get("en") or e["name"].get(default, ""),
            e["brand"].get(default, ""),
            ", ".join(e["locales"]),
            e["currency"],
            e["calendar"],
            e["plugin"],
        )
    consoles.out.print(table)


def _report_call_failures(host: PluginHost) -> None:
    problems: list[Problem] = []
    for failure in host.failures:
        if failure.hook is None:
            continue  # already warned about at load time
        problems.extend(failure.problems)
        if not failure.problems:
            problems.append(Problem(failure.render(), plugin=failure.plugin))
    if problems:
        fail(problems)


@app.command("services")
def services_command(
    country: CountryArg, locale: LocaleOpt = None, as_json: JsonOpt = False
) -> None:
    """List a country's services: title, agency, channels, time and fee, in one locale."""
    host = host_or_warn()
    franchise = franchise_of(country, host)
    loc = locale_of(franchise, locale)
    data = services_json(franchise, loc)
    if as_json:
        print_json(data)
        return
    brand = franchise.text(franchise.country.brand, loc)
    table = Table(
        "id",
        "service",
        "agency",
        "channels",
        "days",
        "fee",
        title=f"{brand} — {franchise.text(franchise.country.name, loc)} ({loc})",
    )
    # Numbers, money and labels as the kit shows them in this locale (digits, currency sign).
    context = LocaleContext(franchise, loc, host)
    fmt, gettext = context.formatter, context.chain.gettext
    free = gettext("Free of charge")
    for s in data["services"]:
        fee = fmt.comma.join(
            free if c["free"] else fmt.money(Decimal(c["amount"]), c["currency"])
            for c in s["costs"]
        )
        marked = _marks(s["provenance"], any(c["provenance"]["illustrative"] for c in s["costs"]))
        table.add_row(
            s["id"] + marked,
            s["title"],
            s["agency"]["name"],
            fmt.comma.join(gettext(CHANNEL_LABELS[ChannelKind(c)]) for c in s["channels"]),
            "—" if s["processing_days"] is None else fmt.number(s["processing_days"]),
            fee or "—",
        )
    consoles.out.print(table)
    consoles.out.print(f"{len(data['services'])} services. ⚑ = illustrative data, to be confirmed.")


def _marks(provenance: dict[str, Any], extra: bool = False) -> str:
    illustrative = provenance["illustrative"] or provenance["illustrative_fields"] or extra
    return " ⚑" if illustrative else ""


@app.command("centres")
def centres_command(
    country: CountryArg, locale: LocaleOpt = None, as_json: JsonOpt = False
) -> None:
    """List a country's centres and mobile units, and who serves each area."""
    host = host_or_warn()
    franchise = franchise_of(country, host)
    loc = locale_of(franchise, locale)
    data = centres_json(franchise, loc)
    if as_json:
        print_json(data)
        return
    table = Table("id", "kind", "centre", "city", "area", "services", "volunteers", "features")
    for c in data["centres"]:
        table.add_row(
            c["id"] + _marks(c["provenance"]),
            c["kind"],
            c["name"],
            c["city"] or "",
            c["area"] or ", ".join(c["serves_areas"]),
            str(len(c["services"])),
            "" if c["volunteers"] is None else str(c["volunteers"]),
            ", ".join(c["features"]),
        )
    consoles.out.print(table)
    by_centre = sum(1 for a in data["coverage"] if a["centres"])
    fallback = len(data["coverage"]) - by_centre
    consoles.out.print(
        f"{len(data['centres'])} centres and mobile units. Of {len(data['coverage'])} areas, "
        f"{by_centre} are served by a centre and {fallback} by agency divisions (the fallback). "
        "⚑ = illustrative data, to be confirmed."
    )


class CheckFormat(StrEnum):
    """Output formats of ``asan check``."""

    TEXT = "text"
    JSON = "json"
    HTML = "html"


@app.command("check")
def check_command(
    country: CountryArg,
    output_format: Annotated[
        CheckFormat, typer.Option("--format", "-f", help="text, json or html.")
    ] = CheckFormat.TEXT,
    output: Annotated[
        Path | None, typer.Option("--output", "-o", help="Write the report to this file.")
    ] = None,
) -> None:
    """Validate a country and run the conformance rules; exit 1 if any finding is an error.

    Data that does not validate (a bad file, an unknown reference) exits 2 with every
    problem located by plugin, file, line and field.
    """
    host = host_or_warn()
    franchise = franchise_of(country, host)
    rules, problems = collect_rules(host)
    if problems:
        fail(problems)
    report = run_checks(franchise, rules)
    if output_format is CheckFormat.JSON:
        text = json.dumps(report_json(report, franchise), ensure_ascii=False, indent=2) + "\n"
    elif output_format is CheckFormat.HTML:
        text = report_html(report, franchise)
    else:
        console = (
            Console(record=True, width=100, highlight=False, file=_null())
            if output
            else consoles.out
        )
        _print_check(report, franchise, console)
        text = console.export_text() if output else ""
    if output:
        _write_atomically(output, text)
        consoles.out.print(f"wrote {output}")
    elif output_format is not CheckFormat.TEXT:
        sys.stdout.write(text)
    if report.has_errors:
        raise typer.Exit(EXIT_FINDINGS)


def _null() -> Any:
    import io

    return io.StringIO()


def _write_atomically(path: Path, text: str) -> None:
    write_atomically(path, text, field="--output")


SEVERITY_STYLE = {Severity.ERROR: "bold red", Severity.WARNING: "yellow", Severity.INFO: "cyan"}
MAX_LISTED = 12


def _print_check(report: CheckReport, franchise: Franchise, console: Console) -> None:
    country = franchise.country
    console.print(
        f"[bold]{escape(franchise.text(country.name, 'en'))} ({country.code})[/] — "
        f"{escape(franchise.text(country.brand, 'en'))}; plugin {franchise.owner}; "
        f"{len(franchise.services)} services, {len(franchise.agencies)} agencies, "
        f"{len(franchise.centres)} centres and mobile units"
    )
    for section in principle_sections(report, franchise):
        score = "not scored" if section.score is None else f"{section.score}/100"
        note = f" ({section.note})" if section.note else ""
        console.print(f"\n[bold]{escape(section.name)}[/]{escape(note)}: {score}")
        for part in section.rules:
            if not part.findings:
                console.print(f"  [green]ok[/] {part.rule.id}: {escape(part.rule.description)}")
                continue
            for finding in part.findings[:MAX_LISTED]:
                where = finding.location.location() if finding.location else ""
                style = SEVERITY_STYLE[finding.severity]
                console.print(
                    f"  [{style}]{finding.severity}[/] {part.rule.id}: {escape(finding.message)}"
                    + (f"\n      at {escape(where)}" if where else "")
                )
            hidden = len(part.findings) - MAX_LISTED
            if hidden > 0:
                console.print(f"  … and {hidden} more {part.rule.id} (--format json lists all)")
    console.print(
        f"\n{report.count(Severity.ERROR)} errors, {report.count(Severity.WARNING)} warnings, "
        f"{report.count(Severity.INFO)} notes."
    )


kit_app = typer.Typer(
    help="The deployment kit: build it, preview it.", no_args_is_help=True, rich_markup_mode=None
)
app.add_typer(kit_app, name="kit")


@kit_app.command("build")
def kit_build(
    country: CountryArg,
    locale: Annotated[
        list[str] | None,
        typer.Option("--locale", "-l", help="Build only this locale (repeatable)."),
    ] = None,
    out: Annotated[Path, typer.Option("--out", "-o", help="The kit folder.")] = Path("kit"),
    strict: Annotated[
        bool, typer.Option("--strict", help="Fail if any string fell back to another language.")
    ] = False,
    force: Annotated[
        bool, typer.Option("--force", help="Build even when the conformance check has errors.")
    ] = False,
) -> None:
    """Build the deployment kit: site, charter, handbooks, signage, catalogue, manifest.

    The kit is built in a temporary folder and swapped in at the end: a failure or Ctrl-C
    leaves the previous kit untouched.
    """
    host = host_or_warn()
    franchise = franchise_of(country, host)
    chosen = guard(lambda: [negotiate_locale(loc, franchise.country) for loc in locale or []])
    console = consoles.err
    try:
        if console.is_terminal:
            with console.status("building the kit…") as status:
                report = guard(
                    lambda: build_kit(
                        franchise,
                        host,
                        out,
                        chosen or None,
                        strict,
                        force,
                        progress=lambda text: status.update(text),
                    )
                )
        else:
            report = guard(lambda: build_kit(franchise, host, out, chosen or None, strict, force))
    except KeyboardInterrupt:
        consoles.err.print("interrupted: the previous kit (if any) is unchanged")
        raise typer.Exit(130) from None
    consoles.out.print(
        f"built {display_path(report.out)}: {report.files} files, "
        f"{report.bytes / 1024:.0f} KiB, locales {', '.join(report.locales)}"
    )
    for loc, fallbacks in report.fallbacks.items():
        if fallbacks:
            consoles.out.print(
                f"  {loc}: {len(fallbacks)} string(s) shown in another language "
                f"(asan i18n stats {franchise.country.code} lists them)"
            )


@kit_app.command("serve")
def kit_serve(
    directory: Annotated[
        Path, typer.Argument(help="A kit folder built by 'asan kit build'.")
    ] = Path("kit"),
    port: Annotated[int, typer.Option("--port", help="Port on 127.0.0.1.")] = 8000,
) -> None:
    """Preview a kit on http://127.0.0.1:PORT/ (Ctrl-C stops)."""
    if not (directory / "manifest.json").is_file():
        fail(
            [
                Problem(
                    f"{directory} is not a kit (no manifest.json)",
                    hint="build one with 'asan kit build COUNTRY --out DIR'",
                )
            ]
        )
    serve_kit(directory, port, lambda url: consoles.out.print(f"serving {url} (Ctrl-C stops)"))


i18n_app = typer.Typer(
    help="The translation workflow: extract, update, compile, stats.",
    no_args_is_help=True,
    rich_markup_mode=None,
)
app.add_typer(i18n_app, name="i18n")

ProjectOpt = Annotated[
    Path,
    typer.Option(
        "--project",
        "-p",
        help="The asan-sdk checkout (default: here) or a plugin folder, e.g. plugins/afghanistan.",
    ),
]


def _project(folder: Path) -> Project:
    return guard(lambda: Project.at(folder))


@i18n_app.command("extract")
def i18n_extract(project: ProjectOpt = Path(".")) -> None:
    """Collect every translatable string into <locales>/messages.pot."""
    proj = _project(project)
    catalog = guard(lambda: extract(proj))
    consoles.out.print(f"wrote {display_path(proj.template)}: {len(catalog)} strings")


@i18n_app.command("update")
def i18n_update(
    project: ProjectOpt = Path("."),
    locale: Annotated[
        list[str] | None,
        typer.Option("--locale", "-l", help="Also start a catalog for this locale."),
    ] = None,
) -> None:
    """Merge messages.pot into every catalog (and start new ones with --locale)."""
    proj = _project(project)
    new = guard(lambda: [_babellocale_of(loc) for loc in locale or []])
    changed = guard(lambda: update(proj, new))
    for path in changed:
        consoles.out.print(f"updated {display_path(path)}")
    if not changed:
        consoles.out.print("every catalog is up to date with messages.pot")


def _babellocale_of(value: str) -> str:
    try:
        return check_locale_identifier(value)
    except ValueError as exc:
        raise ProblemsError([Problem(str(exc), field="--locale")]) from exc


@i18n_app.command("compile")
def i18n_compile(project: ProjectOpt = Path(".")) -> None:
    """Compile every catalog to .mo (incomplete plurals left out, python-babel #697)."""
    proj = _project(project)
    for path in guard(lambda: compile_catalogs(proj)):
        consoles.out.print(f"compiled {display_path(path)}")


@i18n_app.command("stats")
def i18n_stats(
    country: CountryArg,
    strict: Annotated[
        bool, typer.Option("--strict", help="Exit 1 unless every locale is at 100%.")
    ] = False,
    as_json: JsonOpt = False,
) -> None:
    """Per locale: translated/total catalog strings and data texts, and what is missing."""
    host = host_or_warn()
    franchise = franchise_of(country, host)
    context = LocaleContext(franchise, franchise.country.primary_locale, host)
    reports = guard(lambda: coverage(franchise, context.plugin_catalogs))
    if as_json:
        print_json(
            {
                "version": 1,
                "country": franchise.country.code,
                "locales": [r.as_json() for r in reports],
            }
        )
    else:
        table = Table("locale", "catalog strings", "data texts", "status")
        for r in reports:
            table.add_row(
                r.locale,
                f"{r.catalog_translated}/{r.catalog_total}",
                f"{r.data_translated}/{r.data_total}",
                "complete" if r.complete else "missing translations",
            )
        consoles.out.print(table)
        for r in reports:
            missing = [*r.catalog_missing, *r.data_missing]
            if missing:
                consoles.out.print(f"\n[bold]{r.locale}[/]: {len(missing)} missing")
                for item in missing[:MAX_LISTED]:
                    consoles.out.print(f"  {escape(item)}")
                if len(missing) > MAX_LISTED:
                    consoles.out.print(
                        f"  … and {len(missing) - MAX_LISTED} more (--json lists all)"
                    )
    if strict and not all(r.complete for r in reports):
        raise typer.Exit(EXIT_FINDINGS)


register_export_commands(app)
register_new_commands(app)


def main() -> None:
    """Console-script entry point."""
    app()


if __name__ == "__main__":
    main()
