"""The wheel: installed into a fresh virtual environment, used from another directory.

Builds the core's and both reference plugins' wheels, installs them into a new venv and
runs ``asan`` from a temporary directory, so nothing can be found by accident through the
source checkout. Slow (it installs the dependencies), and run in CI.
"""

from __future__ import annotations

import os
import subprocess
import sys
import venv
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


def run(*args: str | Path, cwd: Path, env: dict[str, str] | None = None) -> str:
    result = subprocess.run(
        [str(a) for a in args], cwd=cwd, env=env, capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, f"{args} failed:\n{result.stdout}\n{result.stderr}"
    return result.stdout


@pytest.mark.slow
def test_the_wheel_works_from_a_fresh_venv_in_another_directory(tmp_path: Path) -> None:
    wheels = tmp_path / "wheels"
    for project in (ROOT, ROOT / "plugins" / "azerbaijan", ROOT / "plugins" / "afghanistan"):
        run(
            sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", wheels, project, cwd=ROOT
        )
    env_dir = tmp_path / "venv"
    venv.create(env_dir, with_pip=True)
    python = env_dir / "bin" / "python"
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    run(python, "-m", "pip", "install", "-q", *sorted(wheels.glob("*.whl")), cwd=elsewhere)
    env = {k: v for k, v in os.environ.items() if not k.startswith("ASAN_")}
    env["PATH"] = f"{env_dir / 'bin'}{os.pathsep}{env.get('PATH', '')}"
    countries = run(env_dir / "bin" / "asan", "countries", "--json", cwd=elsewhere, env=env)
    assert '"code": "AF"' in countries and '"code": "AZ"' in countries
    where = run(
        python,
        "-c",
        "import asan_core.base.resources as r; print(r.locales_dir()); print(r.templates_dir())",
        cwd=elsewhere,
        env=env,
    )
    site = str(env_dir)
    assert all(line.startswith(site) for line in where.split()), where
    assert (Path(where.split()[0]) / "README.md").is_file()
    run(env_dir / "bin" / "asan", "check", "AF", cwd=elsewhere, env=env)
