"""asan_core.testing, the pytest plugin country plugins test themselves with.

Its fixtures resolve the country a plugin names (the ``asan_country`` ini option, or an
``asan_country_code`` fixture in conftest.py); one line enables asan-sdk's conformance
tests, which pass on a sound country and, on a broken one, fail naming the problem where
a reviewer can fix it. Each test runs pytest on a small plugin project (pytester) whose
country is the fixture country UZ.
"""

from __future__ import annotations

import pytest

from asan_core.franchise import resolve
from asan_core.testing import english_placeholders
from tests.conftest import FixturePlugin

pytest_plugins = ["pytester"]

CONFORMANCE_TESTS = (
    "test_every_plugin_loads",
    "test_the_country_resolves",
    "test_asan_check_finds_no_error",
    "test_every_record_has_provenance",
    "test_the_kit_builds",
)

ONE_LINE = (
    "from asan_core.testing import conformance_tests\nTestConformance = conformance_tests()\n"
)


@pytest.fixture
def project(
    pytester: pytest.Pytester, country_plugin: FixturePlugin, monkeypatch: pytest.MonkeyPatch
) -> pytest.Pytester:
    """A country plugin's test folder: its country UZ is installed (``country_plugin``)."""
    # asan_core.testing is given with -p below; an installed 'asan' pytest11 entry point
    # must not register it a second time.
    monkeypatch.setenv("PYTEST_DISABLE_PLUGIN_AUTOLOAD", "1")
    return pytester


def run(pytester: pytest.Pytester, *args: str) -> pytest.RunResult:
    # asan_core.testing is imported already (by this module), so pytest cannot rewrite its
    # asserts: that warning is about this test set-up, not about the plugin.
    return pytester.runpytest(
        "-p",
        "asan_core.testing",
        "-p",
        "no:cacheprovider",
        "-W",
        "ignore::pytest.PytestAssertRewriteWarning",
        *args,
    )


def test_the_franchise_fixture_is_the_country_named_in_the_ini_file(
    project: pytest.Pytester,
) -> None:
    project.makeini("[pytest]\nasan_country = UZ\n")
    project.makepyfile(
        """
        def test_country(franchise, asan_country_code):
            assert asan_country_code == "UZ"
            assert franchise.country.code == "UZ"
            assert [s.id for s in franchise.services] == ["id-card", "notary-copy"]
        """
    )
    run(project).assert_outcomes(passed=1)


def test_a_conftest_fixture_can_name_the_country_instead(project: pytest.Pytester) -> None:
    project.makeconftest(
        """
        import pytest

        @pytest.fixture(scope="session")
        def asan_country_code():
            return "Uzbekistan"
        """
    )
    project.makepyfile("def test_country(franchise):\n    assert franchise.country.code == 'UZ'\n")
    run(project).assert_outcomes(passed=1)


def test_without_a_country_the_tests_say_how_to_name_it(project: pytest.Pytester) -> None:
    project.makepyfile("def test_country(franchise):\n    pass\n")
    result = run(project)
    result.assert_outcomes(errors=1)
    result.stdout.fnmatch_lines(['*add asan_country = "XX" to [[]tool.pytest.ini_options]*'])
    assert "Traceback" not in result.stdout.str()


def test_one_line_enables_the_conformance_tests_and_they_pass(project: pytest.Pytester) -> None:
    project.makeini("[pytest]\nasan_country = UZ\n")
    project.makepyfile(test_country_conformance=ONE_LINE)
    result = run(project, "-v")
    result.assert_outcomes(passed=len(CONFORMANCE_TESTS))
    result.stdout.fnmatch_lines([f"*TestConformance::{name} PASSED*" for name in CONFORMANCE_TESTS])


def test_the_conformance_tests_can_name_their_country(project: pytest.Pytester) -> None:
    project.makepyfile(
        test_country_conformance="from asan_core.testing import conformance_tests\n"
        "TestConformance = conformance_tests('UZ')\n"
    )
    run(project).assert_outcomes(passed=len(CONFORMANCE_TESTS))


def test_a_data_error_fails_the_resolve_test_with_its_file_line_and_field(
    project: pytest.Pytester, country_plugin: FixturePlugin
) -> None:
    country_plugin.replace("records.yaml", "agency: interior", "agency: interiour")
    line = country_plugin.line_of("records.yaml", "agency: interiour")
    project.makeini("[pytest]\nasan_country = UZ\n")
    project.makepyfile(test_country_conformance=ONE_LINE)
    result = run(project)
    result.assert_outcomes(passed=1, failed=1, skipped=3)
    result.stdout.fnmatch_lines(
        [
            f"*records.yaml:{line}: services[[]0[]].agency: 'interiour' is not a known agency*",
            "*FAILED*test_the_country_resolves*",
        ]
    )


def test_a_conformance_error_fails_the_check_test_and_stops_the_kit(
    project: pytest.Pytester, country_plugin: FixturePlugin
) -> None:
    # A private provider cannot answer for a state service (responsibility rule, an error).
    country_plugin.replace(
        "records.yaml", "  - id: justice\n    kind: ministry", "  - id: justice\n    kind: private"
    )
    project.makeini("[pytest]\nasan_country = UZ\n")
    project.makepyfile(test_country_conformance=ONE_LINE)
    result = run(project)
    result.assert_outcomes(passed=3, failed=2)
    result.stdout.fnmatch_lines(
        [
            "*responsibility.accountable-agency: service 'notary-copy' is assigned to the "
            "private provider 'justice'*",
            "*the kit does not build*",
        ]
    )


def test_texts_still_in_english_under_another_language_are_listed(
    country_plugin: FixturePlugin,
) -> None:
    assert english_placeholders(resolve("UZ")) == {}
    country_plugin.replace(
        "records.yaml", "ru: Заверение копии документа", "ru: Certifying a copy of a document"
    )
    assert english_placeholders(resolve("UZ")) == {"ru": ["service 'notary-copy': description"]}
