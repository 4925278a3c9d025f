"""Resolve a country: ask the plugins once, merge, cross-check, return the Franchise.

This is the only module that calls hooks on behalf of services. It decides how answers
are merged and ordered, checks every cross-reference, and either returns an immutable
:class:`~asan_core.contract.franchise.Franchise` or raises
:class:`~asan_core.base.problems.ProblemsError` with every problem found, each located in
its plugin, file, line and field.
"""

from __future__ import annotations

import datetime as dt
import os
from functools import partial
from pathlib import Path
from typing import Any, TypeVar

from asan_core.base.problems import Problem, ProblemsError
from asan_core.base.resources import locales_dir
from asan_core.contract.franchise import DateFormatter, Franchise, PluginAnswers, PluginVersion
from asan_core.contract.host import PluginHost, get_plugin_manager
from asan_core.contract.identifiers import IdentifierCheck
from asan_core.contract.indicators import Indicator
from asan_core.contract.locate import problem_at
from asan_core.contract.record_kinds import RECORD_KINDS, RecordKind
from asan_core.contract.rules import ConformanceRule
from asan_core.contract.translations import CatalogSource, LanguagePack
from asan_core.contract.typography import FontFace
from asan_core.franchise.cross_check import CrossChecker
from asan_core.franchise.merge import merge_curriculum, merge_principles, unique_ids
from asan_core.franchise.planning import check_demand, merge_planning
from asan_core.franchise.translate import Translator
from asan_core.model import (
    Agency,
    Centre,
    Country,
    CoverageRecord,
    DatedHoliday,
    Demand,
    LegalResource,
    Origin,
    PlanningSettings,
    Record,
    Service,
)
from asan_core.plugin_kit.country_data import CountryData

R = TypeVar("R", bound=Record)


def find_country(host: PluginHost, query: str) -> tuple[Country, str]:
    """The country ``query`` names (ISO code in any case, or a name in any locale), and the
    plugin that declares it.

    Raises ProblemsError naming the installed countries when nothing matches.
    """
    country, owner, _ = _find_country(host, query)
    return country, owner


def _find_country(host: PluginHost, query: str) -> tuple[Country, str, set[str]]:
    """:func:`find_country`, and the codes of every country the plugins declare (asked of
    them once)."""
    declared: dict[str, tuple[Country, str]] = {}
    problems: list[Problem] = []
    duplicates: dict[str, list[Problem]] = {}
    for plugin, answer in host.call_each("asan_countries"):
        for country in answer or []:
            if not isinstance(country, Country):
                problems.append(
                    Problem(
                        f"asan_countries returned {type(country).__name__}, expected Country",
                        plugin=plugin,
                        hint="return records from CountryData.countries()",
                    )
                )
                continue
            country = _claimed(country, plugin)
            if country.code in declared:
                first = declared[country.code][0]
                duplicates.setdefault(country.code, []).append(
                    problem_at(
                        country,
                        "code",
                        f"country {country.code} is declared twice: by "
                        f"{_describe(first)} and by {_describe(country)}",
                        hint="a country is owned by one plugin; the other may contribute "
                        "records to it",
                    )
                )
                continue
            declared[country.code] = (country, plugin)
    wanted = query.strip()
    match = declared.get(wanted.upper())
    if match is None:
        folded = wanted.casefold()
        for country, plugin in declared.values():
            if any(name.casefold() == folded for name in country.name.values()):
                match = (country, plugin)
    if match is not None:
        if match[0].code in duplicates:
            raise ProblemsError(duplicates[match[0].code])
        return match[0], match[1], set(declared)
    known = ", ".join(sorted(declared)) or "none"
    hint = f"installed countries: {known}; 'asan countries' lists them"
    failed = [f.plugin for f in host.failures]
    if failed:
        hint += f"; these plugins failed and may have declared it: {', '.join(failed)}"
    for failure in host.failures:
        problems.extend(failure.as_problems())  # the cause, located where the plugin can
    raise ProblemsError([*problems, Problem(f"unknown country {query!r}", hint=hint)])


