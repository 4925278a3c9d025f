"""asan-sdk: franchise a one-stop-shop public service centre (the ASAN model) to another country.

This package is the one place plugin authors import from — the stable surface of plugin
contract 2 (:data:`CONTRACT_VERSION`); everything in the wings below is internal::

    from asan_core import DataPlugin, hookimpl

    asan_contract = ">=2.0,<3"
    plugin = DataPlugin.from_package(__name__)

The wings, from the ground up — each may import only those below it (import-linter holds
this in CI): ``base`` · ``model`` · ``contract`` · ``plugin_kit`` · ``builtins`` ·
``franchise`` · ``i18n`` · ``checks`` | ``export`` | ``new_country`` · ``kit`` · ``cli`` ·
``testing``. Names are loaded on first use, so ``import asan_core`` stays cheap.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

from asan_core.base.version import __version__
from asan_core.contract import legacy
from asan_core.contract.markers import hookimpl

if TYPE_CHECKING:
    from asan_core.base.problems import Problem, ProblemsError
    from asan_core.contract.franchise import Franchise
    from asan_core.contract.identifiers import IdentifierCheck
    from asan_core.contract.rules import ConformanceRule, Finding, Severity, rule
    from asan_core.contract.version import CONTRACT_RANGE, CONTRACT_VERSION
    from asan_core.franchise import resolve
    from asan_core.plugin_kit import CountryData, DataPlugin, YamlDocument

_PUBLIC: dict[str, str] = {
    "CONTRACT_RANGE": "asan_core.contract.version",
    "CONTRACT_VERSION": "asan_core.contract.version",
    "ConformanceRule": "asan_core.contract.rules",
    "CountryData": "asan_core.plugin_kit",
    "DataPlugin": "asan_core.plugin_kit",
    "Finding": "asan_core.contract.rules",
    "FontFace": "asan_core.contract.typography",
    "Franchise": "asan_core.contract.franchise",
    "IdentifierCheck": "asan_core.contract.identifiers",
    "LanguagePack": "asan_core.contract.translations",
    "Problem": "asan_core.base.problems",
    "ProblemsError": "asan_core.base.problems",
    "Severity": "asan_core.contract.rules",
    "YamlDocument": "asan_core.plugin_kit",
    "resolve": "asan_core.franchise",
    "rule": "asan_core.contract.rules",
}
"""The public API for plugin authors: name → the module that holds it."""

__all__ = [
    "CONTRACT_RANGE",
    "CONTRACT_VERSION",
    "ConformanceRule",
    "CountryData",
    "DataPlugin",
    "Finding",
    "FontFace",
    "Franchise",
    "IdentifierCheck",
    "LanguagePack",
    "Problem",
    "ProblemsError",
    "Severity",
    "YamlDocument",
    "__version__",
    "hookimpl",
    "resolve",
    "rule",
]


def __getattr__(name: str) -> Any:
    module = _PUBLIC.get(name)
    if module is None:
        raise AttributeError(f"module 'asan_core' has no attribute {name!r}")
    value = getattr(importlib.import_module(module), name)
    globals()[name] = value
    return value


legacy.install()
