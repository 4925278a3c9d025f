{%- set c = cookiecutter | asan_country -%}
"""asan-sdk's conformance tests for {{ c.english_name }}: every plugin loads, the country
resolves, asan check finds no error, every record has provenance, the kit builds.

The country is asan_country in pyproject.toml; the tests come from asan-sdk's pytest
plugin (asan_core.testing), installed with asan-sdk.
"""

from asan_core.testing import conformance_tests

TestConformance = conformance_tests()
