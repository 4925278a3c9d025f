"""Built-in plugin: the core's conformance rules.

Rules here check what every franchise owes its citizens and its reviewers whatever the
country: honesty about illustrative data, visibility of departures from the model's
principles, and text in every declared language.
"""

from __future__ import annotations

from collections.abc import Iterator

from asan_core import hookimpl
from asan_core.conformance import ConformanceRule, Finding, Severity
from asan_core.franchise import Franchise, SourcedItem, problem_at, record_label
from asan_core.model import Record, localized_fields
from asan_core.problems import Problem


def _illustrative(franchise: Franchise) -> Iterator[Finding]:
    items = list(franchise.sourced_records())
    whole = [i for i in items if i.record.provenance.illustrative]
    partly = [i for i in items if i.record.provenance.illustrative_fields]
    yield ILLUSTRATIVE.finding(
        f"{len(whole)} of {len(items)} records of {franchise.country.code} are illustrative, "
        f"and {len(partly)} more have illustrative fields: all must be confirmed by the "
        "partner government before publication",
        problem_at(franchise.country, None, ""),
    )
    for item in whole:
        note = f" ({item.record.provenance.note})" if item.record.provenance.note else ""
        yield ILLUSTRATIVE.finding(f"{item.name} is illustrative{note}", _at(item))
    for item in partly:
        fields = ", ".join(item.record.provenance.illustrative_fields)
        yield ILLUSTRATIVE.finding(f"{item.name}: {fields} illustrative", _at(item))


def _at(item: SourcedItem) -> Problem:
    field = f"{item.field}.provenance" if item.field else "provenance"
    return problem_at(item.holder, field, "")


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
        for path, text in localized_fields(record):
            missing = [loc for loc in declared if loc not in text]
            if missing:
                yield UNTRANSLATED.finding(
                    f"{record_label(record)}: {path} has no text in {', '.join(missing)}",
                    problem_at(record, path, ""),
                )


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
