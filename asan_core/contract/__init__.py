"""The contract between the core and its plugins, and the host that keeps it.

Owns the hook specifications (:mod:`~asan_core.contract.hookspecs`), the markers
(``hookimpl``), the contract's version and its compatibility rules
(:mod:`~asan_core.contract.version`), the plugin host that loads and calls plugins
(:mod:`~asan_core.contract.host`), the table of record kinds
(:mod:`~asan_core.contract.record_kinds`), and the types plugins and the core exchange:
conformance rules, identifier checks, and the resolved :class:`Franchise` that rules and
services read. May import :mod:`asan_core.model` and :mod:`asan_core.base` only.
"""
