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
from typing import Any

from asan_core.base.problems import Problem, ProblemsError

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

HINT = (
    "compare two exports of one country: 'asan export COUNTRY --format catalogue-json "
    "--output FILE', or two kits' catalogue.json"
)

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
