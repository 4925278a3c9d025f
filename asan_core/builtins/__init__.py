"""The core's own plugins, registered first like any other: the core eats its own cooking.

Owns the six principles (:mod:`~asan_core.builtins.principles`), the training curriculum
(:mod:`~asan_core.builtins.curriculum`, with its texts under ``content/``), the Gregorian
calendar (:mod:`~asan_core.builtins.calendar`) and the conformance rules, one module per
principle (:mod:`asan_core.builtins.rules`). May import :mod:`asan_core.plugin_kit`,
:mod:`asan_core.contract`, :mod:`asan_core.model` and :mod:`asan_core.base`.
"""
