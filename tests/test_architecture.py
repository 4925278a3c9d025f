"""The house in wings: imports run downward, services read only the Franchise, each record
kind and each rule is declared once, and a plugin's failure in any hook is named."""

from __future__ import annotations

import datetime as dt
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from asan_core import hookimpl
from asan_core.base.problems import ProblemsError
from asan_core.builtins.rules import RULES
from asan_core.contract.franchise import Franchise
from asan_core.contract.host import get_plugin_manager
from asan_core.contract.record_kinds import RECORD_KINDS, SECTIONS
from asan_core.franchise import resolve
from tests.conftest import FixturePlugin

ROOT = Path(__file__).parent.parent


def _fail(*_: Any) -> Any:
    raise RuntimeError("the hook is broken")


# A hook implementation must name the spec's parameters (pluggy passes them by name).
BROKEN_HOOKS: dict[str, Any] = {
    "asan_template_dirs": lambda country: _fail(),
    "asan_locale_dirs": lambda country: _fail(),
    "asan_calendars": lambda: _fail(),
    "asan_conformance_rules": lambda: _fail(),
    "asan_format_date": lambda country, date, locale, style: _fail(),
}


def broken(hook: str) -> Any:
    """A plugin named ``broken`` whose ``hook`` raises."""
    namespace = {hook: staticmethod(hookimpl(BROKEN_HOOKS[hook])), "__name__": "broken"}
    return type("broken", (), namespace)()


LINT_IMPORTS = Path(sys.executable).parent / "lint-imports"