def _undeclared_countries(host: PluginHost, country: Country, declared: set[str]) -> list[Problem]:
    """Records files naming a country not in ``declared``, in the data plugins that
    contribute to ``country`` (a typo in one of them would otherwise show only as records
    missing from ``country``; another country's plugins are not its concern)."""
    found: list[Problem] = []
    for _, plugin in host.manager.list_name_plugin():
        data = getattr(plugin, "data", None)
        if isinstance(data, CountryData) and country.code in data.country_codes():
            found.extend(data.undeclared(declared))
    return found


def wrong_answer(
    hook: str, value: object, expected: str, plugin: str, hint: str | None = None
) -> Problem:
    """A plugin's hook returned something other than what the contract says."""
    return Problem(
        f"{hook} returned {type(value).__name__}, expected {expected}", plugin=plugin, hint=hint
    )


def _claimed(record: R, plugin: str) -> R:
    """``record`` marked as contributed by ``plugin`` (its registered name)."""
    origin = record.origin
    if origin is None:
        return record.with_origin(Origin(plugin=plugin))
    if origin.plugin != plugin:
        return record.with_origin(origin.model_copy(update={"plugin": plugin}))
    return record


def _describe(record: Record) -> str:
    return record.origin.describe() if record.origin else "an unknown plugin"


def resolve(country: str, host: PluginHost | None = None, *, as_written: bool = False) -> Franchise:
    """Resolve ``country`` (code or name) into a validated :class:`Franchise`.

    Every hook is called here, plugin by plugin: a plugin that raises is named and the
    others still answer; the problems of all of them are reported together.

    :param country: ISO 3166-1 code (any case) or the country's name in one of its locales.
    :param host: the plugin host; a fresh one from :func:`get_plugin_manager` by default.
    :param as_written: the records as their data files write them — no catalog applied,
        yearly holidays not expanded into dates — for extracting texts to translate and
        moving inline translations into catalogs. Not for showing.
    :raises ProblemsError: with every problem found, located.
    """
    host = host or get_plugin_manager()
    found, owner, declared = _find_country(host, country)
    failures_before = len(host.failures)
    problems: list[Problem] = _undeclared_countries(host, found, declared)
    contributors: list[str] = []
    collected: dict[str, list[Record]] = {}
    for kind in RECORD_KINDS:
        collected[kind.name] = _records_of(host, kind, found, problems, contributors)
    answers = _plugin_answers(host, found, problems)
    problems.extend(_failure_problems(host, failures_before))
    if problems:
        raise ProblemsError(_unique(problems))

    principles, principle_changes = merge_principles(collected["principles"], problems)
    curriculum, curriculum_changes = merge_curriculum(collected["curriculum"], problems)
    agencies = unique_ids(_of(Agency, collected["agencies"]), problems)
    services = unique_ids(_of(Service, collected["services"]), problems)
    centres = unique_ids(_of(Centre, collected["centres"]), problems)
    legal = unique_ids(_of(LegalResource, collected["legal_resources"]), problems)
    coverage = _of(CoverageRecord, collected["coverage"])
    planning = merge_planning(_of(PlanningSettings, collected["planning"]), found, problems)
    demand = _of(Demand, collected["demand"])
    problems.extend(check_demand(demand, planning, centres, services, found))

    # A module may still name a principle the country dropped: the module keeps teaching it,
    # and `check` shows the drop (principles.changed), so that is not a broken reference.
    dropped = {c.id for c in principle_changes if c.action == "drop"}
    checker = CrossChecker(
        found, agencies, services, centres, legal, curriculum, principles, dropped
    )
    problems.extend(checker.run(coverage, set(answers.calendars)))
    area_coverage = checker.area_coverage(coverage)
    uncovered = [a.area for a in area_coverage if not a.centres and not a.divisions]
    if uncovered:
        problems.append(
            problem_at(
                found,
                None,
                f"{len(uncovered)} area(s) of {found.code} have neither a centre nor a fallback "
                f"agency division: {', '.join(uncovered)}",
                hint="give an agency a division with these areas (or whole_country: true), "
                "or add coverage records naming the centre that serves them",
            )
        )
    problems.extend(_failure_problems(host, failures_before))
    if problems:
        raise ProblemsError(_unique(problems))
    # Translation comes last: it fills texts, never changes what a record is; then each
    # yearly holiday (translated as written) becomes its dates.
    try:
        translator = Translator(() if as_written else answers.catalog_chain, found)
        country_record = translator.record(found)
    except ProblemsError as exc:  # an unreadable catalog, located
        raise ProblemsError(_unique(exc.problems)) from None
    holidays: tuple[DatedHoliday, ...] = ()
    if not as_written:
        holidays = dated_holidays(country_record, answers, problems)
        if problems:
            raise ProblemsError(_unique(problems))
    try:
        # Every part is a validated record or built here from them: constructed, not
        # validated again, so the Franchise's own schema (about 2 % of a check's work) is
        # built only if something validates or serializes one (`defer_build`).
        return Franchise.model_construct(
            country=country_record,
            holidays=holidays,
            owner=owner,
            contributors=tuple(sorted(contributors, key=_registration_order(host))),
            principles=translator.records(principles),
            principle_changes=translator.records(principle_changes),
            agencies=translator.records(agencies),
            services=translator.records(services),
            centres=translator.records(centres),
            coverage=tuple(coverage),
            planning=planning,
            demand=tuple(demand),
            legal_resources=translator.records(legal),
            curriculum=translator.records(curriculum),
            curriculum_changes=translator.records(curriculum_changes),
            area_coverage=tuple(area_coverage),
            plugins=answers,
            translations=translator.ledger,
        )
    except ProblemsError as exc:  # an unreadable catalog, located
        raise ProblemsError(_unique(exc.problems)) from None


