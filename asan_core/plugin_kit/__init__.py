"""What a country plugin is made of: YAML data files with marks, CountryData, DataPlugin.

Owns reading a plugin's data files into located, validated records
(:mod:`~asan_core.plugin_kit.yaml_document`, :mod:`~asan_core.plugin_kit.country_data`)
and :class:`DataPlugin`, whose hook implementations answer from those files. May import
:mod:`asan_core.contract`, :mod:`asan_core.model` and :mod:`asan_core.base`.
"""

from asan_core.plugin_kit.country_data import CountryData
from asan_core.plugin_kit.data_plugin import DataPlugin
from asan_core.plugin_kit.yaml_document import YamlDocument, format_field_path

__all__ = ["CountryData", "DataPlugin", "YamlDocument", "format_field_path"]
