"""Built-in plugin: the six principles of the ASAN model, for every country.

The texts live in ``asan_core/builtins/content/principles.yaml`` keyed by base language
(``fa``, ``ps``); each country receives them under its own declared locales (``fa_AF``),
so its data stays within the locales it declares. A country adapts, drops or adds
principles with ``principle_changes`` in its own data.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

from asan_core.base.problems import ProblemsError
from asan_core.builtins.core_texts import for_country
from asan_core.contract.markers import hookimpl
from asan_core.model import Country, Principle, PrincipleChange
from asan_core.plugin_kit import YamlDocument

PRINCIPLES_FILE = Path(__file__).parent / "content" / "principles.yaml"


@cache
def core_principles() -> tuple[Principle, ...]:
    """The six principles as shipped, keyed by base language."""
    doc = YamlDocument(PRINCIPLES_FILE, plugin=__name__)
    items = doc.data.get("principles", []) if isinstance(doc.data, dict) else []
    principles = [doc.validate(Principle, ("principles", i)) for i in range(len(items))]
    if doc.problems:
        raise ProblemsError(doc.problems)
    return tuple(p for p in principles if p is not None)


@hookimpl
def asan_principles(country: Country) -> list[Principle | PrincipleChange]:
    """The six principles, in the country's locales (English always kept as the fallback)."""
    return [for_country(principle, country) for principle in core_principles()]
