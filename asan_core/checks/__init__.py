"""Conformance checks of a franchise: run its rules, score its principles, report.

Owns :func:`run_checks` and :class:`CheckReport` (:mod:`~asan_core.checks.run`) and the
report as JSON and HTML (:mod:`~asan_core.checks.report`). Reads only the
:class:`~asan_core.contract.franchise.Franchise`; may import :mod:`asan_core.i18n` and below.
"""

from asan_core.checks.run import CheckReport, run_checks

__all__ = ["CheckReport", "run_checks"]
