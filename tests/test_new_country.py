"""Stand up a new country: ``asan new country`` renders the bundled template into a country
plugin that installs, passes its own tests, checks clean and builds its kit at once.

The fast tests render in-process and load the generated plugin without installing it
(``ASAN_EXTRA_PLUGINS``); the slow ones install two generated projects, one written left to
right (Uzbekistan) and one right to left (Pakistan, in Urdu), into a fresh venv and use them
as a partner's developer would.
"""

from __future__ import annotations

import filecmp
import json
import os
import re
import shutil
import subprocess
import sys
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
import typer
import yaml
from babel.messages.pofile import read_po
from typer.testing import CliRunner

from asan_core.cli.new import register
from asan_core.franchise import resolve
from asan_core.model import Sourced, localized_fields
from asan_core.new_country import TEMPLATE_NAME, find_template
from tests.conftest import run_cli

ROOT = Path(__file__).resolve().parent.parent
TEMPLATE = ROOT / TEMPLATE_NAME

UZBEKISTAN = {
    "country": "Uzbekistan",
    "brand": "Davlat xizmatlari markazi",
    "languages": "uz, ru, en",
    "currency": "UZS",
    "operating_model": "one_stop_staff",
    "first_centre_city": "Tashkent",
}
PAKISTAN = {
    "country": "PK",
    "brand": "Pakistan Citizen Facilitation Centre",
    "languages": "ur_PK, en",
    "currency": "PKR",
    "first_centre_city": "Islamabad",
}
IRAQ = {
    "country": "Iraq",
    "brand": "مركز الخدمات العامة",
    "languages": "ar_IQ",
    "digits": "native",
    "first_centre_city": "Basra",
}
COUNTRIES = {"UZ": UZBEKISTAN, "PK": PAKISTAN, "IQ": IRAQ}
"""Answer files for countries not shipped here: left to right, right to left, and a
country that does not declare English and writes native digits."""


@dataclass
class Result:
    exit_code: int
    stdout: str
    stderr: str


def new_country(*args: str, typed: str | None = None) -> Result:
    """Run ``asan new country ARGS`` (the command group as the CLI registers it), with
    ``typed`` as the answers typed at its questions."""
    app = typer.Typer()

    @app.callback()
    def _main() -> None:
        """asan"""

    register(app)
    result = CliRunner().invoke(app, ["new", "country", *args], input=typed, catch_exceptions=False)
    return Result(result.exit_code, result.stdout, result.stderr)


def answer_file(folder: Path, answers: dict[str, str], name: str = "answers.yaml") -> Path:
    """A cookiecutter user-config file holding the answers (``default_context``)."""
    path = folder / name
    path.write_text(yaml.safe_dump({"default_context": answers}, allow_unicode=True), "utf-8")
    return path


def render(tmp_path: Path, answers: dict[str, str]) -> Path:
    """``asan new country --no-input`` with ``answers``; the new project's folder."""
    out = tmp_path / "out"
    result = new_country(
        "--no-input", "--config-file", str(answer_file(tmp_path, answers)), "--out", str(out)
    )
    assert result.exit_code == 0, result.stderr
    (project,) = out.iterdir()
    return project


def package_of(project: Path) -> str:
    return project.name.replace("-", "_")


@pytest.fixture
def load(monkeypatch: pytest.MonkeyPatch) -> Iterator[Any]:
    """Load a generated project's plugin without installing it, as the CLI would."""
    loaded: list[str] = []

    def load(project: Path) -> str:
        package = package_of(project)
        monkeypatch.syspath_prepend(str(project))
        monkeypatch.setenv("ASAN_EXTRA_PLUGINS", f"{package}:plugin")
        loaded.append(package)
        return package

    yield load
    for package in loaded:
        sys.modules.pop(package, None)


