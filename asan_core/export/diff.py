"""Upgrade impact: what changes between two catalogues (``asan diff OLD NEW``).

OLD and NEW are ``asan-catalogue`` documents (``asan export --format catalogue-json``, or a
kit's ``catalogue.json``) of one country. The diff lists the services added, removed and
changed — fee (amount, currency, express tiers, period), processing time, required
documents, outputs, agency, channels, legal basis, texts per locale and provenance (a fee
confirmed, or a sourced value turned illustrative) — and, more briefly, the other records
(agencies, centres, legal resources, principles, the country). It is what a ministry reviews
before a new version of its data goes live.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from rich.console import Console
from rich.markup import escape

from asan_core.base.problems import Problem, ProblemsError, display_path
from asan_core.export.catalogue import CATALOGUE_FORMAT, CATALOGUE_VERSION

JsonObject = dict[str, Any]

DIFF_FORMAT = "asan-catalogue-diff"
DIFF_VERSION = 1

SERVICE_FIELDS: tuple[str, ...] = (
    "title",
    "description",
    "agency",
    "channels",
    "costs",
    "processing_days",
    "evidence",
    "outputs",
    "legal_basis",
    "available_from",
    "provenance",
)
"""The fields of a service compared, in the order a reviewer reads them."""

TEXT_FIELDS = frozenset({"title", "description"})
LIST_FIELDS = frozenset({"channels", "evidence", "outputs", "legal_basis"})

RECORD_KINDS: tuple[str, ...] = ("agencies", "centres", "legal_resources", "principles")
"""Other record lists compared by id (added, removed, which fields changed)."""

FIELD_LABELS: dict[str, str] = {
    "title": "title",
    "description": "description",
    "agency": "agency",
    "channels": "channels",
    "costs": "fee",
    "processing_days": "processing time",
    "evidence": "documents",
    "outputs": "outputs",
    "legal_basis": "legal basis",
    "available_from": "available from",
    "provenance": "provenance",
}

HINT = (
    "compare two exports of one country: 'asan export COUNTRY --format catalogue-json "
    "--output FILE', or two kits' catalogue.json"
)


# -- reading ---------------------------------------------------------------------------


def load_catalogue(path: Path) -> JsonObject:
    """Read and check an ``asan-catalogue`` file.

    :raises ProblemsError: the file cannot be read, is not JSON, is not a catalogue, or is
        of a newer version than this asan-sdk reads.
    """
    where = str(path)
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        reason = exc.strerror if isinstance(exc, OSError) and exc.strerror else str(exc)
        raise ProblemsError(
            [Problem(f"cannot read {display_path(path)}: {reason}", hint=HINT)]
        ) from exc
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise ProblemsError(
            [Problem(f"this is not JSON: {exc.msg}", file=where, line=exc.lineno, hint=HINT)]
        ) from exc
    if not isinstance(data, dict) or data.get("format") != CATALOGUE_FORMAT:
        raise ProblemsError(
            [
                Problem(
                    f'this is not an asan catalogue (no "format": "{CATALOGUE_FORMAT}")',
                    file=where,
                    hint=HINT,
                )
            ]
        )
    version = data.get("version")
    if not isinstance(version, int) or version > CATALOGUE_VERSION:
        raise ProblemsError(
            [
                Problem(
                    f"this catalogue has version {version!r}; this asan-sdk reads version "
                    f"{CATALOGUE_VERSION}",
                    file=where,
                    hint="upgrade asan-sdk, or export both catalogues with this one",
                )
            ]
        )
    problems = _shape_problems(data, where)
    if problems:
        raise ProblemsError(problems)
    return data


def _shape_problems(data: JsonObject, where: str) -> list[Problem]:
    """Every place where ``data`` departs from the shape ``asan diff`` reads.

    A hand-edited or truncated catalogue is reported here, field by field, rather than
    failing half-way through the comparison (exit 2, never a traceback).
    """
    problems: list[Problem] = []

    def bad(field: str, expected: str) -> None:
        problems.append(Problem(f"expected {expected}", file=where, field=field))

    version = data.get("version")
    if isinstance(version, bool):
        bad("version", "a whole number")
    country = data.get("country")
    if not isinstance(country, dict) or not isinstance(country.get("code"), str):
        problems.append(Problem("the catalogue has no country code", file=where, field="country"))
    locales = data.get("locales", [])
    if not isinstance(locales, list) or not all(isinstance(x, str) for x in locales):
        bad("locales", "a list of locale codes")
    coverage = data.get("coverage", [])
    if not isinstance(coverage, list) or not all(
        isinstance(x, dict) and isinstance(x.get("area"), str) for x in coverage
    ):
        bad("coverage", "a list of {area, centres, fallback} objects")
    for kind in ("services", *RECORD_KINDS):
        items = data.get(kind, [])
        if not isinstance(items, list):
            bad(kind, "a list of records")
            continue
        seen: set[str] = set()
        for index, item in enumerate(items):
            field = f"{kind}[{index}]"
            if not isinstance(item, dict) or not isinstance(item.get("id"), str):
                problems.append(Problem("a record without an id", file=where, field=field))
                continue
            if item["id"] in seen:
                problems.append(
                    Problem(f"the id {item['id']!r} appears twice", file=where, field=field)
                )
            seen.add(item["id"])
            for name, expected in _SHAPES.get(kind, {}).items():
                if name in item and not _fits(item[name], expected):
                    bad(f"{field}.{name}", _EXPECTED[expected])
            if kind == "services" and isinstance(item.get("costs"), list):
                for c, cost in enumerate(item["costs"]):
                    tiers = cost.get("express", []) if isinstance(cost, dict) else None
                    if not isinstance(tiers, list) or not all(isinstance(x, dict) for x in tiers):
                        bad(f"{field}.costs[{c}].express", _EXPECTED["objects"])
    return problems


_SHAPES: dict[str, dict[str, str]] = {
    "services": {
        "title": "text",
        "description": "text",
        "agency": "string",
        "channels": "strings",
        "evidence": "objects",
        "outputs": "objects",
        "costs": "objects",
        "legal_basis": "strings",
        "processing_days": "days",
        "provenance": "object",
    },
    "agencies": {"name": "text", "provenance": "object"},
    "centres": {"name": "text", "provenance": "object"},
    "legal_resources": {"title": "text", "provenance": "object"},
    "principles": {"name": "text"},
}
"""The fields ``asan diff`` reads, and the shape each must have."""

_EXPECTED = {
    "text": "a {locale: text} map",
    "string": "a string (an id)",
    "strings": "a list of strings",
    "objects": "a list of objects",
    "object": "an object",
    "days": "a whole number of working days, or null",
}


def _fits(value: Any, expected: str) -> bool:
    if expected == "text":
        return value is None or (
            isinstance(value, dict) and all(isinstance(v, str) for v in value.values())
        )
    if expected == "string":
        return isinstance(value, str)
    if expected == "strings":
        return isinstance(value, list) and all(isinstance(x, str) for x in value)
    if expected == "objects":
        return isinstance(value, list) and all(isinstance(x, dict) for x in value)
    if expected == "object":
        return isinstance(value, dict)
    return value is None or (isinstance(value, int) and not isinstance(value, bool))


# -- comparing -------------------------------------------------------------------------


@dataclass(frozen=True)
class Change:
    """One field of a record that differs: its old and new value."""

    field: str
    old: Any
    new: Any
    locales: tuple[str, ...] = ()
    """For a text: the locales whose text differs."""
    added: tuple[Any, ...] = ()
    """For a list: the items only in NEW."""
    removed: tuple[Any, ...] = ()
    """For a list: the items only in OLD."""

    def as_json(self) -> JsonObject:
        data: JsonObject = {"field": self.field, "old": self.old, "new": self.new}
        if self.field in TEXT_FIELDS:
            data["locales"] = list(self.locales)
        if self.field in LIST_FIELDS:
            data["added"] = list(self.added)
            data["removed"] = list(self.removed)
        return data


@dataclass(frozen=True)
class ServiceChange:
    """A service present in both catalogues whose fields differ."""

    id: str
    title: dict[str, str]
    changes: tuple[Change, ...]


@dataclass(frozen=True)
class RecordChanges:
    """Added, removed and changed records of one kind (ids; changed: which fields)."""

    added: tuple[str, ...] = ()
    removed: tuple[str, ...] = ()
    changed: tuple[tuple[str, tuple[str, ...]], ...] = ()

    def __bool__(self) -> bool:
        return bool(self.added or self.removed or self.changed)

    def as_json(self) -> JsonObject:
        return {
            "added": list(self.added),
            "removed": list(self.removed),
            "changed": [{"id": rid, "fields": list(fields)} for rid, fields in self.changed],
        }


@dataclass
class CatalogueDiff:
    """Everything that differs between an OLD and a NEW catalogue of one country."""

    country: str
    old: JsonObject
    new: JsonObject
    locales: list[str]
    """The locales compared: those both catalogues include."""
    added: list[JsonObject] = field(default_factory=list)
    removed: list[JsonObject] = field(default_factory=list)
    changed: list[ServiceChange] = field(default_factory=list)
    unchanged: int = 0
    records: dict[str, RecordChanges] = field(default_factory=dict)
    country_fields: tuple[str, ...] = ()

    @property
    def identical(self) -> bool:
        """True when nothing compared differs."""
        return not (
            self.added
            or self.removed
            or self.changed
            or self.country_fields
            or any(self.records.values())
        )

    @property
    def only_old(self) -> list[str]:
        return [loc for loc in self.old.get("locales", []) if loc not in self.locales]

    @property
    def only_new(self) -> list[str]:
        return [loc for loc in self.new.get("locales", []) if loc not in self.locales]

    def as_json(self, old_name: str, new_name: str) -> JsonObject:
        """The stable JSON of ``asan diff --format json``."""
        return {
            "format": DIFF_FORMAT,
            "version": DIFF_VERSION,
            "country": self.country,
            "old": old_name,
            "new": new_name,
            "identical": self.identical,
            "locales": {
                "compared": self.locales,
                "only_old": self.only_old,
                "only_new": self.only_new,
            },
            "services": {
                "added": [_summary(s) for s in self.added],
                "removed": [_summary(s) for s in self.removed],
                "changed": [
                    {"id": c.id, "title": c.title, "changes": [x.as_json() for x in c.changes]}
                    for c in self.changed
                ],
                "unchanged": self.unchanged,
            },
            "records": {kind: changes.as_json() for kind, changes in self.records.items()},
            "country_fields": list(self.country_fields),
        }


def _summary(service: JsonObject) -> JsonObject:
    return {"id": service["id"], "title": service.get("title")}


def _canonical(value: Any) -> str:
    return json.dumps(value, sort_keys=True, ensure_ascii=False)


class _Comparer:
    """Compares values with texts restricted to the locales both catalogues have."""

    def __init__(self, locales: list[str]) -> None:
        self.locales = set(locales)

    def restrict(self, value: Any, key: str | None = None) -> Any:
        """``value`` with every ``{locale: text}`` map cut to the compared locales."""
        if isinstance(value, dict):
            if value and key not in {"provenance", "working_week"} and _is_text_map(value):
                kept = {k: v for k, v in value.items() if k in self.locales}
                return kept or value
            return {k: self.restrict(v, k) for k, v in value.items()}
        if isinstance(value, list):
            return [self.restrict(item) for item in value]
        return value

    def service(self, old: JsonObject, new: JsonObject) -> list[Change]:
        changes: list[Change] = []
        for name in SERVICE_FIELDS:
            before = self.restrict(old.get(name), name)
            after = self.restrict(new.get(name), name)
            if _canonical(before) == _canonical(after):
                continue
            if name in TEXT_FIELDS and isinstance(before, dict) and isinstance(after, dict):
                differ = sorted(k for k in {*before, *after} if before.get(k) != after.get(k))
                changes.append(Change(name, before, after, locales=tuple(differ)))
            elif name in LIST_FIELDS and isinstance(before, list) and isinstance(after, list):
                old_keys = [_canonical(x) for x in before]
                new_keys = [_canonical(x) for x in after]
                changes.append(
                    Change(
                        name,
                        before,
                        after,
                        added=tuple(
                            x for x, k in zip(after, new_keys, strict=True) if k not in old_keys
                        ),
                        removed=tuple(
                            x for x, k in zip(before, old_keys, strict=True) if k not in new_keys
                        ),
                    )
                )
            else:
                changes.append(Change(name, before, after))
        return changes

    def records(self, old: list[JsonObject], new: list[JsonObject]) -> RecordChanges:
        before = {r["id"]: r for r in old}
        after = {r["id"]: r for r in new}
        changed = []
        for rid, record in after.items():
            if rid not in before:
                continue
            fields = tuple(
                sorted(
                    name
                    for name in {*record, *before[rid]}
                    if _canonical(self.restrict(record.get(name), name))
                    != _canonical(self.restrict(before[rid].get(name), name))
                )
            )
            if fields:
                changed.append((rid, fields))
        return RecordChanges(
            added=tuple(rid for rid in after if rid not in before),
            removed=tuple(rid for rid in before if rid not in after),
            changed=tuple(changed),
        )


def _is_text_map(value: dict[str, Any]) -> bool:
    # A {locale: text} map: every key looks like a locale and every value is a string.
    return all(
        isinstance(v, str) and k[:1].islower() and k.replace("_", "").isalnum()
        for k, v in value.items()
    )


def diff_catalogues(old: JsonObject, new: JsonObject) -> CatalogueDiff:
    """Compare two checked catalogues (see :func:`load_catalogue`).

    :raises ProblemsError: when they are catalogues of different countries.
    """
    old_code = old["country"]["code"]
    new_code = new["country"]["code"]
    if old_code != new_code:
        raise ProblemsError(
            [
                Problem(
                    f"OLD is a catalogue of {old_code} and NEW one of {new_code}: a diff "
                    "compares two versions of one country's catalogue",
                    hint=HINT,
                )
            ]
        )
    new_locales = list(new.get("locales", []))
    locales = [loc for loc in old.get("locales", []) if loc in new_locales]
    comparer = _Comparer(locales)
    result = CatalogueDiff(country=old_code, old=old, new=new, locales=locales)
    before = {s["id"]: s for s in old.get("services", [])}
    after = {s["id"]: s for s in new.get("services", [])}
    result.added = [s for sid, s in after.items() if sid not in before]
    result.removed = [s for sid, s in before.items() if sid not in after]
    for sid, service in after.items():
        if sid not in before:
            continue
        changes = comparer.service(before[sid], service)
        if changes:
            result.changed.append(ServiceChange(sid, service.get("title") or {}, tuple(changes)))
        else:
            result.unchanged += 1
    for kind in RECORD_KINDS:
        result.records[kind] = comparer.records(old.get(kind, []), new.get(kind, []))
    # Who serves each area (a centre, else agency divisions) is keyed by the area's code.
    result.records["coverage"] = comparer.records(
        *(
            [{**entry, "id": entry["area"]} for entry in doc.get("coverage", [])]
            for doc in (old, new)
        )
    )
    country_before, country_after = old["country"], new["country"]
    result.country_fields = tuple(
        sorted(
            name
            for name in {*country_before, *country_after}
            if _canonical(comparer.restrict(country_before.get(name), name))
            != _canonical(comparer.restrict(country_after.get(name), name))
        )
    )
    return result


# -- presenting ------------------------------------------------------------------------


class _Presenter:
    """Text for a reviewer: texts in one locale, fees and times spelt out."""

    def __init__(self, diff: CatalogueDiff, locale: str) -> None:
        self.diff = diff
        self.locale = locale
        default = diff.new["country"].get("default_locale")
        self.order = [locale, locale.split("_")[0], default, "en"]
        self.agencies = {
            a["id"]: a for doc in (diff.old, diff.new) for a in doc.get("agencies", [])
        }
        self.legal = {
            r["id"]: r for doc in (diff.old, diff.new) for r in doc.get("legal_resources", [])
        }

    def text(self, value: Any) -> str:
        if not isinstance(value, dict) or not value:
            return "—" if value in (None, {}, []) else str(value)
        for candidate in self.order:
            if candidate and candidate in value:
                return str(value[candidate])
        return str(next(iter(value.values())))

    def agency(self, agency_id: Any) -> str:
        found = self.agencies.get(agency_id)
        return f"{agency_id} ({self.text(found.get('name'))})" if found else str(agency_id)

    def fee(self, costs: Any) -> str:
        if not costs:
            return "not published"
        parts = []
        for cost in costs:
            text = "free" if cost.get("free") else f"{cost.get('amount')} {cost.get('currency')}"
            tiers = [
                f"{t.get('amount')} {cost.get('currency')}, {_days(t.get('processing_days'))}"
                for t in cost.get("express", [])
            ]
            if tiers:
                text += f" (express: {', '.join(tiers)})"
            if cost.get("effective_from"):
                text += f" from {cost['effective_from']}"
            if cost.get("effective_until"):
                text += f" until {cost['effective_until']}"
            if cost.get("illustrative") or (cost.get("provenance") or {}).get("illustrative"):
                text += " ⚑"
            parts.append(text)
        return "; ".join(parts)

    def provenance(self, value: Any) -> str:
        if not isinstance(value, dict):
            return "—"
        if value.get("illustrative"):
            return "illustrative"
        fields = value.get("illustrative_fields") or []
        text = "sourced"
        return text + (f" (illustrative: {', '.join(fields)})" if fields else "")

    def item(self, name: str, value: Any) -> str:
        if name == "channels":
            return str(value)
        if name == "legal_basis":
            found = self.legal.get(value)
            return f"{value} ({self.text(found.get('title'))})" if found else str(value)
        if isinstance(value, dict):
            return f'"{self.text(value.get("name"))}"'
        return str(value)

    def change(self, change: Change) -> str:
        label = FIELD_LABELS.get(change.field, change.field)
        if change.field in TEXT_FIELDS:
            parts = [
                f'{label} [{loc}]: "{change.old.get(loc, "—")}" → "{change.new.get(loc, "—")}"'
                for loc in change.locales
            ]
            return "\n".join(parts)
        if change.field in LIST_FIELDS:
            moves = [f"+ {self.item(change.field, x)}" for x in change.added]
            moves += [f"− {self.item(change.field, x)}" for x in change.removed]
            if not moves:
                moves = ["order changed"]
            return f"{label}: {'; '.join(moves)}"
        if change.field == "costs":
            return f"{label}: {self.fee(change.old)} → {self.fee(change.new)}"
        if change.field == "processing_days":
            old, new = (_days(v) for v in (change.old, change.new))
            return f"{label}: {old} → {new}"
        if change.field == "agency":
            return f"{label}: {self.agency(change.old)} → {self.agency(change.new)}"
        if change.field == "provenance":
            return f"{label}: {self.provenance(change.old)} → {self.provenance(change.new)}"
        old, new = ("—" if v is None else str(v) for v in (change.old, change.new))
        return f"{label}: {old} → {new}"


def _days(value: Any) -> str:
    if value is None:
        return "not published"
    return "same day" if value == 0 else f"{value} working day{'s' if value != 1 else ''}"


def print_diff(
    diff: CatalogueDiff, console: Console, old_name: str, new_name: str, locale: str
) -> None:
    """The diff as text, grouped: added, removed, changed (old → new), other records."""
    show = _Presenter(diff, locale)
    country = show.text(diff.new["country"].get("name"))
    console.print(
        f"[bold]{escape(country)} ({escape(diff.country)})[/]: "
        f"{escape(old_name)} → {escape(new_name)}"
    )
    if diff.only_old or diff.only_new:
        console.print(
            f"locales compared: {', '.join(diff.locales) or 'none'}"
            + (f"; only in OLD: {', '.join(diff.only_old)}" if diff.only_old else "")
            + (f"; only in NEW: {', '.join(diff.only_new)}" if diff.only_new else "")
        )
    console.print(
        f"services: {len(diff.added)} added, {len(diff.removed)} removed, "
        f"{len(diff.changed)} changed, {diff.unchanged} unchanged"
    )
    if diff.identical:
        console.print("[green]The catalogues are identical.[/]")
        return
    if diff.added:
        console.print("\n[bold green]Added[/]")
        for service in diff.added:
            console.print(
                f"  + {escape(service['id'])} — {escape(show.text(service.get('title')))}"
            )
    if diff.removed:
        console.print("\n[bold red]Removed[/]")
        for service in diff.removed:
            console.print(
                f"  − {escape(service['id'])} — {escape(show.text(service.get('title')))}"
            )
    if diff.changed:
        console.print("\n[bold yellow]Changed[/]")
        for item in diff.changed:
            console.print(f"  ~ {escape(item.id)} — {escape(show.text(item.title))}")
            for change in item.changes:
                for line in show.change(change).splitlines():
                    console.print(f"      {escape(line)}")
    others = [(kind, changes) for kind, changes in diff.records.items() if changes]
    if others or diff.country_fields:
        console.print("\n[bold]Other records[/]")
        if diff.country_fields:
            console.print(f"  country: changed {escape(', '.join(diff.country_fields))}")
        for kind, changes in others:
            parts = []
            if changes.added:
                parts.append("added " + ", ".join(changes.added))
            if changes.removed:
                parts.append("removed " + ", ".join(changes.removed))
            if changes.changed:
                parts.append(
                    "changed "
                    + ", ".join(f"{rid} ({', '.join(fields)})" for rid, fields in changes.changed)
                )
            console.print(f"  {kind.replace('_', ' ')}: {escape('; '.join(parts))}")
    console.print("\n⚑ = illustrative: to be confirmed by the partner government.")
