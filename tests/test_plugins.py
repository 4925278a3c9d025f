"""Loading plugins: built-ins first, entry points, switches, and isolation of failures."""

from __future__ import annotations

import json
import textwrap
from pathlib import Path

import pytest

from asan_core.contract.host import DEFAULT_PLUGINS, get_plugin_manager
from tests.conftest import FixturePlugin, run_cli


def write_module(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, name: str, code: str) -> None:
    (tmp_path / f"{name}.py").write_text(textwrap.dedent(code), encoding="utf-8")
    monkeypatch.syspath_prepend(str(tmp_path))


def install_entry_point(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, dist: str, name: str, target: str
) -> None:
    """Make ``importlib.metadata`` see a distribution with an ``asan`` entry point."""
    info = tmp_path / f"{dist.replace('-', '_')}-1.2.3.dist-info"
    info.mkdir()
    (info / "METADATA").write_text(f"Metadata-Version: 2.1\nName: {dist}\nVersion: 1.2.3\n")
    (info / "entry_points.txt").write_text(f"[asan]\n{name} = {target}\n")
    monkeypatch.syspath_prepend(str(tmp_path))


def add_extra(monkeypatch: pytest.MonkeyPatch, spec: str) -> None:
    import os

    current = [s for s in os.environ.get("ASAN_EXTRA_PLUGINS", "").split(",") if s]
    monkeypatch.setenv("ASAN_EXTRA_PLUGINS", ",".join([*current, spec]))


BROKEN_SERVICES = """
from asan_core import hookimpl

@hookimpl
def asan_services(country):
    raise RuntimeError("the ministry database is unreachable")
"""


def test_builtins_are_registered_first_like_any_plugin() -> None:
    host = get_plugin_manager()
    assert host.plugin_names()[: len(DEFAULT_PLUGINS)] == list(DEFAULT_PLUGINS)
    assert all(info.builtin for info in host.info()[: len(DEFAULT_PLUGINS)])


def test_a_plugin_that_raises_is_named_and_fails_only_the_country_it_affects(
    country_plugin: FixturePlugin, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    write_module(tmp_path, monkeypatch, "broken_ministry", BROKEN_SERVICES)
    add_extra(monkeypatch, "broken_ministry")
    listed = run_cli("countries", "--json")
    assert listed.exit_code == 0, listed.output
    assert [c["code"] for c in json.loads(listed.stdout)["countries"]] == ["UZ"]
    checked = run_cli("check", "UZ")
    assert checked.exit_code == 2
    assert "plugin broken_ministry" in checked.stderr
    assert "raised in asan_services: RuntimeError: the ministry database is unreachable" in (
        checked.stderr
    )
    assert "Traceback" not in checked.output


def test_the_traceback_of_a_plugin_bug_is_shown_with_asan_debug(
    country_plugin: FixturePlugin, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    write_module(tmp_path, monkeypatch, "broken_ministry2", BROKEN_SERVICES)
    add_extra(monkeypatch, "broken_ministry2")
    monkeypatch.setenv("ASAN_DEBUG", "1")
    checked = run_cli("check", "UZ")
    assert checked.exit_code == 2
    assert "Traceback" in checked.stderr and "broken_ministry2.py" in checked.stderr


def test_a_plugin_that_fails_to_import_does_not_take_the_others_down(
    country_plugin: FixturePlugin, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    write_module(tmp_path, monkeypatch, "typo_plugin", "import no_such_module_here\n")
    add_extra(monkeypatch, "typo_plugin")
    checked = run_cli("check", "UZ")
    assert checked.exit_code == 0, checked.output
    assert 'plugin "typo_plugin" failed to load: ModuleNotFoundError' in checked.stderr
    listed = run_cli("plugins", "--json")
    assert listed.exit_code == 1
    failures = json.loads(listed.stdout)["failures"]
    assert failures[0]["plugin"] == "typo_plugin"
    assert "no_such_module_here" in failures[0]["cause"]


def test_a_broken_plugin_is_named_when_the_country_is_not_found(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    write_module(tmp_path, monkeypatch, "broken_country", "raise ImportError('half installed')\n")
    add_extra(monkeypatch, "broken_country")
    result = run_cli("check", "AF")
    assert result.exit_code == 2
    assert "these plugins failed and may have declared it: broken_country" in result.stderr


def test_entry_points_are_loaded_with_their_distribution_and_version(
    country_plugin: FixturePlugin, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    write_module(tmp_path, monkeypatch, "ep_rules", "from asan_core import hookimpl\n")
    install_entry_point(tmp_path, monkeypatch, "asan-rules", "rules", "ep_rules")
    monkeypatch.delenv("ASAN_DISABLE_PLUGIN_AUTOLOAD")
    monkeypatch.setenv("ASAN_LOAD_PLUGINS", "rules")
    data = json.loads(run_cli("plugins", "--json").stdout)
    rules = next(p for p in data["plugins"] if p["name"] == "rules")
    assert (rules["distribution"], rules["version"]) == ("asan-rules", "1.2.3")


def test_asan_load_plugins_limits_loading_to_the_named_entry_points(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    write_module(tmp_path, monkeypatch, "ep_one", "from asan_core import hookimpl\n")
    write_module(tmp_path, monkeypatch, "ep_two", "from asan_core import hookimpl\n")
    install_entry_point(tmp_path, monkeypatch, "asan-one", "one", "ep_one")
    install_entry_point(tmp_path, monkeypatch, "asan-two", "two", "ep_two")
    monkeypatch.delenv("ASAN_DISABLE_PLUGIN_AUTOLOAD")
    monkeypatch.setenv("ASAN_LOAD_PLUGINS", "two,missing")
    host = get_plugin_manager()
    names = host.plugin_names()
    assert "two" in names and "one" not in names
    assert [f.plugin for f in host.failures] == ["missing"]


def test_disabling_autoload_loads_only_the_builtins(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    write_module(tmp_path, monkeypatch, "ep_three", "from asan_core import hookimpl\n")
    install_entry_point(tmp_path, monkeypatch, "asan-three", "three", "ep_three")
    monkeypatch.setenv("ASAN_DISABLE_PLUGIN_AUTOLOAD", "1")
    assert get_plugin_manager().plugin_names() == list(DEFAULT_PLUGINS)
    monkeypatch.delenv("ASAN_DISABLE_PLUGIN_AUTOLOAD")
    assert "three" in get_plugin_manager().plugin_names()


def test_tracing_writes_hook_calls_to_stderr(
    country_plugin: FixturePlugin, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("ASAN_TRACE_PLUGINS", "1")
    result = run_cli("countries")
    assert result.exit_code == 0
    assert "asan_countries" in result.stderr


def test_a_hookimpl_with_a_default_argument_is_refused(
    country_plugin: FixturePlugin, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    write_module(
        tmp_path,
        monkeypatch,
        "defaulted",
        """
        from asan_core import hookimpl

        @hookimpl
        def asan_services(country=None):
            return []
        """,
    )
    add_extra(monkeypatch, "defaulted")
    result = run_cli("plugins", "--json")
    assert result.exit_code == 1
    (failure,) = json.loads(result.stdout)["failures"]
    assert failure["plugin"] == "defaulted"
    assert "pluggy #442" in failure["cause"]
    assert "defaulted" not in [p["name"] for p in json.loads(result.stdout)["plugins"]]
