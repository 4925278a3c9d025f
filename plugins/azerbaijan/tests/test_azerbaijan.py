"""Azerbaijan, the reference ASAN network: what the plugin's data must say.

Each test states one fact of the source article (or one rule of data honesty) and checks
it through the public surface: ``asan_core.franchise.resolve.resolve`` and the ``asan`` CLI.
Run with ``pytest plugins/azerbaijan``.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Iterator
from typing import Any

import pytest
from typer.testing import CliRunner

from asan_core.cli.app import app
from asan_core.contract.franchise import Franchise
from asan_core.franchise import resolve
from asan_core.model import AgencyKind, CentreKind, Feature, localized_fields

LOCALES = ("az", "ru", "en")

CENTRE_AREAS = {
    "baku-1": "AZ-BA",
    "baku-2": "AZ-BA",
    "baku-3": "AZ-BA",
    "baku-4": "AZ-BA",
    "baku-5": "AZ-BA",
    "sumgayit": "AZ-SM",
    "ganja": "AZ-GA",
    "sabirabad": "AZ-SAB",
    "barda": "AZ-BAR",
    "gabala": "AZ-QAB",
    "masalli": "AZ-MAS",
    "guba": "AZ-QBA",
    "mingachevir": "AZ-MI",
    "imishli": "AZ-IMI",
    "sheki": "AZ-SA",
}
"""The 15 centres of the article (early 2019) and their ISO 3166-2 areas."""

CONSULAR = (
    "service-passport",
    "service-passport-renewal",
    "diplomatic-passport",
    "diplomatic-passport-renewal",
    "apostille",
    "legalisation",
    "visa-note",
)
"""Consular services the centres provide from 1 March 2019 (article)."""

MIA_DOCUMENTS = (
    "id-card",
    "id-card-renewal",
    "civil-passport",
    "civil-passport-renewal",
    "criminal-record-certificate",
    "residence-registration",
    "driving-licence-renewal",
)
"""Documents MIA officers issue at the centres (article)."""

TYPICAL = {
    "notary-copy": "justice",
    "birth-registration": "justice",
    "death-registration": "justice",
    "marriage-registration": "justice",
    "divorce-registration": "justice",
    "name-change": "justice",
    "family-members-certificate": None,
    "real-estate-registration": "property",
    "real-estate-information": "property",
    "work-permit": "migration",
    "temporary-residence-permit": "migration",
    "permanent-residence-permit": "migration",
    "citizenship-determination": None,
    "gas-subscriber-services": None,
    "water-subscriber-services": None,
    "electricity-subscriber-services": None,
}
"""Other typical ASAN services (CONTEXT.md), with their agency where the source names it."""


@pytest.fixture(scope="module")
def az() -> Iterator[Franchise]:
    """Azerbaijan, resolved with this plugin alone (other plugins may be mid-edit)."""
    with pytest.MonkeyPatch.context() as mp:
        mp.delenv("ASAN_DISABLE_PLUGIN_AUTOLOAD", raising=False)
        mp.delenv("ASAN_EXTRA_PLUGINS", raising=False)
        mp.setenv("ASAN_LOAD_PLUGINS", "asan_azerbaijan")
        yield resolve("AZ")


@pytest.fixture
def cli(monkeypatch: pytest.MonkeyPatch) -> Any:
    """Run ``asan ARGS`` in-process with this plugin alone; return the result."""
    monkeypatch.delenv("ASAN_DISABLE_PLUGIN_AUTOLOAD", raising=False)
    monkeypatch.delenv("ASAN_EXTRA_PLUGINS", raising=False)
    monkeypatch.setenv("ASAN_LOAD_PLUGINS", "asan_azerbaijan")

    def run(*args: str) -> Any:
        return CliRunner().invoke(app, list(args), catch_exceptions=False)

    return run


# --- The country -------------------------------------------------------------------------


def test_azerbaijan_publishes_in_azerbaijani_russian_and_english(az: Franchise) -> None:
    assert az.country.locales == LOCALES
    assert az.country.primary_locale == "az"
    assert az.country.currency == "AZN"
    assert az.owner == "asan_azerbaijan"


# --- The network: 15 centres, five in Baku ----------------------------------------------


def test_the_network_has_the_fifteen_centres_of_the_article(az: Franchise) -> None:
    buildings = {c.id: c.area for c in az.centres if c.kind is CentreKind.CENTRE}
    assert buildings == CENTRE_AREAS


def test_five_centres_are_in_baku_numbered_one_to_five(az: Franchise) -> None:
    baku = [c for c in az.centres if c.area == "AZ-BA"]
    assert [az.text(c.name, "en") for c in baku] == [
        f"Baku ASAN xidmət centre No. {n}" for n in range(1, 6)
    ]
    assert all(az.text(c.city, "az") == "Bakı" for c in baku if c.city)


def test_each_centre_is_named_in_every_language_and_has_no_invented_address(
    az: Franchise,
) -> None:
    for centre in az.centres:
        assert set(centre.name) == set(LOCALES), centre.id
        if centre.kind is CentreKind.CENTRE:
            assert centre.city is not None and set(centre.city) == set(LOCALES), centre.id
        assert centre.address is None, f"{centre.id}: we have no source for street addresses"


def test_about_100_volunteers_help_in_each_centre(az: Franchise) -> None:
    for centre in az.centres:
        if centre.kind is CentreKind.CENTRE:
            assert centre.volunteers == 100, centre.id


def test_each_centre_has_the_information_desk_queue_volunteers_and_private_services(
    az: Franchise,
) -> None:
    expected = {
        Feature.INFORMATION_DESK,
        Feature.E_QUEUE,
        Feature.VOLUNTEERS,
        Feature.BANK,
        Feature.INSURANCE,
        Feature.FEE_PAYMENT,
    }
    for centre in az.centres:
        if centre.kind is CentreKind.CENTRE:
            assert expected <= set(centre.features), centre.id


def test_centre_details_not_in_the_article_are_marked_illustrative(az: Franchise) -> None:
    for centre in az.centres:
        marked = set(centre.provenance.illustrative_fields)
        if centre.opening_hours:
            assert "opening_hours" in marked, centre.id
        if centre.counters is not None:
            assert "counters" in marked, centre.id
        assert {"agencies", "all_services"} <= marked, centre.id


def test_centres_host_agencies_and_offer_services(az: Franchise) -> None:
    for centre in az.centres:
        assert {"mia", "justice"} <= set(centre.agencies), centre.id
        assert az.services_at(centre), centre.id
    baku_1 = az.centre("baku-1")
    assert set(CONSULAR) <= {s.id for s in az.services_at(baku_1)}


def test_mobile_asan_buses_travel_to_areas_without_a_centre(az: Franchise) -> None:
    (bus,) = [c for c in az.centres if c.kind is CentreKind.MOBILE]
    assert az.text(bus.name, "en") == "Mobile ASAN"
    assert bus.serves_areas
    assert not set(bus.serves_areas) & set(CENTRE_AREAS.values())
    assert "serves_areas" in bus.provenance.illustrative_fields
    offered = az.services_at(bus)
    assert offered and all("mobile" in s.channels for s in offered)


# --- Coverage ------------------------------------------------------------------------------


def test_every_area_of_azerbaijan_is_served_by_a_centre_or_a_fallback(az: Franchise) -> None:
    assert {a.area for a in az.area_coverage} == set(az.country.areas())
    uncovered = [a.area for a in az.area_coverage if not (a.centres or a.divisions)]
    assert uncovered == []


def test_where_there_is_no_centre_mia_divisions_issue_the_documents(az: Franchise) -> None:
    mia = az.agency("mia")
    (division,) = mia.divisions
    assert division.whole_country
    assert "territorial unit has no ASAN centre" in (mia.provenance.source or "")
    for area in az.area_coverage:
        assert ("mia", division.id) in area.divisions, area.area


def test_notary_offices_remain_only_where_there_is_no_centre(az: Franchise) -> None:
    notaries = next(d for d in az.agency("justice").divisions if d.id == "notary-offices")
    with_centre = set(CENTRE_AREAS.values())
    assert set(notaries.areas) == set(az.country.areas()) - with_centre


# --- Agencies ------------------------------------------------------------------------------


def test_the_agencies_the_issue_requires_are_present(az: Franchise) -> None:
    kinds = {a.id: a.kind for a in az.agencies}
    assert kinds["asan"] is AgencyKind.STATE_AGENCY
    assert kinds["mia"] is AgencyKind.MINISTRY
    assert kinds["justice"] is AgencyKind.MINISTRY
    assert kinds["mfa"] is AgencyKind.MINISTRY
    assert kinds["migration"] is AgencyKind.STATE_SERVICE
    assert kinds["property"] is AgencyKind.STATE_SERVICE
    assert kinds["auxiliary"] is AgencyKind.PRIVATE
    assert az.text(az.agency("asan").name, "en") == (
        "State Agency for Public Service and Social Innovations under the President of the "
        "Republic of Azerbaijan"
    )


def test_the_call_centre_108_takes_complaints_about_asan(az: Franchise) -> None:
    complaints = az.agency("asan").complaints
    assert complaints is not None and all("108" in text for text in complaints.values())


# --- Services ------------------------------------------------------------------------------


def test_at_least_twenty_services(az: Franchise) -> None:
    assert len(az.services) >= 20


@pytest.mark.parametrize("service_id", [*MIA_DOCUMENTS, *CONSULAR, *TYPICAL])
def test_every_service_the_sources_name_exists_in_three_languages(
    az: Franchise, service_id: str
) -> None:
    service = az.service(service_id)
    for field in (service.title, service.description):
        assert set(field) == set(LOCALES)


def test_identity_documents_are_issued_by_mia_officers(az: Franchise) -> None:
    for service_id in MIA_DOCUMENTS:
        service = az.service(service_id)
        assert service.agency == "mia", service_id
        assert "centre" in service.channels, service_id
        assert "Ministry of Internal Affairs" in (service.provenance.source or ""), service_id


def test_consular_services_start_on_1_march_2019_with_the_ministry_of_foreign_affairs(
    az: Franchise,
) -> None:
    for service_id in CONSULAR:
        service = az.service(service_id)
        assert service.agency == "mfa", service_id
        assert service.available_from == dt.date(2019, 3, 1), service_id
        assert service.legal_basis == ("decree-2019-consular-notary",), service_id


def test_notary_services_belong_to_the_ministry_of_justice(az: Franchise) -> None:
    notary = [s for s in az.services if s.id.startswith("notary-")]
    assert {s.id for s in notary} >= {"notary-copy"}
    for service in notary:
        assert service.agency == "justice"
        assert "decree-2019-consular-notary" in service.legal_basis


@pytest.mark.parametrize(("service_id", "agency"), [(k, v) for k, v in TYPICAL.items() if v])
def test_typical_services_have_their_competent_agency(
    az: Franchise, service_id: str, agency: str
) -> None:
    assert az.service(service_id).agency == agency


def test_utilities_are_asan_kommunal_services(az: Franchise) -> None:
    for service_id in ("gas", "water", "electricity"):
        service = az.service(f"{service_id}-subscriber-services")
        assert "ASAN Kommunal" in service.description["en"]
        assert az.agency(service.agency).kind is AgencyKind.OTHER


def test_the_centres_information_and_call_centre_108(az: Franchise) -> None:
    info = az.service("information")
    assert info.agency == "asan"
    assert {"call_centre", "centre"} <= set(info.channels)


# --- Languages --------------------------------------------------------------------------------


def test_every_text_is_given_in_azerbaijani_russian_and_english(az: Franchise) -> None:
    records = [*az.agencies, *az.services, *az.centres, *az.legal_resources]
    missing = [
        f"{record.id}.{path}"  # type: ignore[attr-defined]
        for record in records
        for path, text in localized_fields(record)
        if set(text) != set(LOCALES)
    ]
    assert missing == []


def test_russian_is_in_cyrillic_and_azerbaijani_in_its_latin_alphabet(az: Franchise) -> None:
    # Brand names (ASAN xidmət, ASAN Kommunal) and abbreviations stay in Latin letters.
    brands = re.compile(r"ASAN( xidmət| Kommunal)?|MIA|MFA|MoJ")
    for service in az.services:
        ru = brands.sub("", service.title["ru"] + service.description["ru"])
        assert re.search("[а-яА-ЯёЁ]", ru) and not re.search("[a-zA-Z]", ru), service.id
        az_text = service.title["az"] + service.description["az"]
        assert not re.search("[а-яА-ЯёЁ]", az_text), service.id
    assert az.service("id-card").title["az"] == "Şəxsiyyət vəsiqəsinin verilməsi"
    assert (
        az.service("citizenship-determination")
        .title["az"]
        .startswith("Azərbaycan Respublikasının vətəndaşlığına")
    )


# --- Legal acts ---------------------------------------------------------------------------------


def test_the_three_legal_acts_of_the_article(az: Franchise) -> None:
    decree_685 = az.legal_resource("decree-685")
    assert (decree_685.number, decree_685.date) == ("685", dt.date(2012, 7, 13))
    decree_706 = az.legal_resource("decree-706")
    assert (decree_706.number, decree_706.date) == ("706", dt.date(2012, 9, 5))
    assert len(az.legal_resources) == 3


def test_the_2019_decree_has_no_invented_number_or_date(az: Franchise) -> None:
    decree = az.legal_resource("decree-2019-consular-notary")
    assert decree.number is None and decree.date is None
    assert decree.provenance.source and "1 March 2019" in decree.provenance.source
    note = decree.provenance.note or ""
    assert "number" in note and "date" in note


# --- Data honesty -----------------------------------------------------------------------------


def test_every_record_has_a_source_or_is_marked_illustrative(az: Franchise) -> None:
    for item in az.sourced_records():
        provenance = item.record.provenance
        assert provenance.illustrative != bool(provenance.source), item.name


def test_illustrative_fields_name_real_fields(az: Franchise) -> None:
    records = [*az.agencies, *az.services, *az.centres, *az.legal_resources]
    for record in records:
        unknown = set(record.provenance.illustrative_fields) - set(type(record).model_fields)
        assert not unknown, (record.id, unknown)  # type: ignore[attr-defined]


def test_no_fee_is_presented_as_fact(az: Franchise) -> None:
    costs = [(s.id, c) for s in az.services for c in s.costs]
    assert costs, "the plugin illustrates fees"
    for service_id, cost in costs:
        assert cost.currency == "AZN", service_id
        assert cost.provenance.illustrative, f"{service_id}: fees are not in our sources"


def test_details_missing_from_the_sources_are_marked_on_each_service(az: Franchise) -> None:
    for service in az.services:
        marked = set(service.provenance.illustrative_fields)
        if service.provenance.illustrative:
            continue
        if service.processing_days is not None:
            assert "processing_days" in marked, service.id
        if service.evidence:
            assert "evidence" in marked, service.id
        extra_channels = set(service.channels) - {"centre", "call_centre"}
        if extra_channels:
            assert "channels" in marked, service.id


# --- The command line ---------------------------------------------------------------------------


def test_asan_services_lists_the_services_in_russian(cli: Any) -> None:
    result = cli("services", "AZ", "--locale", "ru", "--json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    titles = {s["id"]: s["title"] for s in data["services"]}
    assert titles["apostille"] == "Проставление апостиля на документе"
    assert titles["id-card"] == "Выдача удостоверения личности"
    apostille = next(s for s in data["services"] if s["id"] == "apostille")
    assert apostille["available_from"] == "2019-03-01"
    assert apostille["legal_basis"][0]["number"] is None


def test_asan_centres_shows_every_area_covered(cli: Any) -> None:
    result = cli("centres", "AZ", "--json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert len([c for c in data["centres"] if c["kind"] == "centre"]) == 15
    assert all(a["centres"] or a["fallback"] for a in data["coverage"])


def test_asan_check_finds_no_errors_and_no_missing_translation(cli: Any) -> None:
    result = cli("check", "AZ", "--format", "json")
    assert result.exit_code == 0, result.output
    report = json.loads(result.stdout)
    assert report["summary"]["error"] == 0
    assert [f for f in report["findings"] if f["rule"] == "i18n.untranslated"] == []
    assert report["illustrative"] > 0
