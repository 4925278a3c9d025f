"""Open-data exports (``asan export``): catalogue JSON, JSON Schema, CPSV-AP, schema.org.

The CPSV-AP exports of Azerbaijan and Afghanistan are validated against the official
SHACL shapes of CPSV-AP 3.2.0 (``<repo>/../shared/standards/cpsv-ap-3.2.0/``) with pyshacl.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from importlib import resources
from pathlib import Path
from typing import Any

import html5lib
import jsonschema
import pytest
import yaml
from rdflib import Graph, Literal, Namespace, URIRef

from tests.conftest import FixturePlugin, run_cli

ROOT = Path(__file__).resolve().parent.parent
SHAPES = ROOT.parent / "shared" / "standards" / "cpsv-ap-3.2.0" / "cpsv-ap-SHACL.ttl"
INSTALLED = {"AZ": "asan_azerbaijan", "AF": "asan_afghanistan"}
FORMATS = ("catalogue-json", "json-schema", "cpsv-ap", "schema-org")

CPSV = Namespace("http://purl.org/vocab/cpsv#")
CV = Namespace("http://data.europa.eu/m8g/")
DCT = Namespace("http://purl.org/dc/terms/")
ADMS = Namespace("http://www.w3.org/ns/adms#")
RDFS = Namespace("http://www.w3.org/2000/01/rdf-schema#")
RDF = Namespace("http://www.w3.org/1999/02/22-rdf-syntax-ns#")
XSD = Namespace("http://www.w3.org/2001/XMLSchema#")


pytestmark = pytest.mark.filterwarnings(
    "ignore:ConjunctiveGraph is deprecated:DeprecationWarning"  # rdflib's own JSON-LD parser
)


@pytest.fixture
def installed(monkeypatch: pytest.MonkeyPatch) -> None:
    """Azerbaijan and Afghanistan, from their installed plugins."""
    monkeypatch.delenv("ASAN_DISABLE_PLUGIN_AUTOLOAD", raising=False)
    monkeypatch.setenv("ASAN_LOAD_PLUGINS", ",".join(INSTALLED.values()))


@pytest.fixture(scope="module")
def exports(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[tuple[str, str], Path]]:
    """Every format of AZ and AF, exported once through the CLI (``--output``)."""
    folder = tmp_path_factory.mktemp("exports")
    found: dict[tuple[str, str], Path] = {}
    with pytest.MonkeyPatch.context() as patch:
        patch.delenv("ASAN_DISABLE_PLUGIN_AUTOLOAD", raising=False)
        patch.setenv("ASAN_LOAD_PLUGINS", ",".join(INSTALLED.values()))
        for code in INSTALLED:
            for export_format in FORMATS:
                target = folder / f"{code.lower()}-{export_format}.json"
                result = run_cli("export", code, "--format", export_format, "--output", str(target))
                assert result.exit_code == 0, result.output
                assert f"wrote {target}" in result.stdout or target.name in result.stdout
                found[(code, export_format)] = target
    yield found


def load(path: Path) -> Any:
    return json.loads(path.read_text(encoding="utf-8"))


def export(*args: str) -> Any:
    result = run_cli("export", *args)
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


# -- every format, both countries ------------------------------------------------------


@pytest.mark.parametrize("code", sorted(INSTALLED))
@pytest.mark.parametrize("export_format", FORMATS)
def test_every_format_exports_azerbaijan_and_afghanistan_as_stable_json(
    exports: dict[tuple[str, str], Path], code: str, export_format: str
) -> None:
    text = exports[(code, export_format)].read_text(encoding="utf-8")
    data = json.loads(text)
    assert text == json.dumps(data, ensure_ascii=False, indent=2, sort_keys=True) + "\n"
    assert "\\u06" not in text  # Dari and Pashto stay readable UTF-8


def test_the_same_data_exports_byte_identical_files(installed: None, tmp_path: Path) -> None:
    for name in ("one.json", "two.json"):
        result = run_cli("export", "AF", "--format", "cpsv-ap", "--output", str(tmp_path / name))
        assert result.exit_code == 0, result.output
    assert (tmp_path / "one.json").read_bytes() == (tmp_path / "two.json").read_bytes()


def test_without_output_the_export_goes_to_stdout(country_plugin: FixturePlugin) -> None:
    data = export("UZ")
    assert data["format"] == "asan-catalogue"


# -- catalogue-json --------------------------------------------------------------------


def test_the_catalogue_holds_every_record_with_texts_per_locale_and_provenance(
    exports: dict[tuple[str, str], Path],
) -> None:
    catalogue = load(exports[("AF", "catalogue-json")])
    assert (catalogue["format"], catalogue["version"]) == ("asan-catalogue", 1)
    assert catalogue["locales"] == ["fa_AF", "ps_AF", "en"]
    assert catalogue["country"]["code"] == "AF"
    assert {"agencies", "services", "centres", "coverage", "legal_resources"} <= set(catalogue)
    tazkira = next(s for s in catalogue["services"] if s["id"] == "e-tazkira")
    assert set(tazkira["title"]) == {"fa_AF", "ps_AF", "en"}
    assert tazkira["agency"] == "nsia"
    assert tazkira["processing_days"] == 5
    (fee,) = tazkira["costs"]
    assert (fee["amount"], fee["currency"]) == ("100", "AFN")
    assert fee["provenance"]["illustrative"] is True  # an invented fee says so
    assert tazkira["provenance"]["illustrative"] is True
    kabul = next(c for c in catalogue["centres"] if c["id"] == "kabul")
    assert "opening_hours" in kabul["provenance"]["illustrative_fields"]
    assert "e-tazkira" in kabul["services"]
    assert all("provenance" in record for record in catalogue["agencies"])


def test_locale_options_restrict_the_catalogue_texts(country_plugin: FixturePlugin) -> None:
    catalogue = export("UZ", "--locale", "ru", "--locale", "english")
    assert catalogue["locales"] == ["ru", "en"]
    service = catalogue["services"][0]
    assert service["title"] == {"ru": "Удостоверение личности", "en": "Identity card"}


def test_the_kit_catalogue_is_the_catalogue_export(
    country_plugin: FixturePlugin, tmp_path: Path
) -> None:
    built = run_cli("kit", "build", "UZ", "--out", str(tmp_path / "kit"))
    assert built.exit_code == 0, built.output
    exported = run_cli("export", "UZ", "--output", str(tmp_path / "catalogue.json"))
    assert exported.exit_code == 0, exported.output
    kit_catalogue = (tmp_path / "kit" / "catalogue.json").read_bytes()
    assert kit_catalogue == (tmp_path / "catalogue.json").read_bytes()


# -- json-schema -----------------------------------------------------------------------


class YamlAsEditorsReadIt(yaml.SafeLoader):
    """YAML as an editor validates it: dates stay text (PyYAML would make them dates)."""


YamlAsEditorsReadIt.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


def read_yaml(path: Path) -> Any:
    return yaml.load(path.read_text(encoding="utf-8"), Loader=YamlAsEditorsReadIt)


def validator(schema_file: Path) -> jsonschema.Draft202012Validator:
    schema = load(schema_file)
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    jsonschema.Draft202012Validator.check_schema(schema)
    return jsonschema.Draft202012Validator(
        schema, format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER
    )


def data_files(code: str) -> list[Path]:
    folder = Path(str(resources.files(INSTALLED[code]))) / "data"
    return sorted(folder.glob("*.yaml"))


@pytest.mark.parametrize("code", sorted(INSTALLED))
def test_the_shipped_data_files_validate_against_their_json_schema(
    exports: dict[tuple[str, str], Path], code: str
) -> None:
    check = validator(exports[(code, "json-schema")])
    files = data_files(code)
    assert len(files) >= 5
    for path in files:
        errors = [
            f"{'/'.join(map(str, e.absolute_path))}: {e.message}"
            for e in check.iter_errors(read_yaml(path))
        ]
        assert errors == [], f"{path.name}:\n" + "\n".join(errors)


def test_the_json_schema_reports_a_planted_error_where_it_is(
    exports: dict[tuple[str, str], Path],
) -> None:
    check = validator(exports[("AZ", "json-schema")])
    services = read_yaml(next(p for p in data_files("AZ") if p.name == "services.yaml"))
    services["services"][2]["fee"] = 5  # a field that does not exist
    services["services"][3]["title"]["fr"] = "Carte d'identité"  # a locale AZ does not declare
    services["services"][0]["costs"][0]["currency"] = "USD"
    found = {"/".join(map(str, e.absolute_path)): e.message for e in check.iter_errors(services)}
    assert "'fee' was unexpected" in found["services/2"]
    assert "'fr' is not one of ['az', 'ru', 'en']" in found["services/3/title"]
    assert found["services/0/costs/0/currency"] == "'AZN' was expected"
    assert len(found) == 3


def test_the_json_schema_accepts_the_provenance_shorthand_and_rejects_neither_form(
    exports: dict[tuple[str, str], Path],
) -> None:
    check = validator(exports[("AF", "json-schema")])
    act = {"id": "act", "title": {"en": "An act"}}
    for provenance in ("illustrative", "Official gazette 12/2020", {"illustrative": True}):
        record = {"country": "AF", "legal_resources": [{**act, "provenance": provenance}]}
        assert list(check.iter_errors(record)) == []
    broken = {"country": "AF", "legal_resources": [{**act, "provenance": {"note": "?"}}]}
    (error,) = check.iter_errors(broken)
    assert list(error.absolute_path) == ["legal_resources", 0, "provenance"]


# -- cpsv-ap ---------------------------------------------------------------------------


def shapes() -> Graph:
    if not SHAPES.is_file():
        pytest.skip(f"the official CPSV-AP 3.2.0 shapes are not at {SHAPES} (../shared/standards)")
    return Graph().parse(SHAPES)


def graph_of(path: Path) -> Graph:
    return Graph().parse(data=path.read_text(encoding="utf-8"), format="json-ld")


def conformance(graph: Graph) -> tuple[bool, str]:
    from pyshacl import validate

    conforms, _, text = validate(graph, shacl_graph=shapes())
    return bool(conforms), str(text)


@pytest.mark.parametrize("code", sorted(INSTALLED))
def test_the_cpsv_ap_export_conforms_to_the_official_shapes(
    exports: dict[tuple[str, str], Path], code: str
) -> None:
    graph = graph_of(exports[(code, "cpsv-ap")])
    services = set(graph.subjects(RDF.type, CPSV.PublicService))
    assert len(services) == len(load(exports[(code, "catalogue-json")])["services"])
    conforms, report = conformance(graph)
    assert conforms, report


def test_a_graph_that_breaks_the_shapes_is_reported_non_conforming(
    exports: dict[tuple[str, str], Path],
) -> None:
    graph = graph_of(exports[("AF", "cpsv-ap")])
    service = URIRef("https://example.org/asan/af/service/e-tazkira")
    graph.remove((service, DCT.identifier, None))
    graph.remove((service, CV.hasCompetentAuthority, None))
    graph.add((service, CV.processingTime, Literal("P9D", datatype=XSD.duration)))
    conforms, report = conformance(graph)
    assert not conforms
    assert "identifier" in report and "hasCompetentAuthority" in report
    assert "processingTime" in report  # two values where at most one is allowed


def test_cpsv_ap_texts_carry_bcp47_language_tags_for_every_locale(
    exports: dict[tuple[str, str], Path],
) -> None:
    graph = graph_of(exports[("AF", "cpsv-ap")])
    service = URIRef("https://example.org/asan/af/service/e-tazkira")
    titles = {t.language: str(t) for t in graph.objects(service, DCT.title)}  # type: ignore[attr-defined]
    assert set(titles) == {"fa-AF", "ps-AF", "en"}
    assert titles["fa-AF"] == "صدور تذکرهٔ الکترونیکی"
    text = exports[("AF", "cpsv-ap")].read_text(encoding="utf-8")
    assert '"@language": "fa-AF"' in text and '"@language": "ps-AF"' in text


def test_cpsv_ap_gives_costs_times_authorities_and_legal_resources_in_standard_terms(
    exports: dict[tuple[str, str], Path],
) -> None:
    document = load(exports[("AZ", "cpsv-ap")])
    assert isinstance(document["@context"], dict)  # inline: nothing to fetch
    graph = graph_of(exports[("AZ", "cpsv-ap")])
    base = "https://example.org/asan/az/"
    service = URIRef(base + "service/id-card")
    assert (service, CV.processingTime, Literal("P10D", datatype=XSD.duration)) in graph
    assert (service, CV.hasCompetentAuthority, URIRef(base + "agency/mia")) in graph
    (cost,) = [
        c
        for c in graph.objects(service, CV.hasCost)
        if graph.value(c, DCT.identifier) == Literal("id-card/cost/1")
    ]
    assert graph.value(cost, CV.hasValue) == Literal("5", datatype=XSD.double)
    azn = URIRef("http://publications.europa.eu/resource/authority/currency/AZN")
    assert graph.value(cost, CV.currency) == azn
    authority = URIRef(base + "agency/mia")
    assert graph.value(authority, DCT.spatial) == URIRef(
        "http://publications.europa.eu/resource/authority/country/AZE"
    )
    consular = URIRef(base + "service/apostille")
    legal = list(graph.objects(consular, CV.hasLegalResource))
    assert legal and all(
        (act, RDF.type, URIRef("http://data.europa.eu/eli/ontology#LegalResource")) in graph
        for act in legal
    )
    evidence = list(graph.objects(service, CPSV.hasInput))
    assert len(evidence) == 4 and all(graph.value(e, DCT.title) for e in evidence)
    assert list(graph.objects(service, CPSV.produces))
    channel_types = {graph.value(c, DCT.type) for c in graph.objects(service, CV.hasChannel)}
    assert channel_types == {
        URIRef(base + "channel-type/centre"),
        URIRef(base + "channel-type/mobile"),
    }


def test_cpsv_ap_marks_an_invented_fee_as_illustrative(
    exports: dict[tuple[str, str], Path],
) -> None:
    graph = graph_of(exports[("AF", "cpsv-ap")])
    base = "https://example.org/asan/af/"
    cost = URIRef(base + "service/e-tazkira/cost/1")
    assert graph.value(cost, ADMS.status) == URIRef(base + "status/illustrative")
    assert "Placeholder amount, not a published tariff" in str(graph.value(cost, RDFS.comment))
    assert (
        URIRef(base + "status/illustrative"),
        RDF.type,
        URIRef("http://www.w3.org/2004/02/skos/core#Concept"),
    ) in graph
    sourced = URIRef(base + "legal/mou-2016")
    assert graph.value(sourced, ADMS.status) is None
    assert "Source article" in str(graph.value(graph.value(sourced, DCT.provenance), RDFS.label))


def test_a_base_iri_replaces_the_illustrative_identifiers(installed: None) -> None:
    document = export("AF", "--format", "cpsv-ap", "--base-iri", "https://data.example.gov/af")
    ids = [node["@id"] for node in document["@graph"] if "@id" in node]
    assert "https://data.example.gov/af/service/e-tazkira" in ids
    assert not [i for i in ids if i.startswith("https://example.org/")]


# -- schema-org ------------------------------------------------------------------------


def nodes(document: dict[str, Any], kind: str) -> list[dict[str, Any]]:
    return [n for n in document["@graph"] if n.get("@type") == kind]


def test_schema_org_describes_services_offices_and_providers_in_one_locale(
    exports: dict[tuple[str, str], Path],
) -> None:
    document = load(exports[("AZ", "schema-org")])
    (dataset,) = nodes(document, "Dataset")
    assert dataset["inLanguage"] == "az"
    services = nodes(document, "GovernmentService")
    assert len(services) == 34
    offices = nodes(document, "GovernmentOffice")
    assert len(offices) == 15  # the article's 15 centres; the buses are not offices
    baku = next(o for o in offices if o["@id"].endswith("/centre/baku-1"))
    assert baku["address"]["addressLocality"] == "Bakı"
    assert baku["openingHoursSpecification"][0]["opens"] == "09:00"
    id_card = next(s for s in services if s["@id"].endswith("/service/id-card"))
    assert id_card["name"] == "Şəxsiyyət vəsiqəsinin verilməsi"
    assert id_card["provider"] == {"@id": "https://example.org/asan/az/agency/mia"}
    centre_channel = id_card["availableChannel"][0]
    assert {"@id": baku["@id"]} in centre_channel["serviceLocation"]
    assert centre_channel["processingTime"] == "P10D"


def test_schema_org_never_publishes_an_illustrative_fee_as_a_price(
    exports: dict[tuple[str, str], Path],
) -> None:
    for code in INSTALLED:
        catalogue = load(exports[(code, "catalogue-json")])
        with_fees = {s["id"] for s in catalogue["services"] if s["costs"]}
        assert with_fees, code
        document = load(exports[(code, "schema-org")])
        for service in nodes(document, "GovernmentService"):
            assert "offers" not in service  # every shipped fee is illustrative
            if service["@id"].rsplit("/", 1)[1] in with_fees:
                assert service["disambiguatingDescription"]  # says what is to be confirmed


def test_schema_org_gives_a_sourced_fee_of_a_sourced_service_as_an_offer(
    country_plugin: FixturePlugin,
) -> None:
    fee = "        currency: UZS\n        provenance: {}\n    legal_basis: [centres-act]\n"
    country_plugin.replace(
        "records.yaml",
        fee.format("illustrative") + "    provenance: illustrative",
        fee.format("Tariff order No. 1 (test fixture)") + "    provenance: Centres act (test)",
    )
    document = export("UZ", "--format", "schema-org", "--locale", "en")
    id_card = next(s for s in nodes(document, "GovernmentService") if s["name"] == "Identity card")
    assert id_card["offers"] == [{"@type": "Offer", "price": "0", "priceCurrency": "UZS"}]


def test_schema_org_gives_no_price_for_a_service_that_is_itself_illustrative(
    country_plugin: FixturePlugin,
) -> None:
    country_plugin.replace(
        "records.yaml",
        "        currency: UZS\n        provenance: illustrative",
        "        currency: UZS\n        provenance: Tariff order No. 1 (test fixture)",
    )
    document = export("UZ", "--format", "schema-org", "--locale", "en")
    id_card = next(s for s in nodes(document, "GovernmentService") if s["name"] == "Identity card")
    assert "offers" not in id_card
    assert nodes(document, "Dataset")[0]["inLanguage"] == "en"


def test_schema_org_takes_one_locale(installed: None) -> None:
    result = run_cli("export", "AF", "--format", "schema-org", "--locale", "prs", "--locale", "ps")
    assert result.exit_code == 2
    assert "one locale per document" in result.stderr
    dari = export("AF", "--format", "schema-org", "--locale", "prs")
    assert nodes(dari, "Dataset")[0]["inLanguage"] == "fa-AF"


def test_each_charter_page_embeds_its_service_as_safe_json_ld(
    country_plugin: FixturePlugin, tmp_path: Path
) -> None:
    planted = "Identity card</script><script>alert(1)</script> & <!-- more"
    country_plugin.replace("records.yaml", "en: Identity card\n", f"en: {json.dumps(planted)}\n")
    built = run_cli("kit", "build", "UZ", "--out", str(tmp_path / "kit"), "--locale", "en")
    assert built.exit_code == 0, built.output
    page = (tmp_path / "kit" / "en" / "charter" / "id-card.html").read_text(encoding="utf-8")
    assert "</script><script>alert(1)" not in page
    assert "\\u003c/script\\u003e" in page
    document = html5lib.parse(page, namespaceHTMLElements=False)
    (script,) = [s for s in document.iter("script") if s.get("type") == "application/ld+json"]
    data = json.loads(script.text)
    assert data["@type"] == "WebPage" and data["inLanguage"] == "en"
    service = data["mainEntity"]
    assert service["@type"] == "GovernmentService"
    assert service["name"] == planted  # the data survives, as data
    assert service["provider"]["name"] == "Ministry of Internal Affairs"
    office = service["availableChannel"][0]["serviceLocation"][0]
    assert office["@type"] == "GovernmentOffice" and office["name"] == "Tashkent centre"
    # The page has exactly one script element, the JSON-LD: the planted one never opened.
    assert [s.get("type") for s in document.iter("script")] == ["application/ld+json"]


# -- errors ----------------------------------------------------------------------------


def test_an_unknown_country_locale_or_format_is_an_input_error_without_a_file(
    country_plugin: FixturePlugin, tmp_path: Path
) -> None:
    target = tmp_path / "out.json"
    cases = {
        ("XX",): "unknown country 'XX'",
        ("UZ", "--locale", "fr"): "UZ does not publish in 'fr'",
        ("UZ", "--format", "rdf-xml"): "Invalid value for '--format'",
        ("UZ", "--format", "json-schema", "--locale", "ru"): "--locale does not apply",
        ("UZ", "--format", "catalogue-json", "--base-iri", "https://x.org/"): "--base-iri",
        ("UZ", "--format", "cpsv-ap", "--base-iri", "not an iri"): "is not a base IRI",
        ("UZ", "--format", "cpsv-ap", "--base-iri", "https://x.org/a#"): "is not a base IRI",
        ("UZ", "--format", "cpsv-ap", "--base-iri", "https://x.org/a?"): "is not a base IRI",
    }
    for args, message in cases.items():
        result = run_cli("export", *args, "--output", str(target))
        assert result.exit_code == 2, (args, result.output)
        assert message in result.stderr, (args, result.stderr)
        assert "Traceback" not in result.output
        assert not target.exists()


def test_output_replaces_a_file_atomically_and_keeps_it_when_the_export_fails(
    country_plugin: FixturePlugin, tmp_path: Path
) -> None:
    target = tmp_path / "exports" / "uz.json"
    assert run_cli("export", "UZ", "--output", str(target)).exit_code == 0
    first = target.read_bytes()
    country_plugin.replace("records.yaml", "processing_days: 10", "processing_days: 5")
    assert run_cli("export", "UZ", "--output", str(target)).exit_code == 0
    assert target.read_bytes() != first
    kept = target.read_bytes()
    failed = run_cli("export", "UZ", "--locale", "fr", "--output", str(target))
    assert failed.exit_code == 2
    assert target.read_bytes() == kept
    assert [p.name for p in target.parent.iterdir()] == ["uz.json"]  # no temporary left


def test_an_output_that_cannot_be_written_is_an_input_error(
    country_plugin: FixturePlugin, tmp_path: Path
) -> None:
    folder = tmp_path / "a-folder"
    folder.mkdir()
    result = run_cli("export", "UZ", "--output", str(folder))
    assert result.exit_code == 2
    assert "cannot write" in result.stderr and "Traceback" not in result.output
    assert list(folder.iterdir()) == []