def holiday_years(country: Country) -> tuple[int, int]:
    """The Gregorian years yearly holidays are expanded for: ``holiday_years``, else the
    years of the dated holidays, else the build's year (``SOURCE_DATE_EPOCH``, or today)
    and the next."""
    if country.holiday_years is not None:
        return country.holiday_years
    years = [h.date.year for h in country.holidays if h.date is not None]
    if years:
        return min(years), max(years)
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "")
    today = (
        dt.datetime.fromtimestamp(int(epoch), dt.UTC).date() if epoch.isdigit() else dt.date.today()
    )
    return today.year, today.year + 1


def dated_holidays(
    country: Country, answers: PluginAnswers, problems: list[Problem]
) -> tuple[DatedHoliday, ...]:
    """Every holiday of ``country`` with its Gregorian date, in date order: a dated one as it
    is, a yearly one once per year of :func:`holiday_years` (``asan_yearly_dates``)."""
    first, last = holiday_years(country)
    start, end = dt.date(first, 1, 1), dt.date(last, 12, 31)
    holidays: list[DatedHoliday] = []
    for index, holiday in enumerate(country.holidays):
        if holiday.yearly is None:
            assert holiday.date is not None  # a holiday has a date or a yearly day
            holidays.append(DatedHoliday.of(holiday, holiday.date))
            continue
        if answers.yearly_dates is None:  # only for a Franchise built without resolve()
            raise ProblemsError([Problem("yearly holidays need the calendar plugins' answers")])
        try:
            dates = answers.yearly_dates(
                country.calendar, holiday.yearly.month, holiday.yearly.day, start, end
            )
        except ProblemsError as exc:
            problems.extend(
                problem_at(country, f"holidays[{index}].yearly", p.message, hint=p.hint)
                for p in exc.problems
            )
            continue
        if not dates and not answers.yearly_dates(
            country.calendar,
            holiday.yearly.month,
            holiday.yearly.day,
            dt.date(1950, 1, 1),
            dt.date(2150, 12, 31),
        ):  # a day no year has; one that only some years have (29 February) is no error
            problems.append(
                problem_at(
                    country,
                    f"holidays[{index}].yearly",
                    f"month {holiday.yearly.month}, day {holiday.yearly.day} of the "
                    f"{country.calendar!r} calendar is a day no year has",
                    hint="check the month and the day in the country's calendar",
                )
            )
        holidays.extend(DatedHoliday.of(holiday, d) for d in dates)
    return tuple(sorted(holidays, key=lambda h: h.date))


def _of(model: type[R], records: list[Record]) -> list[R]:
    return [r for r in records if isinstance(r, model)]


