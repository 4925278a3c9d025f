"""Running the template: find it, run cookiecutter on checked answers, say what was made."""

from __future__ import annotations

import contextlib
import difflib
import importlib
import json
import logging
import sys
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any

import yaml

from asan_core.base.problems import Problem, ProblemsError
from asan_core.model.common import bidi_control_in
from asan_core.new_country.hooks import TEMPLATE_ID, TEMPLATE_NAME
from asan_core.new_country.plan import ANSWERS, NewCountry, answer_of, plan_from_answers


def find_template(package_dir: Path) -> Path:
    """The template beside the package's files (a wheel) or at the checkout's root."""
    for candidate in (package_dir / TEMPLATE_NAME, package_dir.parent / TEMPLATE_NAME):
        if (candidate / "cookiecutter.json").is_file():
            return candidate
    raise ProblemsError(
        [
            Problem(
                f"the country template {TEMPLATE_NAME}/ is missing (looked in {package_dir} "
                "and its parent)",
                hint="reinstall asan-sdk",
            )
        ]
    )


def template_dir() -> Path:
    """The bundled ``cookiecutter-center`` template, wherever asan-sdk is installed."""
    return find_template(Path(str(resources.files("asan_core"))))


def load_answer_file(path: Path) -> dict[str, str]:
    """Answers from a YAML or JSON file.

    Accepted shapes: cookiecutter's user config (``default_context: {country: UZ, ...}``),
    a generated project's ``.cookiecutter.json``, or a plain mapping of answers. Keys
    starting with ``_`` are ignored; values are read as text (``country: NO`` is Norway).
    """
    try:
        text = path.read_text(encoding="utf-8")
        data: Any = yaml.load(text, Loader=yaml.BaseLoader)  # every value read as text
    except OSError as exc:
        raise ProblemsError(
            [Problem(f"cannot read the answer file: {exc.strerror}", file=str(path))]
        ) from exc
    except UnicodeDecodeError as exc:
        raise ProblemsError(
            [
                Problem(
                    "the answer file is not UTF-8 text",
                    file=str(path),
                    hint="give a YAML or JSON file of answers, e.g. 'country: UZ'",
                )
            ]
        ) from exc
    except yaml.YAMLError as exc:
        raise ProblemsError(
            [
                Problem(
                    f"the answer file is not valid YAML or JSON: {exc}",
                    file=str(path),
                    hint="write one answer per line, e.g. 'country: UZ'",
                )
            ]
        ) from exc
    if isinstance(data, dict) and isinstance(data.get("default_context"), dict):
        data = data["default_context"]
    if not isinstance(data, dict):
        raise ProblemsError(
            [
                Problem(
                    "the answer file must be a mapping of answers",
                    file=str(path),
                    hint=f"answers: {', '.join(ANSWERS)}",
                )
            ]
        )
    answers: dict[str, str] = {}
    problems = []
    for key in data:
        if key.startswith("_"):
            continue
        if key not in ANSWERS:
            close = difflib.get_close_matches(key, ANSWERS, n=1)
            problems.append(
                Problem(
                    f"{key!r} is not an answer the template asks for",
                    file=str(path),
                    field=key,
                    hint=(f"did you mean {close[0]!r}? " if close else "")
                    + f"answers: {', '.join(ANSWERS)}",
                )
            )
            continue
        answers[key] = answer_of(data, key)
    if problems:
        raise ProblemsError(problems)
    return answers


@contextlib.contextmanager
def _template_importable(template: Path) -> Iterator[None]:
    """The template's Jinja extension importable (as cookiecutter does), no bytecode left."""
    saved_path, saved_flag = list(sys.path), sys.dont_write_bytecode
    sys.path.append(str(template))
    sys.dont_write_bytecode = True
    # Cookiecutter logs a failed hook with its traceback; our caller reports it instead.
    logger = logging.getLogger("cookiecutter")
    quiet = logging.NullHandler()
    logger.addHandler(quiet)
    saved_propagate, logger.propagate = logger.propagate, False
    try:
        yield
    finally:
        sys.path[:] = saved_path
        sys.dont_write_bytecode = saved_flag
        logger.removeHandler(quiet)
        logger.propagate = saved_propagate


def _cookiecutter(module: str) -> Any:
    try:
        return importlib.import_module(f"cookiecutter.{module}")
    except ImportError as exc:
        raise ProblemsError(
            [
                Problem(
                    "asan new country needs cookiecutter, which is not installed",
                    hint="pip install cookiecutter (asan-sdk depends on it: reinstall asan-sdk)",
                )
            ]
        ) from exc


@dataclass(frozen=True)
class CreatedCountry:
    """A project ``asan new country`` wrote: its folder, and the country it declares."""

    project: Path
    country: NewCountry


