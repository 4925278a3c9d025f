"""asan-sdk: franchise a one-stop-shop public service centre (the ASAN model) to another country.

Plugins import :data:`hookimpl` from here::

    from asan_core import hookimpl

    @hookimpl
    def asan_countries():
        ...
"""

import pluggy

__version__ = "0.1.0"

hookimpl = pluggy.HookimplMarker("asan")
"""Marker for hook implementations in country plugins (``@hookimpl``)."""

__all__ = ["__version__", "hookimpl"]
