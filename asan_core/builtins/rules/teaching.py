"""Rules that the curriculum teaches a principle to every front-line role, in every language."""

from __future__ import annotations

from collections.abc import Iterator

from asan_core.builtins.rules.subjects import FRONT_LINE_ROLES, at, count_front_line_roles
from asan_core.contract.franchise import Franchise
from asan_core.contract.rules import ConformanceRule, Finding, Severity, rule


def taught_to_front_line(principle: str, what: str) -> ConformanceRule:
    """The rule ``<principle>.curriculum``: some module teaches ``what`` to each front-line
    role, translated into every declared language."""

    @rule(
        f"{principle}.curriculum",
        principle,
        Severity.WARNING,
        f"The curriculum teaches {what} to every front-line role "
        "(volunteer, front-desk officer, agency officer), in every declared language.",
        "Staff who meet citizens must be trained in how the model expects them to behave, "
        "in the language they work in.",
        "keep the core's modules (or replace them with your own), and translate them",
        count_front_line_roles,
    )
    def taught(this: ConformanceRule, franchise: Franchise) -> Iterator[Finding]:
        teaching = [m for m in franchise.curriculum if principle in m.principles]
        for role in FRONT_LINE_ROLES:
            modules = [m for m in teaching if role in m.roles]
            if not modules:
                yield this.finding(
                    f"no training module teaches {principle} to the {role} role",
                    at(franchise.country),
                )
                continue
            for module in modules:
                missing = [
                    loc
                    for loc in franchise.country.locales
                    if loc not in module.content and loc.split("_")[0] not in module.content
                ]
                if missing:
                    yield this.finding(
                        f"module {module.id!r} ({principle}, {role}) is not translated into "
                        f"{', '.join(missing)}",
                        at(module, "content"),
                    )

    return taught
