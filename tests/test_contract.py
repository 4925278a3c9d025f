"""The plugin contract is versioned: plugins declare the range they were written for.

A plugin outside the range is refused by name with both versions; a plugin from before
versioning (contract 1) still loads with a warning that says what to change; a deprecated
hook names its replacement; ``asan --version`` lists the core, the contract and every plugin.
"""

from __future__ import annotations

import shutil
import sys
import warnings
from pathlib import Path

import pytest

import asan_core
from asan_core import CONTRACT_RANGE, CONTRACT_VERSION
from asan_core.contract import version
from asan_core.contract.host import get_plugin_manager
from asan_core.contract.version import DeprecatedHook, compatibility
from tests.conftest import FixturePlugin, run_cli

CONTRACT1_PLUGIN = Path(__file__).parent / "fixtures" / "contract1" / "asan-uzbekistan"


def declare(plugin: FixturePlugin, declaration: str) -> None:
    init = plugin.package_dir / "__init__.py"
    text = init.read_text(encoding="utf-8")
    init.write_text(text.replace('asan_contract = ">=2.0,<3"', declaration), encoding="utf-8")


def test_the_bundled_plugins_and_the_template_declare_the_current_range() -> None:
    root = Path(__file__).parent.parent
    template_init = next((root / "cookiecutter-center").glob("*/*/__init__.py"))
    for init in (
        root / "plugins/azerbaijan/asan_azerbaijan/__init__.py",
        root / "plugins/afghanistan/asan_afghanistan/__init__.py",
        template_init,
    ):
        assert f'asan_contract = "{CONTRACT_RANGE}"' in init.read_text(encoding="utf-8"), init
    assert compatibility(CONTRACT_RANGE, "x").loads


def test_a_plugin_written_for_another_contract_is_refused_with_both_versions(
    country_plugin: FixturePlugin,
) -> None:
    declare(country_plugin, 'asan_contract = ">=3.0,<4"')
    result = run_cli("plugins")
    assert result.exit_code == 1
    assert f'plugin "{country_plugin.name}"' in result.output
    assert "written for plugin contract >=3.0,<4" in result.output
    assert f"implements contract {CONTRACT_VERSION}" in result.output
    checked = run_cli("check", "UZ")
    assert checked.exit_code == 2
    assert "unknown country 'UZ'" in checked.output
    assert "Traceback" not in checked.output


def test_a_range_that_is_no_range_is_refused_with_an_example(
    country_plugin: FixturePlugin,
) -> None:
    declare(country_plugin, 'asan_contract = "two"')
    result = run_cli("plugins")
    assert result.exit_code == 1
    assert "asan_contract = 'two', which is not a version range" in result.output
    assert CONTRACT_RANGE in result.output


def test_a_plugin_without_a_declared_range_loads_with_a_warning_saying_what_to_do(
    country_plugin: FixturePlugin,
) -> None:
    declare(country_plugin, "")
    result = run_cli("check", "UZ")
    assert result.exit_code == 0, result.output
    assert f'plugin "{country_plugin.name}" declares no plugin contract' in result.stderr
    assert f'asan_contract = "{CONTRACT_RANGE}"' in result.stderr


def test_a_plugin_generated_by_the_first_template_keeps_working(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    shutil.copytree(CONTRACT1_PLUGIN / "asan_uzbekistan", tmp_path / "asan_uzbekistan")
    monkeypatch.syspath_prepend(str(tmp_path))
    monkeypatch.setenv("ASAN_EXTRA_PLUGINS", "asan_uzbekistan:plugin")
    try:
        with pytest.warns(DeprecationWarning, match=r"asan_core\.datafiles is deprecated"):
            result = run_cli("check", "UZ")
        assert result.exit_code == 0, result.output
        assert 'plugin "asan_uzbekistan" declares no plugin contract' in result.stderr
        built = run_cli("kit", "build", "UZ", "--out", str(tmp_path / "kit"))
        assert built.exit_code == 0, built.output
        assert (tmp_path / "kit" / "uz" / "index.html").is_file()
    finally:
        sys.modules.pop("asan_uzbekistan", None)


def test_the_first_editions_import_paths_give_the_new_names_with_a_warning() -> None:
    sys.modules.pop("asan_core.datafiles", None)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        from asan_core.datafiles import DataPlugin  # type: ignore[import-not-found]
    assert DataPlugin is asan_core.DataPlugin
    assert any("import from asan_core" in str(w.message) for w in caught)


def test_a_deprecated_hook_still_implemented_names_its_replacement(
    country_plugin: FixturePlugin, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setitem(
        version.DEPRECATED_HOOKS,
        "asan_locale_dirs",
        DeprecatedHook("asan_locale_dirs", "asan_translations", "2.1", "3.0"),
    )
    host = get_plugin_manager()
    assert any(
        f'plugin "{country_plugin.name}": asan_locale_dirs is deprecated since plugin '
        "contract 2.1 and will be removed in 3.0: implement asan_translations instead" in note
        for note in host.warnings
    )


def test_plugin_authors_import_everything_from_asan_core() -> None:
    for name in asan_core.__all__:
        assert getattr(asan_core, name) is not None, name
    with pytest.raises(AttributeError):
        _ = asan_core.no_such_name  # type: ignore[attr-defined]


def test_a_rule_written_for_contract_1_still_runs_with_the_franchise_alone(
    country_plugin: FixturePlugin,
) -> None:
    legacy = asan_core.ConformanceRule(
        id="uz.legacy",
        principle="comfort",
        severity=asan_core.Severity.WARNING,
        description="d",
        rationale="r",
        hint="h",
        check=lambda franchise: [legacy.finding(f"{len(franchise.centres)} centre(s)")],
    )
    franchise = asan_core.resolve("UZ")
    assert [f.message for f in legacy.run(franchise)] == ["1 centre(s)"]
