"""Ethical behaviour: every front-line role is taught the code of ethics, in its language."""

from asan_core.builtins.rules.teaching import taught_to_front_line

code_of_ethics_taught = taught_to_front_line("ethics", "the code of ethics")

RULES = (code_of_ethics_taught,)
