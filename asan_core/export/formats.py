"""The formats of ``asan export`` (standard library only: the CLI imports it at start-up)."""

from __future__ import annotations

from enum import StrEnum


class ExportFormat(StrEnum):
    """The formats of ``asan export``."""

    CATALOGUE_JSON = "catalogue-json"
    JSON_SCHEMA = "json-schema"
    CPSV_AP = "cpsv-ap"
    SCHEMA_ORG = "schema-org"
