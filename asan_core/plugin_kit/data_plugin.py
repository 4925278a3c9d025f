"""DataPlugin: a country plugin answered from its data files."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from asan_core.contract.markers import hookimpl
from asan_core.contract.record_kinds import RECORD_KINDS, RecordKind
from asan_core.model import Country
from asan_core.plugin_kit.country_data import CountryData


class DataPlugin:
    """A country plugin answered from its data files: subclass it, or use it as is.

    The plugin's package exposes an instance and names it as its entry point::

        # asan_afghanistan/__init__.py
        plugin = DataPlugin.from_package(__name__)

        # pyproject.toml
        [project.entry-points.asan]
        asan_afghanistan = "asan_afghanistan:plugin"

    Country behaviour (a calendar, an identifier check) goes in a subclass with more
    ``@hookimpl`` methods. Template and locale folders (``templates/``, ``locales/`` beside
    ``data/``) are offered for the countries the plugin declares or contributes to.
    """

    def __init__(self, data: CountryData) -> None:
        self.data = data

    @classmethod
    def from_package(cls, package: str) -> DataPlugin:
        """The plugin for the installed package ``package`` (its ``data/`` folder)."""
        return cls(CountryData.from_package(package))

    def serves(self, country: Country) -> bool:
        """True when this plugin declares ``country`` or contributes records to it."""
        return country.code in self.data.country_codes()

    def _folder(self, name: str, country: Country) -> list[Path]:
        folder = self.data.package_dir / name
        return [folder] if folder.is_dir() and self.serves(country) else []

    @hookimpl
    def asan_countries(self) -> list[Country]:
        """The countries of this plugin's country file."""
        return self.data.countries()

    @hookimpl
    def asan_template_dirs(self, country: Country) -> list[Path]:
        """``templates/`` beside ``data/``, for the countries this plugin serves."""
        return self._folder("templates", country)

    @hookimpl
    def asan_locale_dirs(self, country: Country) -> list[Path]:
        """``locales/`` beside ``data/``, for the countries this plugin serves."""
        return self._folder("locales", country)


def _record_hook(kind: RecordKind) -> Any:
    """The hook implementation of ``kind``: its records, then its changes, for ``country``."""
    sections = list(kind.sections)

    def contribute(self: DataPlugin, country: Country) -> list[Any]:
        return [record for section in sections for record in self.data.records(section, country)]

    contribute.__name__ = contribute.__qualname__ = kind.hook
    contribute.__doc__ = f"The ``{'`` then ``'.join(sections)}`` sections for ``country``."
    return hookimpl(contribute)


for _kind in RECORD_KINDS:
    setattr(DataPlugin, _kind.hook, _record_hook(_kind))
