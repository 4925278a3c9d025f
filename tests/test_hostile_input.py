"""Answers and translations can never become code or crash a build.

A careless or malicious partner types template syntax, triple quotes or a stray ``%`` into a
prompt or a catalog, or hides a right-to-left override in a name: each is refused where it
enters, with a located error — or shown as inert text — never run, never a traceback.
"""

from __future__ import annotations

import importlib
import json
import subprocess
import sys
from pathlib import Path

import pytest

from asan_core.base.po import catalog_path
from tests.conftest import FixturePlugin, run_cli
from tests.test_new_country import UZBEKISTAN, answer_file, new_country

RLO = "\u202e"


# -- answers --------------------------------------------------------------------------------


def test_a_hostile_brand_reaches_the_plugin_as_data_and_nothing_runs_on_import(
    tmp_path: Path,
) -> None:
    canary = tmp_path / "PWNED"
    brand = f"Centre''' + str(__import__('pathlib').Path({str(canary)!r}).touch()) + '''"
    answers = answer_file(tmp_path, {**UZBEKISTAN, "brand": brand})
    out = tmp_path / "out"
    result = new_country("--no-input", "--config-file", str(answers), "--out", str(out))
    assert result.exit_code == 0, result.output
    project = out / "asan-uzbekistan"
    init = (project / "asan_uzbekistan" / "__init__.py").read_text(encoding="utf-8")
    assert brand not in init and "__import__" not in init  # no answer in the code
    code = (
        "import sys; sys.path.insert(0, sys.argv[1]); import asan_uzbekistan, yaml, pathlib;"
        "data = yaml.safe_load(pathlib.Path(asan_uzbekistan.__file__).parent.joinpath("
        "'data', 'country.yaml').read_text(encoding='utf-8'));"
        "print(data['country']['brand']['en'])"
    )
    shown = subprocess.run(
        [sys.executable, "-c", code, str(project)], capture_output=True, text=True, check=True
    )
    assert shown.stdout.strip() == brand  # the brand is data, intact
    assert not canary.exists()
    recorded = json.loads((project / ".cookiecutter.json").read_text(encoding="utf-8"))
    assert recorded["brand"] == brand


@pytest.mark.parametrize(
    ("typed_brand", "refused"),
    [
        ("{{ 7*7 }}", "'{{'"),
        ("Centre {% if 1 %}x{% endif %}", "'{%'"),
        ('Say """hi', '\'"""\''),
        (f"Centre{RLO}ertneC", "U+202E RIGHT-TO-LEFT OVERRIDE"),
    ],
)
def test_answers_typed_at_the_prompts_are_checked_before_anything_is_written(
    tmp_path: Path, typed_brand: str, refused: str
) -> None:
    typed = f"Uzbekistan\n{typed_brand}\n\n\n\n1\n1\nTashkent\n\n"
    result = new_country("--out", str(tmp_path), typed=typed)
    assert result.exit_code == 2, result.output
    assert refused in result.stderr and "brand" in result.stderr
    assert not (tmp_path / "asan-uzbekistan").exists()


def test_the_recorded_answers_of_a_project_regenerate_it(tmp_path: Path) -> None:
    first = tmp_path / "first"
    created = new_country(
        "--no-input", "--config-file", str(answer_file(tmp_path, UZBEKISTAN)), "--out", str(first)
    )
    assert created.exit_code == 0, created.output
    recorded = first / "asan-uzbekistan" / ".cookiecutter.json"
    again = new_country(
        "--no-input", "--config-file", str(recorded), "--out", str(tmp_path / "again")
    )
    assert again.exit_code == 0, again.output


# -- translations -----------------------------------------------------------------------------

HEADER = 'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=utf-8\\n"\n\n'


def plugin_catalog(plugin: FixturePlugin, entry: str, locale: str = "ru") -> Path:
    path = catalog_path(plugin.package_dir / "locales", locale)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(HEADER + entry, encoding="utf-8")
    return path


