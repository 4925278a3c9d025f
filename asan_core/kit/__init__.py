"""The deployment kit: pages, the rendering environment, markdown, the atomic writer, serve.

Owns :func:`build_kit` (:mod:`~asan_core.kit.build`), the pages of a locale
(:mod:`~asan_core.kit.pages`), the Jinja2 environment (:mod:`~asan_core.kit.environment`),
curriculum markdown, the writer with its manifest and atomic swap, and the local preview.
Reads only the :class:`~asan_core.contract.franchise.Franchise`; may import
:mod:`asan_core.checks`, :mod:`asan_core.export`, :mod:`asan_core.i18n` and below.
"""

from asan_core.kit.build import KitReport, build_kit
from asan_core.kit.serve import serve_kit

__all__ = ["KitReport", "build_kit", "serve_kit"]