@pytest.fixture(scope="module")
def uzbekistan(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Uzbekistan rendered once for the tests that only read it."""
    return render(tmp_path_factory.mktemp("uz"), UZBEKISTAN)


# -- what a new country is made of ------------------------------------------------------


def test_without_answers_the_template_renders_its_default_country(tmp_path: Path) -> None:
    result = new_country("--no-input", "--out", str(tmp_path))
    assert result.exit_code == 0, result.stderr
    project = tmp_path / "asan-uzbekistan"
    recorded = json.loads((project / ".cookiecutter.json").read_text("utf-8"))
    assert recorded["country"] == "Uzbekistan"
    assert recorded["languages"] == "uz, en"  # CLDR's official language, then English
    assert recorded["currency"] == "UZS"  # CLDR's currency for the territory
    assert "asan check UZ" in result.stdout


def test_the_names_of_the_project_are_derived_from_the_country(uzbekistan: Path) -> None:
    pyproject = (uzbekistan / "pyproject.toml").read_text("utf-8")
    assert uzbekistan.name == "asan-uzbekistan"
    assert 'name = "asan-uzbekistan"' in pyproject
    assert '[project.entry-points.asan]\nasan_uzbekistan = "asan_uzbekistan:plugin"' in pyproject
    assert 'asan_country = "UZ"' in pyproject
    init = (uzbekistan / "asan_uzbekistan" / "__init__.py").read_text("utf-8")
    assert "plugin = DataPlugin.from_package(__name__)" in init


def test_the_answers_are_recorded_in_the_project(uzbekistan: Path) -> None:
    recorded = json.loads((uzbekistan / ".cookiecutter.json").read_text("utf-8"))
    assert {k: recorded[k] for k in UZBEKISTAN} == UZBEKISTAN
    assert recorded["_template"] == "asan-sdk:cookiecutter-center"


@pytest.mark.parametrize("code", sorted(COUNTRIES))
def test_the_new_country_resolves_checks_without_error_and_builds_its_kit(
    tmp_path: Path, load: Any, code: str
) -> None:
    project = render(tmp_path, COUNTRIES[code])
    load(project)
    check = run_cli("check", code)
    assert check.exit_code == 0, check.output
    assert "\n0 errors," in check.stdout
    kit = run_cli("kit", "build", code, "--out", str(tmp_path / "kit"))
    assert kit.exit_code == 0, kit.output
    franchise = resolve(code)
    for locale in franchise.country.locales:
        page = (tmp_path / "kit" / locale / "index.html").read_text("utf-8")
        direction = "rtl" if locale in {"ur_PK", "ar_IQ"} else "ltr"
        assert f'dir="{direction}"' in page, locale


def test_every_record_is_illustrative_and_says_what_to_confirm(uzbekistan: Path, load: Any) -> None:
    load(uzbekistan)
    franchise = resolve("UZ")
    records: list[Sourced] = [
        franchise.country,
        *franchise.agencies,
        *franchise.services,
        *franchise.centres,
    ]
    assert len(franchise.services) >= 20
    for record in records:
        assert record.provenance.illustrative, record
        assert record.provenance.note and "confirm" in record.provenance.note.lower(), record


def test_the_catalogue_covers_the_services_every_one_stop_shop_offers(
    uzbekistan: Path, load: Any
) -> None:
    load(uzbekistan)
    franchise = resolve("UZ")
    services = {s.id: s.agency for s in franchise.services}
    for service, agency in {
        "id-card": "interior",
        "passport": "interior",
        "criminal-record-certificate": "interior",
        "residence-registration": "interior",
        "driving-licence-renewal": "interior",
        "birth-registration": "justice",
        "marriage-registration": "justice",
        "death-registration": "justice",
        "notary-copy": "justice",
        "apostille": "foreign-affairs",
        "business-registration": "business-registry",
    }.items():
        assert services.get(service) == agency, service
    # No fee, processing time or legal act is invented: the check lists them as work to do.
    assert all(not s.costs and s.processing_days is None for s in franchise.services)
    assert not franchise.legal_resources


def test_every_text_is_in_every_language_as_the_english_text_until_translated(
    uzbekistan: Path, load: Any
) -> None:
    load(uzbekistan)
    franchise = resolve("UZ")
    for record in [*franchise.agencies, *franchise.services]:
        for path, text in localized_fields(record):
            assert set(text) == {"uz", "ru", "en"}, path
            assert text["uz"] == text["ru"] == text["en"], path
    readme = (uzbekistan / "README.md").read_text("utf-8")
    assert "every text under\n**uz, ru** starts as the **English text**" in readme
    assert '"still the English text"' in readme
    # ... and the translation work to do shows in the stats, which --strict refuses.
    stats = run_cli("i18n", "stats", "UZ", "--strict", "--json")
    assert stats.exit_code == 1
    missing = {row["locale"]: row["data"]["missing"] for row in json.loads(stats.stdout)["locales"]}
    assert "service 'passport': title (still the English text)" in missing["uz"]
    assert not any("still the English" in label for label in missing["en"])


def test_the_country_and_its_names_come_from_the_answers_and_cldr(
    uzbekistan: Path, load: Any
) -> None:
    load(uzbekistan)
    country = resolve("UZ").country
    assert country.name == {"uz": "Oʻzbekiston", "ru": "Узбекистан", "en": "Uzbekistan"}
    assert country.brand["uz"] == "Davlat xizmatlari markazi"
    assert (country.currency, country.calendar, country.operating_model) == (
        "UZS",
        "gregorian",
        "one_stop_staff",
    )


@pytest.mark.parametrize(
    ("country", "city", "area", "how"),
    [
        ("UZ", "Tashkent", "UZ-TK", "closest"),  # ISO 3166-2 spells it Toshkent
        ("PK", "Islamabad", "PK-IS", "named like the city"),
        ("IQ", "Basra", "IQ-BA", "closest"),  # Al Başrah
        ("PK", "Karachi", "PK-IS", "placeholder"),  # no area is named Karachi
    ],
)
def test_the_first_centre_is_placed_in_the_area_of_its_city(
    tmp_path: Path, load: Any, country: str, city: str, area: str, how: str
) -> None:
    project = render(tmp_path, {"country": country, "first_centre_city": city})
    load(project)
    (centre,) = resolve(country).centres
    assert centre.area == area
    assert centre.provenance.note is not None and how in centre.provenance.note


def test_an_area_given_with_the_answers_is_used(tmp_path: Path, load: Any) -> None:
    project = render(
        tmp_path, {**PAKISTAN, "first_centre_city": "Karachi", "first_centre_area": "pk-sd"}
    )
    load(project)
    assert [c.area for c in resolve("PK").centres] == ["PK-SD"]


def test_the_agencies_serve_every_area_where_there_is_no_centre(
    uzbekistan: Path, load: Any
) -> None:
    load(uzbekistan)
    franchise = resolve("UZ")
    assert all(a.centres or a.divisions for a in franchise.area_coverage)
    assert len(franchise.area_coverage) == 14


def test_each_language_has_a_catalog_with_babels_plural_forms(tmp_path: Path) -> None:
    project = render(tmp_path, {**IRAQ, "languages": "ar_IQ, ru, en"})
    locales = project / "asan_iraq" / "locales"
    assert sorted(p.name for p in locales.iterdir()) == ["ar_IQ", "en", "ru"]
    plural_forms = {}
    for locale in ("ar_IQ", "ru", "en"):
        path = locales / locale / "LC_MESSAGES" / "messages.po"
        with path.open("rb") as handle:
            catalog = read_po(handle)
        assert len(catalog) == 0  # a header, no entries yet
        plural_forms[locale] = catalog.num_plurals
        if shutil.which("msgfmt"):
            check = subprocess.run(
                ["msgfmt", "--check", "-o", os.devnull, str(path)], capture_output=True, text=True
            )
            assert check.returncode == 0, check.stderr
    assert plural_forms == {"ar_IQ": 6, "ru": 3, "en": 2}


def test_the_currency_defaults_to_the_one_cldr_gives_the_country(tmp_path: Path, load: Any) -> None:
    answers = {k: v for k, v in PAKISTAN.items() if k != "currency"}
    load(render(tmp_path, answers))
    assert resolve("PK").country.currency == "PKR"


def test_the_ci_workflow_installs_tests_checks_and_builds_the_kit(uzbekistan: Path) -> None:
    workflow = yaml.safe_load((uzbekistan / ".github" / "workflows" / "ci.yml").read_text("utf-8"))
    commands = [step.get("run", "") for step in workflow["jobs"]["check"]["steps"]]
    assert any('pip install "$ASAN_SDK_REQUIREMENT" -e ".[test]"' in c for c in commands)
    assert "python -m pytest" in commands
    assert "asan check UZ" in commands
    assert "asan kit build UZ --out kit" in commands


def test_re_rendering_with_the_recorded_answers_reproduces_the_project(
    tmp_path: Path, uzbekistan: Path
) -> None:
    again = tmp_path / "again"
    result = new_country(
        "--no-input", "--config-file", str(uzbekistan / ".cookiecutter.json"), "--out", str(again)
    )
    assert result.exit_code == 0, result.stderr
    assert_same_tree(uzbekistan, again / uzbekistan.name)


def assert_same_tree(left: Path, right: Path) -> None:
    ignored = ["__pycache__", ".pytest_cache"]
    comparison = filecmp.dircmp(left, right, ignore=ignored)
    stack = [comparison]
    while stack:
        current = stack.pop()
        assert not current.left_only and not current.right_only, current.left
        _, mismatch, errors = filecmp.cmpfiles(
            current.left, current.right, current.common_files, shallow=False
        )
        assert not mismatch and not errors, (current.left, mismatch)
        stack.extend(current.subdirs.values())


# -- wrong answers ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("answer", "value", "message"),
    [
        ("country", "XX", "'XX' is not a country in ISO 3166-1"),
        ("languages", "zz, en", "'zz' is not a locale Babel knows"),
        ("currency", "ABC", "'ABC' is not an ISO 4217 currency code"),
        ("calendar", "Lunar calendar", "'Lunar calendar' is not a calendar id"),
        ("first_centre_area", "UZ-XX", "'UZ-XX' is not an ISO 3166-2 area of UZ"),
        ("digits", "roman", "'roman' is not one of latin, native"),
        ("brand", "{{ 7*7 }}", "contains '{{', which a country's answers may not hold"),
        ("brand", "{% foo %}", "contains '{%', which a country's answers may not hold"),
        ("first_centre_city", 'Say """hi', 'contains \'"""\''),
    ],
)
def test_a_wrong_answer_stops_with_a_message_and_writes_nothing(
    tmp_path: Path, answer: str, value: str, message: str
) -> None:
    out = tmp_path / "out"
    out.mkdir()
    answers = answer_file(tmp_path, {**UZBEKISTAN, answer: value})
    result = new_country("--no-input", "--config-file", str(answers), "--out", str(out))
    assert result.exit_code == 2
    assert message in result.stderr
    assert "hint:" in result.stderr  # how to fix it
    assert "Traceback" not in result.stderr + result.stdout
    assert list(out.iterdir()) == []


