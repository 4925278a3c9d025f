"""Stop before anything is written when an answer is wrong.

Cookiecutter runs this hook in the new, still empty, project folder and removes the folder
when the hook fails: a wrong country, locale, currency or calendar leaves nothing behind.
The messages say what is wrong, why it matters and how to fix it.
"""

import json
import sys

from asan_core.new_country import check_answers

sys.exit(check_answers(json.loads({{ cookiecutter | asan_python_literal }})))
