"""Show a catalogue diff to a reviewer: text for the terminal."""

from __future__ import annotations

from typing import Any

from rich.console import Console
from rich.markup import escape

from asan_core.export.diff import FIELD_LABELS, LIST_FIELDS, TEXT_FIELDS, CatalogueDiff, Change
from asan_core.model import locale_chain


class _Presenter:
    """Text for a reviewer: texts in one locale, fees and times spelt out."""

    def __init__(self, diff: CatalogueDiff, locale: str) -> None:
        self.diff = diff
        self.locale = locale
        self.order = locale_chain(locale, diff.new["country"].get("default_locale") or locale)
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