def test_an_answer_file_that_is_not_text_is_an_input_error(tmp_path: Path) -> None:
    binary = tmp_path / "answers.yaml"
    binary.write_bytes(b"\xff\xfe\x00binary")
    result = new_country("--no-input", "--config-file", str(binary), "--out", str(tmp_path))
    assert result.exit_code == 2 and "the answer file is not UTF-8 text" in result.stderr


def test_the_message_says_why_and_suggests_a_fix(tmp_path: Path) -> None:
    answers = answer_file(tmp_path, {**UZBEKISTAN, "country": "Uzbekstan", "currency": "ABC"})
    result = new_country("--no-input", "--config-file", str(answers), "--out", str(tmp_path))
    assert "did you mean Uzbekistan (UZ)?" in result.stderr
    assert "fees are stated and formatted in the country's currency" in result.stderr


def test_cookiecutter_itself_stops_on_a_wrong_answer_and_leaves_no_folder(tmp_path: Path) -> None:
    from cookiecutter.exceptions import FailedHookException
    from cookiecutter.main import cookiecutter

    out = tmp_path / "out"
    out.mkdir()
    with pytest.raises(FailedHookException):
        cookiecutter(
            str(TEMPLATE),
            no_input=True,
            extra_context={"country": "UZ", "languages": "zz", "currency": "ABC"},
            output_dir=str(out),
            default_config={
                "replay_dir": str(tmp_path / "replay"),
                "cookiecutters_dir": str(tmp_path),
            },
        )
    assert list(out.iterdir()) == []


