"""Comfort: opening hours, an information desk, volunteers and accessibility in every centre."""

from __future__ import annotations

from collections.abc import Callable, Iterator

from asan_core.builtins.rules.subjects import at, count_centres, front_centres
from asan_core.contract.franchise import Franchise
from asan_core.contract.rules import ConformanceRule, Finding, Severity, rule
from asan_core.model import ACCESSIBILITY_FEATURES, Centre, Feature


def every_centre(
    rule_id: str, description: str, rationale: str, hint: str, missing: Callable[[Centre], str]
) -> ConformanceRule:
    """A comfort rule that each centre passes unless ``missing(centre)`` says what it lacks."""

    @rule(rule_id, "comfort", Severity.WARNING, description, rationale, hint, count_centres)
    def check(this: ConformanceRule, franchise: Franchise) -> Iterator[Finding]:
        for centre in front_centres(franchise):
            what = missing(centre)
            if what:
                yield this.finding(f"centre {centre.id!r} {what}", at(centre))

    return check


opening_hours = every_centre(
    "comfort.opening-hours",
    "Every centre publishes its opening hours.",
    "Citizens should not travel to a closed door.",
    "add opening_hours: [{days: [...], opens: 'HH:MM', closes: 'HH:MM'}]",
    lambda c: "" if c.opening_hours else "publishes no opening hours",
)
information_desk = every_centre(
    "comfort.information-desk",
    "Every centre starts with an information desk.",
    "The information section on the first floor sends every citizen to the right counter.",
    "add information_desk to the centre's features",
    lambda c: "" if Feature.INFORMATION_DESK in c.features else "has no information desk",
)
volunteers = every_centre(
    "comfort.volunteers",
    "Every centre has volunteers who help citizens register and apply.",
    "About 100 volunteers work in each ASAN centre; they make the centre easy to use.",
    "add volunteers: N (and the volunteers feature)",
    lambda c: "" if (c.volunteers or Feature.VOLUNTEERS in c.features) else "has no volunteers",
)
accessibility = every_centre(
    "comfort.accessibility",
    "Every centre declares its accessibility features.",
    "People with disabilities, older people and parents with children must be able to use "
    "the centre.",
    "add step_free_access, accessible_toilet, priority_service or sign_language",
    lambda c: "" if ACCESSIBILITY_FEATURES & set(c.features) else "declares no accessibility",
)

RULES = (opening_hours, information_desk, volunteers, accessibility)
