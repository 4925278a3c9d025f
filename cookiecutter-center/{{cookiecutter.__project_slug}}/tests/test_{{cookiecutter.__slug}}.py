{%- set c = cookiecutter | asan_country -%}
"""{{ c.english_name }}: what this plugin's data must say.

Each test states one fact about the plugin and checks it through asan-sdk's public API.
The fixtures (franchise, asan_host) come from asan-sdk's pytest plugin; add a test here for
each fact you confirm with the partner government, as plugins/azerbaijan does.
"""

import warnings
from pathlib import Path

from asan_core.contract.franchise import Franchise
from asan_core.contract.host import PluginHost
from asan_core.testing import english_placeholders
from asan_core.i18n.catalogs import read_catalog

PACKAGE_DIR = Path(__file__).resolve().parent.parent / "{{ c.package }}"


def test_the_plugin_is_installed_and_declares_{{ c.code }}(asan_host: PluginHost) -> None:
    plugins = {info.name: info for info in asan_host.info()}
    assert "{{ c.package }}" in plugins, 'install the project first: pip install -e ".[test]"'
    assert plugins["{{ c.package }}"].distribution == "{{ c.distribution }}"
    declared = {
        country.code
        for name, answer in asan_host.call_each("asan_countries")
        if name == "{{ c.package }}"
        for country in answer or []
    }
    assert declared == {"{{ c.code }}"}


def test_the_country_speaks_its_declared_languages(franchise: Franchise) -> None:
    assert franchise.country.locales[0] == "{{ c.default_locale }}"
    for locale in franchise.country.locales:
        assert franchise.country.name[locale], locale
        assert franchise.country.brand[locale], locale


def test_every_declared_language_has_a_catalog(franchise: Franchise) -> None:
    for locale in franchise.country.locales:
        path = PACKAGE_DIR / "locales" / locale / "LC_MESSAGES" / "messages.po"
        assert path.is_file(), f"{path} is missing: asan i18n update --project . -l {locale}"
        assert read_catalog(path, locale).locale_identifier == locale


def test_every_area_is_served(franchise: Franchise) -> None:
    unserved = [a.area for a in franchise.area_coverage if not a.centres and not a.divisions]
    assert unserved == []


def test_texts_still_in_english_are_reported(franchise: Franchise) -> None:
    """Not a failure: a reminder, in every test run, of the translation work left."""
    for locale, texts in english_placeholders(franchise).items():
        warnings.warn(
            f"{len(texts)} texts under {locale} are still the English text of the "
            f"reference catalogue, e.g. {texts[0]}: translate them (README.md, Translate)",
            stacklevel=1,
        )