def test_an_existing_project_is_never_overwritten(tmp_path: Path, uzbekistan: Path) -> None:
    before = (uzbekistan / "README.md").read_text("utf-8")
    answers = answer_file(tmp_path, UZBEKISTAN)
    result = new_country(
        "--no-input", "--config-file", str(answers), "--out", str(uzbekistan.parent)
    )
    assert result.exit_code == 2
    assert "already exists" in result.stderr
    assert (uzbekistan / "README.md").read_text("utf-8") == before


def test_an_unknown_key_in_the_answer_file_is_named(tmp_path: Path) -> None:
    answers = tmp_path / "answers.yaml"
    answers.write_text("contry: UZ\n", "utf-8")
    result = new_country("--no-input", "--config-file", str(answers), "--out", str(tmp_path))
    assert result.exit_code == 2
    assert "'contry' is not an answer the template asks for" in result.stderr
    assert "did you mean 'country'?" in result.stderr


def test_the_questions_are_asked_when_input_is_allowed(tmp_path: Path) -> None:
    # country, brand, languages, currency, calendar, digits, model, city, area
    typed = "Pakistan\nPCFC\n\n\n\n1\n2\nKarachi\n\n"
    result = new_country("--out", str(tmp_path), typed=typed)
    assert result.exit_code == 0, result.stdout + result.stderr
    recorded = json.loads((tmp_path / "asan-pakistan" / ".cookiecutter.json").read_text("utf-8"))
    # The defaults offered were derived from the country: CLDR's languages and currency.
    assert recorded["languages"] == "ur_PK, en"
    assert recorded["currency"] == "PKR"
    assert recorded["operating_model"] == "one_stop_staff"


