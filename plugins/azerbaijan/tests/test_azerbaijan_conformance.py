"""asan-sdk's conformance tests for Azerbaijan: every plugin loads, the country resolves,
asan check finds no error, every record has provenance, the kit builds.

They come from asan-sdk's pytest plugin (asan_core.testing); the country is named here
because these tests also run from asan-sdk's own checkout, whose pytest settings apply.
"""

from asan_core.testing import conformance_tests

TestConformance = conformance_tests("AZ")
