"""The first edition's import paths, kept (deprecated) for plugins written for contract 1.

Plugins generated before the core was laid out in wings import, for example,
``from asan_core.datafiles import DataPlugin``. Such a module name is answered here with
the module that now holds those names, and a :class:`DeprecationWarning` naming the
replacement. The aliases go with contract 3.0 (see :mod:`asan_core.contract.version`).
"""

from __future__ import annotations

import importlib
import importlib.abc
import importlib.machinery
import sys
import warnings
from collections.abc import Sequence
from types import ModuleType

LEGACY_MODULES: dict[str, str] = {
    "asan_core.datafiles": "asan_core.plugin_kit",
    "asan_core.plugins": "asan_core.contract.host",
    "asan_core.hookspecs": "asan_core.contract.hookspecs",
    "asan_core.conformance": "asan_core.contract.rules",
    "asan_core.identifiers": "asan_core.contract.identifiers",
    "asan_core.problems": "asan_core.base.problems",
    "asan_core.translations": "asan_core.i18n.catalogs",
}
"""Old module name → the module that holds its public names now."""


class _LegacyLoader(importlib.abc.Loader):
    def __init__(self, target: str) -> None:
        self.target = target

    def create_module(self, spec: importlib.machinery.ModuleSpec) -> None:
        """A fresh module (the default), filled in by :meth:`exec_module`."""

    def exec_module(self, module: ModuleType) -> None:
        """Give the old module the public names of the new one, with a warning."""
        warnings.warn(
            f"{module.__name__} is deprecated since plugin contract 2.0: import from "
            f"asan_core (or {self.target})",
            DeprecationWarning,
            stacklevel=2,
        )
        target = importlib.import_module(self.target)
        module.__dict__.update(
            (name, value) for name, value in vars(target).items() if not name.startswith("__")
        )


class _LegacyFinder(importlib.abc.MetaPathFinder):
    def find_spec(
        self,
        fullname: str,
        path: Sequence[str] | None,
        target: ModuleType | None = None,
    ) -> importlib.machinery.ModuleSpec | None:
        new = LEGACY_MODULES.get(fullname)
        if new is None:
            return None
        return importlib.machinery.ModuleSpec(fullname, _LegacyLoader(new))


def install() -> None:
    """Answer the old module names (once per process)."""
    if not any(isinstance(finder, _LegacyFinder) for finder in sys.meta_path):
        sys.meta_path.insert(0, _LegacyFinder())