# -- the template's layout is the reference plugins' ------------------------------------

TEMPLATE_EXTRAS = {
    ".cookiecutter.json",
    ".gitignore",
    ".github/",
    ".github/workflows/",
    ".github/workflows/ci.yml",
}
"""What a generated project has that the reference plugins lack: the recorded answers, and
the CI set-up a partner's own repository needs (the reference plugins run in asan-sdk's CI)."""

IGNORED = {"__pycache__", ".pytest_cache", "kit", ".venv"}
PUBLISHER_FILES = {"LICENSE"}
"""The reference plugins carry asan-sdk's licence; a partner chooses its own."""


def layout(project: Path, package: str) -> set[str]:
    """A plugin's files and folders, with what varies by country made generic: data file
    names, locales, test module names, behaviour modules and template overrides."""
    entries = set()
    for path in project.rglob("*"):
        relative = path.relative_to(project)
        if IGNORED & set(relative.parts) or relative.parts[0].endswith(".egg-info"):
            continue
        if relative.as_posix() in PUBLISHER_FILES:
            continue
        text = relative.as_posix().replace(package, "<package>")
        text = re.sub(r"^<package>/data/[^/]+\.ya?ml$", "<package>/data/<file>.yaml", text)
        text = re.sub(r"^<package>/locales/[^/]+", "<package>/locales/<locale>", text)
        text = re.sub(r"^<package>/(?!__init__)[^/]+\.py$", "<package>/<module>.py", text)
        text = re.sub(
            r"^<package>/templates/(?!README\.md$).+$", "<package>/templates/<override>", text
        )
        text = re.sub(r"^tests/test_[^/]+\.py$", "tests/test_<name>.py", text)
        entries.add(text + ("/" if path.is_dir() else ""))
    return entries


