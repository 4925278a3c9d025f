"""JSON Schema (draft 2020-12) of a country's plugin data files: ``--format json-schema``.

Generated from the pydantic models (the same source as ``docs/reference/data-schema.md``),
then completed with what the models check in code: the ``provenance`` shorthand
(``provenance: illustrative``), ``source`` *or* ``illustrative: true``, times as HH:MM,
exact amounts, and — for the country exported — its code, currency, locales and ISO 3166-2
area codes. An editor with the schema (VS Code's YAML extension) flags a mistake as the
partner types it; ``asan check`` remains the full validation (cross-references, calendars).
"""

from __future__ import annotations

import copy
import inspect
from typing import Any

from pydantic import BaseModel
from pydantic.json_schema import models_json_schema

from asan_core.contract.record_kinds import SECTIONS
from asan_core.model import SOURCE_LOCALE, Country
from asan_core.model.iso import subdivisions

JsonObject = dict[str, Any]

DRAFT = "https://json-schema.org/draft/2020-12/schema"
REF = "#/$defs/{model}"

AREA_FIELDS: tuple[tuple[str, str], ...] = (
    ("Centre", "area"),
    ("Centre", "serves_areas"),
    ("CoverageRecord", "area"),
    ("Division", "areas"),
)
"""Fields that hold ISO 3166-2 codes (a string, or a list of them)."""

TIME_PATTERN = r"^([01]\d|2[0-3]):[0-5]\d$"
AMOUNT_PATTERN = r"^\d+(\.\d+)?$"


def _models() -> list[type[BaseModel]]:
    return [Country, *SECTIONS.values()]


def _is_localized(schema: Any) -> bool:
    return (
        isinstance(schema, dict)
        and schema.get("type") == "object"
        and schema.get("additionalProperties") == {"type": "string"}
        and "properties" not in schema
    )


def _replace_localized(node: Any) -> Any:
    """Point every inline ``{locale: text}`` schema at ``#/$defs/LocalizedText``."""
    if isinstance(node, list):
        return [_replace_localized(item) for item in node]
    if not isinstance(node, dict):
        return node
    if _is_localized(node):
        kept = {k: v for k, v in node.items() if k in {"description", "title"}}
        return {"$ref": REF.format(model="LocalizedText"), **kept}
    return {key: _replace_localized(value) for key, value in node.items()}


def _simplify_optionals(node: Any) -> Any:
    """``anyOf: [X, null]`` → X (nullable when X is a plain type), for precise error paths.

    An editor reports a mistake inside an ``anyOf`` at the field that holds it ("not valid
    under any of the given schemas"); without the ``anyOf`` it points at the mistake. A
    field that refers to a record type (``city``, ``partnership``) is simply left out when
    unknown, so the schema does not offer ``null`` for it.
    """
    if isinstance(node, list):
        return [_simplify_optionals(item) for item in node]
    if not isinstance(node, dict):
        return node
    node = {key: _simplify_optionals(value) for key, value in node.items()}
    options = node.get("anyOf")
    if isinstance(options, list) and len(options) == 2 and {"type": "null"} in options:
        other = next(o for o in options if o != {"type": "null"})
        rest = {k: v for k, v in node.items() if k not in {"anyOf", "default"}}
        if "$ref" in other:
            return {**rest, **other}
        if isinstance(other.get("type"), str):
            return {**rest, **other, "type": [other["type"], "null"]}
    return node


def _clean_descriptions(node: Any) -> None:
    """reST ````code```` to Markdown ```code``` (editors show descriptions as Markdown)."""
    if isinstance(node, list):
        for item in node:
            _clean_descriptions(item)
    elif isinstance(node, dict):
        for key, value in node.items():
            if key == "description" and isinstance(value, str):
                node[key] = inspect.cleandoc(value).replace("``", "`")
            else:
                _clean_descriptions(value)


def _property(defs: JsonObject, model: str, field: str) -> JsonObject:
    try:
        found: JsonObject = defs[model]["properties"][field]
    except KeyError as exc:  # the model changed: this module must follow it
        raise KeyError(f"the data-file schema expects {model}.{field}") from exc
    return found


