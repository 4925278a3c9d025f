"""A bad data file yields a precise error — file, line, field, what was expected —
and exit code 2, never a traceback.

Each test plants one defect in the valid fixture country and runs ``asan check``.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import FixturePlugin, make_plugin, run_cli


def check_fails(plugin: FixturePlugin, *expected: str) -> str:
    result = run_cli("check", "UZ")
    assert result.exit_code == 2, result.output
    assert "Traceback" not in result.output
    assert result.stdout == ""
    for text in expected:
        assert text in result.stderr, f"{text!r} not in:\n{result.stderr}"
    return result.stderr


KAZAKHSTAN = (
    "country:\n  code: KZ\n  name: {en: Kazakhstan}\n  locales: [kk, ru, en]\n"
    "  currency: KZT\n  operating_model: one_stop_staff\n  brand: {en: PSC}\n"
    "  provenance: illustrative\n"
)
"""A second country, declared by a second plugin."""


@pytest.fixture
def kazakhstan(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> FixturePlugin:
    """A second plugin, declaring KZ."""
    other = make_plugin(tmp_path_factory.mktemp("kz"), monkeypatch, source=None)
    other.write("country.yaml", KAZAKHSTAN)
    return other


def location(plugin: FixturePlugin, name: str, needle: str) -> str:
    return f"data/{name}:{plugin.line_of(name, needle)}"


def test_invalid_yaml_is_reported_with_its_line(country_plugin: FixturePlugin) -> None:
    country_plugin.replace("records.yaml", "    kind: ministry", "    kind: [ministry")
    check_fails(
        country_plugin,
        "records.yaml:",
        "this is not valid YAML",
        "hint: check the indentation",
    )


def test_a_misspelt_field_is_named_with_a_suggestion(country_plugin: FixturePlugin) -> None:
    country_plugin.replace("records.yaml", "    processing_days: 10", "    procesing_days: 10")
    check_fails(
        country_plugin,
        location(country_plugin, "records.yaml", "procesing_days"),
        "services[0].procesing_days: unknown field 'procesing_days'",
        "did you mean 'processing_days'?",
    )


def test_a_missing_required_field_is_named(country_plugin: FixturePlugin) -> None:
    country_plugin.replace("records.yaml", "    agency: justice\n", "")
    check_fails(
        country_plugin,
        "services[1].agency: this field is required but missing",
    )


def test_an_unknown_country_code_is_rejected(country_plugin: FixturePlugin) -> None:
    country_plugin.replace("country.yaml", "code: UZ", "code: XX")
    check_fails(
        country_plugin,
        location(country_plugin, "country.yaml", "code: XX"),
        "country.code: 'XX' is not an ISO 3166-1 alpha-2 country code",
    )


def test_an_unknown_currency_is_rejected(country_plugin: FixturePlugin) -> None:
    country_plugin.replace("country.yaml", "currency: UZS", "currency: ABC")
    check_fails(
        country_plugin,
        location(country_plugin, "country.yaml", "currency: ABC"),
        "country.currency: 'ABC' is not an ISO 4217 currency code",
    )


def test_an_unknown_locale_is_rejected(country_plugin: FixturePlugin) -> None:
    country_plugin.replace("country.yaml", "locales: [uz, ru, en]", "locales: [uz, zz, en]")
    check_fails(
        country_plugin,
        location(country_plugin, "country.yaml", "locales:"),
        "country.locales[1]: 'zz' is not a locale Babel knows",
    )


def test_a_service_whose_agency_is_unknown_is_rejected_with_its_file_and_line(
    country_plugin: FixturePlugin,
) -> None:
    country_plugin.replace("records.yaml", "    agency: justice", "    agency: finance")
    check_fails(
        country_plugin,
        location(country_plugin, "records.yaml", "agency: finance"),
        "services[1].agency: 'finance' is not a known agency of UZ",
        "hint: declare it, or use one of: interior, justice",
    )


def test_a_centre_offering_an_unknown_service_is_rejected(country_plugin: FixturePlugin) -> None:
    country_plugin.replace("records.yaml", "    all_services: true", "    services: [passport]")
    check_fails(
        country_plugin,
        location(country_plugin, "records.yaml", "services: [passport]"),
        "centres[0].services[0]: 'passport' is not a known service of UZ",
    )


def test_an_unknown_legal_basis_is_rejected(country_plugin: FixturePlugin) -> None:
    country_plugin.replace("records.yaml", "legal_basis: [centres-act]", "legal_basis: [decree-1]")
    check_fails(
        country_plugin,
        "services[0].legal_basis[0]: 'decree-1' is not a known legal resource of UZ",
    )


def test_a_fee_in_another_currency_is_rejected(country_plugin: FixturePlugin) -> None:
    country_plugin.replace("records.yaml", "        currency: UZS", "        currency: USD")
    check_fails(
        country_plugin,
        location(country_plugin, "records.yaml", "currency: USD"),
        "services[0].costs[0].currency: the fee is in USD but UZ uses UZS",
    )


def test_text_in_an_undeclared_locale_is_rejected(country_plugin: FixturePlugin) -> None:
    country_plugin.replace("records.yaml", "      ru: Акт о центрах", "      fr: Acte")
    check_fails(
        country_plugin,
        location(country_plugin, "records.yaml", "fr: Acte"),
        "legal_resources[0].title.fr: text in 'fr', which UZ does not declare",
        "UZ's locales are uz, ru, en",
    )


def test_an_area_of_another_country_is_rejected(country_plugin: FixturePlugin) -> None:
    country_plugin.replace("records.yaml", "area: UZ-TK", "area: AZ-BA")
    check_fails(
        country_plugin,
        location(country_plugin, "records.yaml", "area: AZ-BA"),
        "centres[0].area: 'AZ-BA' is not an ISO 3166-2 area of UZ",
    )


def test_areas_with_neither_a_centre_nor_a_fallback_are_listed(
    country_plugin: FixturePlugin,
) -> None:
    country_plugin.replace("records.yaml", "        whole_country: true", "        areas: [UZ-SA]")
    stderr = check_fails(
        country_plugin,
        location(country_plugin, "country.yaml", "country:"),
        "12 area(s) of UZ have neither a centre nor a fallback agency division",
        "UZ-AN",
    )
    assert "UZ-SA," not in stderr and "UZ-TK," not in stderr


def test_a_duplicate_key_is_reported_rather_than_silently_dropped(
    country_plugin: FixturePlugin,
) -> None:
    country_plugin.replace(
        "records.yaml",
        "    processing_days: 10\n",
        "    processing_days: 10\n    processing_days: 5\n",
    )
    check_fails(
        country_plugin,
        location(country_plugin, "records.yaml", "processing_days: 5"),
        "the key 'processing_days' appears twice",
    )


def test_a_bad_opening_time_says_what_is_expected(country_plugin: FixturePlugin) -> None:
    country_plugin.replace("records.yaml", 'opens: "09:00"', 'opens: "9am"')
    check_fails(
        country_plugin,
        "centres[0].opening_hours[0].opens: '9am' is not a time of day as HH:MM",
    )


def test_a_record_without_provenance_is_rejected(country_plugin: FixturePlugin) -> None:
    text = country_plugin.file("records.yaml").read_text()
    country_plugin.write("records.yaml", text.replace("    provenance: illustrative\n", "", 1))
    check_fails(country_plugin, "legal_resources[0].provenance: this field is required")


def test_provenance_cannot_be_both_sourced_and_illustrative(
    country_plugin: FixturePlugin,
) -> None:
    country_plugin.replace(
        "records.yaml",
        "    provenance: illustrative\nagencies:",
        "    provenance: {source: Official gazette, illustrative: true}\nagencies:",
    )
    check_fails(country_plugin, "give either a source or illustrative: true, not both")


def test_a_bad_record_id_is_explained(country_plugin: FixturePlugin) -> None:
    country_plugin.replace("records.yaml", "  - id: notary-copy", "  - id: Notary Copy")
    check_fails(country_plugin, "'Notary Copy' is not a valid id")


def test_an_unknown_section_gets_a_suggestion(country_plugin: FixturePlugin) -> None:
    country_plugin.replace("records.yaml", "agencies:", "agencys:")
    check_fails(country_plugin, "unknown section 'agencys'", "did you mean 'agencies'?")


def test_every_problem_is_reported_at_once(country_plugin: FixturePlugin) -> None:
    country_plugin.replace("records.yaml", "    agency: justice", "    agency: finance")
    country_plugin.replace("records.yaml", "        currency: UZS", "        currency: USD")
    stderr = check_fails(country_plugin, "'finance' is not a known agency", "fee is in USD")
    assert "2 problems" in stderr


def test_duplicate_ids_across_plugins_name_both(
    country_plugin: FixturePlugin,
    tmp_path_factory: pytest.TempPathFactory,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    ministry = make_plugin(tmp_path_factory.mktemp("ministry"), monkeypatch, source=None)
    ministry.write(
        "services.yaml",
        """\
