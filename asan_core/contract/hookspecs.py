# mypy: disable-error-code="empty-body"
# (a hookspec is a signature and a docstring; pluggy never calls its body)
"""The hook contract between the core and country plugins.

Every hook is named ``asan_*`` and documented here; ``docs/hooks.md`` is generated from
these docstrings (``python scripts/docgen.py``) and a test keeps the two in step.

Rules for implementations (see pluggy #442): a hookimpl takes only parameters named
in the spec, in any order, and **never gives a parameter a default value** — pluggy
would silently not pass the caller's value.

Hooks that contribute records (agencies, services, ...) are called once per plugin by
:mod:`asan_core.franchise.resolve`; a plugin that raises is reported by name and the others still
contribute. A plugin usually answers them from its data files with
:class:`asan_core.plugin_kit.data_plugin.CountryData`.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from asan_core.contract.identifiers import IdentifierCheck
from asan_core.contract.indicators import Indicator
from asan_core.contract.markers import hookspec
from asan_core.contract.rules import ConformanceRule
from asan_core.contract.translations import LanguagePack
from asan_core.contract.typography import FontFace
from asan_core.model import (
    Agency,
    Centre,
    Country,
    CoverageRecord,
    CurriculumModule,
    Demand,
    LegalResource,
    ModuleChange,
    PlanningSettings,
    Principle,
    PrincipleChange,
    Service,
)

# ---------------------------------------------------------------------------------------
# Countries
# ---------------------------------------------------------------------------------------


@hookspec
def asan_countries() -> list[Country]:
    """Declare the countries this plugin owns.

    A country is owned by exactly one plugin; two plugins declaring the same code is an
    error that names both. Other plugins may still contribute records to it.

    :returns: the :class:`~asan_core.model.Country` records, usually
        ``CountryData.countries()``.

    Example::

        @hookimpl
        def asan_countries():
            return DATA.countries()
    """


@hookspec
def asan_calendars() -> list[str]:
    """Declare the calendar ids this plugin can format dates in.

    A country's ``calendar`` must be declared by some plugin; the core declares
    ``gregorian``. A plugin that declares a calendar implements
    :func:`asan_format_date` for it.

    :returns: calendar ids, e.g. ``["solar_hijri"]``.

    Example::

        @hookimpl
        def asan_calendars():
            return ["solar_hijri"]
    """


# ---------------------------------------------------------------------------------------
# Records contributed to a country
# ---------------------------------------------------------------------------------------


@hookspec
def asan_agencies(country: Country) -> list[Agency]:
    """Contribute the public organisations (agencies) of ``country``.

    :param country: the country being resolved; return ``[]`` for countries you do not
        contribute to.
    :returns: :class:`~asan_core.model.Agency` records.

    Example::

        @hookimpl
        def asan_agencies(country):
            return DATA.records("agencies", country)
    """


@hookspec
def asan_services(country: Country) -> list[Service]:
    """Contribute public services to ``country``.

    Any plugin may contribute to any country: a ministry's plugin can add its services
    to a country it does not own. Ids must be unique across all contributors.

    :param country: the country being resolved.
    :returns: :class:`~asan_core.model.Service` records.

    Example::

        @hookimpl
        def asan_services(country):
            return DATA.records("services", country)
    """


@hookspec
def asan_centres(country: Country) -> list[Centre]:
    """Contribute service centres and mobile units to ``country``.

    :param country: the country being resolved.
    :returns: :class:`~asan_core.model.Centre` records (``kind: mobile`` for buses).

    Example::

        @hookimpl
        def asan_centres(country):
            return DATA.records("centres", country)
    """


@hookspec
def asan_coverage(country: Country) -> list[CoverageRecord]:
    """Contribute explicit coverage: which centre or agency division serves an area.

    Centres already cover their own areas and agency divisions the areas they list; these
    records add what neither says. Every area of the country must end up covered.

    :param country: the country being resolved.
    :returns: :class:`~asan_core.model.CoverageRecord` records.

    Example::

        @hookimpl
        def asan_coverage(country):
            return DATA.records("coverage", country)
    """


@hookspec
def asan_legal_resources(country: Country) -> list[LegalResource]:
    """Contribute the legal acts services refer to in their ``legal_basis``.

    :param country: the country being resolved.
    :returns: :class:`~asan_core.model.LegalResource` records.

    Example::

        @hookimpl
        def asan_legal_resources(country):
            return DATA.records("legal_resources", country)
    """


@hookspec
def asan_principles(country: Country) -> list[Principle | PrincipleChange]:
    """Contribute principles, or change the ones the country inherits.

    The core contributes the six principles of the ASAN model for every country. A
    country adapts (renames, redefines), drops or adds principles by returning
    :class:`~asan_core.model.PrincipleChange` records; ``asan check`` shows each change.
    Changes apply in plugin registration order, after all principles are collected.

    :param country: the country being resolved.
    :returns: principles and principle changes.

    Example::

        @hookimpl
        def asan_principles(country):
            return DATA.records("principle_changes", country)
    """


@hookspec
def asan_curriculum_modules(country: Country) -> list[CurriculumModule | ModuleChange]:
    """Contribute training modules, or drop inherited ones.

    A module with ``replaces: <id>`` takes the place of an inherited module; a
    :class:`~asan_core.model.ModuleChange` with ``action: drop`` removes one.

    :param country: the country being resolved.
    :returns: modules and module changes.

    Example::

        @hookimpl
        def asan_curriculum_modules(country):
            return DATA.records("curriculum", country)
    """


@hookspec
def asan_planning(country: Country) -> list[PlanningSettings]:
    """Contribute the assumptions of ``country``'s capacity plan (``asan plan``).

    *Since contract 2.2.*
    The core contributes starting values for every field, marked illustrative; each field a
    country's record sets replaces the value before it (plugins in registration order).
    :param country: the country being resolved.
    :returns: :class:`~asan_core.model.PlanningSettings` records (usually one).

    Example::

        @hookimpl
        def asan_planning(country):
            return DATA.records("planning", country)
    """


@hookspec
def asan_demand(country: Country) -> list[Demand]:
    """Contribute the applications each centre expects per day, for ``asan plan``.

    *Since contract 2.2.* At most one record per centre across all plugins.

    :param country: the country being resolved.
    :returns: :class:`~asan_core.model.Demand` records.

    Example::

        @hookimpl
        def asan_demand(country):
            return DATA.records("demand", country)
    """


# ---------------------------------------------------------------------------------------
# Templates and translations
# ---------------------------------------------------------------------------------------


@hookspec
def asan_template_dirs(country: Country) -> list[Path]:
    """Contribute folders of Jinja2 templates that override the core's for ``country``.

    A template found in a plugin's folder is used instead of the core's template of the
    same name; later-registered plugins win over earlier ones.

    :param country: the country being rendered.
    :returns: existing folders.

    Example::

        @hookimpl
        def asan_template_dirs(country):
            return [DATA.package_dir / "templates"] if country.code == "AF" else []
    """


@hookspec
def asan_locale_dirs(country: Country) -> list[Path]:
    """Contribute gettext catalog folders (``<locale>/LC_MESSAGES/*.po``) for ``country``.

    A plugin's catalogs take precedence over the core's, so a plugin can both translate
    its own strings and override core wording.

    :param country: the country being rendered.
    :returns: existing folders.

    Example::

        @hookimpl
        def asan_locale_dirs(country):
            return [DATA.package_dir / "locales"] if country.code == "AF" else []
    """


@hookspec
def asan_language_packs() -> list[LanguagePack]:
    """Add a language to the core's shared content and interface, for every country.

    *Since contract 2.1.* A language pack is a plugin that only translates: its catalogs
    (``messages.po`` for the interface, ``content.po`` for the principles and curriculum)
    serve every country that declares the pack's locale, or a locale of the same
    language. A country's own plugin catalogs win over a pack; a pack wins over the
    core's catalogs.

    :returns: :class:`~asan_core.contract.translations.LanguagePack` records.

    Example::

        @hookimpl
        def asan_language_packs():
            return [LanguagePack(locale="uz", catalogs=Path(__file__).parent / "locales")]
    """


@hookspec
def asan_fonts(country: Country) -> list[FontFace]:
    """Declare the typefaces the kit uses for scripts or locales, with their font files.

    *Since contract 2.1.* The core declares one face per script it knows (Noto, bundled
    with its licence); a plugin's answer wins over the core's for the scripts or locales
    it names (plugins registered later are asked first). The kit copies the files of
    every face it uses into ``assets/fonts/`` with the licence beside them.

    :param country: the country being rendered.
    :returns: :class:`~asan_core.contract.typography.FontFace` records.

    Example::

        @hookimpl
        def asan_fonts(country):
            here = Path(__file__).parent / "fonts"
            return [
                FontFace(
                    family="Noto Nastaliq Urdu",
                    locales=["ur"],
                    files=[here / "NotoNastaliqUrdu-Regular.ttf"],
                    licence=here / "OFL.txt",
                )
            ]
    """


# ---------------------------------------------------------------------------------------
# Behaviour
# ---------------------------------------------------------------------------------------


@hookspec(firstresult=True)
def asan_yearly_dates(
    calendar: str, month: int, day: int, start: dt.date, end: dt.date
) -> list[dt.date] | None:
    """Expand a yearly date of ``calendar`` ("1 Hamal") into Gregorian dates; ``firstresult``.

    *Since contract 2.1.* A holiday may be written as a day of the country's calendar
    that recurs every year (``yearly: {month: 1, day: 1}``); the core asks the calendar's
    plugin for its Gregorian dates between ``start`` and ``end`` (inclusive). Return
    ``None`` for a calendar you do not provide.

    :param calendar: the calendar id (``country.calendar``).
    :param month: the month of that calendar, 1-based.
    :param day: the day of that month, 1-based.
    :param start: the first Gregorian day wanted.
    :param end: the last Gregorian day wanted.
    :returns: the dates, in order, or ``None``.

    Example::

        @hookimpl
        def asan_yearly_dates(calendar, month, day, start, end):
            if calendar != "solar_hijri":
                return None
            return [to_gregorian(y, month, day) for y in years_between(start, end)]
    """


@hookspec(firstresult=True)
def asan_format_date(country: Country, date: dt.date, locale: str, style: str) -> str | None:
    """Format ``date`` in ``country``'s calendar for ``locale``; ``firstresult``.

    The first non-``None`` answer wins (plugins registered later are asked first; the
    core's Gregorian formatter answers last). Return ``None`` for a calendar or locale you
    do not handle.

    :param country: the country whose calendar applies (``country.calendar``).
    :param date: the Gregorian date to format.
    :param locale: the locale to format for, one of ``country.locales``.
    :param style: ``"long"``, ``"medium"`` or ``"short"``.
    :returns: the formatted date, or ``None``.

    Example::

        @hookimpl
        def asan_format_date(country, date, locale, style):
            if country.calendar != "solar_hijri" or locale == "en":
                return None
            return format_solar_hijri(date, locale, style)
    """


@hookspec(firstresult=True)
def asan_validate_identifier(country: Country, kind: str, value: str) -> IdentifierCheck | None:
    """Check an identifier such as a national ID number; ``firstresult``.

    :param country: the country whose identifier it is.
    :param kind: which identifier, e.g. ``"personal_id"``.
    :param value: what the citizen wrote.
    :returns: an :class:`~asan_core.contract.identifiers.IdentifierCheck`, or ``None`` when the
        plugin does not know this country or kind.

    Example::

        @hookimpl
        def asan_validate_identifier(country, kind, value):
            if country.code != "AZ" or kind != "personal_id":
                return None
            return IdentifierCheck.of(value, r"[0-9A-Z]{7}", "7 letters and digits")
    """


@hookspec
def asan_conformance_rules() -> list[ConformanceRule]:
    """Contribute conformance rules that ``asan check`` runs on every country.

    The core's own rules are contributed the same way. A rule decides for itself which
    countries it applies to (return no findings for the others).

    :returns: :class:`~asan_core.contract.rules.ConformanceRule` objects.

    Example::

        @hookimpl
        def asan_conformance_rules():
            return [ConformanceRule(id="af.tazkira-office", principle="comfort", ...)]
    """


@hookspec
def asan_indicators(country: Country) -> list[Indicator]:
    """Contribute the indicators ``asan ops`` measures from queue tickets and ratings.

    *Since contract 2.2.* The core contributes its indicators (one or more per principle)
    the same way. An indicator whose id is already declared replaces it: a country changes
    a definition (another percentile, another target) by returning an indicator with the
    same id; plugins registered later win. Targets are data: an indicator names one of the
    country's ``targets`` (``waiting_minutes``), so a country changes a target in its
    ``country.yaml`` without touching an indicator.

    :param country: the country being resolved; return ``[]`` for countries you do not
        contribute to.
    :returns: :class:`~asan_core.contract.indicators.Indicator` records.

    Example::

        @hookimpl
        def asan_indicators(country):
            if country.code != "AF":
                return []
            return [
                Indicator(
                    id="efficiency.waiting_p75",
                    principle="efficiency",
                    label="Waiting time, 75th percentile",
                    table="tickets",
                    expression="quantile_cont(wait_minutes, 0.75) FILTER (WHERE called)",
                    unit="minutes",
                    better="lower",
                    target="waiting_minutes",
                )
            ]
    """
