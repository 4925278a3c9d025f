"""Conformance: each rule, shown by planting one defect in the valid fixture country.

Every test checks that the defect produces exactly one new finding of the rule it breaks,
located at the record's file and line.
"""

from __future__ import annotations

import json
from typing import Any

import pytest

from tests.conftest import FixturePlugin, run_cli


def findings(rule: str) -> list[dict[str, Any]]:
    result = run_cli("check", "UZ", "--format", "json")
    assert result.exit_code in (0, 1), result.output
    return [f for f in json.loads(result.stdout)["findings"] if f["rule"] == rule]


def planted(plugin: FixturePlugin, rule: str, old: str, new: str) -> dict[str, Any]:
    before = {f["message"] for f in findings(rule)}
    plugin.replace("records.yaml", old, new)
    added = [f for f in findings(rule) if f["message"] not in before]
    assert len(added) == 1, added
    return added[0]


def test_the_fixture_country_passes_the_structural_rules(country_plugin: FixturePlugin) -> None:
    result = run_cli("check", "UZ", "--format", "json")
    assert result.exit_code == 0
    report = json.loads(result.stdout)
    assert report["summary"]["error"] == 0
    scores = {p["id"]: p["score"] for p in report["principles"]}
    assert scores["efficiency"] == 100 and scores["comfort"] == 100
    assert scores["responsibility"] == 100


@pytest.mark.parametrize(
    ("rule", "old", "new", "message", "needle"),
    [
        (
            "transparency.fee",
            "    costs:\n      - amount: 0\n        currency: UZS\n"
            "        provenance: illustrative\n",
            "",
            "service 'id-card' does not publish its fee",
            "- id: id-card",
        ),
        (
            "transparency.processing-time",
            "    processing_days: 10\n",
            "",
            "service 'id-card' does not publish its processing time",
            "- id: id-card",
        ),
        (
            "transparency.legal-basis",
            "    legal_basis: [centres-act]\n",
            "",
            "service 'id-card' names no legal basis",
            "- id: id-card",
        ),
        (
            "transparency.translated",
            "      ru: Удостоверение личности\n      en: Identity card\n    description:",
            "      en: Identity card\n    description:",
            "service 'id-card': title has no text in ru",
            "- id: id-card\n",  # the line after it: title
        ),
        (
            "efficiency.service-standard",
            "    processing_days: 10\n",
            "    processing_days: 20\n",
            "service 'id-card' takes 20 working days; the standard is 15",
            "processing_days: 20",
        ),
        (
            "efficiency.e-queue",
            "information_desk, e_queue,",
            "information_desk,",
            "centre 'tashkent-1' has no electronic queue",
            "- id: tashkent-1",
        ),
        (
            "comfort.information-desk",
            "[information_desk, e_queue,",
            "[e_queue,",
            "centre 'tashkent-1' has no information desk",
            "- id: tashkent-1",
        ),
        (
            "comfort.opening-hours",
            '    opening_hours:\n      - days: [mon, tue, wed, thu, fri]\n        opens: "09:00"\n'
            '        closes: "18:00"\n',
            "",
            "centre 'tashkent-1' publishes no opening hours",
            "- id: tashkent-1",
        ),
        (
            "comfort.volunteers",
            "    volunteers: 10\n    features: [information_desk, e_queue, volunteers,",
            "    features: [information_desk, e_queue,",
            "centre 'tashkent-1' has no volunteers",
            "- id: tashkent-1",
        ),
        (
            "comfort.accessibility",
            " step_free_access,",
            "",
            "centre 'tashkent-1' declares no accessibility",
            "- id: tashkent-1",
        ),
        (
            "responsibility.complaints",
            ", complaint_desk]",
            "]",
            "UZ declares no complaint channel",
            "country:",
        ),
    ],
)
def test_a_planted_defect_produces_exactly_its_finding_at_its_line(
    country_plugin: FixturePlugin, rule: str, old: str, new: str, message: str, needle: str
) -> None:
    finding = planted(country_plugin, rule, old, new)
    assert finding["message"] == message
    name = "country.yaml" if needle == "country:" else "records.yaml"
    assert str(finding["file"]).endswith(f"data/{name}")
    if needle.endswith("\n"):  # the field right after the needle
        expected = country_plugin.line_of(name, needle.strip()) + 1
    else:
        expected = country_plugin.line_of(name, needle)
    assert finding["line"] == expected
    assert finding["severity"] == "warning"


def test_a_service_assigned_to_a_private_provider_is_an_error(
    country_plugin: FixturePlugin,
) -> None:
    country_plugin.replace(
        "records.yaml",
        "  - id: justice\n    kind: ministry",
        "  - id: justice\n    kind: private",
    )
    result = run_cli("check", "UZ")
    assert result.exit_code == 1
    assert "service 'notary-copy' is assigned to the private provider 'justice'" in result.stdout
    assert f"records.yaml:{country_plugin.line_of('records.yaml', 'agency: justice')}" in (
        result.stdout
    )


def test_scores_fall_with_findings(country_plugin: FixturePlugin) -> None:
    country_plugin.replace("records.yaml", "information_desk, e_queue,", "information_desk,")
    report = json.loads(run_cli("check", "UZ", "--format", "json").stdout)
    scores = {p["id"]: p["score"] for p in report["principles"]}
    # Efficiency checks 2 services against the standard and 1 centre for an e-queue.
    assert scores["efficiency"] == round(100 * 2 / 3)


def test_the_six_principles_are_shown_with_scores(country_plugin: FixturePlugin) -> None:
    text = run_cli("check", "UZ").stdout
    for name in (
        "Efficiency",
        "Transparency",
        "Politeness",
        "Responsibility",
        "Ethical conduct",
        "Comfort",
    ):
        assert f"\n{name}: " in text, name


def test_a_dropped_principle_is_still_checked_and_says_so(
    country_plugin: FixturePlugin,
) -> None:
    country_plugin.write(
        "principles.yaml",
        "country: UZ\nprinciple_changes:\n  - id: ethics\n    action: drop\n"
        "    reason: {en: the five principles of the 2012 rules}\n    provenance: illustrative\n",
    )
    report = json.loads(run_cli("check", "UZ", "--format", "json").stdout)
    ethics = next(p for p in report["principles"] if p["id"] == "ethics")
    assert ethics["note"] == "dropped by UZ; its checks still run"
    assert any(f["rule"] == "principles.changed" for f in report["findings"])


def test_the_html_report_is_a_readable_page(country_plugin: FixturePlugin, tmp_path: Any) -> None:
    target = tmp_path / "check.html"
    result = run_cli("check", "UZ", "--format", "html", "--output", str(target))
    assert result.exit_code == 0
    page = target.read_text(encoding="utf-8")
    assert page.startswith("<!DOCTYPE html>") and '<html lang="en" dir="ltr">' in page
    assert "Conformance report: Uzbekistan (UZ)" in page
    assert "Every centre registers citizens through an electronic queue." in page
