"""The pluggy markers of the ``asan`` project: ``@hookspec`` (the core) and ``@hookimpl``."""

import pluggy

PROJECT_NAME = "asan"
"""pluggy's project name, and the entry-point group plugins register under."""

hookspec = pluggy.HookspecMarker(PROJECT_NAME)
"""Marks a hook specification (the core only)."""

hookimpl = pluggy.HookimplMarker(PROJECT_NAME)
"""Marks a hook implementation in a plugin (``@hookimpl``)."""