def create_country(
    answers: Mapping[str, str],
    out: Path,
    *,
    no_input: bool,
    template: Path | None = None,
) -> CreatedCountry:
    """Render the country template into a new folder of ``out``.

    Every answer is checked before anything is written; with ``no_input`` false the
    template's questions are asked on the terminal, ``answers`` being their defaults.

    :raises ProblemsError: a wrong answer, an existing project folder, a template failure.
    """
    generate = _cookiecutter("generate")
    prompt = _cookiecutter("prompt")
    exceptions = _cookiecutter("exceptions")
    template = template or template_dir()
    questions = template / "cookiecutter.json"
    _check_choices(json.loads(questions.read_text(encoding="utf-8")), answers)
    _check_text(answers)
    with _template_importable(template):
        context = generate.generate_context(
            context_file=str(questions), extra_context=dict(answers)
        )
        values: dict[str, Any] = dict(prompt.prompt_for_config(context, no_input))
    # What was typed at the prompts is checked like an answer file, before anything is
    # rendered or recorded in .cookiecutter.json (which a later update renders again).
    _check_text(values)
    country = plan_from_answers(values)
    target = out / country.distribution
    if target.exists():
        raise ProblemsError(
            [
                Problem(
                    f"{target} already exists: a new country is written into a new folder",
                    hint="choose another --out folder, or move the existing project away",
                )
            ]
        )
    values["_template"] = TEMPLATE_ID
    with _template_importable(template):
        try:
            generate.generate_files(
                repo_dir=str(template),
                context={"cookiecutter": values},
                output_dir=str(out),
                overwrite_if_exists=False,
                accept_hooks=True,
            )
        except (exceptions.CookiecutterException, OSError) as exc:
            raise ProblemsError(
                [
                    Problem(
                        f"the country template failed: {exc}",
                        hint="nothing was left behind; report this to the asan-sdk maintainers",
                    )
                ]
            ) from exc
    return CreatedCountry(target, country)


UNSAFE_IN_ANSWERS = ("{{", "{%", "{#", '"""', "\\")
"""What an answer may not contain: cookiecutter renders answers as Jinja2 (so ``{{ 7*7 }}``
would become ``49``, and the recorded answers would render differently on update). No
answer reaches generated Python as code: the country's texts go to YAML data files, and
Python files hold only values derived from validated answers (the ISO code, CLDR's English
name, the package name); triple quotes and backslashes are refused besides, so that no
future template change can turn an answer into code."""


def _check_text(answers: Mapping[str, Any]) -> None:
    """Answers are plain text: no template syntax, no triple quotes, no control characters."""
    problems = []
    for key, value in answers.items():
        if key.startswith("_") or not isinstance(value, str):
            continue
        found = [s for s in UNSAFE_IN_ANSWERS if s in value]
        bidi = bidi_control_in(value)
        if found or bidi or any(ord(ch) < 32 for ch in value):
            shown = ", ".join(repr(s) for s in found) or (
                f"the bidirectional control {bidi}" if bidi else "a control character"
            )
            problems.append(
                Problem(
                    f"{value!r} contains {shown}, which a country's answers may not hold",
                    field=key,
                    hint=f"answer in plain text; {key}: {ANSWERS.get(key, '')}".rstrip("; "),
                )
            )
    if problems:
        raise ProblemsError(problems)


def _check_choices(questions: Mapping[str, Any], answers: Mapping[str, str]) -> None:
    """A choice answer must be one of its choices (cookiecutter would raise ValueError)."""
    problems = [
        Problem(
            f"{answers[key]!r} is not one of {', '.join(choices)}",
            field=key,
            hint=f"{key}: {ANSWERS[key]}",
        )
        for key, choices in questions.items()
        if isinstance(choices, list) and key in answers and answers[key] not in choices
    ]
    if problems:
        raise ProblemsError(problems)


def summary(project: Path, country: NewCountry) -> list[str]:
    """What to do next, as ``asan new country`` prints it."""
    lines = [
        f"created {project}: {country.distribution} ({country.english_name}, {country.code}), "
        f"languages {', '.join(country.locales)}",
    ]
    if not country.calendar_installed:
        lines += [
            f"the calendar {country.calendar!r} is recorded, but no installed plugin provides it "
            "yet: dates and yearly holidays cannot be shown until one does.",
            "  install the plugin that provides it and add it to dependencies in "
            "pyproject.toml, or write one (docs/plugins.md, 'A calendar of your own');",
            "  asan check and asan kit build say so until then.",
        ]
    return [
        *lines,
        "next:",
        f"  cd {project}",
        '  pip install -e ".[test]"',
        f"  asan check {country.code}",
        "  pytest",
        f"  asan kit build {country.code} --out kit",
        "then read README.md: confirm the illustrative data, translate, add centres.",
    ]
