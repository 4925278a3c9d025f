"""Content catalogs: one PO entry per translatable field of the shared materials and the data.

``content.pot`` is written from records (never by hand): each field whose English text is
known becomes an entry whose ``msgctxt`` is
:func:`~asan_core.contract.translations.content_context`, whose ``msgid`` is the English
text, whose reference is the data file and line, and whose translator comments are the
record's label, its notes and its illustrative mark.

:func:`move_inline` moves translations written inline in data files
(``{en: ..., fa_AF: ...}``) into a project's ``content.po`` catalogs, never overwriting a
translation the catalog already has (a disagreement is reported, not resolved silently).
"""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.pofile import write_po

from asan_core.base.files import write_atomically
from asan_core.base.po import (
    CONTENT_DOMAIN,
    HEADER_COMMENT,
    catalog_path,
    is_translated,
    read_catalog,
)
from asan_core.base.problems import package_path
from asan_core.base.resources import PACKAGE_DIR
from asan_core.base.version import __version__
from asan_core.contract.locate import record_label
from asan_core.contract.translations import content_context
from asan_core.model import SOURCE_LOCALE, Record, Sourced, localized_fields

FIXED_DATE = dt.datetime(2000, 1, 1, tzinfo=dt.UTC)
"""Catalog header dates are pinned so that extraction is reproducible."""


@dataclass
class ContentEntry:
    """One translatable field: where it is, its English source, its inline translations."""

    context: str
    source: str
    locations: list[tuple[str, int | None]] = field(default_factory=list)
    comments: list[str] = field(default_factory=list)
    inline: dict[str, str] = field(default_factory=dict)


def reference(file: str | None, root: Path | None) -> str:
    """A data file as a PO reference: relative to the project, else from its package."""
    if not file:
        return "(unknown file)"
    path = Path(file)
    for base in (root, PACKAGE_DIR.parent):
        if base is not None:
            try:
                return path.resolve().relative_to(base.resolve()).as_posix()
            except ValueError:
                continue
    return package_path(path)


def content_entries(records: Iterable[Record], root: Path | None = None) -> list[ContentEntry]:
    """An entry per field that has English text, in the records' order.

    A field written only in other languages has no source to translate from; it is left
    out (the data file is its only home).
    """
    entries: list[ContentEntry] = []
    for record in records:
        origin = record.origin
        comments = [record_label(record)]
        if isinstance(record, Sourced):
            if record.provenance.illustrative:
                comments.append("illustrative data: to be confirmed by the partner government")
            if record.provenance.note:
                comments.append(f"note: {record.provenance.note}")
        for path, text in localized_fields(record):
            source = text.get(SOURCE_LOCALE)
            if source is None:
                continue
            line = origin.line_of(path) if origin else None
            entries.append(
                ContentEntry(
                    context=content_context(record, path),
                    source=source,
                    locations=[(reference(origin.file if origin else None, root), line)],
                    comments=list(comments),
                    inline={k: v for k, v in text.items() if k != SOURCE_LOCALE},
                )
            )
    return entries


def new_catalog(project: str, locale: str | None = None, domain: str = CONTENT_DOMAIN) -> Catalog:
    """An empty catalog (or, without a locale, template) with reproducible headers."""
    return Catalog(
        locale=locale,
        domain=domain,
        project=project,
        version=__version__,
        copyright_holder="asan-sdk contributors",
        msgid_bugs_address="the asan-sdk issue tracker",
        last_translator="asan-sdk contributors" if locale else None,
        language_team=f"{locale} (asan-sdk contributors)" if locale else None,
        creation_date=FIXED_DATE,
        revision_date=FIXED_DATE,
        fuzzy=False,
        header_comment=HEADER_COMMENT,
    )


def template_of(entries: Sequence[ContentEntry], project: str) -> Catalog:
    """``content.pot`` for ``entries``."""
    catalog = new_catalog(project)
    for entry in entries:
        catalog.add(
            entry.source,
            None,
            [(file, line or 0) for file, line in entry.locations],
            auto_comments=entry.comments,
            context=entry.context,
        )
    return catalog


def po_bytes(catalog: Catalog, *, keep_obsolete: bool = False) -> bytes:
    """``catalog`` as PO text (wide lines; references carry the data file's line; the
    previous English of a fuzzy entry; obsolete entries when ``keep_obsolete``)."""
    buffer = io.BytesIO()
    write_po(
        buffer,
        catalog,
        width=100,
        include_lineno=True,
        ignore_obsolete=not keep_obsolete,
        include_previous=True,
    )
    return buffer.getvalue()


@dataclass
class MoveReport:
    """What :func:`move_inline` did, per locale."""

    moved: dict[str, int] = field(default_factory=dict)
    already: dict[str, int] = field(default_factory=dict)
    conflicts: list[tuple[str, str, str, str]] = field(default_factory=list)
    """``(locale, context, inline text, catalog text)`` left as the catalog has them."""
    written: list[Path] = field(default_factory=list)


def move_inline(
    entries: Sequence[ContentEntry],
    folder: Path,
    project: str,
    locales: Iterable[str],
) -> MoveReport:
    """Copy every inline translation of ``entries`` into ``<folder>/<locale>/.../content.po``.

    A translation the catalog already has is kept (counted as ``already`` when equal,
    reported as a conflict when different); nothing is ever overwritten or dropped.
    """
    report = MoveReport()
    wanted = set(locales)
    for key in sorted({k for e in entries for k in e.inline if k in wanted}):
        locale = key
        path = catalog_path(folder, locale, CONTENT_DOMAIN)
        catalog = read_catalog(path, locale) if path.is_file() else new_catalog(project, locale)
        moved = already = 0
        for entry in entries:
            text = entry.inline.get(key)
            if text is None or text == entry.source:
                continue  # none, or the English copied as a placeholder: not a translation
            message = catalog.get(entry.source, context=entry.context)
            if message is not None and is_translated(message):
                if message.string == text:
                    already += 1
                else:
                    report.conflicts.append((locale, entry.context, text, str(message.string)))
                continue
            if message is None:
                catalog.add(
                    entry.source,
                    text,
                    [(f, ln or 0) for f, ln in entry.locations],
                    auto_comments=entry.comments,
                    context=entry.context,
                )
            else:
                message.string = text
                message.flags.discard("fuzzy")
            moved += 1
        report.moved[locale] = moved
        report.already[locale] = already
        if moved:
            path.parent.mkdir(parents=True, exist_ok=True)
            write_atomically(path, po_bytes(catalog))
            report.written.append(path)
    return report