@pytest.mark.parametrize(
    ("entry", "said"),
    [
        (
            'msgid "Citizen charter"\nmsgstr "Хартия 100% граждан"\n',
            "'% ', which is not a placeholder of the English: write %% for a percent sign",
        ),
        (
            'msgid "Made with asan-sdk %(version)s from the data of %(brand)s."\n'
            'msgstr "Сделано asan-sdk %(versoin)s по данным %(brand)s."\n',
            "the placeholder %(versoin)s, which the English does not have",
        ),
        (
            'msgid "Citizen charter"\nmsgstr "{% for x in y %}Хартия{% endfor %}"\n',
            "template syntax '{%'",
        ),
        (
            f'msgid "Citizen charter"\nmsgstr "Хартия {RLO}граждан"\n',
            "U+202E RIGHT-TO-LEFT OVERRIDE",
        ),
    ],
)
def test_a_broken_translation_is_a_located_error_at_compile_check_and_build_never_a_traceback(
    country_plugin: FixturePlugin, tmp_path: Path, entry: str, said: str
) -> None:
    path = plugin_catalog(country_plugin, entry)
    line = f"{path.name}:5"
    compiled = run_cli("i18n", "compile", "--project", str(country_plugin.package_dir.parent))
    checked = run_cli("check", "UZ")
    built = run_cli("kit", "build", "UZ", "--out", str(tmp_path / "kit"))
    for result in (compiled, checked, built):
        assert result.exit_code == 2, result.output
        assert said in result.stderr
        assert line in result.stderr and "msgid" in result.stderr
        assert "Traceback" not in result.output
    assert not (tmp_path / "kit").exists()


def test_a_percent_sign_written_as_two_is_shown_as_one(
    country_plugin: FixturePlugin, tmp_path: Path
) -> None:
    plugin_catalog(country_plugin, 'msgid "Citizen charter"\nmsgstr "Хартия на 100%% граждан"\n')
    result = run_cli("kit", "build", "UZ", "--out", str(tmp_path / "kit"), "--locale", "ru")
    assert result.exit_code == 0, result.output
    assert "Хартия на 100% граждан" in (tmp_path / "kit" / "ru" / "index.html").read_text("utf-8")


def test_a_content_translation_with_a_bidi_override_is_refused(
    country_plugin: FixturePlugin,
) -> None:
    path = catalog_path(country_plugin.package_dir / "locales", "ru", "content")
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(
        HEADER + f'msgctxt "Country UZ brand"\nmsgid "Public Services Centre"\n'
        f'msgstr "Центр {RLO}услуг"\n',
        encoding="utf-8",
    )
    result = run_cli("check", "UZ")
    assert result.exit_code == 2
    assert "content.po:6" in result.stderr and "U+202E" in result.stderr  # the msgid


# -- bidirectional controls in data -------------------------------------------------------------


@pytest.mark.parametrize("control", ["\u202e", "\u202b", "\u2067"])
def test_a_bidi_control_in_data_is_refused_with_its_file_line_and_field(
    country_plugin: FixturePlugin, tmp_path: Path, control: str
) -> None:
    records = country_plugin.file("records.yaml")
    text = records.read_text(encoding="utf-8")
    marker = "en: "
    first = text.index(marker, text.index("services:")) + len(marker)
    records.write_text(text[:first] + "Pass" + control + text[first:], encoding="utf-8")
    line = text[:first].count("\n") + 1
    result = run_cli("kit", "build", "UZ", "--out", str(tmp_path / "kit"))
    assert result.exit_code == 2
    assert f"records.yaml:{line}" in result.stderr
    assert f"U+{ord(control):04X}" in result.stderr
    assert not (tmp_path / "kit").exists()  # neither a page nor the search index holds it


def test_right_to_left_marks_are_allowed_in_data() -> None:
    from asan_core.model import Service

    service = Service.model_validate(
        {
            "id": "x",
            "title": {"en": "Passport \u200f(RLM) \u200e(LRM) \u061c(ALM)"},
            "description": {"en": "d"},
            "agency": "a",
            "channels": ["centre"],
            "provenance": "illustrative",
        }
    )
    assert "\u200f" in service.title["en"]


def test_the_generated_plugin_imports_cleanly(tmp_path: Path) -> None:
    out = tmp_path / "out"
    assert new_country("--no-input", "--out", str(out)).exit_code == 0
    sys.path.insert(0, str(out / "asan-uzbekistan"))
    try:
        module = importlib.import_module("asan_uzbekistan")
        assert module.asan_contract.startswith(">=")
    finally:
        sys.path.remove(str(out / "asan-uzbekistan"))
        sys.modules.pop("asan_uzbekistan", None)


def test_a_percent_sign_in_a_label_shows_as_one_in_the_cli_too(
    country_plugin: FixturePlugin,
) -> None:
    plugin_catalog(country_plugin, 'msgid "Free of charge"\nmsgstr "Бесплатно, 100%% скидка"\n')
    result = run_cli("services", "UZ", "--locale", "ru")
    assert result.exit_code == 0, result.output
    assert "Бесплатно, 100% скидка" in result.stdout and "%%" not in result.stdout
