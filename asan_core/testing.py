"""asan-sdk's pytest plugin: fixtures and ready-made conformance tests for country plugins.

Installed with asan-sdk (the ``pytest11`` entry point ``asan``), so a country plugin's
tests need no set-up beyond naming their country, in ``pyproject.toml``::

    [tool.pytest.ini_options]
    asan_country = "UZ"

(or by overriding the ``asan_country_code`` fixture in ``conftest.py``). Then:

- ``franchise`` is the country, resolved and validated (a data problem fails the test with
  its file, line and field);
- ``asan_host`` is the plugin host (the installed plugins, as ``asan`` loads them);
- one line enables asan-sdk's conformance tests — the country resolves, every plugin
  loads, ``asan check`` finds no error, every record has provenance, the kit builds::

      TestConformance = conformance_tests()

They resolve the country once per test class and build the kit once, so they stay fast.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, ClassVar

import pytest

if TYPE_CHECKING:
    from asan_core.base.problems import Problem
    from asan_core.checks.run import CheckReport
    from asan_core.contract.franchise import Franchise
    from asan_core.contract.host import PluginHost

INI_OPTION = "asan_country"


def pytest_addoption(parser: pytest.Parser) -> None:
    """Declare the ``asan_country`` ini option."""
    parser.addini(
        INI_OPTION,
        "ISO 3166-1 code (or name) of the country the plugin under test serves (asan-sdk)",
        default="",
    )


def _render(problems: list[Problem]) -> str:
    return "\n".join(f"error: {problem.render()}" for problem in problems)


@pytest.fixture(scope="session")
def asan_country_code(pytestconfig: pytest.Config) -> str:
    """The country under test: the ``asan_country`` ini option (override in conftest.py)."""
    value = str(pytestconfig.getini(INI_OPTION)).strip()
    if not value:
        pytest.fail(
            'asan-sdk does not know which country to test: add asan_country = "XX" to '
            "[tool.pytest.ini_options] in pyproject.toml, or define an asan_country_code "
            "fixture in conftest.py",
            pytrace=False,
        )
    return value


@pytest.fixture(scope="session")
def asan_host() -> PluginHost:
    """The plugin host, loaded as ``asan`` loads it (the ``ASAN_*`` switches apply)."""
    from asan_core.contract.host import get_plugin_manager

    return get_plugin_manager()


@pytest.fixture(scope="session")
def franchise(asan_country_code: str, asan_host: PluginHost) -> Franchise:
    """The country under test, resolved and validated."""
    from asan_core.base.problems import ProblemsError
    from asan_core.franchise import resolve

    try:
        return resolve(asan_country_code, asan_host)
    except ProblemsError as exc:
        pytest.fail(
            f"{asan_country_code} does not resolve:\n{_render(exc.problems)}", pytrace=False
        )


def english_placeholders(franchise: Franchise) -> dict[str, list[str]]:
    """Per declared non-English locale: the texts that are still the English text.

    A new country starts with the English text of the reference catalogue under every
    language; ``asan check`` counts such text as present, so this lists what is left to
    translate (``service 'id-card': title``).
    """
    from asan_core.contract.locate import record_label
    from asan_core.i18n.workflow import still_english
    from asan_core.model import SOURCE_LOCALE, Record, localized_fields

    # Names are left out (the country's, the brand, the centres'): they are CLDR's, or
    # proper names that read the same in every language.
    records: list[Record] = [*franchise.agencies, *franchise.services, *franchise.legal_resources]
    found: dict[str, list[str]] = {}
    for locale in franchise.country.locales:
        if locale.split("_")[0] == SOURCE_LOCALE:
            continue
        for record in records:
            for path, text in localized_fields(record):
                if still_english(text, locale):
                    found.setdefault(locale, []).append(f"{record_label(record)}: {path}")
    return found


@dataclass
class Conformance:
    """What the conformance tests share: the host, the country, and what resolving found."""

    country: str
    host: PluginHost
    franchise: Franchise | None = None
    problems: list[Problem] = field(default_factory=list)
    _report: CheckReport | None = None

    def resolved(self) -> Franchise:
        """The franchise; the test is skipped when the country does not resolve."""
        if self.franchise is None:
            pytest.skip(f"{self.country} does not resolve (see test_the_country_resolves)")
        return self.franchise

    def report(self) -> CheckReport:
        """The conformance report, as ``asan check`` computes it."""
        if self._report is None:
            from asan_core.base.problems import ProblemsError
            from asan_core.checks.run import run_checks

            try:
                self._report = run_checks(self.resolved())
            except ProblemsError as exc:
                pytest.fail(_render(exc.problems), pytrace=False)
        return self._report


@pytest.fixture(scope="class")
def asan_conformance(request: pytest.FixtureRequest, asan_host: PluginHost) -> Conformance:
    """The country under a :class:`ConformanceTests` class, resolved once for the class."""
    from asan_core.base.problems import ProblemsError
    from asan_core.franchise import resolve

    declared = getattr(request.cls, "asan_country", None)
    code = str(declared or request.getfixturevalue("asan_country_code"))
    subject = Conformance(code, asan_host)
    try:
        subject.franchise = resolve(code, asan_host)
    except ProblemsError as exc:
        subject.problems = exc.problems
    return subject


class ConformanceTests:
    """asan-sdk's promises about a country, as tests; subclass it as ``Test...``.

    The country is the class's ``asan_country`` when set, else the ``asan_country_code``
    fixture. :func:`conformance_tests` makes such a class in one line.
    """

    asan_country: ClassVar[str | None] = None

    def test_every_plugin_loads(self, asan_conformance: Conformance) -> None:
        """No installed plugin fails to load (``asan plugins`` would exit 1)."""
        failures = [failure.render() for failure in asan_conformance.host.failures]
        assert not failures, "\n".join(failures)

    def test_the_country_resolves(self, asan_conformance: Conformance) -> None:
        """The data files validate and every reference, area and locale checks out."""
        if asan_conformance.problems:
            pytest.fail(
                f"{asan_conformance.country} does not resolve:\n"
                f"{_render(asan_conformance.problems)}",
                pytrace=False,
            )

    def test_asan_check_finds_no_error(self, asan_conformance: Conformance) -> None:
        """``asan check`` would exit 0: no conformance rule reports an error."""
        from asan_core.contract.rules import Severity

        errors = [
            f"{f.rule}: {f.message}" + (f" ({f.location.location()})" if f.location else "")
            for f in asan_conformance.report().findings
            if f.severity is Severity.ERROR
        ]
        if errors:
            pytest.fail("asan check finds errors:\n" + "\n".join(errors), pytrace=False)

    def test_every_record_has_provenance(self, asan_conformance: Conformance) -> None:
        """Every record says where its facts come from: a source, or illustrative."""
        from asan_core.contract.locate import record_label

        franchise = asan_conformance.resolved()
        records = [
            franchise.country,
            *franchise.principles,
            *franchise.agencies,
            *franchise.services,
            *franchise.centres,
            *franchise.coverage,
            *franchise.legal_resources,
            *franchise.curriculum,
        ]
        missing = [
            record_label(record)
            for record in records
            if getattr(record, "provenance", None) is None
            or not (record.provenance.source or record.provenance.illustrative)
        ]
        assert not missing, f"records without provenance: {', '.join(missing)}"

    def test_the_kit_builds(
        self, asan_conformance: Conformance, tmp_path_factory: pytest.TempPathFactory
    ) -> None:
        """``asan kit build`` succeeds and writes a site for every declared locale."""
        from asan_core.base.problems import ProblemsError
        from asan_core.kit.build import build_kit

        franchise = asan_conformance.resolved()
        out = tmp_path_factory.mktemp("kit") / "kit"
        try:
            report = build_kit(franchise, out)
        except ProblemsError as exc:
            pytest.fail(f"the kit does not build:\n{_render(exc.problems)}", pytrace=False)
        assert (Path(report.out) / "manifest.json").is_file()
        missing = [
            f"{locale}/{page}"
            for locale in franchise.country.locales
            for page in expected_pages(franchise)
            if not (Path(report.out) / locale / page).is_file()
        ]
        assert not missing, f"pages missing from the kit: {', '.join(missing)}"
        for shared in ("index.html", "catalogue.json", "report/check.html"):
            assert (Path(report.out) / shared).is_file(), shared


KIT_ROLES = ("volunteer", "front_desk", "agency_officer", "centre_manager", "trainer")


def expected_pages(franchise: Franchise) -> list[str]:
    """The pages a kit holds for each locale of ``franchise``: the home page, the charter
    with a page per service, centres, principles, every role's handbook (web and print),
    the principles poster, a desk sign per agency that offers a service, and the capacity
    plan with a page per centre that has demand data and opening hours."""
    pages = ["index.html", "charter/index.html", "centres.html", "principles.html"]
    pages += [f"charter/{service.id}.html" for service in franchise.services]
    pages += [f"handbooks/{role}{suffix}.html" for role in KIT_ROLES for suffix in ("", "-print")]
    pages += ["handbooks/index.html", "signage/index.html", "signage/principles-poster.html"]
    pages += [
        f"signage/desk-{agency}.html" for agency in sorted({s.agency for s in franchise.services})
    ]
    planned = [d.centre for d in franchise.demand if franchise.centre(d.centre).opening_hours]
    if planned:
        pages += ["plan/index.html", *(f"plan/{centre}.html" for centre in planned)]
    return pages


def page_text(path: Path) -> str:
    """The text a reader sees on a kit page: tags, scripts and styles removed, spaces folded."""
    import re

    html = re.sub(r"<(script|style)\b.*?</\1>", " ", path.read_text(encoding="utf-8"), flags=re.S)
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))


def conformance_tests(country: str | None = None) -> type[ConformanceTests]:
    """A test class running asan-sdk's conformance tests: ``TestConformance =
    conformance_tests()`` in a test module enables them.

    :param country: the country to test; the ``asan_country_code`` fixture (the
        ``asan_country`` ini option) when omitted.
    """
    return type(
        "TestConformance",
        (ConformanceTests,),
        {"asan_country": country, "__doc__": ConformanceTests.__doc__},
    )
