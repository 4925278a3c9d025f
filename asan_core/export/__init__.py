"""Open-data exports of a franchise: ``asan export COUNTRY --format ...``.

- ``catalogue-json`` — the franchise as stable JSON (:mod:`.catalogue`); also the kit's
  ``catalogue.json`` and the input of ``asan diff``;
- ``json-schema`` — the JSON Schema of the plugin data files (:mod:`.json_schema`);
- ``cpsv-ap`` — CPSV-AP 3.2.0 JSON-LD (:mod:`.cpsv_ap`), conforming to the official shapes;
- ``schema-org`` — schema.org JSON-LD in one locale (:mod:`.schema_org`).

Every export marks illustrative data (:mod:`.honesty`); none needs the network.
"""

from __future__ import annotations

from enum import StrEnum

from asan_core.contract.franchise import Franchise
from asan_core.export.catalogue import catalogue_document, dumps
from asan_core.export.cpsv_ap import cpsv_ap_document
from asan_core.export.iris import check_base_iri, default_base_iri
from asan_core.export.json_schema import data_files_schema
from asan_core.export.schema_org import Gettext, schema_org_document


class ExportFormat(StrEnum):
    """The formats of ``asan export``."""

    CATALOGUE_JSON = "catalogue-json"
    JSON_SCHEMA = "json-schema"
    CPSV_AP = "cpsv-ap"
    SCHEMA_ORG = "schema-org"


def export_text(
    franchise: Franchise,
    export_format: ExportFormat,
    locales: list[str],
    base_iri: str | None = None,
    gettext: Gettext | None = None,
) -> str:
    """The export as text (stable JSON, final newline).

    :param locales: locales of the texts (the country's when empty); ``schema-org`` uses the
        first (the default locale when empty); ``json-schema`` has no texts.
    :param base_iri: base of the minted IRIs (cpsv-ap, schema-org); illustrative by default.
    :param gettext: translates interface labels of the schema-org export.
    """
    chosen = locales or list(franchise.country.locales)
    base = base_iri or default_base_iri(franchise.country.code)
    if export_format is ExportFormat.CATALOGUE_JSON:
        return dumps(catalogue_document(franchise, chosen))
    if export_format is ExportFormat.JSON_SCHEMA:
        return dumps(data_files_schema(franchise.country))
    if export_format is ExportFormat.CPSV_AP:
        return dumps(cpsv_ap_document(franchise, chosen, base))
    locale = locales[0] if locales else franchise.country.primary_locale
    if gettext is None:
        return dumps(schema_org_document(franchise, locale, base))
    return dumps(schema_org_document(franchise, locale, base, gettext))


__all__ = [
    "ExportFormat",
    "catalogue_document",
    "check_base_iri",
    "cpsv_ap_document",
    "data_files_schema",
    "default_base_iri",
    "dumps",
    "export_text",
    "schema_org_document",
]
