"""The docs cannot drift from the code: generated pages are current, every hook, command
and rule is documented, every `asan` command shown in the docs runs, and the site builds."""

from __future__ import annotations

import os
import re
import shlex
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from docgen import PAGES, cli_commands

from asan_core.builtins.rules import RULES

ROOT = Path(__file__).resolve().parent.parent
DOCS = ROOT / "docs"
LONG_RUNNING = {"asan kit serve"}
"""Commands that run until interrupted: the docs show them; the test asks for their --help."""


@pytest.mark.parametrize("page", sorted(PAGES))
def test_generated_pages_are_current(page: str) -> None:
    committed = (DOCS / page).read_text(encoding="utf-8")
    assert committed == PAGES[page](), f"docs/{page} is stale: run python scripts/docgen.py"


def test_every_command_is_documented() -> None:
    reference = (DOCS / "reference" / "cli.md").read_text(encoding="utf-8")
    missing = [c for c in cli_commands() if f"\n## {c}\n" not in reference]
    assert missing == []


def test_every_conformance_rule_is_documented() -> None:
    reference = (DOCS / "reference" / "rules.md").read_text(encoding="utf-8")
    assert [r.id for r in RULES if f"\n## {r.id}\n" not in reference] == []


def documented_commands() -> list[tuple[str, str]]:
    """``(file, command)`` for every ``$ asan ...`` line in a console block."""
    found = []
    for path in [ROOT / "README.md", *sorted(DOCS.rglob("*.md"))]:
        in_console = False
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.startswith("```"):
                in_console = line.strip() == "```console"
                continue
            if in_console and line.startswith("$ asan "):
                command = line[2:].split("  #")[0].split(" # ")[0].strip()
                found.append((path.relative_to(ROOT).as_posix(), command))
    return found


def test_the_docs_show_commands() -> None:
    assert len(documented_commands()) > 20


_IGNORED = shutil.ignore_patterns(".git", ".venv", "__pycache__", "*.egg-info")


def _leftovers(folder: str, names: list[str]) -> set[str]:
    """What not to copy: VCS and build litter anywhere, and at the top only, the outputs
    of earlier documented commands (``kit/``, ``site/``) — never ``templates/kit/``."""
    ignored = set(_IGNORED(folder, names))
    if Path(folder) == ROOT:
        ignored |= {name for name in names if name in {"kit", "site", "new"} or "kit-" in name}
    return ignored


@pytest.fixture(scope="module")
def workspace(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A copy of the checkout (no .git), where documented commands may write."""
    copy = tmp_path_factory.mktemp("docs") / "asan-sdk"
    shutil.copytree(
        ROOT,
        copy,
        ignore=_leftovers,
    )
    return copy


@pytest.mark.slow
@pytest.mark.parametrize(("source", "command"), documented_commands())
def test_every_documented_command_runs(workspace: Path, source: str, command: str) -> None:
    args = shlex.split(command)[1:]
    if any(command.startswith(prefix) for prefix in LONG_RUNNING):
        args = [*args[:2], "--help"]
    env = {k: v for k, v in os.environ.items() if not k.startswith("ASAN_")}
    env["ASAN_LOAD_PLUGINS"] = "asan_azerbaijan,asan_afghanistan"
    result = subprocess.run(
        [sys.executable, "-m", "asan_core.cli.app", *args],
        cwd=workspace,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, f"{source}: {command}\n{result.stdout}\n{result.stderr}"
    assert "Traceback" not in result.stderr


@pytest.mark.slow
def test_the_site_builds_strictly(tmp_path: Path) -> None:
    mkdocs = shutil.which("mkdocs") or str(Path(sys.executable).parent / "mkdocs")
    if not Path(mkdocs).exists():
        pytest.skip("mkdocs is not installed (pip install -e '.[dev]')")
    result = subprocess.run(
        [mkdocs, "build", "--strict", "--site-dir", str(tmp_path / "site")],
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "site" / "index.html").is_file()
    warnings = [line for line in result.stderr.splitlines() if re.match(r"^WARNING", line)]
    assert warnings == []
