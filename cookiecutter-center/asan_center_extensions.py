"""The Jinja filters of the asan-sdk country template.

They are asan_core.new_country.template's functions, so the template holds layout and wording and
asan-sdk holds the logic; rendering the template therefore needs asan-sdk installed in the
Python that runs cookiecutter (``asan new country`` always is).
"""

from jinja2 import Environment
from jinja2.ext import Extension

try:
    from asan_core.new_country import template_filters, template_globals
except ImportError as exc:  # cookiecutter reports this as "Unable to load extension"
    raise ImportError(
        f"{exc}: this template needs asan-sdk in the Python that runs cookiecutter "
        "(pip install asan-sdk, then run 'asan new country')"
    ) from exc


class AsanCenterExtension(Extension):
    """Registers the template's filters and globals."""

    def __init__(self, environment: Environment) -> None:
        super().__init__(environment)
        environment.filters.update(template_filters())
        environment.globals.update(template_globals())
