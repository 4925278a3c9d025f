"""The plugin contract's version, and which plugins may load under it.

The contract is everything a plugin relies on: the hooks (:mod:`asan_core.contract.hookspecs`)
and the names plugin authors import from :mod:`asan_core`. It is versioned
``MAJOR.MINOR``: a removed or changed hook, or a removed public name, is a major change; a
new hook or a new public name is a minor one.

A plugin declares the range it was written for as ``asan_contract`` — a PEP 440 version
specifier such as ``">=2.0,<3"`` — on the object it registers or in the module its entry
point names (the template writes it into the generated ``__init__.py``). The host refuses a
plugin whose range excludes :data:`CONTRACT_VERSION`, naming the plugin, its range and the
installed version. A plugin that declares nothing predates versioning (contract 1, asan-sdk
0.1): it still loads, with a warning, while the deprecated names it may use are kept.

A deprecated hook still implemented by a plugin gives a warning naming its replacement
for one minor version; then it is removed (a major change).
"""

from __future__ import annotations

from dataclasses import dataclass

from packaging.specifiers import InvalidSpecifier, SpecifierSet
from packaging.version import Version

CONTRACT_VERSION = "2.2"
"""The version of the plugin contract this asan-sdk implements."""

CONTRACT_RANGE = ">=2.2,<3"
"""The range a plugin written today declares (the template writes it)."""

UNVERSIONED = "1.0"
"""What a plugin that declares no range was written for: the first edition's contract."""

LEGACY_SUPPORTED_UNTIL = "3.0"
"""Unversioned (contract 1) plugins load, with a warning, until this contract version."""


@dataclass(frozen=True)
class DeprecatedHook:
    """A hook kept for one minor version, and what replaces it."""

    name: str
    replacement: str
    deprecated_in: str
    removed_in: str

    def message(self) -> str:
        """What a plugin that still implements the hook is told."""
        return (
            f"{self.name} is deprecated since plugin contract {self.deprecated_in} and will "
            f"be removed in {self.removed_in}: implement {self.replacement} instead"
        )


DEPRECATED_HOOKS: dict[str, DeprecatedHook] = {}
"""Hooks on their way out, by name. None in contract 2.2."""


@dataclass(frozen=True)
class Compatibility:
    """Whether a plugin may load under this contract, and what to tell its user."""

    loads: bool
    message: str | None = None


def compatibility(declared: object, plugin: str) -> Compatibility:
    """Judge a plugin's declared ``asan_contract`` (None when it declares none)."""
    if declared is None:
        if Version(CONTRACT_VERSION) < Version(LEGACY_SUPPORTED_UNTIL):
            return Compatibility(
                True,
                f'plugin "{plugin}" declares no plugin contract, so it is taken as written for '
                f"contract {UNVERSIONED} (asan-sdk 0.1); it loads under contract "
                f"{CONTRACT_VERSION} through deprecated names until {LEGACY_SUPPORTED_UNTIL}. "
                f'Declare asan_contract = "{CONTRACT_RANGE}" in its package and import from '
                "asan_core alone (docs/plugins.md)",
            )
        declared = f"=={UNVERSIONED}"
    try:
        wanted = SpecifierSet(str(declared))
    except InvalidSpecifier:
        return Compatibility(
            False,
            f'plugin "{plugin}" declares asan_contract = {declared!r}, which is not a version '
            f'range; write one such as "{CONTRACT_RANGE}"',
        )
    if Version(CONTRACT_VERSION) in wanted:
        return Compatibility(True)
    return Compatibility(
        False,
        f'plugin "{plugin}" was written for plugin contract {declared}, but this asan-sdk '
        f"implements contract {CONTRACT_VERSION}: install a release of the plugin written for "
        f"{CONTRACT_VERSION}, or an asan-sdk whose contract is in {declared} "
        "(asan --version shows both)",
    )
