"""Every export as text: :func:`export_text` dispatches on the format."""

from __future__ import annotations

from asan_core.contract.franchise import Franchise
from asan_core.export.catalogue import catalogue_document, dumps
from asan_core.export.cpsv_ap import cpsv_ap_document
from asan_core.export.formats import ExportFormat
from asan_core.export.iris import check_base_iri, default_base_iri
from asan_core.export.json_schema import data_files_schema
from asan_core.export.schema_org import Gettext, schema_org_document


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
