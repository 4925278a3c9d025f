"""Indicators: what ``asan ops`` measures from queue tickets and satisfaction ratings, as data.

An :class:`Indicator` is a declaration, not code: an id, the principle it serves, the table
it reads (``tickets`` or ``ratings``), one SQL aggregate expression over that table's
prepared columns (listed in ``docs/ops.md``), its unit, which direction is better, and its
target — the name of one of the country's ``targets`` (country data), or a number fixed by
the definition itself (``100`` for "every fee published"). ``by`` names a column the value
is also computed per value of (``hour``, ``score``): a distribution, shown as a chart.

The core declares its indicators through the ``asan_indicators`` hook like any plugin
(:mod:`asan_core.builtins.indicators`); a country's plugin adds indicators, or changes one
by returning an indicator with the same id (the later-registered plugin wins).

The expression is SQL that :mod:`asan_core.ops` runs in DuckDB inside
``SELECT <expression> FROM <table> GROUP BY ...``; it comes from installed plugin code (as
trusted as a conformance rule's Python), never from a user's records. It is checked when a
report is computed: one that does not compile is a problem naming the plugin.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

IndicatorTable = Literal["tickets", "ratings"]
IndicatorUnit = Literal["minutes", "percent", "count", "score", "days"]
Better = Literal["lower", "higher"]

INDICATOR_ID = re.compile(r"^[a-z][a-z0-9_]*(\.[a-z][a-z0-9_]*)*$")
BY_COLUMNS: dict[str, tuple[str, ...]] = {"tickets": ("hour", "weekday"), "ratings": ("score",)}
"""The columns an indicator may be broken down ``by``, per table."""


@dataclass(frozen=True)
class Indicator:
    """One measured indicator of a principle, declared as data.

    :ivar id: dotted id, ``efficiency.waiting_median``.
    :ivar principle: the principle it serves (a principle id), or None for context
        figures (volumes) that no principle is scored by.
    :ivar label: the English label, translated through the gettext catalogs (mark it with
        ``N_`` so that ``asan i18n extract`` finds it).
    :ivar table: ``tickets`` or ``ratings``.
    :ivar expression: one SQL aggregate over the table's prepared columns.
    :ivar unit: ``minutes``, ``percent``, ``count``, ``score`` or ``days``.
    :ivar better: ``lower`` or ``higher``; None when neither is (volumes).
    :ivar target: a key of the country's ``targets`` (``waiting_minutes``), a number fixed
        by the definition, or None.
    :ivar by: a column to break the value down by (:data:`BY_COLUMNS`), or None.
    :ivar description: the English definition, for the documentation and the JSON.
    """

    id: str
    principle: str | None
    label: str
    table: IndicatorTable
    expression: str
    unit: IndicatorUnit
    better: Better | None = None
    target: str | float | None = None
    by: str | None = None
    description: str = ""

    def __post_init__(self) -> None:
        if not INDICATOR_ID.match(self.id):
            raise ValueError(f"indicator id {self.id!r} is not a dotted lower-case id")
        if self.table not in BY_COLUMNS:
            raise ValueError(f"indicator {self.id}: table must be tickets or ratings")
        if self.by is not None and self.by not in BY_COLUMNS[self.table]:
            allowed = ", ".join(BY_COLUMNS[self.table])
            raise ValueError(f"indicator {self.id}: by must be one of {allowed}")
        if ";" in self.expression or not self.expression.strip():
            raise ValueError(f"indicator {self.id}: expression must be one SQL expression")
        if self.target is not None and self.better is None:
            raise ValueError(f"indicator {self.id}: a target needs better: lower or higher")
