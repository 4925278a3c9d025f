"""The hook contract: every hook is documented and has a test named after it.

Each ``test_asan_*`` below shows one hook doing its job through the public API
(``get_plugin_manager`` and ``resolve``), with a plugin written in the test.
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path
from typing import Any

import pytest
from docgen import hook_names, hook_signature, hooks_markdown

import asan_core
from asan_core import hookimpl
from asan_core.base.problems import ProblemsError
from asan_core.builtins.curriculum import core_modules
from asan_core.checks.run import run_checks
from asan_core.contract.franchise import Franchise
from asan_core.contract.host import get_plugin_manager
from asan_core.contract.identifiers import IdentifierCheck
from asan_core.contract.rules import ConformanceRule, Finding, Severity
from asan_core.franchise import resolve
from asan_core.model import (
    Agency,
    Centre,
    CoverageRecord,
    CurriculumModule,
    Demand,
    LegalResource,
    ModuleChange,
    PlanningSettings,
    PrincipleChange,
    Service,
)
from tests.conftest import FixturePlugin

ROOT = Path(__file__).resolve().parent.parent


def with_plugin(plugin_name: str = "test_plugin", **hooks: Any) -> Any:
    """A plugin object named ``plugin_name`` whose hookimpls are the given functions."""
    namespace: dict[str, Any] = {k: staticmethod(hookimpl(f)) for k, f in hooks.items()}
    namespace["__name__"] = plugin_name
    return type(plugin_name, (), namespace)()


def host_with(plugin: Any) -> Any:
    return get_plugin_manager(extra_plugins=[plugin])


ILLUSTRATIVE = {"illustrative": True}


def test_every_hook_is_documented_with_its_exact_signature() -> None:
    page = (ROOT / "docs" / "hooks.md").read_text(encoding="utf-8")
    assert page == hooks_markdown(), "docs/hooks.md is stale: run python scripts/docgen.py"
    for name in hook_names():
        assert f"## {name}\n" in page
        assert hook_signature(name) in page


def test_every_hook_has_a_test_named_after_it() -> None:
    tests = "\n".join(p.read_text(encoding="utf-8") for p in (ROOT / "tests").glob("test_*.py"))
    defined = re.findall(r"^def (test_\w+)", tests, flags=re.MULTILINE)
    missing = [
        name for name in hook_names() if not any(t.startswith(f"test_{name}") for t in defined)
    ]
    assert not missing, f"hooks without a test named after them: {missing}"


def test_asan_countries_declares_the_fixture_country(country_plugin: FixturePlugin) -> None:
    franchise = resolve("UZ")
    assert franchise.country.code == "UZ"
    assert franchise.owner.startswith(country_plugin.name)


def test_asan_countries_refuses_a_country_declared_twice(
    country_plugin: FixturePlugin,
) -> None:
    twin = with_plugin(asan_countries=lambda: [resolve("UZ").country.model_copy()])
    with pytest.raises(ProblemsError, match="country UZ is declared twice"):
        resolve("UZ", host_with(twin))


def test_asan_calendars_must_cover_the_country_calendar(country_plugin: FixturePlugin) -> None:
    country_plugin.replace("country.yaml", "currency: UZS", "currency: UZS\n  calendar: lunar")
    with pytest.raises(ProblemsError, match="no installed plugin provides the calendar 'lunar'"):
        resolve("UZ")
    lunar = with_plugin(asan_calendars=lambda: ["lunar"])
    assert resolve("UZ", host_with(lunar)).country.calendar == "lunar"


def test_asan_agencies_from_another_plugin_join_the_country(
    country_plugin: FixturePlugin,
) -> None:
    def asan_agencies(country: Any) -> list[Agency]:
        return [Agency(id="tax", kind="state_service", name={"en": "Tax"}, provenance=ILLUSTRATIVE)]

    franchise = resolve("UZ", host_with(with_plugin(asan_agencies=asan_agencies)))
    assert franchise.agency("tax").origin is not None
    assert [a.id for a in franchise.agencies] == ["interior", "justice", "tax"]


def test_asan_services_lets_a_ministry_add_to_a_country_it_does_not_own(
    country_plugin: FixturePlugin,
) -> None:
    def asan_services(country: Any) -> list[Service]:
        if country.code != "UZ":
            return []
        return [
            Service(
                id="apostille",
                title={"en": "Apostille"},
                description={"en": "Apostille on a public document"},
                agency="justice",
                channels=["centre"],
                provenance=ILLUSTRATIVE,
            )
        ]

    ministry = with_plugin("ministry_of_justice", asan_services=asan_services)
    franchise = resolve("UZ", host_with(ministry))
    assert franchise.service("apostille").agency == "justice"
    assert franchise.service("apostille").origin.plugin == "ministry_of_justice"
    assert franchise.contributors[-1] == "ministry_of_justice"
    assert franchise.owner != "ministry_of_justice"
    assert len(franchise.services) == 3


def test_asan_services_returning_the_wrong_type_is_named(country_plugin: FixturePlugin) -> None:
    bad = with_plugin(asan_services=lambda country: [{"id": "x"}])
    with pytest.raises(ProblemsError, match="asan_services returned a dict, expected Service"):
        resolve("UZ", host_with(bad))


def test_asan_centres_adds_a_mobile_unit(country_plugin: FixturePlugin) -> None:
    def asan_centres(country: Any) -> list[Centre]:
        return [
            Centre(
                id="bus-1",
                kind="mobile",
                name={"en": "Mobile centre"},
                serves_areas=["UZ-SA", "UZ-BU"],
                all_services=True,
                provenance=ILLUSTRATIVE,
            )
        ]

    franchise = resolve("UZ", host_with(with_plugin(asan_centres=asan_centres)))
    bus = franchise.centre("bus-1")
    assert [s.id for s in franchise.services_at(bus)] == ["id-card"]
    coverage = {a.area: a for a in franchise.area_coverage}
    assert coverage["UZ-SA"].centres == ("bus-1",)


def test_asan_coverage_names_the_centre_serving_an_area(country_plugin: FixturePlugin) -> None:
    def asan_coverage(country: Any) -> list[CoverageRecord]:
        return [CoverageRecord(area="UZ-TO", centre="tashkent-1", provenance=ILLUSTRATIVE)]

    franchise = resolve("UZ", host_with(with_plugin(asan_coverage=asan_coverage)))
    coverage = {a.area: a for a in franchise.area_coverage}
    assert coverage["UZ-TO"].centres == ("tashkent-1",)
    assert coverage["UZ-TO"].served_by_centre


def test_asan_coverage_naming_an_unknown_centre_is_rejected(
    country_plugin: FixturePlugin,
) -> None:
    def asan_coverage(country: Any) -> list[CoverageRecord]:
        return [CoverageRecord(area="UZ-TO", centre="nowhere", provenance=ILLUSTRATIVE)]

    with pytest.raises(ProblemsError, match="'nowhere' is not a known centre of UZ"):
        resolve("UZ", host_with(with_plugin(asan_coverage=asan_coverage)))


def test_asan_legal_resources_are_referenced_by_services(country_plugin: FixturePlugin) -> None:
    def asan_legal_resources(country: Any) -> list[LegalResource]:
        return [
            LegalResource(id="code-2020", title={"en": "Code"}, number="1", provenance=ILLUSTRATIVE)
        ]

    franchise = resolve("UZ", host_with(with_plugin(asan_legal_resources=asan_legal_resources)))
    assert franchise.legal_resource("code-2020").number == "1"
    assert franchise.legal_resource("centres-act").title["en"] == "Act on the centres"


def test_asan_principles_adapt_drop_and_add(country_plugin: FixturePlugin) -> None:
    reason = {"en": "the country's own charter"}

    def asan_principles(country: Any) -> list[Any]:
        return [
            PrincipleChange(
                id="politeness",
                action="adapt",
                name={"en": "Gentleness"},
                reason=reason,
                provenance=ILLUSTRATIVE,
            ),
            PrincipleChange(id="ethics", action="drop", reason=reason, provenance=ILLUSTRATIVE),
            PrincipleChange(
                id="inclusion",
                action="add",
                name={"en": "Inclusion"},
                definition={"en": "Everyone is served."},
                reason=reason,
                provenance=ILLUSTRATIVE,
            ),
        ]

    franchise = resolve("UZ", host_with(with_plugin(asan_principles=asan_principles)))
    names = {p.id: p.name["en"] for p in franchise.principles}
    assert names == {
        "efficiency": "Efficiency",
        "transparency": "Transparency",
        "politeness": "Gentleness",
        "responsibility": "Responsibility",
        "comfort": "Comfort",
        "inclusion": "Inclusion",
    }
    politeness = next(p for p in franchise.principles if p.id == "politeness")
    assert politeness.definition["ru"].startswith("Каждого гражданина")  # kept from the core
    assert [c.action for c in franchise.principle_changes] == ["adapt", "drop", "add"]


def test_asan_principles_change_of_an_unknown_principle_is_rejected(
    country_plugin: FixturePlugin,
) -> None:
    change = PrincipleChange(id="speed", action="drop", reason={"en": "x"}, provenance=ILLUSTRATIVE)
    with pytest.raises(ProblemsError, match="there is no principle 'speed' to drop"):
        resolve("UZ", host_with(with_plugin(asan_principles=lambda country: [change])))


def _module(module_id: str, **extra: Any) -> CurriculumModule:
    return CurriculumModule(
        id=module_id,
        title={"en": module_id},
        roles=["volunteer"],
        principles=["politeness"],
        objectives=[{"en": "Greet every citizen."}],
        duration_minutes=45,
        content={"en": "Content."},
        provenance=ILLUSTRATIVE,
        **extra,
    )


def test_asan_curriculum_modules_add_replace_and_drop(country_plugin: FixturePlugin) -> None:
    core = with_plugin(
        "core_side", asan_curriculum_modules=lambda country: [_module("greeting"), _module("queue")]
    )
    drop = ModuleChange(
        id="queue", action="drop", reason={"en": "no e-queue yet"}, provenance=ILLUSTRATIVE
    )
    country_side = with_plugin(
        "country_side",
        asan_curriculum_modules=lambda country: [_module("greeting-af", replaces="greeting"), drop],
    )
    host = get_plugin_manager(extra_plugins=[core, country_side])
    franchise = resolve("UZ", host)
    core_ids = {m.id for m in core_modules()}
    ours = [m.id for m in franchise.curriculum if m.id not in core_ids]
    assert ours == ["greeting-af"]
    assert [c.id for c in franchise.curriculum_changes] == ["queue"]


def test_asan_template_dirs_and_locale_dirs_point_into_the_plugin(
    country_plugin: FixturePlugin,
) -> None:
    (country_plugin.package_dir / "templates").mkdir()
    (country_plugin.package_dir / "locales").mkdir()
    franchise = resolve("UZ")
    host = get_plugin_manager()
    template_dirs = host.manager.hook.asan_template_dirs(country=franchise.country)
    locale_dirs = host.manager.hook.asan_locale_dirs(country=franchise.country)
    assert [country_plugin.package_dir / "templates"] in template_dirs
    assert [country_plugin.package_dir / "locales"] in locale_dirs
    other = franchise.country.model_copy(update={"code": "KZ"})
    assert host.manager.hook.asan_template_dirs(country=other) == [[]]


def test_asan_locale_dirs_is_empty_without_the_folder(country_plugin: FixturePlugin) -> None:
    franchise = resolve("UZ")
    host = get_plugin_manager()
    assert host.manager.hook.asan_locale_dirs(country=franchise.country) == [[]]


def test_asan_format_date_asks_the_country_calendar_first(country_plugin: FixturePlugin) -> None:
    franchise = resolve("UZ")
    day = dt.date(2019, 3, 1)
    host = get_plugin_manager()
    gregorian = host.manager.hook.asan_format_date(
        country=franchise.country, date=day, locale="ru", style="long"
    )
    assert gregorian == "1 марта 2019\u202fг."  # CLDR puts a narrow no-break space

    def asan_format_date(country: Any, date: dt.date, locale: str, style: str) -> str | None:
        return f"day {date.toordinal()}" if locale == "uz" else None

    custom = host_with(with_plugin(asan_format_date=asan_format_date))
    ask = custom.manager.hook.asan_format_date
    assert ask(country=franchise.country, date=day, locale="uz", style="long") == "day 737119"
    assert ask(country=franchise.country, date=day, locale="en", style="long") == "March 1, 2019"


def test_asan_validate_identifier_answers_for_its_country(country_plugin: FixturePlugin) -> None:
    def asan_validate_identifier(country: Any, kind: str, value: str) -> IdentifierCheck | None:
        if country.code != "UZ" or kind != "personal_id":
            return None
        return IdentifierCheck.of(value, r"[0-9]{14}", "14 digits")

    host = host_with(with_plugin(asan_validate_identifier=asan_validate_identifier))
    franchise = resolve("UZ", host)
    good = franchise.check_identifier("personal_id", "3010 1990 1234 56")
    assert good is not None and (good.valid, good.normalised) == (True, "30101990123456")
    bad = franchise.check_identifier("personal_id", "12AB")
    assert bad is not None and not bad.valid and bad.message == "expected 14 digits, got '12AB'"
    assert franchise.check_identifier("passport", "x") is None


def test_asan_conformance_rules_from_a_plugin_run_in_check(
    country_plugin: FixturePlugin,
) -> None:
    @asan_core.rule(
        "uz.two-centres",
        "comfort",
        Severity.ERROR,
        "At least two centres.",
        "One centre is too far for most citizens.",
        "open a second centre",
    )
    def two_centres(this: ConformanceRule, franchise: Franchise) -> list[Finding]:
        return [] if len(franchise.centres) >= 2 else [this.finding("only one centre")]

    host = host_with(with_plugin(asan_conformance_rules=lambda: [two_centres]))
    report = run_checks(resolve("UZ", host))
    assert report.has_errors
    assert [f.message for f in report.findings if f.rule == "uz.two-centres"] == ["only one centre"]


def test_asan_planning_from_a_plugin_replaces_the_fields_it_sets(
    country_plugin: FixturePlugin,
) -> None:
    def asan_planning(country: Any) -> list[PlanningSettings]:
        return [
            PlanningSettings(
                target={"share": 0.9, "within_minutes": 10},
                provenance={"source": "Ministry of Justice service standard"},
            )
        ]

    franchise = resolve("UZ", host_with(with_plugin(asan_planning=asan_planning)))
    assert franchise.planning is not None
    assert franchise.planning.target is not None
    assert franchise.planning.target.share == 0.9
    assert franchise.planning.shrinkage == 0.3  # the core's starting value
    assert "shrinkage" in franchise.planning.provenance.illustrative_fields
    assert "target" not in franchise.planning.provenance.illustrative_fields


def test_asan_demand_from_a_plugin_is_planned(country_plugin: FixturePlugin) -> None:
    from asan_core.capacity import plan

    def asan_demand(country: Any) -> list[Demand]:
        return [Demand(centre="tashkent-1", total_per_day=400, provenance=ILLUSTRATIVE)]

    franchise = resolve("UZ", host_with(with_plugin(asan_demand=asan_demand)))
    result = plan(franchise)
    assert [c.centre for c in result.centres] == ["tashkent-1"]
    assert result.centres[0].applications == pytest.approx(400)


def test_asan_indicators_adds_and_replaces_indicators_by_id(
    country_plugin: FixturePlugin,
) -> None:
    from asan_core.contract.indicators import Indicator

    changed = Indicator(
        id="efficiency.waiting_median",
        principle="efficiency",
        label="Waiting time, 75th percentile",
        table="tickets",
        expression="quantile_cont(wait_minutes, 0.75) FILTER (WHERE called)",
        unit="minutes",
        better="lower",
        target="waiting_minutes",
    )
    added = Indicator("comfort.queue", "comfort", "Queue", "tickets", "count(*)", "count")
    plugin = with_plugin(asan_indicators=lambda country: [changed, added, "not one"])
    with pytest.raises(ProblemsError, match="asan_indicators returned str, expected Indicator"):
        resolve("UZ", host_with(plugin))
    plugin = with_plugin(asan_indicators=lambda country: [changed, added])
    answers = resolve("UZ", host_with(plugin)).plugins
    ids = [i.id for i in answers.indicators]
    assert ids.count("efficiency.waiting_median") == 1
    assert ids[-1] == "comfort.queue"  # added after the core's, in declaration order
    replaced = next(i for i in answers.indicators if i.id == "efficiency.waiting_median")
    assert replaced.expression == changed.expression
    assert answers.indicator_plugins["efficiency.waiting_median"] == "test_plugin"
    assert answers.indicator_plugins["volume.tickets"] == "asan_core.builtins.indicators"
