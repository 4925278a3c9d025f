"""Politeness: every front-line role is taught polite communication, in its language."""

from asan_core.builtins.rules.teaching import taught_to_front_line

polite_communication_taught = taught_to_front_line("politeness", "polite communication")

RULES = (polite_communication_taught,)
