"""Built-in plugin: the six principles of the ASAN model, for every country.

The texts live in ``asan_core/builtins/content/principles.yaml``, in English, the source;
their translations are gettext catalogs (``content.po``) like the curriculum's. A country
adapts, drops or adds principles with ``principle_changes`` in its own data — a
translation is not an adaptation.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

from asan_core.base.problems import ProblemsError
from asan_core.contract.markers import hookimpl
from asan_core.model import Country, Principle, PrincipleChange
from asan_core.plugin_kit import YamlDocument

PRINCIPLES_FILE = Path(__file__).parent / "content" / "principles.yaml"


@cache
def core_principles() -> tuple[Principle, ...]:
    """The six principles as shipped, in English."""
    doc = YamlDocument(PRINCIPLES_FILE, plugin=__name__)
    items = doc.data.get("principles", []) if isinstance(doc.data, dict) else []
    principles = [doc.validate(Principle, ("principles", i)) for i in range(len(items))]
    if doc.problems:
        raise ProblemsError(doc.problems)
    return tuple(p for p in principles if p is not None)


@hookimpl
def asan_principles(country: Country) -> list[Principle | PrincipleChange]:
    """The six principles (English; translations come from the catalogs)."""
    del country  # the same principles for every country
    return list(core_principles())
