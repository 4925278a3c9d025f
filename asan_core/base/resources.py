"""Find the core's ``locales/`` and ``templates/`` folders at run time.

In a source checkout (and an editable install) they sit at the top of the repository,
beside ``asan_core/``; in a wheel they travel inside the package as
``asan_core/locales`` and ``asan_core/templates`` (see ``pyproject.toml``). Either way
the answer does not depend on the working directory.
"""

from __future__ import annotations

from pathlib import Path

PACKAGE_DIR = Path(__file__).resolve().parent.parent
"""The ``asan_core`` package folder."""


def _find(name: str) -> Path:
    for candidate in (PACKAGE_DIR / name, PACKAGE_DIR.parent / name):
        if candidate.is_dir():
            return candidate
    raise FileNotFoundError(
        f"the core's {name}/ folder is missing (looked in {PACKAGE_DIR} and its parent); "
        "reinstall asan-sdk"
    )


def locales_dir() -> Path:
    """The core's gettext catalogs folder."""
    return _find("locales")


def templates_dir() -> Path:
    """The core's Jinja2 templates folder."""
    return _find("templates")
