"""Shared fixtures: an isolated plugin environment and a small fixture country.

``country_plugin`` copies ``tests/fixtures/country`` (a valid illustrative country, UZ)
into a temporary package and registers it through ``ASAN_EXTRA_PLUGINS``, so a test can
plant a defect in one file and see what the public surface (CLI, API) says about it.
"""

from __future__ import annotations

import os
import shutil
import sys
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from typer.testing import CliRunner

from asan_core.cli.app import app

FIXTURE = Path(__file__).parent / "fixtures" / "country"

PLUGIN_MODULE = """
from asan_core import DataPlugin

asan_contract = ">=2.0,<3"
plugin = DataPlugin.from_package(__name__)
"""


@pytest.fixture(autouse=True)
def isolated(monkeypatch: pytest.MonkeyPatch) -> None:
    """Every test starts with no installed plugin loaded and no switches set."""
    for name in ("ASAN_LOAD_PLUGINS", "ASAN_TRACE_PLUGINS", "ASAN_EXTRA_PLUGINS", "ASAN_DEBUG"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("ASAN_DISABLE_PLUGIN_AUTOLOAD", "1")
    monkeypatch.setenv("ASAN_CACHE_DIR", "off")  # compiled templates stay in memory


@dataclass
class FixturePlugin:
    """A country plugin in a temporary folder, registered via ASAN_EXTRA_PLUGINS."""

    name: str
    package_dir: Path
    monkeypatch: pytest.MonkeyPatch

    @property
    def data_dir(self) -> Path:
        return self.package_dir / "data"

    def file(self, name: str) -> Path:
        return self.data_dir / name

    def write(self, name: str, text: str) -> Path:
        path = self.data_dir / name
        path.write_text(text, encoding="utf-8")
        return path

    def replace(self, name: str, old: str, new: str) -> Path:
        """Plant a defect: replace ``old`` (which must occur) by ``new`` in a data file."""
        path = self.data_dir / name
        text = path.read_text(encoding="utf-8")
        assert old in text, f"{old!r} not in {name}"
        path.write_text(text.replace(old, new, 1), encoding="utf-8")
        return path

    def line_of(self, name: str, needle: str) -> int:
        """The 1-based line of the first line containing ``needle``."""
        for number, line in enumerate(self.file(name).read_text().splitlines(), start=1):
            if needle in line:
                return number
        raise AssertionError(f"{needle!r} not in {name}")


def make_plugin(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, source: Path | None = FIXTURE
) -> FixturePlugin:
    """Create a plugin package (with ``source`` as its data) and register it."""
    name = f"fixture_{uuid.uuid4().hex[:8]}"
    package_dir = tmp_path / name
    package_dir.mkdir()
    (package_dir / "__init__.py").write_text(PLUGIN_MODULE, encoding="utf-8")
    if source is not None:
        shutil.copytree(source, package_dir / "data")
    else:
        (package_dir / "data").mkdir()
    monkeypatch.syspath_prepend(str(tmp_path))
    specs = [s for s in os.environ.get("ASAN_EXTRA_PLUGINS", "").split(",") if s]
    monkeypatch.setenv("ASAN_EXTRA_PLUGINS", ",".join([*specs, f"{name}:plugin"]))
    return FixturePlugin(name, package_dir, monkeypatch)


@pytest.fixture
def country_plugin(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[FixturePlugin]:
    """The fixture country UZ, as a plugin the CLI and API will load."""
    plugin = make_plugin(tmp_path, monkeypatch)
    yield plugin
    sys.modules.pop(plugin.name, None)


@dataclass
class CliResult:
    exit_code: int
    stdout: str
    stderr: str

    @property
    def output(self) -> str:
        return self.stdout + self.stderr


def run_cli(*args: str) -> CliResult:
    """Run ``asan ARGS`` in-process and capture stdout, stderr and the exit code."""
    result = CliRunner().invoke(app, list(args), catch_exceptions=False)
    return CliResult(result.exit_code, result.stdout, result.stderr)
