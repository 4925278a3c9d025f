"""Write what a template cannot: a gettext catalog for each declared language."""

import json
from pathlib import Path

from asan_core.new_country import finish_project

finish_project(Path.cwd(), json.loads({{ cookiecutter | asan_python_literal }}))
