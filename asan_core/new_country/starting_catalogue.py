"""The ASAN reference catalogue, and the starting data a new country gets from it.

``asan new country`` gives a new country the services every one-stop shop of the model
offers (identity documents, passports, civil registry, notary, criminal record
certificates, residence registration, driving licences, business registration, ...) and
the placeholder agencies that deliver them. The catalogue is a records file in English,
``asan_core/new_country/starting/catalogue.yaml``, that partner staff can read; every record
is illustrative.

:func:`data_files` writes a country's data files from it — the catalogue's English text
under each language the country declares (so the country starts complete and translators
replace text, never add keys), the country and its first centre from the answers — and
:func:`write_catalogs` an empty gettext catalog per language.
"""

from __future__ import annotations

import copy
import datetime as dt
import io
import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

import yaml
from babel.messages.catalog import Catalog
from babel.messages.pofile import write_po

from asan_core.base.problems import ProblemsError
from asan_core.i18n.catalogs import DOMAIN, catalog_path
from asan_core.model import SOURCE_LOCALE, Agency, Record, Service, WorkingWeek
from asan_core.plugin_kit import YamlDocument

if TYPE_CHECKING:
    from asan_core.new_country.plan import NewCountry

CATALOGUE_FILE = Path(__file__).resolve().parent / "starting" / "catalogue.yaml"
"""The catalogue's language; its text stands in for every other language until translated."""

_SECTIONS: dict[str, type[Record]] = {"agencies": Agency, "services": Service}

OPENING_HOURS = ("09:00", "18:00")
FIRST_CENTRE_FEATURES = (
    "information_desk",
    "e_queue",
    "volunteers",
    "complaint_desk",
    "step_free_access",
    "bank",
    "insurance",
    "fee_payment",
)
"""What the model promises in every centre (CONTEXT.md): the targets of the first centre."""

_FIXED_DATE = dt.datetime(2000, 1, 1, tzinfo=dt.UTC)
"""Catalog header dates are pinned, so a re-rendered project is byte-identical."""


@dataclass(frozen=True)
class StartingCatalogue:
    """The catalogue's records as plain data (what a data file holds), English only."""

    agencies: tuple[dict[str, Any], ...]
    services: tuple[dict[str, Any], ...]

    def agency_ids(self) -> list[str]:
        """The ids of the placeholder agencies, in catalogue order."""
        return [str(agency["id"]) for agency in self.agencies]


@cache
def reference_catalogue() -> StartingCatalogue:
    """Read the catalogue and validate every record against the model.

    :raises ProblemsError: a record that does not validate, with its file, line and field.
    """
    doc = YamlDocument(CATALOGUE_FILE, plugin="asan_core")
    data = doc.data if isinstance(doc.data, dict) else {}
    for section, model in _SECTIONS.items():
        for index in range(len(data.get(section) or [])):
            doc.validate(model, (section, index))
    if doc.problems:
        raise ProblemsError(doc.problems)
    return StartingCatalogue(
        agencies=tuple(copy.deepcopy(data["agencies"])),
        services=tuple(copy.deepcopy(data["services"])),
    )


def in_locales(value: Any, locales: Sequence[str]) -> Any:
    """A copy of ``value`` with every English-only text under each of ``locales``.

    >>> in_locales({"title": {"en": "Apostille"}, "channels": ["centre"]}, ["uz", "en"])
    {'title': {'uz': 'Apostille', 'en': 'Apostille'}, 'channels': ['centre']}
    """
    if isinstance(value, dict):
        if set(value) == {SOURCE_LOCALE} and isinstance(value[SOURCE_LOCALE], str):
            return dict.fromkeys(locales, value[SOURCE_LOCALE])
        return {key: in_locales(item, locales) for key, item in value.items()}
    if isinstance(value, list):
        return [in_locales(item, locales) for item in value]
    return value


# -- the starting data files -------------------------------------------------------------------


class _DataDumper(yaml.SafeDumper):
    """YAML as the reference plugins write it: indented lists, short lists inline."""

    def increase_indent(self, flow: bool = False, indentless: bool = False) -> None:
        super().increase_indent(flow, False)


def _represent_str(dumper: yaml.SafeDumper, data: str) -> yaml.Node:
    # Times are quoted (docs/data-files.md); text with an apostrophe reads better in "...".
    quoted = bool(re.fullmatch(r"\d\d:\d\d", data)) or "'" in data
    return dumper.represent_scalar("tag:yaml.org,2002:str", data, style='"' if quoted else None)


