"""Languages: locale negotiation, gettext catalogs, formatting, labels, the translation workflow.

Owns matching a user's locale to a country's (:mod:`~asan_core.i18n.negotiation`), the
translation chain of catalogs (:mod:`~asan_core.i18n.catalogs`), numbers, money, dates and
digits per locale (:mod:`~asan_core.i18n.formatting`), the :class:`LocaleContext` a
service shows a franchise through (:mod:`~asan_core.i18n.context`), the typefaces and
``fonts.css`` of published pages (:mod:`~asan_core.i18n.fonts`), working days, the labels
of enumerations, and ``asan i18n`` extract/update/compile/stats
(:mod:`~asan_core.i18n.workflow`). Reads the Franchise only; may import
:mod:`asan_core.franchise` and below.
"""