country: UZ
services:
  - id: id-card
    title: {en: Identity card (ministry)}
    description: {en: Issued by the ministry's own plugin}
    agency: interior
    channels: [centre]
    provenance: illustrative
""",
    )
    stderr = check_fails(
        ministry,
        f"{ministry.name}/data/services.yaml:3",
        "duplicate service 'id-card': already contributed by plugin",
        f"{country_plugin.name}/data/records.yaml:",
    )
    assert f"(plugin {ministry.name})" in stderr


def test_a_misspelt_illustrative_field_is_rejected(country_plugin: FixturePlugin) -> None:
    country_plugin.replace(
        "records.yaml",
        "    processing_days: 0\n    provenance: illustrative",
        "    processing_days: 0\n    provenance: {source: Ministry of Justice, "
        "illustrative_fields: [procesing_days]}",
    )
    check_fails(
        country_plugin,
        location(country_plugin, "records.yaml", "illustrative_fields: [procesing_days]"),
        "services[1].provenance.illustrative_fields: 'procesing_days' is not a field of service",
    )


def test_a_mistake_in_one_country_does_not_stop_another(
    country_plugin: FixturePlugin,
    kazakhstan: FixturePlugin,
) -> None:
    kazakhstan.write(
        "services.yaml", "country: KZ\nservices:\n  - id: broken\n    titel: {en: x}\n"
    )
    fine = run_cli("check", "UZ")
    assert fine.exit_code == 0, fine.output
    broken = run_cli("check", "KZ")
    assert broken.exit_code == 2
    assert "services[0].titel: unknown field 'titel'" in broken.stderr


def test_a_records_file_naming_a_country_no_plugin_declares_is_located(
    country_plugin: FixturePlugin,
) -> None:
    # A typo in the code: the file's records would go to no country, and UZ would only
    # show as missing them (its centres then offer no service, its areas no centre).
    country_plugin.replace("records.yaml", "country: UZ", "country: UX")
    stderr = check_fails(
        country_plugin,
        location(country_plugin, "records.yaml", "country: UX"),
        "country: this file's records are for country 'UX', which no installed plugin declares",
        "asan countries",
    )
    assert "is not a known" not in stderr  # the cause, not its consequences


def test_records_for_a_country_another_plugin_declares_are_not_an_error(
    country_plugin: FixturePlugin,
    kazakhstan: FixturePlugin,
) -> None:
    # the fixture plugin also contributes to KZ, which the other plugin declares
    country_plugin.write("kz.yaml", "country: KZ\nagencies: []\n")
    assert run_cli("check", "UZ").exit_code == 0
    # and a plugin with a file for an undeclared country stops only the countries it
    # contributes to
    kazakhstan.write("stray.yaml", "country: KX\nagencies: []\n")
    assert run_cli("check", "UZ").exit_code == 0


def test_a_broken_records_file_of_another_country_stops_only_that_country(
    country_plugin: FixturePlugin,
    kazakhstan: FixturePlugin,
) -> None:
    # The same plugin contributes to KZ with a file that cannot even be loaded (a date
    # that does not exist). Its first line says it is KZ's, so UZ is checked (and built)
    # without reading it; KZ is stopped, located.
    country_plugin.write(
        "kz.yaml",
        "country: KZ\nlegal_resources:\n  - id: law\n    title: {en: Law}\n"
        "    date: 2026-02-30\n    provenance: illustrative\n",
    )
    assert run_cli("check", "UZ").exit_code == 0
    broken = run_cli("check", "KZ")
    assert broken.exit_code == 2
    assert "kz.yaml:5" in broken.stderr and "'2026-02-30' is not a date" in broken.stderr


@pytest.mark.parametrize(
    ("layout", "expected"),
    [
        # the sections before country: (a date that does not exist in them)
        (
            "legal_resources:\n  - id: law\n    title: {en: Law}\n    date: 2026-02-30\n"
            "    provenance: illustrative\ncountry: KZ\n",
            "'2026-02-30' is not a date",
        ),
        # a code YAML reads as a boolean
        ("country: NO\nagencies: []\n", "expected an ISO 3166-1 code such as AF, got False"),
        # a second document, after or before
        ("country: KZ\nagencies: []\n---\ncountry: UZ\n", "this is not valid YAML"),
        ("{}\n---\ncountry: KZ\nagencies: []\n", "this is not valid YAML"),
        # country: twice at the top, or an alias as a key
        ("country: KZ\ncountry: UZ\n", "the key 'country' appears twice"),
        (
            "country: KZ\nagencies:\n  - &k country\n*k : UZ\n",
            "the key 'country' appears twice",
        ),
    ],
)
def test_a_records_file_laid_out_unusually_is_read_at_once(
    country_plugin: FixturePlugin,
    kazakhstan: FixturePlugin,
    layout: str,
    expected: str,
) -> None:
    # Only a file whose first line names its country is left for that country: any other
    # is read at once, and a mistake that hides which country it is for stops UZ too.
    country_plugin.write("extra.yaml", layout)
    result = run_cli("check", "UZ")
    assert result.exit_code == 2, result.output
    assert expected in result.stderr, result.stderr


def test_records_keep_the_order_of_their_files_whenever_they_are_read(
    country_plugin: FixturePlugin,
) -> None:
    from asan_core.franchise import resolve

    agency = "  - id: {id}\n    name: {{en: {id}}}\n    kind: ministry\n"
    agency += "    provenance: illustrative\n"
    # a.yaml is left until UZ is asked for, b.yaml (sections first) is read at once
    country_plugin.write("a.yaml", "country: UZ\nagencies:\n" + agency.format(id="aa"))
    country_plugin.write("b.yaml", "agencies:\n" + agency.format(id="bb") + "country: UZ\n")
    ids = [a.id for a in resolve("UZ").agencies]
    assert ids.index("aa") < ids.index("bb")


def test_a_file_for_an_undeclared_country_that_does_not_load_is_reported(
    country_plugin: FixturePlugin,
) -> None:
    country_plugin.write(
        "typo.yaml",
        "country: UX\nlegal_resources:\n  - id: law\n    title: {en: Law}\n"
        "    date: 2026-02-30\n    provenance: illustrative\n",
    )
    check_fails(country_plugin, "typo.yaml:5", "'2026-02-30' is not a date")


def test_a_plugin_contributes_to_every_country_its_files_name_read_or_not(
    tmp_path: Path,
) -> None:
    from asan_core.plugin_kit import CountryData

    (tmp_path / "kz.yaml").write_text("country: KZ\n")  # a file with no records yet
    data = CountryData(tmp_path, plugin="p")
    assert data.country_codes() == {"KZ"}
    assert data.records("services", "KZ") == []
    assert data.country_codes() == {"KZ"}
