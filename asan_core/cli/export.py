"""The ``asan export`` and ``asan diff`` commands (open data and upgrade impact)."""

from __future__ import annotations

import sys
from enum import StrEnum
from pathlib import Path
from typing import Annotated, Any

import typer

from asan_core.base import files
from asan_core.base.problems import Problem, ProblemsError, display_path
from asan_core.cli.support import (
    EXIT_FINDINGS,
    CountryArg,
    consoles,
    fail,
    franchise_of,
    guard,
    print_json,
    say,
)
from asan_core.export.formats import ExportFormat

IRI_FORMATS = frozenset({ExportFormat.CPSV_AP, ExportFormat.SCHEMA_ORG})


def write_atomically(path: Path, text: str) -> None:
    """Write an export atomically (see :func:`asan_core.base.files.write_atomically`)."""
    files.write_atomically(path, text, field="--output")


def _size(text: str) -> str:
    size = len(text.encode("utf-8"))
    return f"{size / 1024:.0f} KiB" if size >= 1024 else f"{size} bytes"


def export_command(
    country: CountryArg,
    export_format: Annotated[
        ExportFormat,
        typer.Option("--format", "-f", help="catalogue-json, json-schema, cpsv-ap or schema-org."),
    ] = ExportFormat.CATALOGUE_JSON,
    locale: Annotated[
        list[str] | None,
        typer.Option(
            "--locale",
            "-l",
            help="Locale of the texts (repeatable; default: all the country's; schema-org "
            "takes one, default the country's default).",
        ),
    ] = None,
    output: Annotated[
        Path | None, typer.Option("--output", "-o", help="Write to this file (else stdout).")
    ] = None,
    base_iri: Annotated[
        str | None,
        typer.Option(
            "--base-iri",
            help="Base of the IRIs of cpsv-ap and schema-org records "
            "(default: the illustrative https://example.org/asan/<country>/).",
        ),
    ] = None,
) -> None:
    """Export a country as open data: catalogue JSON, the data files' JSON Schema, CPSV-AP
    3.2.0 or schema.org JSON-LD (docs/exports.md).

    Every export marks illustrative data. With --output the file is written atomically.
    """
    from asan_core.export.documents import check_base_iri, export_text
    from asan_core.i18n.context import LocaleContext
    from asan_core.i18n.negotiation import negotiate_locale

    franchise = franchise_of(country)
    chosen = list(
        dict.fromkeys(
            guard(lambda: [negotiate_locale(loc, franchise.country) for loc in locale or []])
        )
    )
    problems: list[Problem] = []
    if export_format is ExportFormat.JSON_SCHEMA and chosen:
        problems.append(
            Problem(
                "--locale does not apply to json-schema (its descriptions are in English)",
                field="--locale",
                hint="leave --locale out",
            )
        )
    if export_format is ExportFormat.SCHEMA_ORG and len(chosen) > 1:
        problems.append(
            Problem(
                f"schema-org writes one locale per document; got {', '.join(chosen)}",
                field="--locale",
                hint="run the export once per locale, e.g. --locale "
                f"{chosen[0]} --output services-{chosen[0]}.jsonld",
            )
        )
    if base_iri is not None and export_format not in IRI_FORMATS:
        problems.append(
            Problem(
                f"--base-iri applies to cpsv-ap and schema-org, not to {export_format}",
                field="--base-iri",
            )
        )
    if problems:
        fail(problems)
    base = guard(lambda: check_base_iri(base_iri)) if base_iri is not None else None
    gettext = None
    if export_format is ExportFormat.SCHEMA_ORG:
        shown = chosen[0] if chosen else franchise.country.primary_locale
        gettext = LocaleContext(franchise, shown).chain.plain
    text = export_text(franchise, export_format, chosen, base, gettext)
    if output is None:
        sys.stdout.write(text)
        return
    guard(lambda: write_atomically(output, text))
    what = (
        "" if export_format is ExportFormat.JSON_SCHEMA else f"{len(franchise.services)} services, "
    )
    say(
        f"wrote {display_path(output)}: {export_format}, {franchise.country.code}, "
        f"{what}{_size(text)}"
    )


class DiffFormat(StrEnum):
    """Output formats of ``asan diff``."""

    TEXT = "text"
    JSON = "json"


def diff_command(
    old: Annotated[
        Path, typer.Argument(help="The current catalogue (catalogue-json, or a kit's).")
    ],
    new: Annotated[Path, typer.Argument(help="The catalogue about to go live.")],
    output_format: Annotated[
        DiffFormat, typer.Option("--format", "-f", help="text or json.")
    ] = DiffFormat.TEXT,
    locale: Annotated[
        str | None,
        typer.Option("--locale", "-l", help="Locale of the texts shown (default: the country's)."),
    ] = None,
) -> None:
    """List the services added, removed and changed between two catalogues of a country:
    fees, processing times, documents, agency, channels, legal basis, texts per locale.

    Exits 0 when they are identical, 1 when they differ, 2 when a file is not a catalogue.
    """
    from asan_core.export.catalogue_reader import load_catalogue
    from asan_core.export.diff import diff_catalogues
    from asan_core.export.diff_view import print_diff

    problems: list[Problem] = []
    documents: list[dict[str, Any]] = []
    for path in (old, new):
        try:
            documents.append(load_catalogue(path))
        except ProblemsError as exc:
            problems.extend(exc.problems)
    if problems:
        fail(problems)
    before, after = documents
    diff = guard(lambda: diff_catalogues(before, after))
    if output_format is DiffFormat.JSON:
        print_json(diff.as_json(str(old), str(new)))
    else:
        shown = guard(lambda: _display_locale(locale, after))
        print_diff(diff, consoles.out, str(old), str(new), shown)
    if not diff.identical:
        raise typer.Exit(EXIT_FINDINGS)


def _display_locale(query: str | None, catalogue: dict[str, Any]) -> str:
    """The catalogue locale ``query`` means (``prs``, ``fa-AF``, ``ps`` ...)."""
    from asan_core.i18n.negotiation import match_locale
    from asan_core.model import SOURCE_LOCALE

    country = catalogue["country"]
    declared = [str(loc) for loc in catalogue.get("locales") or country.get("locales") or []]
    if query is None:
        return str(country.get("default_locale") or (declared[0] if declared else SOURCE_LOCALE))
    found = match_locale(query, declared)
    if found is not None:
        return found
    raise ProblemsError(
        [
            Problem(
                f"the catalogue has no texts in {query!r}",
                field="--locale",
                hint=f"its locales are {', '.join(declared)}",
            )
        ]
    )


def register(app: typer.Typer) -> None:
    """Add ``export`` and ``diff`` to the ``asan`` application."""
    app.command("export")(export_command)
    app.command("diff")(diff_command)
