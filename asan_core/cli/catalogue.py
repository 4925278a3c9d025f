"""``asan plugins``, ``countries``, ``services``, ``centres``: what is installed and declared."""

from __future__ import annotations

from decimal import Decimal
from typing import TYPE_CHECKING, Any

import typer

from asan_core.base.problems import Problem
from asan_core.cli.support import (
    EXIT_FINDINGS,
    CountryArg,
    JsonOpt,
    LocaleOpt,
    consoles,
    fail,
    franchise_of,
    host_or_warn,
    locale_of,
    new_table,
    print_json,
)

if TYPE_CHECKING:
    from asan_core.contract.host import PluginHost


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
        table = new_table("plugin", "distribution", "version", "countries", "hooks")
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


def countries_command(as_json: JsonOpt = False) -> None:
    """List the countries the installed plugins declare."""
    from asan_core.export.listings import country_json
    from asan_core.model import SOURCE_LOCALE

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
    table = new_table("code", "country", "brand", "locales", "currency", "calendar", "plugin")
    for e in entries:
        default = e["default_locale"]
        table.add_row(
            e["code"],
            e["name"].get(SOURCE_LOCALE) or e["name"].get(default, ""),
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


def services_command(
    country: CountryArg, locale: LocaleOpt = None, as_json: JsonOpt = False
) -> None:
    """List a country's services: title, agency, channels, time and fee, in one locale."""
    from asan_core.export.listings import services_json
    from asan_core.i18n.context import LocaleContext
    from asan_core.i18n.labels import CHANNEL_LABELS
    from asan_core.model import ChannelKind

    franchise = franchise_of(country)
    loc = locale_of(franchise, locale)
    data = services_json(franchise, loc)
    if as_json:
        print_json(data)
        return
    brand = franchise.text(franchise.country.brand, loc)
    table = new_table(
        "id",
        "service",
        "agency",
        "channels",
        "days",
        "fee",
        title=f"{brand} — {franchise.text(franchise.country.name, loc)} ({loc})",
    )
    # Numbers, money and labels as the kit shows them in this locale (digits, currency sign).
    context = LocaleContext(franchise, loc)
    fmt, gettext = context.formatter, context.chain.plain
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


def centres_command(
    country: CountryArg, locale: LocaleOpt = None, as_json: JsonOpt = False
) -> None:
    """List a country's centres and mobile units, and who serves each area."""
    from asan_core.export.listings import centres_json

    franchise = franchise_of(country)
    loc = locale_of(franchise, locale)
    data = centres_json(franchise, loc)
    if as_json:
        print_json(data)
        return
    table = new_table("id", "kind", "centre", "city", "area", "services", "volunteers", "features")
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


def register(app: typer.Typer) -> None:
    """Add these commands to ``app``."""
    app.command("plugins")(plugins_command)
    app.command("countries")(countries_command)
    app.command("services")(services_command)
    app.command("centres")(centres_command)


def plugins_json(host: PluginHost, countries: dict[str, list[str]]) -> dict[str, Any]:
    """``asan plugins --json``: every plugin, and those that failed."""
    from asan_core.export.listings import JSON_VERSION

    return {
        "version": JSON_VERSION,
        "plugins": [
            {
                "name": info.name,
                "distribution": info.distribution,
                "version": info.version,
                "builtin": info.builtin,
                "hooks": list(info.hooks),
                "countries": countries.get(info.name, []),
            }
            for info in host.info()
        ],
        "failures": [{"plugin": f.plugin, "hook": f.hook, "cause": f.cause} for f in host.failures],
    }
