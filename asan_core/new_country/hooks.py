"""The template's side: its pre- and post-generation hooks, Jinja filters and globals."""

from __future__ import annotations

import json
import sys
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any, TextIO

from asan_core.base.problems import ProblemsError
from asan_core.base.version import __version__
from asan_core.new_country.places import (
    default_city,
    default_languages,
    english_name,
    find_country_code,
    slugify,
    territory_currency,
)
from asan_core.new_country.plan import ANSWERS, plan_from_answers
from asan_core.new_country.starting_catalogue import data_files, write_catalogs

TEMPLATE_NAME = "cookiecutter-center"
"""The template's folder: at the repository root in a checkout, inside ``asan_core`` in a wheel."""

TEMPLATE_ID = "asan-sdk:cookiecutter-center"
"""How a generated project's ``.cookiecutter.json`` names the template it came from."""


def check_answers(answers: Mapping[str, Any], stream: TextIO | None = None) -> int:
    """The pre-generation hook: print every wrong answer; 1 when there is one, else 0."""
    out = stream or sys.stderr
    try:
        plan_from_answers(answers)
    except ProblemsError as exc:
        for problem in exc.problems:
            out.write(f"error: {problem.render()}\n")
        out.write("Nothing was written: correct the answers and run the template again.\n")
        return 1
    return 0


def finish_project(project_dir: Path, answers: Mapping[str, Any]) -> list[Path]:
    """The post-generation hook: write what a template cannot, one catalog per language."""
    country = plan_from_answers(answers)
    return write_catalogs(project_dir / country.package, country)


def recorded_answers(answers: Mapping[str, Any]) -> str:
    """``.cookiecutter.json``: the answers (to re-render or update), the template, the
    asan-sdk version that rendered it."""
    kept: dict[str, Any] = {key: answers[key] for key in ANSWERS if key in answers}
    kept["_template"] = TEMPLATE_ID
    kept["_asan_sdk_version"] = __version__
    return json.dumps(kept, ensure_ascii=False, indent=2) + "\n"


def template_filters() -> dict[str, Callable[..., Any]]:
    """The Jinja filters ``cookiecutter-center`` uses (its extension registers them).

    The filters that derive defaults are lenient (``""`` for an unknown country), so that a
    wrong answer reaches the pre-generation hook, which explains it and stops.
    """
    return {
        "asan_country_code": lambda value: find_country_code(str(value)) or "",
        "asan_slug": lambda value: slugify(english_name(find_country_code(str(value)) or "")),
        "asan_territory_currency": lambda value: territory_currency(
            find_country_code(str(value)) or ""
        ),
        "asan_default_languages": lambda value: default_languages(
            find_country_code(str(value)) or ""
        ),
        "asan_default_city": lambda value: default_city(find_country_code(str(value)) or ""),
        "asan_country": plan_from_answers,
        "asan_data_file": lambda answers, name: data_files(plan_from_answers(answers))[name],
        "asan_recorded_answers": recorded_answers,
        "asan_quoted": lambda value: json.dumps(str(value), ensure_ascii=False),
        "asan_python_literal": lambda answers: repr(
            json.dumps({k: v for k, v in dict(answers).items() if not k.startswith("__")})
        ),
    }


def template_globals() -> dict[str, Any]:
    """Jinja globals of the template."""
    return {"asan_sdk_version": __version__}
