"""Azerbaijan's deployment kit, built with --strict: every string shown in Azerbaijani and
Russian is Azerbaijani and Russian."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from typer.testing import CliRunner

from asan_core.cli import app
from asan_core.franchise import Franchise, resolve
from asan_core.model import Role

LOCALES = ("az", "ru", "en")
ROLES = ("volunteer", "front_desk", "agency_officer", "centre_manager", "trainer")


@pytest.fixture(scope="module")
def azerbaijan() -> Franchise:
    return resolve("AZ")


@pytest.fixture(scope="module")
def kit(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("az") / "kit"
    result = CliRunner().invoke(app, ["kit", "build", "AZ", "--out", str(out), "--strict"])
    assert result.exit_code == 0, result.output
    return out


def visible_text(path: Path) -> str:
    html = re.sub(r"<(script|style)\b.*?</\1>", " ", path.read_text(), flags=re.S)
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))


def test_every_artifact_exists_in_azerbaijani_russian_and_english(
    kit: Path, azerbaijan: Franchise
) -> None:
    for locale in LOCALES:
        folder = kit / locale
        pages = ["index.html", "charter/index.html", "centres.html", "principles.html"]
        pages += [f"charter/{service.id}.html" for service in azerbaijan.services]
        pages += [f"handbooks/{role}.html" for role in ROLES]
        pages += [f"handbooks/{role}-print.html" for role in ROLES]
        pages += ["signage/principles-poster.html"]
        pages += [
            f"signage/desk-{agency}.html" for agency in {s.agency for s in azerbaijan.services}
        ]
        missing = [page for page in pages if not (folder / page).is_file()]
        assert missing == [], f"{locale}: {missing}"
        assert f'<html lang="{locale}" dir="ltr"' in (folder / "index.html").read_text()


def test_the_centres_page_lists_the_fifteen_centres_in_russian(
    kit: Path, azerbaijan: Franchise
) -> None:
    text = visible_text(kit / "ru" / "centres.html")
    for centre in azerbaijan.centres:
        assert centre.name["ru"] in text


def test_the_russian_trainer_handbook_is_russian(kit: Path, azerbaijan: Franchise) -> None:
    handbook = visible_text(kit / "ru" / "handbooks" / "trainer.html")
    titles = [m.title["ru"] for m in azerbaijan.curriculum if Role.TRAINER in m.roles]
    positions = [handbook.find(title) for title in titles]
    assert -1 not in positions and positions == sorted(positions)
    assert "рабоч" in handbook or "минут" in handbook
    assert "Learning objectives" not in handbook
