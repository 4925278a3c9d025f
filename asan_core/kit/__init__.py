"""The deployment kit: pages, the rendering environment, markdown, the atomic writer, serve.

Owns :func:`build_kit` (:mod:`~asan_core.kit.build`), the pages of a locale
(:mod:`~asan_core.kit.pages`), the Jinja2 environment (:mod:`~asan_core.kit.environment`),
curriculum markdown, the writer with its manifest and atomic swap, and the local preview.
Reads only the :class:`~asan_core.contract.franchise.Franchise`; may import
:mod:`asan_core.checks`, :mod:`asan_core.export`, :mod:`asan_core.i18n` and below.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from asan_core.kit.build import KitReport, build_kit
    from asan_core.kit.serve import serve_kit


def __getattr__(name: str) -> Any:
    """``build_kit``, ``KitReport`` and ``serve_kit``, imported when first asked for: the
    package stays light for :mod:`asan_core.kit.templates` (``asan kit build`` starts
    compiling templates before it loads anything else), and ``http.server`` is imported
    only when a kit is served."""
    if name in ("build_kit", "KitReport"):
        from asan_core.kit import build

        return getattr(build, name)
    if name == "serve_kit":
        from asan_core.kit.serve import serve_kit

        return serve_kit
    raise AttributeError(f"module 'asan_core.kit' has no attribute {name!r}")


__all__ = ["KitReport", "build_kit", "serve_kit"]
