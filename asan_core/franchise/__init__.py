"""Resolve a country into its Franchise: ask the plugins, merge, cross-check, locate.

Owns :func:`resolve` (the one caller of hooks on behalf of services), the merge of what
several plugins contribute, and the cross-check of every reference. May import
:mod:`asan_core.contract`, :mod:`asan_core.model` and :mod:`asan_core.base`; the
:class:`Franchise` it returns is defined in the contract, where rules can read it.
"""

from asan_core.contract.franchise import Franchise
from asan_core.franchise.resolve import find_country, installed_calendars, resolve

__all__ = ["Franchise", "find_country", "installed_calendars", "resolve"]
