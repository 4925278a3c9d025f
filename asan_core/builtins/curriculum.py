"""Built-in plugin: the core training curriculum, for every country.

Each module is ``asan_core/builtins/content/curriculum/<id>.yaml``, in English, the source.
Its translations are gettext catalogs — the core's ``locales/<locale>/LC_MESSAGES/content.po``,
a language pack's, or a country plugin's — one entry per field (title, each objective, the
body, each exercise's title and instructions, each question and answer), applied when a
country resolves (:mod:`asan_core.franchise.translate`). Translating a module never
replaces it.

Countries add modules, replace one (``replaces: <id>``) or drop one
(``curriculum_changes``) through the ``asan_curriculum_modules`` hook.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

from asan_core.base.problems import ProblemsError
from asan_core.contract.markers import hookimpl
from asan_core.model import Country, CurriculumModule, ModuleChange
from asan_core.plugin_kit import YamlDocument

CURRICULUM_DIR = Path(__file__).parent / "content" / "curriculum"

TEACHING_ORDER = (
    "principles",
    "one-stop-shop",
    "arrival-and-queue",
    "volunteers",
    "polite-communication",
    "transparency-anti-corruption",
    "service-standards",
    "mobile-and-portal",
    "satisfaction-and-complaints",
    "trainer-methodology",
)
"""The order handbooks teach the core modules in: the model first, then the citizen's way
through the centre, then the standards behind it; the trainer's own module last. A module
file not listed here comes after these, in file-name order."""


@cache
def core_modules() -> tuple[CurriculumModule, ...]:
    """The core's modules, in English, in :data:`TEACHING_ORDER`."""
    modules: list[CurriculumModule] = []
    problems = []
    for path in sorted(CURRICULUM_DIR.glob("*.yaml")):
        doc = YamlDocument(path, plugin=__name__)
        if doc.problems:
            problems.extend(doc.problems)
            continue
        data = doc.data if isinstance(doc.data, dict) else {}
        for index in range(len(data.get("curriculum") or [])):
            module = doc.validate(CurriculumModule, ("curriculum", index))
            if module is not None:
                modules.append(module)
        problems.extend(doc.problems)
    if problems:
        raise ProblemsError(problems)
    rank = {module_id: index for index, module_id in enumerate(TEACHING_ORDER)}
    return tuple(sorted(modules, key=lambda m: (rank.get(m.id, len(rank)), m.id)))


@hookimpl
def asan_curriculum_modules(country: Country) -> list[CurriculumModule | ModuleChange]:
    """The core curriculum (English; translations come from the catalogs)."""
    del country  # the same modules for every country; each country's locales come later
    return list(core_modules())
