"""The ground floor: what every wing stands on.

Owns located problems (:mod:`~asan_core.base.problems`), atomic file writing
(:mod:`~asan_core.base.files`) and the paths of the core's shipped folders
(:mod:`~asan_core.base.resources`). May import nothing of the project.
"""
