"""``asan new country``: from a few answers to a country plugin that works at once.

The answers — the country, the centres' brand, languages, currency, calendar, digits,
operating model and the first centre's city — are checked (:mod:`.plan`, with the place
names of :mod:`.places`) before anything is written. The bundled cookiecutter template
(``cookiecutter-center``) lays the distribution out like ``plugins/azerbaijan``; this wing
gives it its contents: derived names, the starting data (:mod:`.starting_catalogue`, in the
country's languages) and one gettext catalog per language. The template's Jinja filters
and its two hooks (:mod:`.hooks`) and the ``asan new country`` command (:mod:`.template`)
all call these functions, so the template holds layout and wording, and no logic. May
import :mod:`asan_core.franchise` (for the installed calendars), :mod:`asan_core.i18n`,
:mod:`asan_core.plugin_kit` and below.
"""

from asan_core.new_country.hooks import (
    TEMPLATE_NAME,
    check_answers,
    finish_project,
    recorded_answers,
    template_filters,
    template_globals,
)
from asan_core.new_country.plan import ANSWERS, NewCountry, plan_country, plan_from_answers
from asan_core.new_country.template import (
    CreatedCountry,
    create_country,
    find_template,
    load_answer_file,
    summary,
    template_dir,
)

__all__ = [
    "ANSWERS",
    "TEMPLATE_NAME",
    "CreatedCountry",
    "NewCountry",
    "check_answers",
    "create_country",
    "find_template",
    "finish_project",
    "load_answer_file",
    "plan_country",
    "plan_from_answers",
    "recorded_answers",
    "summary",
    "template_dir",
    "template_filters",
    "template_globals",
]