def _provenance(generated: JsonObject) -> JsonObject:
    """Provenance: the object, or its shorthand string; ``source`` or ``illustrative: true``.

    One schema for both forms (object keywords ignore strings), so a mistake inside the
    object is reported where it is.
    """
    schema = copy.deepcopy(generated)
    schema.pop("title", None)
    schema["description"] = (
        schema.get("description", "")
        + "\n\nShorthand: `provenance: illustrative`, or the source as a string."
    )
    schema["type"] = ["string", "object"]
    schema["minLength"] = 1
    schema["anyOf"] = [
        {"required": ["source"], "properties": {"source": {"type": "string", "minLength": 1}}},
        {"required": ["illustrative"], "properties": {"illustrative": {"const": True}}},
    ]
    return schema


def _localized_text(locales: list[str]) -> JsonObject:
    return {
        "description": "Text per locale: `{en: Identity card, az: Şəxsiyyət vəsiqəsi}`. Keys are "
        f"the country's locales ({', '.join(locales)}).",
        "type": "object",
        "minProperties": 1,
        "propertyNames": {"enum": locales},
        "additionalProperties": {"type": "string", "pattern": r"\S"},
    }


def data_files_schema(country: Country) -> JsonObject:
    """The JSON Schema of ``country``'s data files (country file and records files).

    :returns: a draft 2020-12 schema; a file validates when it is either a country file
        (``country:`` a mapping) or a records file (``country:`` the code, then sections).
    """
    _, generated = models_json_schema([(m, "validation") for m in _models()], ref_template=REF)
    defs: JsonObject = _simplify_optionals(_replace_localized(generated["$defs"]))
    _clean_descriptions(defs)
    locales = list(dict.fromkeys([*country.locales, SOURCE_LOCALE]))
    areas = sorted(s.code for s in subdivisions(country.code))
    defs["LocalizedText"] = _localized_text(locales)
    defs["AreaCode"] = {
        "description": f"An ISO 3166-2 code of {country.code}.",
        "type": "string",
        "enum": areas,
    }
    defs["Provenance"] = _provenance(defs["Provenance"])
    for model, field in AREA_FIELDS:
        spec = _property(defs, model, field)
        area = {"$ref": REF.format(model="AreaCode")}
        if spec.get("type") == "array":
            spec["items"] = area
        else:
            spec.clear()
            spec.update(area)
    for field in ("opens", "closes"):
        _property(defs, "OpeningHours", field)["pattern"] = TIME_PATTERN
    for model in ("Cost", "ExpressTier"):
        amount = _property(defs, model, "amount")
        for option in amount.get("anyOf", []):
            if option.get("type") == "string":
                option["pattern"] = AMOUNT_PATTERN
    _property(defs, "Partnership", "partner")["pattern"] = "^[A-Z]{2}$"
    _property(defs, "Country", "code").update(const=country.code)
    _property(defs, "Country", "currency").update(const=country.currency)
    _property(defs, "Cost", "currency").update(const=country.currency)
    defs["CountryFile"] = {
        "description": f"A country file: declares {country.code}.",
        "type": "object",
        "properties": {"country": {"$ref": REF.format(model="Country")}},
        "required": ["country"],
        "additionalProperties": False,
    }
    defs["RecordsFile"] = {
        "description": f"A records file: contributes sections of records to {country.code}.",
        "type": "object",
        "properties": {
            "country": {"const": country.code, "description": "The country's ISO code."},
            **{
                section: {
                    "description": f"A list of {model.__name__} records.",
                    "type": ["array", "null"],
                    "items": {"$ref": REF.format(model=model.__name__)},
                }
                for section, model in SECTIONS.items()
            },
        },
        "required": ["country"],
        "additionalProperties": False,
    }
    return {
        "$schema": DRAFT,
        "title": f"asan-sdk data file for {country.code}",
        "description": (
            f"A data file of a country plugin for {country.code}: a country file or a records "
            "file (docs/data-files.md). Generated by `asan export "
            f"{country.code} --format json-schema`."
        ),
        "type": "object",
        "if": {"properties": {"country": {"type": "object"}}, "required": ["country"]},
        "then": {"$ref": REF.format(model="CountryFile")},
        "else": {"$ref": REF.format(model="RecordsFile")},
        "$defs": dict(sorted(defs.items())),
    }