BEHAVIOUR = {"<package>/<module>.py", "<package>/templates/<override>"}
"""What a reference plugin may have beyond the template: Python behaviour (a calendar) and
template overrides (a poster)."""


@pytest.mark.parametrize("plugin", ["azerbaijan", "afghanistan"])
def test_a_generated_project_is_laid_out_like_the_reference_plugins(
    uzbekistan: Path, plugin: str
) -> None:
    reference = ROOT / "plugins" / plugin
    package = f"asan_{plugin}"
    parts = {
        "data files": f"{package}/data/*.yaml",
        "catalogs": f"{package}/locales/*/LC_MESSAGES/messages.po",
        "tests": "tests/test_*.py",
    }
    missing = [what for what, pattern in parts.items() if not any(reference.glob(pattern))]
    if missing:
        pytest.skip(f"plugins/{plugin} is not complete yet: it has no {', '.join(missing)}")
    theirs = layout(reference, package)
    ours = layout(uzbekistan, "asan_uzbekistan")
    assert ours - theirs == TEMPLATE_EXTRAS
    assert theirs - ours <= BEHAVIOUR


# -- where the template is found ------------------------------------------------------------


def test_the_template_is_found_inside_the_package_or_at_the_checkout_root(tmp_path: Path) -> None:
    assert find_template(ROOT / "asan_core") == TEMPLATE  # a source checkout
    wheel = tmp_path / "site-packages" / "asan_core"
    shutil.copytree(TEMPLATE, wheel / TEMPLATE_NAME)  # a wheel: force-included in the package
    assert find_template(wheel) == wheel / TEMPLATE_NAME


