{%- set c = cookiecutter | asan_country -%}
"""{{ c.english_name }}: a network of one-stop-shop centres on the ASAN model.

The country's facts — its brand, languages, agencies, services and centres — are in
``data/*.yaml``; this module only exposes them to asan-sdk.
Behaviour (a calendar, an identifier check) goes in a DataPlugin subclass (asan-sdk's
docs/plugins.md).
"""

from asan_core import DataPlugin

asan_contract = ">=2.2,<3"
"""The plugin contract range this plugin was written for (asan --version shows the installed one)."""

plugin = DataPlugin.from_package(__name__)
"""The object registered under the ``asan`` entry point."""
