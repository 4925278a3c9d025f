"""Azerbaijan (ASAN xidmət): the reference network of the ASAN one-stop-shop model.

The country's facts are in ``data/*.yaml``; this module only exposes them to asan-sdk.
"""

from asan_core import DataPlugin

asan_contract = ">=2.2,<3"
"""The plugin contract range this plugin was written for."""

plugin = DataPlugin.from_package(__name__)
"""The object registered under the ``asan`` entry point."""
