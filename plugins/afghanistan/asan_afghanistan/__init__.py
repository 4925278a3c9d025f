"""Afghanistan (Asan Khedmat): the first franchise of the ASAN one-stop-shop model.

The country's facts are in ``data/*.yaml``; the Solar Hijri calendar with Afghan month
names is in :mod:`asan_afghanistan.calendar`.
"""

from asan_afghanistan.plugin import AfghanistanPlugin

asan_contract = ">=2.2,<3"
"""The plugin contract range this plugin was written for."""

plugin = AfghanistanPlugin.from_package(__name__)
"""The object registered under the ``asan`` entry point."""
