"""Azerbaijan's deployment kit, built with --strict: every string shown in Azerbaijani and
Russian is Azerbaijani and Russian."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from asan_core.cli.app import app
from asan_core.contract.franchise import Franchise
from asan_core.franchise import resolve
from asan_core.model import Role
from asan_core.testing import page_text


@pytest.fixture(scope="module")
def azerbaijan() -> Franchise:
    return resolve("AZ")


@pytest.fixture(scope="module")
def kit(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("az") / "kit"
    result = CliRunner().invoke(app, ["kit", "build", "AZ", "--out", str(out), "--strict"])
    assert result.exit_code == 0, result.output
    return out


def test_the_centres_page_lists_the_fifteen_centres_in_russian(
    kit: Path, azerbaijan: Franchise
) -> None:
    text = page_text(kit / "ru" / "centres.html")
    for centre in azerbaijan.centres:
        assert centre.name["ru"] in text


def test_the_russian_trainer_handbook_is_russian(kit: Path, azerbaijan: Franchise) -> None:
    handbook = page_text(kit / "ru" / "handbooks" / "trainer.html")
    titles = [m.title["ru"] for m in azerbaijan.curriculum if Role.TRAINER in m.roles]
    positions = [handbook.find(title) for title in titles]
    assert -1 not in positions and positions == sorted(positions)
    assert "рабоч" in handbook or "минут" in handbook
    assert "Learning objectives" not in handbook
