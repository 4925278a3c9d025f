"""The kit's pages render in two processes where the machine can (``ASAN_JOBS``): the kit
is the same file for file, and a template that fails in either half is reported the same
way — located, exit 2, no traceback, no partial kit."""

from __future__ import annotations

from pathlib import Path

import pytest

from asan_core.kit.build import render_jobs
from tests.conftest import FixturePlugin, run_cli


def build(out: Path, jobs: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ASAN_JOBS", jobs)
    result = run_cli("kit", "build", "UZ", "--out", str(out))
    assert result.exit_code == 0, result.output


def files(kit: Path) -> dict[str, bytes]:
    return {str(p.relative_to(kit)): p.read_bytes() for p in sorted(kit.rglob("*")) if p.is_file()}


def test_one_or_two_processes_build_the_same_kit(
    country_plugin: FixturePlugin, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    build(tmp_path / "one", "1", monkeypatch)
    build(tmp_path / "two", "2", monkeypatch)
    assert files(tmp_path / "one") == files(tmp_path / "two")


def test_asan_jobs_chooses_the_number_of_processes(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ASAN_JOBS", "1")
    assert render_jobs() == 1
    monkeypatch.setenv("ASAN_JOBS", "8")
    assert render_jobs() == 2  # two halves at most


# The fixture country's pages, in order: index, charter, its two services, centres (the
# first process's half: even positions), principles (the second's: odd positions), ...
@pytest.mark.parametrize("template", ["centres.html", "principles.html"])
def test_a_broken_template_in_either_half_is_located_and_leaves_no_kit(
    country_plugin: FixturePlugin,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    template: str,
) -> None:
    monkeypatch.setenv("ASAN_JOBS", "2")
    broken = country_plugin.package_dir / "templates" / "kit"
    broken.mkdir(parents=True)
    (broken / template).write_text(
        "{% extends 'kit/base.html' %}{% block main %}{{ no_such_variable }}{% endblock %}\n"
    )
    out = tmp_path / "kit"
    result = run_cli("kit", "build", "UZ", "--out", str(out))
    assert result.exit_code == 2, result.output
    assert "a template failed while rendering uz" in result.stderr
    assert f"templates/kit/{template}:1" in result.stderr
    assert "Traceback" not in result.output
    assert not out.exists()
    assert not [p.name for p in tmp_path.iterdir() if p.name.startswith(".kit.")]
