"""Built-in plugin: the core's conformance rules.

Rules here check what every franchise owes its citizens and its reviewers whatever the
country: honesty about illustrative data, visibility of departures from the model's
principles, and text in every declared language.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from pydantic import BaseModel

from asan_core import hookimpl
from asan_core.conformance import ConformanceRule, Finding, Severity
from asan_core.franchise import Franchise, problem_at, record_label
from asan_core.model import Record


def _illustrative(franchise: Franchise) -> Iterator[Finding]:
    records = list(franchise.sourced_records())
    marked = [(kind, r) for kind, r in records if r.provenance.illustrative]
    yield ILLUSTRATIVE.finding(
        f"{len(marked)} of {len(records)} records of {franchise.country.code} are "
        "illustrative and must be confirmed by the partner government before publication",
        problem_at(franchise.country, None, ""),
    )
    for kind, record in marked:
        note = f" ({record.provenance.note})" if record.provenance.note else ""
        yield ILLUSTRATIVE.finding(
            f"{kind} {_record_name(record)} is illustrative{note}",
            problem_at(record, "provenance", ""),
        )


def _record_name(record: Record) -> str:
    label = record_label(record)
    return label.split(" ", 1)[1] if " " in label else ""


def _principle_changes(franchise: Franchise) -> Iterator[Finding]:
    locale = franchise.country.primary_locale
    for change in franchise.principle_changes:
        reason = franchise.text(change.reason, "en")
        name = ""
        if change.name:
            name = f" as {franchise.text(change.name, locale)!r}"
        yield PRINCIPLE_CHANGED.finding(
            f"principle {change.id!r}: {change.action}{name} — {reason}",
            problem_at(change, "action", ""),
        )


def _missing_locales(franchise: Franchise) -> Iterator[Finding]:
    declared = franchise.country.locales
    records: list[Record] = [
        franchise.country,
        *franchise.principles,
        *franchise.agencies,
        *franchise.services,
        *franchise.centres,
        *franchise.legal_resources,
    ]
    for record in records:
        for path, text in _texts(record, ""):
            missing = [loc for loc in declared if loc not in text]
            if missing:
                yield UNTRANSLATED.finding(
                    f"{record_label(record)}: {path} has no text in {', '.join(missing)}",
                    problem_at(record, path, ""),
                )


def _texts(value: Any, path: str) -> Iterator[tuple[str, dict[str, str]]]:
    if isinstance(value, BaseModel):
        for name in type(value).model_fields:
            if name == "provenance":
                continue
            yield from _texts(getattr(value, name), f"{path}.{name}" if path else name)
    elif isinstance(value, tuple):
        for i, item in enumerate(value):
            yield from _texts(item, f"{path}[{i}]")
    elif isinstance(value, dict):
        yield path, value


ILLUSTRATIVE = ConformanceRule(
    id="honesty.illustrative",
    principle="transparency",
    severity=Severity.INFO,
    description="Counts and lists the records marked illustrative.",
    rationale="Real governments publish this data: an invented fee, address or legal "
    "citation presented as fact misleads citizens. Illustrative records are examples "
    "awaiting confirmation.",
    hint="confirm the value with the responsible agency, then replace "
    "'provenance: illustrative' with 'provenance: {source: ...}'",
    check=_illustrative,
)

PRINCIPLE_CHANGED = ConformanceRule(
    id="principles.changed",
    principle="responsibility",
    severity=Severity.INFO,
    description="Lists where the country adapts, drops or adds a principle of the model.",
    rationale="A franchise may adapt the model to its country, but every departure must be "
    "visible and reasoned so that the partners can review it.",
    hint="keep a reason in every principle change, in the country's languages",
    check=_principle_changes,
)

UNTRANSLATED = ConformanceRule(
    id="i18n.untranslated",
    principle="transparency",
    severity=Severity.WARNING,
    description="Text that is missing in one of the country's declared locales.",
    rationale="Citizens must be able to read what the centres publish in each of the "
    "country's languages; a missing text falls back to another language.",
    hint="add the missing translations to the data file",
    check=_missing_locales,
)


@hookimpl
def asan_conformance_rules() -> list[ConformanceRule]:
    """The core's rules (honesty, principle changes, translations)."""
    return [ILLUSTRATIVE, PRINCIPLE_CHANGED, UNTRANSLATED]