def _represent_list(dumper: yaml.SafeDumper, data: list[Any]) -> yaml.Node:
    inline = bool(data) and all(isinstance(item, str | int | bool) for item in data)
    return dumper.represent_sequence("tag:yaml.org,2002:seq", data, flow_style=inline)


_DataDumper.add_representer(list, _represent_list)
_DataDumper.add_representer(str, _represent_str)


def _records_yaml(header: str, data: dict[str, Any]) -> str:
    """A data file: the header comment, then the data with a blank line between records."""
    text = yaml.dump(
        data,
        Dumper=_DataDumper,
        sort_keys=False,
        allow_unicode=True,
        width=1_000_000,
        default_flow_style=False,
    )
    lines: list[str] = []
    for line in text.splitlines():
        if line.startswith("  - ") and lines and not lines[-1].endswith(":"):
            lines.append("")
        lines.append(line)
    comment = "\n".join(f"# {ln}".rstrip() for ln in header.strip().splitlines())
    return f"{comment}\n" + "\n".join(lines) + "\n"


def _translation_note(country: NewCountry) -> str:
    pending = country.placeholder_locales
    if not pending:
        return ""
    return (
        f" Its texts under {', '.join(pending)} are the English text of the reference "
        "catalogue, to be translated."
    )


def _catalogue_record(record: dict[str, Any], country: NewCountry) -> dict[str, Any]:
    localized: dict[str, Any] = in_locales(record, country.text_locales)
    provenance = dict(localized["provenance"])
    provenance["note"] = str(provenance.get("note", "")) + _translation_note(country)
    localized["provenance"] = provenance
    return localized


def _translation_header(country: NewCountry) -> str:
    pending = country.placeholder_locales
    if not pending:
        return ""
    return (
        f"\nTRANSLATE: every text under {', '.join(pending)} is still the English text.\n"
        "asan i18n stats lists each one as 'still the English text' (--strict fails until\n"
        "they are translated); the project's tests warn how many are left (README, Translate).\n"
    )


STARTING_DEMAND = 600
"""Applications a day at a new country's first centre in its starting profile: an example
the size of a provincial centre, marked illustrative."""