def _records_of(
    host: PluginHost,
    kind: RecordKind,
    country: Country,
    problems: list[Problem],
    contributors: list[str],
) -> list[Record]:
    """Every record of ``kind`` the plugins contribute to ``country``, marked with its plugin."""
    items: list[Record] = []
    for plugin, answer in host.call_each(kind.hook, country=country):
        if not answer:
            continue
        if not isinstance(answer, list | tuple):
            problems.append(
                Problem(
                    f"{kind.hook} returned {type(answer).__name__}, expected a list",
                    plugin=plugin,
                )
            )
            continue
        for item in answer:
            if not isinstance(item, kind.types):
                expected = " or ".join(t.__name__ for t in kind.types)
                problems.append(
                    Problem(
                        f"{kind.hook} returned a {type(item).__name__}, expected {expected}",
                        plugin=plugin,
                    )
                )
                continue
            items.append(_claimed(item, plugin))
        if plugin not in contributors:
            contributors.append(plugin)
    return items


def _plugin_answers(host: PluginHost, country: Country, problems: list[Problem]) -> PluginAnswers:
    """What the plugins answer beyond records, asked once, each plugin on its own."""
    folders: dict[str, list[tuple[str, Path]]] = {}
    for hook in ("asan_template_dirs", "asan_locale_dirs"):
        answers = host.call_each(hook, country=country)
        # Later-registered plugins win: their folders come first.
        folders[hook] = [
            (plugin, Path(d)) for plugin, answer in reversed(answers) for d in (answer or [])
        ]
    chain = [
        CatalogSource("country plugin", d, plugin) for plugin, d in folders["asan_locale_dirs"]
    ]
    chain += language_packs(host, country, problems)
    chain.append(CatalogSource("core", locales_dir()))
    indicators_by = _indicators(host, country, problems)
    indicators = {key: indicator for key, (_, indicator) in indicators_by.items()}
    return PluginAnswers(
        format_date=date_formatting(host),
        check_identifier=partial(_check_identifier, host),
        template_dirs=tuple(d for _, d in folders["asan_template_dirs"]),
        locale_dirs=tuple(d for _, d in folders["asan_locale_dirs"]),
        catalog_chain=tuple(chain),
        fonts=tuple(_fonts(host, country, problems)),
        yearly_dates=partial(_yearly_dates, host),
        calendars=frozenset(installed_calendars(host)),
        rules=tuple(_rules(host, problems)),
        indicators=tuple(indicators.values()),
        indicator_plugins={i: plugin for i, (plugin, _) in indicators_by.items()},
        versions=tuple(
            PluginVersion(info.name, info.distribution, info.version) for info in host.info()
        ),
    )


def language_packs(
    host: PluginHost, country: Country | None, problems: list[Problem]
) -> list[CatalogSource]:
    """The installed language packs (for ``country``'s languages, when one is given), the
    later-registered first."""
    locales = list(country.locales) if country else None
    found: list[CatalogSource] = []
    for plugin, answer in reversed(host.call_each("asan_language_packs")):
        for pack in answer or []:
            if not isinstance(pack, LanguagePack):
                problems.append(
                    wrong_answer(
                        "asan_language_packs",
                        pack,
                        "LanguagePack",
                        plugin,
                        hint="return LanguagePack(locale=..., catalogs=...) records",
                    )
                )
                continue
            source = CatalogSource(
                "language pack", pack.catalogs, plugin, pack.status, locale=pack.locale
            )
            if locales is not None and not any(
                source.serves(candidate)
                for loc in locales
                for candidate in (loc, loc.split("_")[0])
            ):
                continue  # a pack for another language: not this country's concern
            if not pack.catalogs.is_dir():
                problems.append(
                    Problem(
                        f"the language pack for {pack.locale} names a catalog folder that "
                        f"does not exist: {pack.catalogs}",
                        plugin=plugin,
                        hint="ship the locales/ folder in the package (check the wheel's "
                        "package data)",
                    )
                )
                continue
            found.append(source)
    return found


def _fonts(host: PluginHost, country: Country, problems: list[Problem]) -> list[FontFace]:
    faces: list[FontFace] = []
    for plugin, answer in reversed(host.call_each("asan_fonts", country=country)):
        for face in answer or []:
            if not isinstance(face, FontFace):
                problems.append(wrong_answer("asan_fonts", face, "FontFace", plugin))
                continue
            missing = [f for f in (*face.files, face.licence) if not Path(f).is_file()]
            if missing:
                problems.append(
                    Problem(
                        f"the font {face.family!r} names files that do not exist: "
                        + ", ".join(str(m) for m in missing),
                        plugin=plugin,
                        hint="ship the font files and their licence in the package",
                    )
                )
                continue
            faces.append(face)
    return faces


