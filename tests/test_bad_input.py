"""A data-entry clerk's mistakes, one table: each is an error that says what, where and how
to fix it — exit 2, no traceback, the file and line, a hint — and nothing is written.

Each case plants one defect in a copy of the fixture country (``tests/fixtures/country``)
or its catalogs, runs ``asan kit build`` (which validates everything before it writes
anything) and checks the message. The families: YAML syntax, runaway input (size, depth,
aliases), impossible values, unknown and misspelt fields (top level and nested), broken
references, wrong types, bidi controls, broken catalogs.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import pytest

from asan_core.base.po import catalog_path
from tests.conftest import FixturePlugin, run_cli

RLO = "\u202e"


@dataclass(frozen=True)
class Case:
    """Replace ``old`` by ``new`` in ``file``; expect ``said`` at the line holding ``at``."""

    id: str
    file: str
    old: str
    new: str
    said: str
    at: str | None = None  # a text on the expected line (of the mutated file)


SERVICE = "  - id: id-card\n"
CASES = [
    # YAML syntax
    Case(
        "tab-indent", "records.yaml", "    kind: ministry\n", "\tkind: ministry\n", "not valid YAML"
    ),
    Case("unclosed-quote", "records.yaml", 'opens: "09:00"', 'opens: "09:00', "not valid YAML"),
    Case(
        "unclosed-flow", "records.yaml", "channels: [centre]", "channels: [centre", "not valid YAML"
    ),
    Case(
        "colon-in-text",
        "records.yaml",
        "en: Act on the centres",
        "en: Act: on: the centres",
        "not valid YAML",
    ),
    Case(
        "duplicate-key",
        "records.yaml",
        "    processing_days: 10\n",
        "    processing_days: 10\n    processing_days: 12\n",
        "appears twice",
        "processing_days: 12",
    ),
    Case(
        "bad-alias",
        "records.yaml",
        "    provenance: illustrative\nagencies:",
        "    provenance: *nothing\nagencies:",
        "not valid YAML",
    ),
    # impossible values
    Case(
        "date-30-feb",
        "records.yaml",
        "    processing_days: 10\n",
        "    processing_days: 10\n    available_from: 2026-02-30\n",
        "is not a date",
        "2026-02-30",
    ),
    Case(
        "date-month-13",
        "records.yaml",
        "    processing_days: 10\n",
        "    processing_days: 10\n    available_from: 2026-13-01\n",
        "2026-13-01",
    ),
    Case(
        "negative-days",
        "records.yaml",
        "processing_days: 10",
        "processing_days: -3",
        "processing_days",
        "processing_days: -3",
    ),
    Case(
        "days-as-text",
        "records.yaml",
        "processing_days: 10",
        "processing_days: ten",
        "processing_days",
        "processing_days: ten",
    ),
    Case("negative-fee", "records.yaml", "amount: 0", "amount: -5", "amount", "amount: -5"),
    Case("fee-as-text", "records.yaml", "amount: 0", "amount: free", "amount", "amount: free"),
    Case(
        "bad-currency",
        "records.yaml",
        "currency: UZS",
        "currency: uzs",
        "currency",
        "currency: uzs",
    ),
    Case(
        "hours-25",
        "records.yaml",
        'closes: "18:00"',
        'closes: "25:00"',
        "closes",
        'closes: "25:00"',
    ),
    Case(
        "bad-weekday",
        "records.yaml",
        "days: [mon, tue, wed, thu, fri]",
        "days: [mon, tue, wed, thu, fry]",
        "days",
        "fry",
    ),
    Case(
        "negative-volunteers",
        "records.yaml",
        "volunteers: 10",
        "volunteers: -1",
        "volunteers",
        "volunteers: -1",
    ),
    Case("bad-area", "records.yaml", "area: UZ-TK", "area: UZ-XX", "UZ-XX"),
    Case(
        "bad-id-chars",
        "records.yaml",
        "  - id: notary-copy",
        "  - id: Notary Copy",
        "id",
        "Notary Copy",
    ),
    Case(
        "empty-text", "records.yaml", "      en: Issuing an identity card", "      en: ''", "empty"
    ),
    Case(
        "unknown-locale-key",
        "records.yaml",
        "      en: Issuing an identity card",
        "      en: Issuing an identity card\n      zz: Zzz",
        "zz",
    ),
    Case(
        "bad-channel",
        "records.yaml",
        "channels: [centre]",
        "channels: [fax]",
        "channels",
        "channels: [fax]",
    ),
    Case(
        "no-channel",
        "records.yaml",
        "channels: [centre]",
        "channels: []",
        "channels",
        "channels: []",
    ),
    Case(
        "bad-feature",
        "records.yaml",
        "complaint_desk]",
        "complaint_counter]",
        "features",
        "complaint_counter",
    ),
    Case(
        "bad-agency-kind",
        "records.yaml",
        "kind: ministry\n    name:\n      uz: Adliya",
        "kind: ministery\n    name:\n      uz: Adliya",
        "kind",
        "ministery",
    ),
    Case(
        "until-before-from",
        "records.yaml",
        "        currency: UZS\n",
        "        currency: UZS\n"
        "        effective_from: 2026-05-01\n"
        "        effective_until: 2026-01-01\n",
        "effective_until is before effective_from",
    ),
    Case(
        "both-date-and-yearly",
        "country.yaml",
        "  max_processing_days: 15\n",
        "  max_processing_days: 15\n  holidays:\n    - date: 2026-03-21\n"
        "      yearly: {month: 3, day: 21}\n      name: {en: X}\n      provenance: illustrative\n",
        "not both",
    ),
    Case(
        "holiday-years-reversed",
        "country.yaml",
        "  max_processing_days: 15\n",
        "  max_processing_days: 15\n  holiday_years: [2026, 2025]\n",
        "holiday_years",
    ),
    Case("bad-country-code", "country.yaml", "  code: UZ", "  code: ZZ", "ZZ"),
    Case("bad-locale", "country.yaml", "locales: [uz, ru, en]", "locales: [uz, ru, en, zz]", "zz"),
    Case(
        "currency-pattern-percent",
        "country.yaml",
        "  currency: UZS\n",
        '  currency: UZS\n  currency_format: {patterns: {uz: "#,##0 %"}}\n',
        "currency",
    ),
    # unknown and misspelt fields, at every depth
    Case(
        "misspelt-top-field",
        "records.yaml",
        "processing_days: 10",
        "procesing_days: 10",
        "procesing_days",
        "procesing_days",
    ),
    Case(
        "misspelt-nested-field",
        "records.yaml",
        "        currency: UZS",
        "        curency: UZS",
        "curency",
        "curency",
    ),
    Case(
        "unknown-field-in-list-item",
        "records.yaml",
        "          en: Birth certificate",
        "          en: Birth certificate\n        colour: blue",
        "colour",
        "colour: blue",
    ),
    Case(
        "unknown-field-in-division",
        "records.yaml",
        "        whole_country: true",
        "        whole_country: true\n        head: someone",
        "head",
        "head: someone",
    ),
    Case("unknown-section", "records.yaml", "centres:\n", "centers:\n", "centers", "centers:"),
    Case("missing-required", "records.yaml", "    agency: justice\n", "", "agency"),
    Case(
        "missing-provenance",
        "records.yaml",
        "    processing_days: 0\n    provenance: illustrative\n",
        "    processing_days: 0\n",
        "provenance",
    ),
    Case(
        "provenance-both",
        "records.yaml",
        "    processing_days: 0\n    provenance: illustrative\n",
        "    processing_days: 0\n    provenance: {source: a law, illustrative: true}\n",
        "not both",
    ),
    # broken references
    Case(
        "unknown-agency",
        "records.yaml",
        "    agency: justice\n",
        "    agency: finance\n",
        "finance",
        "agency: finance",
    ),
    Case(
        "unknown-legal-basis",
        "records.yaml",
        "legal_basis: [centres-act]",
        "legal_basis: [tax-code]",
        "tax-code",
        "tax-code",
    ),
    Case(
        "unknown-centre-agency",
        "records.yaml",
        "agencies: [interior, justice]",
        "agencies: [interior, customs]",
        "customs",
        "customs",
    ),
    Case(
        "duplicate-service-id",
        "records.yaml",
        "  - id: notary-copy",
        "  - id: id-card",
        "duplicate",
    ),
    # wrong shapes
    Case(
        "services-not-a-list",
        "records.yaml",
        "services:\n  - id: id-card",
        "services:\n  id: id-card",
        "not valid YAML",
    ),
    Case(
        "title-not-a-map",
        "records.yaml",
        "    title:\n      uz: Nusxani",
        "    title: Notarial\n    titlex:\n      uz: Nusxani",
        "title",
    ),
    Case("scalar-file", "records.yaml", "country: UZ\nlegal_resources:", "just text\n#", "country"),
    # bidi controls
    Case(
        "bidi-override-title",
        "records.yaml",
        "en: Identity card\n    description",
        f"en: Identity{RLO} card\n    description",
        "U+202E",
        f"Identity{RLO} card",
    ),
    Case(
        "bidi-embedding-name",
        "records.yaml",
        "en: Tashkent centre",
        "en: Tashkent\u202b centre",
        "U+202B",
        "Tashkent\u202b",
    ),
    Case(
        "bidi-isolate-city",
        "records.yaml",
        "      en: Tashkent\n",
        "      en: Tash\u2067kent\n",
        "U+2067",
        "Tash\u2067kent",
    ),
    Case(
        "bidi-in-note",
        "records.yaml",
        "    provenance: illustrative\n  - id: justice",
        f"    provenance: {{illustrative: true, note: 'a{RLO}b'}}\n  - id: justice",
        "U+202E",
    ),
]


@pytest.mark.parametrize("case", CASES, ids=lambda c: c.id)
def test_a_data_mistake_is_a_located_error_and_nothing_is_written(
    country_plugin: FixturePlugin, tmp_path: Path, case: Case
) -> None:
    path = country_plugin.replace(case.file, case.old, case.new)
    out = tmp_path / "kit"
    result = run_cli("kit", "build", "UZ", "--out", str(out))
    assert result.exit_code == 2, result.output
    assert "Traceback" not in result.output
    assert case.said in result.stderr, result.stderr
    assert f"{case.file}:" in result.stderr, result.stderr  # the file, with a line
    assert "hint:" in result.stderr
    if case.at is not None:
        line = next(
            number
            for number, text in enumerate(path.read_text("utf-8").splitlines(), start=1)
            if case.at in text
        )
        assert f"{case.file}:{line}" in result.stderr, result.stderr
    assert not out.exists()


def test_a_file_too_large_is_refused_before_it_is_read(
    country_plugin: FixturePlugin, tmp_path: Path
) -> None:
    country_plugin.write("big.yaml", "country: UZ\n# " + "x" * (9 * 1024 * 1024) + "\n")
    result = run_cli("kit", "build", "UZ", "--out", str(tmp_path / "kit"))
    assert result.exit_code == 2 and "a data file may hold at most 8 MiB" in result.stderr
    assert "big.yaml" in result.stderr and not (tmp_path / "kit").exists()


def test_aliases_that_expand_to_billions_are_refused_quickly(
    country_plugin: FixturePlugin, tmp_path: Path
) -> None:
    lines = ["a0: &a0 [x, x, x, x, x, x, x, x, x]"]
    lines += [f"a{i}: &a{i} [{', '.join([f'*a{i - 1}'] * 9)}]" for i in range(1, 12)]
    country_plugin.write("bomb.yaml", "country: UZ\n" + "\n".join(lines) + "\n")
    result = run_cli("check", "UZ")
    assert result.exit_code == 2
    assert "expands to more than 500,000 keys and items" in result.stderr
    assert "bomb.yaml:" in result.stderr


@pytest.mark.parametrize("nesting", ["[" * 60 + "]" * 60, "[" * 5000 + "]" * 5000])
def test_nesting_too_deep_is_refused(country_plugin: FixturePlugin, nesting: str) -> None:
    country_plugin.write("deep.yaml", f"country: UZ\nagencies: {nesting}\n")
    result = run_cli("check", "UZ")
    assert result.exit_code == 2 and "Traceback" not in result.output
    assert "deep.yaml" in result.stderr and "nest" in result.stderr


def test_a_file_that_is_not_utf8_is_refused_with_the_byte(
    country_plugin: FixturePlugin,
) -> None:
    country_plugin.data_dir.joinpath("latin1.yaml").write_bytes(b"country: UZ\n# caf\xe9\n")
    result = run_cli("check", "UZ")
    assert result.exit_code == 2 and "not UTF-8" in result.stderr and "latin1.yaml" in result.stderr


CATALOG_CASES = [
    ("unclosed", 'msgid "Citizen charter"\nmsgstr "Хартия\n', "not closed", 6),
    ("msgstr-first", 'msgstr "Хартия"\n', "a msgstr with no msgid", 5),
    ("garbage-line", 'msgid "Citizen charter"\nmsgstr "Хартия"\nhello\n', "neither a keyword", 7),
    (
        "duplicate",
        'msgid "Centres"\nmsgstr "Центры"\n\nmsgid "Centres"\nmsgstr "Ц"\n',
        "repeats the one on line 5",
        8,
    ),
    ("stray-percent", 'msgid "Centres"\nmsgstr "100% Центры"\n', "write %% for a percent", 5),
    ("unknown-placeholder", 'msgid "Centres"\nmsgstr "%(n)s Центры"\n', "%(n)s", 5),
    ("template-syntax", 'msgid "Centres"\nmsgstr "{{ x }}"\n', "template syntax", 5),
    ("bidi", f'msgid "Centres"\nmsgstr "Цен{RLO}тры"\n', "U+202E", 5),
]


@pytest.mark.parametrize(
    ("body", "said", "line"), [c[1:] for c in CATALOG_CASES], ids=[c[0] for c in CATALOG_CASES]
)
def test_a_broken_catalog_is_a_located_error_and_nothing_is_written(
    country_plugin: FixturePlugin, tmp_path: Path, body: str, said: str, line: int
) -> None:
    path = catalog_path(country_plugin.package_dir / "locales", "ru")
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(
        'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=utf-8\\n"\n\n' + body, "utf-8"
    )
    out = tmp_path / "kit"
    result = run_cli("kit", "build", "UZ", "--out", str(out))
    assert result.exit_code == 2, result.output
    assert "Traceback" not in result.output
    assert said in result.stderr and f"messages.po:{line}" in result.stderr, result.stderr
    assert "hint:" in result.stderr
    assert not out.exists()


@pytest.mark.parametrize("kind", ["symlink-loop", "below-a-file", "name-too-long"])
def test_an_out_folder_no_kit_can_be_written_to_is_refused_before_any_work(
    country_plugin: FixturePlugin, tmp_path: Path, kind: str
) -> None:
    if kind == "symlink-loop":
        (tmp_path / "a").symlink_to(tmp_path / "b")
        (tmp_path / "b").symlink_to(tmp_path / "a")
        out, said = tmp_path / "a", "cannot be followed"
    elif kind == "below-a-file":
        (tmp_path / "afile").write_text("x", encoding="utf-8")
        out, said = tmp_path / "afile" / "kit", "is a file"
    else:
        out, said = tmp_path / ("k" * 250), "is too long"
    result = run_cli("kit", "build", "UZ", "--out", str(out))
    assert result.exit_code == 2 and "Traceback" not in result.output
    assert said in result.stderr and "--out" in result.stderr and "hint:" in result.stderr
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith(".")) == []


def test_a_nul_byte_in_a_data_file_is_refused_with_its_line(
    country_plugin: FixturePlugin,
) -> None:
    country_plugin.data_dir.joinpath("nul.yaml").write_bytes(b'country: UZ\nx: "a\x00b"\n')
    result = run_cli("check", "UZ")
    assert result.exit_code == 2
    assert "nul.yaml:2" in result.stderr and "U+0000" in result.stderr


def test_a_fee_too_large_to_be_a_fee_is_a_located_error(
    country_plugin: FixturePlugin, tmp_path: Path
) -> None:
    path = country_plugin.replace(
        "records.yaml", "amount: 0", "amount: 123456789012345678901234567890"
    )
    line = (
        path.read_text(encoding="utf-8")
        .splitlines()
        .index("      - amount: 123456789012345678901234567890")
        + 1
    )
    result = run_cli("kit", "build", "UZ", "--out", str(tmp_path / "kit"))
    assert result.exit_code == 2 and "Traceback" not in result.output
    assert f"records.yaml:{line}" in result.stderr and "amount" in result.stderr
    assert "hint:" in result.stderr and not (tmp_path / "kit").exists()


# -- mistakes that are valid data but wrong facts: asan check findings, located ---------


def test_two_fees_in_force_on_the_same_day_are_a_located_finding(
    country_plugin: FixturePlugin,
) -> None:
    path = country_plugin.replace(
        "records.yaml",
        "      - amount: 0\n        currency: UZS\n        provenance: illustrative\n",
        "      - amount: 0\n        currency: UZS\n        effective_until: 2026-06-30\n"
        "        provenance: illustrative\n"
        "      - amount: 5000\n        currency: UZS\n        effective_from: 2026-06-01\n"
        "        provenance: illustrative\n",
    )
    line = path.read_text(encoding="utf-8").splitlines().index("      - amount: 5000") + 1
    result = run_cli("check", "UZ")
    assert result.exit_code == 1
    assert "transparency.fee-periods" in result.stdout
    assert "costs[0] and costs[1] both apply (from 2026-06-01 to 2026-06-30)" in result.stdout
    assert f"records.yaml:{line}" in result.stdout


@pytest.mark.parametrize(("partner", "said"), [("ZZ", "is not a country"), ("UZ", "itself")])
def test_a_partner_that_is_no_country_is_a_located_finding(
    country_plugin: FixturePlugin, partner: str, said: str
) -> None:
    country_plugin.replace(
        "country.yaml",
        "  max_processing_days: 15\n",
        "  max_processing_days: 15\n  partnership:\n"
        f"    partner: {partner}\n    instrument: {{en: Memorandum}}\n"
        "    support_areas: [{en: Software}]\n    provenance: illustrative\n",
    )
    result = run_cli("check", "UZ")
    assert result.exit_code == 1
    assert "transparency.partner" in result.stdout and said in result.stdout
    assert "country.yaml:" in result.stdout


def test_a_yaml_syntax_error_names_its_line_and_column(country_plugin: FixturePlugin) -> None:
    path = country_plugin.replace("records.yaml", 'opens: "09:00"', 'opens: "09:00" x')
    line = next(
        n for n, t in enumerate(path.read_text("utf-8").splitlines(), 1) if '"09:00" x' in t
    )
    result = run_cli("check", "UZ")
    assert result.exit_code == 2
    assert re.search(rf"records\.yaml:{line}:\d+: this is not valid YAML", result.stderr)
