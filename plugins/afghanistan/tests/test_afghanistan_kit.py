"""Afghanistan's deployment kit, built as the README's main job builds it (with --strict:
every string shown in Dari and Pashto is Dari and Pashto). That every page exists in every
language is asan-sdk's conformance test (test_afghanistan_conformance.py)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from asan_afghanistan.calendar import DARI_MONTHS, PASHTO_MONTHS
from typer.testing import CliRunner

from asan_core.cli.app import app
from asan_core.contract.franchise import Franchise
from asan_core.franchise import resolve
from asan_core.model import Role
from asan_core.testing import page_text

LOCALES = ("fa_AF", "ps_AF", "en")


@pytest.fixture(scope="module")
def afghanistan() -> Franchise:
    return resolve("AF")


@pytest.fixture(scope="module")
def kit(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("af") / "kit"
    result = CliRunner().invoke(app, ["kit", "build", "AF", "--out", str(out), "--strict"])
    assert result.exit_code == 0, result.output
    return out


def test_the_dari_site_reads_right_to_left_with_persian_digits_and_solar_hijri_dates(
    kit: Path,
) -> None:
    index = (kit / "fa_AF" / "index.html").read_text()
    assert '<html lang="fa-AF" dir="rtl"' in index
    text = page_text(kit / "fa_AF" / "index.html")
    assert re.search(r"[۰-۹]+ (" + "|".join(DARI_MONTHS) + r") ۱۴[۰-۹]{2}", text)
    passport = page_text(kit / "fa_AF" / "charter" / "passport.html")
    assert "۵٬۰۰۰" in passport and "؋" in passport  # AFN, no decimals, Persian digits
    assert "۱۰ روز کاری" in passport


def test_the_pashto_site_uses_pashto_month_names(kit: Path) -> None:
    assert '<html lang="ps-AF" dir="rtl"' in (kit / "ps_AF" / "index.html").read_text()
    text = page_text(kit / "ps_AF" / "index.html")
    assert re.search(r"[۰-۹]+ (" + "|".join(PASHTO_MONTHS) + r") ۱۴[۰-۹]{2}", text)


def test_lists_use_the_arabic_comma_in_dari(kit: Path) -> None:
    centres = page_text(kit / "fa_AF" / "centres.html")
    assert "میز معلومات، نوبت" in centres and "میز معلومات, نوبت" not in centres


def test_the_principles_poster_is_bilingual_in_every_locale(kit: Path) -> None:
    for locale in LOCALES:
        poster = (kit / locale / "signage" / "principles-poster.html").read_text()
        assert 'lang="fa-AF" dir="rtl"' in poster and 'lang="ps-AF" dir="rtl"' in poster
        assert "آسان خدمت" in poster and "اسان خدمت" in poster


def test_handbooks_teach_the_core_modules_in_order_in_dari(
    kit: Path, afghanistan: Franchise
) -> None:
    handbook = page_text(kit / "fa_AF" / "handbooks" / "front_desk.html")
    titles = [
        module.title["fa_AF"]
        for module in afghanistan.curriculum
        if Role.FRONT_DESK in module.roles
    ]
    positions = [handbook.find(title) for title in titles]
    assert len(titles) >= 6 and -1 not in positions, titles
    assert positions == sorted(positions)
    assert "The six principles" not in handbook and "Learning objectives" not in handbook