def _yearly_dates(
    host: PluginHost, calendar: str, month: int, day: int, start: dt.date, end: dt.date
) -> list[dt.date]:
    answer = host.call_first(
        "asan_yearly_dates", calendar=calendar, month=month, day=day, start=start, end=end
    )
    if isinstance(answer, tuple):
        answer = list(answer)
    if not isinstance(answer, list):
        raise ProblemsError(
            [
                Problem(
                    f"no installed plugin expands yearly dates of the {calendar!r} calendar",
                    hint="install the plugin that provides the calendar (asan calendars "
                    "lists them), or write the holiday as dated records",
                )
            ]
        )
    return [d for d in answer if isinstance(d, dt.date) and start <= d <= end]


def date_formatting(host: PluginHost) -> DateFormatter:
    """The plugins' ``asan_format_date`` answers as one function (the first that answers)."""
    return partial(_format_date, host)


def _format_date(host: PluginHost, country: Country, date: dt.date, locale: str, style: str) -> str:
    answer = host.call_first(
        "asan_format_date", country=country, date=date, locale=locale, style=style
    )
    if not isinstance(answer, str):
        raise ProblemsError(
            [
                Problem(
                    f"no plugin formats dates of the {country.calendar!r} calendar in {locale}",
                    hint="install the plugin that provides the calendar",
                )
            ]
        )
    return answer


def _check_identifier(
    host: PluginHost, country: Country, kind: str, value: str
) -> IdentifierCheck | None:
    answer = host.call_first("asan_validate_identifier", country=country, kind=kind, value=value)
    return answer if isinstance(answer, IdentifierCheck) else None


def _rules(host: PluginHost, problems: list[Problem]) -> list[ConformanceRule]:
    """Every rule from every plugin; a duplicate rule id is a problem naming the plugin."""
    rules: dict[str, ConformanceRule] = {}
    for plugin, answer in host.call_each("asan_conformance_rules"):
        for rule in answer or []:
            if not isinstance(rule, ConformanceRule):
                problems.append(
                    wrong_answer("asan_conformance_rules", rule, "ConformanceRule", plugin)
                )
            elif rule.id in rules:
                problems.append(
                    Problem(f"conformance rule {rule.id!r} is defined twice", plugin=plugin)
                )
            else:
                rules[rule.id] = rule
    return list(rules.values())


def _indicators(
    host: PluginHost, country: Country, problems: list[Problem]
) -> dict[str, tuple[str, Indicator]]:
    """Every indicator by id with its plugin; a later-registered plugin's definition of an
    id replaces an earlier one (the order of first declaration is kept)."""
    found: dict[str, tuple[str, Indicator]] = {}
    for plugin, answer in host.call_each("asan_indicators", country=country):
        if answer is None:
            continue
        if not isinstance(answer, list | tuple):
            problems.append(wrong_answer("asan_indicators", answer, "a list", plugin))
            continue
        for indicator in answer:
            if not isinstance(indicator, Indicator):
                problems.append(
                    wrong_answer(
                        "asan_indicators",
                        indicator,
                        "Indicator",
                        plugin,
                        hint="return asan_core.contract.indicators.Indicator records",
                    )
                )
                continue
            found[indicator.id] = (plugin, indicator)
    return found


def installed_calendars(host: PluginHost | None = None) -> dict[str, str | None]:
    """Calendar ids the installed plugins provide, with the distribution providing each
    (``None`` for the core's own, or a plugin not installed as a distribution).

    For services that work before any country resolves (``asan new country``).
    """
    host = host or get_plugin_manager()
    found: dict[str, str | None] = {}
    for plugin, answer in host.call_each("asan_calendars"):
        dist = host.distributions.get(plugin)
        for calendar in answer or []:
            found.setdefault(str(calendar), dist[0] if dist else None)
    return found


def _registration_order(host: PluginHost) -> Any:
    order = {name: i for i, name in enumerate(host.plugin_names())}
    return lambda name: order.get(name, len(order))


def _failure_problems(host: PluginHost, since: int) -> list[Problem]:
    return [problem for failure in host.failures[since:] for problem in failure.as_problems()]


def _unique(problems: list[Problem]) -> list[Problem]:
    return list(dict.fromkeys(problems))
