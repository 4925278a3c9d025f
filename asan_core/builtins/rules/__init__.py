"""Built-in plugin: the core's conformance rules — the model's principles, as checks.

One module per principle (:mod:`.transparency`, :mod:`.efficiency`, :mod:`.politeness`,
:mod:`.ethics`, :mod:`.responsibility`, :mod:`.comfort`), each declaring its rules once
with :func:`~asan_core.contract.rules.rule`. Each rule has a severity, a rationale and a
fix hint, and points every finding at the record (plugin, file, line, field) it is about.
Warnings say the franchise departs from what the model promises citizens; errors say it
breaks it; notes (info) are for reviewers. ``asan check`` scores each principle by the
share of checked things (services, centres, roles) without a warning or an error.
"""

from asan_core.builtins.rules import (
    comfort,
    efficiency,
    ethics,
    politeness,
    responsibility,
    transparency,
)
from asan_core.contract.markers import hookimpl
from asan_core.contract.rules import ConformanceRule

RULES: tuple[ConformanceRule, ...] = (
    *transparency.RULES,
    *efficiency.RULES,
    *politeness.RULES,
    *ethics.RULES,
    *responsibility.RULES,
    *comfort.RULES,
    transparency.illustrative,
    responsibility.principle_changes,
)
"""The core's rules, in the order ``asan check`` reports them."""


@hookimpl
def asan_conformance_rules() -> list[ConformanceRule]:
    """The core's rules: transparency, efficiency, politeness, ethics, responsibility,
    comfort, and honesty about illustrative data."""
    return list(RULES)