def data_files(country: NewCountry) -> dict[str, str]:
    """The starting data files of ``country``: file name → YAML text."""
    catalogue = reference_catalogue()
    week = WorkingWeek.from_cldr(country.code)
    working_days = [day for day in week.days if day not in week.weekend]
    illustrative = (
        "Every record is illustrative (provenance: {illustrative: true, note: ...}): the\n"
        "partner government confirms it, then replaces the provenance with a source.\n"
    )
    country_file = {
        "country": {
            "code": country.code,
            "name": {loc: country.name_in(loc) for loc in country.text_locales},
            "locales": list(country.locales),
            "currency": country.currency,
            "calendar": country.calendar,
            "digits": country.digits.value,
            "operating_model": country.operating_model.value,
            "brand": dict.fromkeys(country.text_locales, country.brand),
            "provenance": {
                "illustrative": True,
                "note": "The answers given to 'asan new country': confirm the brand, "
                "languages, currency, calendar, digits and operating model with the partner "
                "government. The country's names are CLDR's.",
            },
        }
    }
    area_notes = {
        "given": f"its area {country.area.code} was given with the answers",
        "name": f"its area {country.area.code} ({country.area.name}) is the ISO 3166-2 area "
        f"named like the city",
        "close": f"its area {country.area.code} ({country.area.name}) is the ISO 3166-2 area "
        "whose name is closest to the city's",
        "placeholder": f"no ISO 3166-2 area of {country.code} is named like the city: "
        f"{country.area.code} is a placeholder, replace it with the city's area",
    }
    centre = {
        "id": country.first_centre_id,
        "name": dict.fromkeys(country.text_locales, f"{country.brand}, {country.city}"),
        "city": dict.fromkeys(country.text_locales, country.city),
        "area": country.area.code,
        "opening_hours": [
            {"days": working_days, "opens": OPENING_HOURS[0], "closes": OPENING_HOURS[1]}
        ],
        "agencies": catalogue.agency_ids(),
        "all_services": True,
        "features": list(FIRST_CENTRE_FEATURES),
        "provenance": {
            "illustrative": True,
            "note": "The first centre of the network: confirm its city; "
            f"{area_notes[country.area.how]}. "
            "Opening hours, hosted agencies and features are the model's targets, to be "
            "confirmed; add the street address once there is one." + _translation_note(country),
        },
    }
    return {
        "country.yaml": _records_yaml(
            f"{country.english_name}: the country, as answered to 'asan new country'.\n"
            f"The working week is CLDR's for {country.code} (first day {week.first_day}, "
            f"weekend {', '.join(week.weekend)});\nwrite working_week: to change it "
            "(docs/data-files.md).\n" + illustrative,
            country_file,
        ),
        "agencies.yaml": _records_yaml(
            f"The agencies whose services {country.brand} centres deliver: placeholders from\n"
            "the ASAN reference catalogue. Each has divisions covering the whole country (the\n"
            "fallback where there is no centre); rename, merge or add agencies as the partner\n"
            "government organises them.\n" + illustrative + _translation_header(country),
            {
                "country": country.code,
                "agencies": [_catalogue_record(a, country) for a in catalogue.agencies],
            },
        ),
        "services.yaml": _records_yaml(
            "The services every one-stop shop of the ASAN model offers (the reference\n"
            "catalogue), assigned to the placeholder agencies. No fee, processing time or\n"
            "legal basis is given: none may be invented. asan check lists them as warnings,\n"
            "the work to do.\n" + illustrative + _translation_header(country),
            {
                "country": country.code,
                "services": [_catalogue_record(s, country) for s in catalogue.services],
            },
        ),
        "centres.yaml": _records_yaml(
            f"The first {country.brand} centre, in {country.city}. Add the others (and mobile\n"
            "units: kind: mobile with serves_areas) as they open.\n"
            + illustrative
            + _translation_header(country),
            {"country": country.code, "centres": [centre]},
        ),
        "planning.yaml": _records_yaml(
            "A starting demand profile for asan plan (docs/plan.md): the applications the first\n"
            "centre expects on an average open day, shared among its services equally. It is an\n"
            "example, not a forecast: replace it with the ministries' own counts, and add a\n"
            "planning: record with the country's target, handling times and arrival profile\n"
            "(the core's starting values apply until then, marked illustrative).\n",
            {
                "country": country.code,
                "demand": [
                    {
                        "centre": country.first_centre_id,
                        "total_per_day": STARTING_DEMAND,
                        "provenance": {
                            "illustrative": True,
                            "note": "A starting profile, not a forecast: replace it with the "
                            "applications the agencies now receive where the centre opens.",
                        },
                    }
                ],
            },
        ),
        "legal.yaml": _records_yaml(
            "The legal acts the services rest on: title, number and date, never invented.\n"
            "Add each act here, then name it in the services' legal_basis:\n"
            "  - id: centres-decree\n"
            "    title: {en: ...}\n"
            "    number: '...'\n"
            "    date: YYYY-MM-DD\n"
            "    provenance: {source: ...}\n",
            {"country": country.code, "legal_resources": []},
        ),
    }


# -- gettext catalogs ---------------------------------------------------------------------


def catalog_bytes(country: NewCountry, locale: str) -> bytes:
    """An empty catalog for ``locale``: a header with Babel's Plural-Forms, no entries."""
    catalog = Catalog(
        locale=locale,
        domain=DOMAIN,
        project=country.distribution,
        version="0.1.0",
        msgid_bugs_address="the plugin's maintainers",
        last_translator="the plugin's maintainers",
        language_team=f"{locale} (the plugin's maintainers)",
        creation_date=_FIXED_DATE,
        revision_date=_FIXED_DATE,
        fuzzy=False,
        header_comment=(
            f"# {country.language_name(locale)} wording of asan-sdk strings that "
            f"{country.english_name} names its own way.\n"
            "# Entries here override the core's catalog for this country: copy a msgid from "
            "asan-sdk's\n# locales/messages.pot and give the country's wording "
            "(plugins/azerbaijan has examples)."
        ),
    )
    buffer = io.BytesIO()
    write_po(buffer, catalog, width=100, include_lineno=False)
    return buffer.getvalue()


def write_catalogs(package_dir: Path, country: NewCountry) -> list[Path]:
    """``<package>/locales/<locale>/LC_MESSAGES/messages.po`` for every declared locale."""
    written = []
    for locale in country.locales:
        path = catalog_path(package_dir / "locales", locale)
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(catalog_bytes(country, locale))
        written.append(path)
    return written
