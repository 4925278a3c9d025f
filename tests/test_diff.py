"""Upgrade impact (``asan diff OLD NEW``): what a ministry reviews before new data goes live.

OLD is the fixture country UZ exported as it is; NEW is exported after a change planted in
its data files (or in the catalogue itself). Exit 0 identical, 1 different, 2 bad input.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import FixturePlugin, run_cli

NEW_SERVICE = """
  - id: birth-certificate
    title:
      uz: Tugʻilganlik haqida guvohnoma
      ru: Свидетельство о рождении
      en: Birth certificate
    description:
      uz: Guvohnoma berish
      ru: Выдача свидетельства
      en: Issuing the certificate
    agency: justice
    channels: [centre]
    provenance: illustrative
"""


def export_to(path: Path, *args: str) -> Path:
    result = run_cli("export", "UZ", "--output", str(path), *args)
    assert result.exit_code == 0, result.output
    return path


@pytest.fixture
def old(country_plugin: FixturePlugin, tmp_path: Path) -> Path:
    """The catalogue before the change."""
    return export_to(tmp_path / "old.json")


def new_after(plugin: FixturePlugin, tmp_path: Path, *changes: tuple[str, str]) -> Path:
    for before, after in changes:
        plugin.replace("records.yaml", before, after)
    return export_to(tmp_path / "new.json")


def diff_json(old: Path, new: Path) -> dict[str, Any]:
    result = run_cli("diff", str(old), str(new), "--format", "json")
    assert result.exit_code == 1, result.output
    data: dict[str, Any] = json.loads(result.stdout)
    return data


def changed(data: dict[str, Any], service: str) -> dict[str, dict[str, Any]]:
    (entry,) = [c for c in data["services"]["changed"] if c["id"] == service]
    return {change["field"]: change for change in entry["changes"]}


def test_identical_catalogues_exit_0(old: Path, tmp_path: Path) -> None:
    again = export_to(tmp_path / "again.json")
    result = run_cli("diff", str(old), str(again))
    assert result.exit_code == 0, result.output
    assert "identical" in result.stdout
    data = json.loads(run_cli("diff", str(old), str(again), "--format", "json").stdout)
    assert data["identical"] is True
    assert data["services"] == {"added": [], "removed": [], "changed": [], "unchanged": 2}


def test_an_added_service_is_listed_with_its_title(
    country_plugin: FixturePlugin, old: Path, tmp_path: Path
) -> None:
    new = new_after(
        country_plugin, tmp_path, ("centres:\n", NEW_SERVICE.lstrip("\n") + "centres:\n")
    )
    result = run_cli("diff", str(old), str(new), "--locale", "en")
    assert result.exit_code == 1, result.output
    assert "Added" in result.stdout
    assert "+ birth-certificate — Birth certificate" in result.stdout
    data = diff_json(old, new)
    assert data["services"]["added"][0]["id"] == "birth-certificate"
    assert data["services"]["removed"] == [] and data["services"]["changed"] == []


def test_a_removed_service_is_listed_with_its_title(
    country_plugin: FixturePlugin, tmp_path: Path
) -> None:
    country_plugin.replace("records.yaml", "centres:\n", NEW_SERVICE.lstrip("\n") + "centres:\n")
    old = export_to(tmp_path / "old.json")
    country_plugin.replace("records.yaml", NEW_SERVICE.lstrip("\n"), "")
    new = export_to(tmp_path / "new.json")
    result = run_cli("diff", str(old), str(new), "--locale", "ru")
    assert result.exit_code == 1, result.output
    assert "Removed" in result.stdout
    assert "− birth-certificate — Свидетельство о рождении" in result.stdout
    assert [s["id"] for s in diff_json(old, new)["services"]["removed"]] == ["birth-certificate"]


def test_a_fee_change_shows_old_and_new_fee(
    country_plugin: FixturePlugin, old: Path, tmp_path: Path
) -> None:
    new = new_after(country_plugin, tmp_path, ("      - amount: 0\n", "      - amount: 75000\n"))
    result = run_cli("diff", str(old), str(new))
    assert result.exit_code == 1, result.output
    assert "~ id-card" in result.stdout
    assert "fee: free ⚑ → 75000 UZS ⚑" in result.stdout
    fee = changed(diff_json(old, new), "id-card")["costs"]
    assert (fee["old"][0]["amount"], fee["new"][0]["amount"]) == ("0", "75000")


def test_a_fee_confirmed_by_a_source_shows_as_a_provenance_change_of_the_fee(
    country_plugin: FixturePlugin, old: Path, tmp_path: Path
) -> None:
    new = new_after(
        country_plugin,
        tmp_path,
        (
            "        currency: UZS\n        provenance: illustrative\n"
            "    legal_basis: [centres-act]\n    provenance: illustrative",
            "        currency: UZS\n        provenance: Tariff order No. 1 (test fixture)\n"
            "    legal_basis: [centres-act]\n    provenance: Centres act (test fixture)",
        ),
    )
    result = run_cli("diff", str(old), str(new))
    assert result.exit_code == 1
    assert "fee: free ⚑ → free\n" in result.stdout


def test_a_sourced_fee_of_an_illustrative_service_stays_marked(
    country_plugin: FixturePlugin, old: Path, tmp_path: Path
) -> None:
    # No price is published for a service that is itself still an example.
    new = new_after(
        country_plugin,
        tmp_path,
        (
            "        currency: UZS\n        provenance: illustrative",
            "        currency: UZS\n        provenance: Tariff order No. 1 (test fixture)",
        ),
    )
    result = run_cli("diff", str(old), str(new))
    assert result.exit_code == 1
    assert "fee: free ⚑ → free ⚑\n" in result.stdout


def test_a_processing_time_change_shows_old_and_new_time(
    country_plugin: FixturePlugin, old: Path, tmp_path: Path
) -> None:
    new = new_after(country_plugin, tmp_path, ("processing_days: 10", "processing_days: 5"))
    result = run_cli("diff", str(old), str(new))
    assert result.exit_code == 1
    assert "processing time: 10 working days → 5 working days" in result.stdout
    time = changed(diff_json(old, new), "id-card")["processing_days"]
    assert (time["old"], time["new"]) == (10, 5)


def test_changed_documents_list_what_is_added_and_removed(
    country_plugin: FixturePlugin, old: Path, tmp_path: Path
) -> None:
    new = new_after(
        country_plugin,
        tmp_path,
        ("en: Birth certificate\n", "en: Birth certificate or passport\n"),
    )
    result = run_cli("diff", str(old), str(new), "--locale", "en")
    assert result.exit_code == 1
    assert 'documents: + "Birth certificate or passport"; − "Birth certificate"' in result.stdout
    documents = changed(diff_json(old, new), "id-card")["evidence"]
    assert documents["added"][0]["name"]["en"] == "Birth certificate or passport"
    assert documents["removed"][0]["name"]["en"] == "Birth certificate"


def test_texts_are_compared_per_locale(
    country_plugin: FixturePlugin, old: Path, tmp_path: Path
) -> None:
    new = new_after(
        country_plugin, tmp_path, ("ru: Нотариальное заверение копии", "ru: Заверение копии")
    )
    result = run_cli("diff", str(old), str(new))
    assert result.exit_code == 1
    assert 'title [ru]: "Нотариальное заверение копии" → "Заверение копии"' in result.stdout
    title = changed(diff_json(old, new), "notary-copy")["title"]
    assert title["locales"] == ["ru"]


def test_agency_channels_and_legal_basis_changes_are_listed(
    country_plugin: FixturePlugin, old: Path, tmp_path: Path
) -> None:
    new = new_after(
        country_plugin,
        tmp_path,
        ("    agency: interior\n", "    agency: justice\n"),
        ("channels: [centre, mobile]", "channels: [centre, portal]"),
        ("    legal_basis: [centres-act]\n", ""),
    )
    result = run_cli("diff", str(old), str(new), "--locale", "en")
    assert result.exit_code == 1
    out = result.stdout
    assert "agency: interior (Ministry of Internal Affairs) → justice (Ministry of Justice)" in out
    assert "channels: + portal; − mobile" in out
    assert "legal basis: − centres-act (Act on the centres)" in out


def test_other_records_are_summarised(
    country_plugin: FixturePlugin, old: Path, tmp_path: Path
) -> None:
    new = new_after(country_plugin, tmp_path, ("volunteers: 10", "volunteers: 12"))
    result = run_cli("diff", str(old), str(new))
    assert result.exit_code == 1
    assert "centres: changed tashkent-1 (volunteers)" in result.stdout
    assert diff_json(old, new)["records"]["centres"]["changed"] == [
        {"id": "tashkent-1", "fields": ["volunteers"]}
    ]


def test_a_kit_catalogue_compares_with_an_export(
    country_plugin: FixturePlugin, old: Path, tmp_path: Path
) -> None:
    built = run_cli("kit", "build", "UZ", "--out", str(tmp_path / "kit"))
    assert built.exit_code == 0, built.output
    result = run_cli("diff", str(tmp_path / "kit" / "catalogue.json"), str(old))
    assert result.exit_code == 0, result.output


def test_locales_in_only_one_catalogue_are_named_and_not_compared(
    old: Path, tmp_path: Path
) -> None:
    english = export_to(tmp_path / "en.json", "--locale", "en")
    result = run_cli("diff", str(old), str(english))
    assert result.exit_code == 0, result.output
    assert "only in OLD: uz, ru" in result.stdout


# -- bad input -------------------------------------------------------------------------


def write(path: Path, data: Any) -> Path:
    path.write_text(data if isinstance(data, str) else json.dumps(data), encoding="utf-8")
    return path


def test_a_file_that_is_not_a_catalogue_is_an_input_error(old: Path, tmp_path: Path) -> None:
    cases = {
        tmp_path / "missing.json": "cannot read",
        write(tmp_path / "broken.json", '{"format": '): "this is not JSON",
        write(tmp_path / "other.json", {"version": 1, "services": []}): "not an asan catalogue",
        write(
            tmp_path / "future.json", {**json.loads(old.read_text()), "version": 99}
        ): "this asan-sdk reads version 1",
    }
    for path, message in cases.items():
        result = run_cli("diff", str(old), str(path))
        assert result.exit_code == 2, (path.name, result.output)
        assert message in result.stderr, (path.name, result.stderr)
        assert "Traceback" not in result.output


def test_both_bad_files_are_reported_at_once(tmp_path: Path) -> None:
    first = write(tmp_path / "a.json", "[]")
    result = run_cli("diff", str(first), str(tmp_path / "b.json"))
    assert result.exit_code == 2
    assert "not an asan catalogue" in result.stderr and "cannot read" in result.stderr


def test_catalogues_of_two_countries_are_not_compared(old: Path, tmp_path: Path) -> None:
    data = json.loads(old.read_text(encoding="utf-8"))
    data["country"]["code"] = "KZ"
    other = write(tmp_path / "kz.json", data)
    result = run_cli("diff", str(old), str(other))
    assert result.exit_code == 2
    assert "OLD is a catalogue of UZ and NEW one of KZ" in result.stderr


def test_an_unknown_display_locale_is_an_input_error(old: Path) -> None:
    result = run_cli("diff", str(old), str(old), "--locale", "fr")
    assert result.exit_code == 2
    assert "the catalogue has no texts in 'fr'" in result.stderr


@pytest.mark.parametrize(
    ("plant", "message"),
    [
        (lambda d: d["services"][0].update(costs="free"), "services[0].costs: expected a list"),
        (lambda d: d["services"][0].update(agency=["x"]), "services[0].agency: expected a string"),
        (lambda d: d["services"][0].update(legal_basis=[{}]), "legal_basis: expected a list of"),
        (lambda d: d["services"][0].update(processing_days=True), "processing_days: expected"),
        (lambda d: d.update(locales=5), "locales: expected a list of locale codes"),
        (lambda d: d.update(version=True), "version: expected a whole number"),
        (lambda d: d["services"].append(dict(d["services"][0])), "appears twice"),
    ],
)
def test_a_malformed_catalogue_is_an_input_error_naming_the_field(
    old: Path, tmp_path: Path, plant: Any, message: str
) -> None:
    data = json.loads(old.read_text())
    plant(data)
    broken = tmp_path / "broken.json"
    broken.write_text(json.dumps(data))
    result = run_cli("diff", str(old), str(broken))
    assert result.exit_code == 2, result.output
    assert message in result.stderr and "Traceback" not in result.stderr


def test_a_change_in_who_serves_an_area_is_reported(old: Path, tmp_path: Path) -> None:
    data = json.loads(old.read_text())
    area = data["coverage"][0]
    area["fallback"] = area["fallback"][1:] or [{"agency": "justice", "division": "regions"}]
    new = tmp_path / "new.json"
    new.write_text(json.dumps(data))
    result = run_cli("diff", str(old), str(new))
    assert result.exit_code == 1
    assert f"coverage: changed {area['area']} (fallback)" in result.stdout


def test_coverage_says_whether_it_rests_on_illustrative_records(
    country_plugin: FixturePlugin, old: Path, tmp_path: Path
) -> None:
    before = {e["area"]: e["illustrative"] for e in json.loads(old.read_text())["coverage"]}
    assert before and all(before.values())  # the fixture's centre and divisions are examples
    # Source the interior ministry's district departments (they serve every area) only.
    new = new_after(
        country_plugin,
        tmp_path,
        (
            "          en: District departments\n    provenance: illustrative",
            "          en: District departments\n    provenance: Statute (test fixture)",
        ),
    )
    after = {e["area"]: e["illustrative"] for e in json.loads(new.read_text())["coverage"]}
    assert after["UZ-TK"] is True  # served by the centre, whose place is an example
    assert not any(illustrative for area, illustrative in after.items() if area != "UZ-TK")