@pytest.mark.skipif(not LINT_IMPORTS.exists(), reason="import-linter not installed (dev extra)")
def test_imports_only_run_downward_and_services_never_import_the_plugin_host() -> None:
    result = subprocess.run(
        [str(LINT_IMPORTS)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "0 broken" in result.stdout


def test_the_wings_are_the_folders_and_each_says_what_it_owns() -> None:
    wings = ["base", "model", "contract", "plugin_kit", "builtins", "franchise", "i18n"]
    wings += ["checks", "export", "new_country", "kit", "cli"]
    for wing in wings:
        init = ROOT / "asan_core" / wing / "__init__.py"
        doc = init.read_text(encoding="utf-8").split('"""')[1]
        assert len(doc.split()) > 15, f"{wing}/__init__.py says too little about its wing"
    flat = sorted(p.name for p in (ROOT / "asan_core").glob("*.py"))
    assert flat == ["__init__.py", "testing.py"]


def test_every_record_kind_comes_from_the_one_table(country_plugin: FixturePlugin) -> None:
    assert set(SECTIONS) == {
        "agencies",
        "services",
        "centres",
        "coverage",
        "legal_resources",
        "principles",
        "principle_changes",
        "curriculum",
        "curriculum_changes",
        "planning",
        "demand",
    }
    host = get_plugin_manager()
    plugin = host.manager.get_plugin(country_plugin.name)
    implemented = {caller.name for caller in host.manager.get_hookcallers(plugin) or []}
    assert {kind.hook for kind in RECORD_KINDS} <= implemented
    franchise = resolve("UZ", host)
    for kind in RECORD_KINDS:
        assert kind.name in Franchise.model_fields
        if kind.change_section:
            assert kind.change_section in Franchise.model_fields
    assert franchise.services and franchise.centres


def test_every_core_rule_is_declared_once_with_a_unique_id() -> None:
    ids = [rule.id for rule in RULES]
    assert len(ids) == len(set(ids)) == 20
    principles = {rule.principle for rule in RULES}
    assert principles == {
        "transparency",
        "efficiency",
        "politeness",
        "ethics",
        "responsibility",
        "comfort",
    }


def test_the_franchise_carries_what_services_need_from_plugins(
    country_plugin: FixturePlugin,
) -> None:
    templates = country_plugin.package_dir / "templates"
    templates.mkdir()
    franchise = resolve("UZ")
    answers = franchise.plugins
    assert answers.template_dirs[0] == templates  # the country's plugin before the core
    assert "gregorian" in answers.calendars
    assert {r.id for r in answers.rules} >= {r.id for r in RULES}
    assert any(v.name == country_plugin.name for v in answers.versions)
    assert "2024" in franchise.format_date(dt.date(2024, 3, 21), "en")
    assert franchise.check_identifier("personal_id", "1") is None


@pytest.mark.parametrize(
    "hook",
    ["asan_template_dirs", "asan_locale_dirs", "asan_calendars", "asan_conformance_rules"],
)
def test_a_plugin_that_raises_in_any_hook_is_named_not_a_traceback(
    country_plugin: FixturePlugin, hook: str
) -> None:
    host = get_plugin_manager(extra_plugins=[broken(hook)])
    with pytest.raises(ProblemsError) as caught:
        resolve("UZ", host)
    messages = [p.render() for p in caught.value.problems]
    assert any("broken" in m and hook in m for m in messages), messages


def test_a_plugin_that_raises_while_formatting_a_date_is_named_not_a_traceback(
    country_plugin: FixturePlugin,
) -> None:
    franchise = resolve("UZ", get_plugin_manager(extra_plugins=[broken("asan_format_date")]))
    with pytest.raises(ProblemsError) as caught:
        franchise.format_date(dt.date(2024, 3, 21), "en")
    problem = caught.value.problems[0]
    assert problem.plugin == "broken"
    assert "raised in asan_format_date: RuntimeError" in problem.render()


def test_with_origin_returns_a_marked_copy_and_leaves_the_record_alone(
    country_plugin: FixturePlugin,
) -> None:
    service = resolve("UZ").services[0]
    assert service.origin is not None
    moved = service.with_origin(service.origin.model_copy(update={"plugin": "other"}))
    assert moved.origin is not None and moved.origin.plugin == "other"
    assert service.origin.plugin == country_plugin.name
    assert moved.model_dump() == service.model_dump()


def test_the_plugin_host_is_not_imported_by_asking_for_the_public_api() -> None:
    code = "import asan_core, sys; print('asan_core.contract.host' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


def test_help_a_plain_kit_build_and_a_piped_check_import_no_rich_nor_pycountry(
    country_plugin: FixturePlugin, tmp_path: Path
) -> None:
    # Rich is for colour, spinners and tables; --help, a command's plain result line and
    # a report written to a pipe do without it (it is a tenth of a cold build's imports).
    # pycountry's database files are read without importing pycountry (its loaders).
    code = (
        "import sys\n"
        "from asan_core.cli.app import main\n"
        "sys.argv = ['asan', *sys.argv[1:]]\n"
        "try:\n    main()\nexcept SystemExit as exc:\n    assert not exc.code, exc.code\n"
        "print('rich imported' if 'rich' in sys.modules else 'no rich')\n"
        "print('pycountry imported' if 'pycountry' in sys.modules else 'no pycountry')\n"
        "print(sorted(m for m in sys.modules if m.startswith('asan_core.cli.')))\n"
    )
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(tmp_path), *sys.path])}
    for args in (
        ["--help"],
        ["kit", "build", "UZ", "--out", str(tmp_path / "kit")],
        ["check", "UZ"],  # its report, to a pipe: the same words, without colour
    ):
        out = subprocess.run(
            [sys.executable, "-c", code, *args], capture_output=True, text=True, env=env
        )
        assert out.returncode == 0, out.stderr
        *_, rich, pycountry, modules = out.stdout.strip().splitlines()
        assert rich == "no rich", (args, out.stdout[-300:])
        assert pycountry == "no pycountry", args
        if args[0] == "kit":  # the entry point imported the kit's commands only
            assert modules == str(
                ["asan_core.cli.app", "asan_core.cli.kit", "asan_core.cli.support"]
            )
    assert (tmp_path / "kit" / "manifest.json").is_file()
