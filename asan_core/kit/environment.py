"""Jinja2 wiring: one environment per (franchise, locale), with translations and formatting.

What a translation may contain — the decision: **a translation is text, never markup.**
``jinja2.ext.i18n`` with ``newstyle=True`` inserts translated strings as safe HTML, so a
malicious or careless ``.po`` entry (``<script>…``) would reach the page. Here the gettext
callables escape the translation first when the template autoescapes (HTML), so it shows
as text; variables interpolated into it are escaped too. Templates keep markup outside
``{% trans %}`` blocks. Text templates (no autoescape) get the translation verbatim.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path
from typing import Any

from jinja2 import Environment
from markupsafe import Markup

from asan_core.base.resources import templates_dir
from asan_core.contract.franchise import Franchise
from asan_core.i18n.context import LocaleContext
from asan_core.i18n.formatting import Formatter
from asan_core.i18n.labels import CHANNEL_LABELS, FEATURE_LABELS, ILLUSTRATIVE_MARK, ROLE_LABELS
from asan_core.i18n.templating import install_translations
from asan_core.kit.templates import configured
from asan_core.model import ChannelKind, Feature, Role


def template_folders(franchise: Franchise) -> list[Path]:
    """Plugin template folders (later-registered plugins first), then the core's."""
    return [*franchise.plugins.template_dirs, templates_dir()]


def make_environment(
    context: LocaleContext, extra_folders: list[Path] | None = None
) -> Environment:
    """A Jinja2 environment for one locale.

    Autoescape for ``.html``/``.xml``; strict undefined (a typo in a template fails
    loudly); ``jinja2.ext.i18n`` with the translation chain (newstyle, escaped — see the
    module docstring); filters ``number``, ``percent``, ``money``, ``date``, ``date_range``,
    ``working_days``, ``weekday``, ``digits``, ``bdi``, ``text``, ``text_in``, ``plain``
    (text without the ``lang`` mark, for ``<title>`` and attributes), ``channel``,
    ``feature``, ``role``; globals ``lang``, ``dir``, ``locale``, ``franchise``, ``fmt``,
    ``illustrative_mark``.
    """
    folders = [*(extra_folders or []), *template_folders(context.franchise)]
    env = configured(folders)
    chain = context.chain
    install_translations(env, chain)
    fmt = context.formatter
    env.filters.update(
        number=fmt.number,
        percent=fmt.percent,
        money=_money(fmt),
        date=_date(fmt),
        date_range=fmt.date_range,
        working_days=fmt.working_days,
        weekday=fmt.weekday,
        digits=fmt.digits,
        bdi=bdi,
        plain=str,
        text=context.text,
        text_in=context.text_in,
        channel=lambda kind: chain.plain(CHANNEL_LABELS[ChannelKind(kind)]),
        feature=lambda kind: chain.plain(FEATURE_LABELS[Feature(kind)]),
        role=lambda kind: chain.plain(ROLE_LABELS[Role(kind)]),
    )
    env.globals.update(
        lang=fmt.lang,
        dir=fmt.direction,
        locale=context.locale,
        franchise=context.franchise,
        fmt=fmt,
        illustrative_mark=chain.plain(ILLUSTRATIVE_MARK),
    )
    return env


def bdi(value: Any) -> Markup:
    """``<bdi>value</bdi>``: isolate a Latin or number run inside right-to-left text."""
    return Markup("<bdi>{}</bdi>").format(value)


def _money(fmt: Formatter) -> Callable[..., str]:
    def money(amount: int | float | Decimal, currency: str | None = None) -> str:
        return fmt.money(amount, currency)

    return money


def _date(fmt: Formatter) -> Callable[..., str]:
    def date(value: dt.date, style: str = "long") -> str:
        return fmt.date(value, style)

    return date
