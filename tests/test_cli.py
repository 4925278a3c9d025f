"""The ``asan`` command line, as a user runs it."""

from __future__ import annotations

import json
from importlib import metadata
from pathlib import Path

import pytest

from asan_core import CONTRACT_VERSION, __version__
from asan_core.contract.host import DEFAULT_PLUGINS
from tests.conftest import FixturePlugin, run_cli


def test_version_lists_the_core_the_plugin_contract_and_every_plugin(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.delenv("ASAN_DISABLE_PLUGIN_AUTOLOAD")
    result = run_cli("--version")
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    assert lines[:2] == [f"asan-sdk {__version__}", f"plugin contract {CONTRACT_VERSION}"]
    for plugin, distribution in (
        ("asan_afghanistan", "asan-afghanistan"),
        ("asan_azerbaijan", "asan-azerbaijan"),
    ):
        assert f"plugin {plugin}: {distribution} {metadata.version(distribution)}" in lines


def test_plugins_json_lists_builtins_and_the_country_plugin(country_plugin: FixturePlugin) -> None:
    result = run_cli("plugins", "--json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["version"] == 1
    names = [p["name"] for p in data["plugins"]]
    assert names[: len(DEFAULT_PLUGINS)] == list(DEFAULT_PLUGINS)
    fixture = next(p for p in data["plugins"] if p["name"].startswith(country_plugin.name))
    assert fixture["countries"] == ["UZ"]
    assert "asan_services" in fixture["hooks"]
    assert fixture["builtin"] is False
    assert data["failures"] == []
    builtin = data["plugins"][0]
    assert (builtin["distribution"], builtin["version"]) == ("asan-sdk", __version__)


def test_countries_lists_each_country_with_its_locales(country_plugin: FixturePlugin) -> None:
    result = run_cli("countries", "--json")
    assert result.exit_code == 0, result.output
    (uz,) = json.loads(result.stdout)["countries"]
    assert uz["code"] == "UZ"
    assert uz["locales"] == ["uz", "ru", "en"]
    assert uz["default_locale"] == "uz"
    assert uz["working_week"] == {"first_day": "mon", "weekend": ["sat", "sun"]}
    table = run_cli("countries")
    assert "UZ" in table.stdout and "UZS" in table.stdout


def test_services_show_text_in_the_requested_locale(country_plugin: FixturePlugin) -> None:
    result = run_cli("services", "UZ", "--locale", "ru", "--json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["locale"] == "ru"
    card = data["services"][0]
    assert card["title"] == "Удостоверение личности"
    assert card["agency"] == {"id": "interior", "name": "Министерство внутренних дел"}
    assert card["costs"][0]["amount"] == "0" and card["costs"][0]["free"] is True
    assert card["legal_basis"][0]["title"] == "Акт о центрах"
    assert card["provenance"]["illustrative"] is True
    table = run_cli("services", "uz", "--locale", "ru")
    assert "Удостоверение личности" in table.stdout
    assert "⚑" in table.stdout


def test_a_country_can_be_named_instead_of_coded(country_plugin: FixturePlugin) -> None:
    result = run_cli("services", "Uzbekistan", "--json")
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["country"] == "UZ"


def test_an_undeclared_locale_is_an_input_error_listing_the_locales(
    country_plugin: FixturePlugin,
) -> None:
    result = run_cli("services", "UZ", "--locale", "fr")
    assert result.exit_code == 2
    assert "UZ does not publish in 'fr'" in result.stderr
    assert "uz, ru, en" in result.stderr
    assert "Traceback" not in result.output


def test_an_unknown_country_is_an_input_error_naming_the_installed_ones(
    country_plugin: FixturePlugin,
) -> None:
    result = run_cli("check", "XX")
    assert result.exit_code == 2
    assert "unknown country 'XX'" in result.stderr
    assert "installed countries: UZ" in result.stderr


def test_centres_report_who_serves_every_area(country_plugin: FixturePlugin) -> None:
    result = run_cli("centres", "UZ", "--json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    (centre,) = data["centres"]
    assert centre["services"] == ["id-card", "notary-copy"]
    coverage = {a["area"]: a for a in data["coverage"]}
    assert coverage["UZ-TK"]["centres"] == ["tashkent-1"]
    assert coverage["UZ-SA"]["centres"] == []
    assert coverage["UZ-SA"]["fallback"] == [
        {"agency": "interior", "division": "district-departments"}
    ]
    assert len(coverage) == 14
    text = run_cli("centres", "UZ")
    assert "1 are served by a centre and 13 by agency divisions" in text.stdout


def test_check_passes_a_valid_country_and_counts_illustrative_records(
    country_plugin: FixturePlugin,
) -> None:
    result = run_cli("check", "UZ", "--format", "json")
    assert result.exit_code == 0, result.output
    report = json.loads(result.stdout)
    assert report["summary"]["error"] == 0
    assert report["illustrative"] > 0
    honesty = [f for f in report["findings"] if f["rule"] == "honesty.illustrative"]
    assert honesty[0]["message"].startswith(f"{report['illustrative']} of ")
    assert [p["id"] for p in report["principles"]] == [
        "efficiency",
        "transparency",
        "politeness",
        "responsibility",
        "ethics",
        "comfort",
    ]


def test_check_text_report_can_be_written_to_a_file(
    country_plugin: FixturePlugin, tmp_path: object
) -> None:
    from pathlib import Path

    target = Path(str(tmp_path)) / "reports" / "uz.txt"
    result = run_cli("check", "UZ", "--output", str(target))
    assert result.exit_code == 0, result.output
    text = target.read_text(encoding="utf-8")
    assert "Uzbekistan (UZ)" in text
    assert "honesty.illustrative" in text


def test_the_entry_point_runs_only_the_group_named_and_answers_alike() -> None:
    # `asan kit build …` imports and builds the kit group only (a faster start); every
    # command, its help and its mistakes must read exactly as with every group loaded.
    from typer.testing import CliRunner

    from asan_core.cli.app import COMMAND_GROUPS, COMMANDS, app, app_for, make_app

    for group in COMMAND_GROUPS:  # the entry point's table is what each module registers
        one = make_app([group])
        registered = {c.name for c in one.registered_commands} | {
            g.name for g in one.registered_groups
        }
        assert registered == {name for name, owner in COMMANDS.items() if owner == group}
    runner = CliRunner()
    for args in (
        *([name, "--help"] for name in COMMANDS),
        ["kit", "build", "--help"],
        ["kit", "biuld"],
        ["check"],
        ["check", "AF", "--format", "nonsense"],
    ):
        narrow = app_for(args)
        assert narrow is not app
        ours, theirs = runner.invoke(narrow, args), runner.invoke(app, args)
        assert (ours.exit_code, ours.output) == (theirs.exit_code, theirs.output), args
    for args in (["--help"], ["--version"], ["chek", "AF"], []):
        assert app_for(args) is app


def test_a_written_file_is_named_as_it_is(country_plugin: FixturePlugin, tmp_path: Path) -> None:
    # brackets are Rich markup: the "wrote" line must not read them as such
    report = tmp_path / "report[bold].txt"
    result = run_cli("check", "UZ", "--output", str(report))
    assert result.exit_code == 0, result.output
    assert f"wrote {report}" in result.stdout
    assert report.is_file()


def test_sigterm_stops_a_command_as_ctrl_c_does_only_where_it_writes() -> None:
    # `kit build` and `ops` write inside this block: SIGTERM there raises where the
    # command is (its cleanup runs, it exits 143); elsewhere SIGTERM is left as it was.
    import os
    import signal

    import typer

    from asan_core.cli.support import Terminated, interrupted, stopped_by_sigterm

    before = signal.getsignal(signal.SIGTERM)
    with pytest.raises(typer.Exit) as stopped, stopped_by_sigterm():
        try:
            os.kill(os.getpid(), signal.SIGTERM)
            for _ in range(1000):  # the handler runs between two bytecodes
                pass
            raise AssertionError("SIGTERM did not stop the block")
        except KeyboardInterrupt as exc:
            assert isinstance(exc, Terminated)
            interrupted(exc, "nothing was written")
    assert stopped.value.exit_code == 143
    assert signal.getsignal(signal.SIGTERM) == before
    with pytest.raises(typer.Exit) as ctrl_c:
        interrupted(KeyboardInterrupt(), "nothing was written")
    assert ctrl_c.value.exit_code == 130