@pytest.mark.slow
def test_a_country_is_created_from_the_installed_wheel(tmp_path: Path) -> None:
    wheels = tmp_path / "wheels"
    build = [sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", str(wheels), str(ROOT)]
    subprocess.run(build, check=True, capture_output=True)
    (wheel,) = wheels.glob("asan_sdk-*.whl")
    with zipfile.ZipFile(wheel) as archive:
        if f"asan_core/{TEMPLATE_NAME}/cookiecutter.json" not in archive.namelist():
            pytest.skip(f"the wheel does not carry asan_core/{TEMPLATE_NAME} (force-include)")
        archive.extractall(tmp_path / "site")
    script = (
        "import pathlib, sys\n"
        "from asan_core.new_country import create_country, template_dir\n"
        "print(template_dir())\n"
        "create_country({'country': 'UZ'}, pathlib.Path(sys.argv[1]), no_input=True)\n"
    )
    env = {k: v for k, v in os.environ.items() if not k.startswith("ASAN_")}
    env["PYTHONPATH"] = str(tmp_path / "site")  # the wheel's asan_core before the checkout's
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    result = subprocess.run(
        [sys.executable, "-c", script, str(elsewhere)],
        cwd=elsewhere,
        env=env,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == str(tmp_path / "site" / "asan_core" / TEMPLATE_NAME)
    assert (elsewhere / "asan-uzbekistan" / "asan_uzbekistan" / "data" / "services.yaml").is_file()


# -- installed into a fresh venv, used as a partner would (slow) ------------------------------


@dataclass
class Venv:
    root: Path
    projects: dict[str, Path]

    def run(
        self, *args: str, cwd: Path, env: dict[str, str] | None = None
    ) -> subprocess.CompletedProcess[str]:
        clean = {k: v for k, v in os.environ.items() if not k.startswith(("ASAN_", "PYTEST_"))}
        return subprocess.run(
            [str(self.root / "bin" / args[0]), *args[1:]],
            cwd=cwd,
            env={**clean, **(env or {})},
            capture_output=True,
            text=True,
            timeout=600,
        )


@pytest.fixture(scope="module")
def venv(tmp_path_factory: pytest.TempPathFactory) -> Venv:
    """One fresh venv with asan-sdk and two generated projects (UZ, PK) installed."""
    base = tmp_path_factory.mktemp("venv")
    projects = {}
    for code in ("UZ", "PK"):
        (base / code).mkdir()
        projects[code] = render(base / code, COUNTRIES[code])
    root = base / "venv"
    subprocess.run([sys.executable, "-m", "venv", str(root)], check=True)
    install = [str(root / "bin" / "python"), "-m", "pip", "install", "-q", "-e", str(ROOT)]
    for project in projects.values():
        install += ["-e", f"{project}[test]"]
    done = subprocess.run(install, capture_output=True, text=True, timeout=900)
    assert done.returncode == 0, done.stderr
    return Venv(root, projects)


def plugin_env(venv: Venv) -> dict[str, str]:
    """Until asan-sdk's pyproject.toml declares the 'asan' pytest11 entry point, name the
    plugin in PYTEST_PLUGINS (with the entry point, naming it again would register it twice)."""
    probe = venv.run(
        "python",
        "-c",
        "import importlib.metadata as m; "
        "print(bool(m.entry_points(group='pytest11', name='asan')))",
        cwd=venv.root,
    )
    return {} if probe.stdout.strip() == "True" else {"PYTEST_PLUGINS": "asan_core.testing"}


@pytest.mark.slow
def test_installed_projects_appear_in_asan_plugins(venv: Venv) -> None:
    result = venv.run("asan", "plugins", "--json", cwd=venv.root)
    assert result.returncode == 0, result.stderr
    plugins = {p["name"]: p for p in json.loads(result.stdout)["plugins"]}
    assert plugins["asan_uzbekistan"]["distribution"] == "asan-uzbekistan"
    assert plugins["asan_uzbekistan"]["countries"] == ["UZ"]
    assert plugins["asan_pakistan"]["countries"] == ["PK"]


@pytest.mark.slow
@pytest.mark.parametrize("code", ["UZ", "PK"])
def test_an_installed_project_passes_its_own_tests(venv: Venv, code: str) -> None:
    result = venv.run(
        "python",
        "-m",
        "pytest",
        "-p",
        "no:cacheprovider",
        cwd=venv.projects[code],
        env=plugin_env(venv),
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert re.search(r"\b10 passed\b", result.stdout), result.stdout
    assert "texts under" in result.stdout  # the translation work, as a warning


@pytest.mark.slow
@pytest.mark.parametrize("code", ["UZ", "PK"])
def test_an_installed_project_checks_clean_and_builds_its_kit(
    venv: Venv, code: str, tmp_path: Path
) -> None:
    check = venv.run("asan", "check", code, cwd=tmp_path)
    assert check.returncode == 0, check.stdout + check.stderr
    assert "0 errors" in check.stdout
    kit = venv.run("asan", "kit", "build", code, "--out", str(tmp_path / "kit"), cwd=tmp_path)
    assert kit.returncode == 0, kit.stdout + kit.stderr
    assert (tmp_path / "kit" / "manifest.json").is_file()


def test_a_calendar_whose_plugin_is_not_installed_is_recorded_with_the_next_step(
    tmp_path: Path,
) -> None:
    answers = answer_file(tmp_path, {**UZBEKISTAN, "calendar": "ethiopian"})
    result = new_country("--no-input", "--config-file", str(answers), "--out", str(tmp_path))
    assert result.exit_code == 0, result.stderr
    assert "the calendar 'ethiopian' is recorded, but no installed plugin provides it" in (
        result.stdout
    )
    assert "install the plugin that provides it" in result.stdout
    country = tmp_path / "asan-uzbekistan" / "asan_uzbekistan" / "data" / "country.yaml"
    assert "calendar: ethiopian" in country.read_text(encoding="utf-8")
