"""Built-in plugin: the core training curriculum, for every country.

Each module is ``asan_core/builtins/content/curriculum/<id>.yaml`` (English source) with its
translations beside it as ``<id>.<language>.yaml`` — a file per language, so translators
work independently. A translation file mirrors the module's texts::

    language: ru
    title: ...
    objectives: [..., ...]
    content: |
      ...
    exercises: [{title: ..., instructions: ...}]
    assessment: [{question: ..., answer: ...}]

Countries add modules, replace one (``replaces: <id>``) or drop one
(``curriculum_changes``) through the ``asan_curriculum_modules`` hook.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Any

from asan_core.base.problems import ProblemsError
from asan_core.builtins.core_texts import for_country
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
    """The core's modules with every translation merged in, in :data:`TEACHING_ORDER`."""
    modules: list[CurriculumModule] = []
    problems = []
    for path in sorted(CURRICULUM_DIR.glob("*.yaml")):
        if "." in path.stem:
            continue  # a translation file
        doc = YamlDocument(path, plugin=__name__)
        if doc.problems:
            problems.extend(doc.problems)
            continue
        data = doc.data if isinstance(doc.data, dict) else {}
        items = data.get("curriculum") or []
        for translation in sorted(CURRICULUM_DIR.glob(f"{path.stem}.*.yaml")):
            overlay = YamlDocument(translation, plugin=__name__)
            problems.extend(overlay.problems)
            if not overlay.problems and items:
                problems.extend(_merge(items[0], overlay))
        for index in range(len(items)):
            module = doc.validate(CurriculumModule, ("curriculum", index))
            if module is not None:
                modules.append(module)
        problems.extend(doc.problems)
    if problems:
        raise ProblemsError(problems)
    rank = {module_id: index for index, module_id in enumerate(TEACHING_ORDER)}
    return tuple(sorted(modules, key=lambda m: (rank.get(m.id, len(rank)), m.id)))


def _merge(module: dict[str, Any], overlay: YamlDocument) -> list[Any]:
    """Add the overlay's language to every text of ``module`` (in place)."""
    data = overlay.data
    if not isinstance(data, dict) or not isinstance(data.get("language"), str):
        return [overlay.problem((), "a translation file starts with 'language: <code>'")]
    language = data["language"]
    problems: list[Any] = []

    def put(target: Any, key: str, value: Any, path: tuple[str | int, ...]) -> None:
        if value is None:
            return
        if not isinstance(target, dict) or not isinstance(target.get(key), dict):
            problems.append(overlay.problem(path, f"{key!r} has no counterpart in the module"))
            return
        target[key][language] = value

    for key in ("title", "content"):
        put(module, key, data.get(key), (key,))
    for index, objective in enumerate(data.get("objectives") or []):
        objectives = module.get("objectives") or []
        if index >= len(objectives):
            problems.append(
                overlay.problem(("objectives", index), "more objectives than the module has")
            )
            break
        objectives[index][language] = objective
    for section, keys in (
        ("exercises", ("title", "instructions")),
        ("assessment", ("question", "answer")),
    ):
        originals = module.get(section) or []
        for index, item in enumerate(data.get(section) or []):
            if index >= len(originals):
                problems.append(
                    overlay.problem((section, index), f"more {section} than the module has")
                )
                break
            for key in keys:
                put(originals[index], key, (item or {}).get(key), (section, index, key))
    return problems


@hookimpl
def asan_curriculum_modules(country: Country) -> list[CurriculumModule | ModuleChange]:
    """The core curriculum, in the country's locales (English kept as the fallback)."""
    return [for_country(module, country) for module in core_modules()]
