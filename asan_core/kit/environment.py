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

from jinja2 import (
    ChoiceLoader,
    Environment,
    FileSystemLoader,
    StrictUndefined,
    pass_context,
    select_autoescape,
)
from jinja2.bccache import Bucket, BytecodeCache
from jinja2.runtime import Context
from markupsafe import Markup, escape

from asan_core.base.resources import templates_dir
from asan_core.contract.franchise import Franchise
from asan_core.i18n.context import LocaleContext
from asan_core.i18n.formatting import Formatter
from asan_core.i18n.labels import CHANNEL_LABELS, FEATURE_LABELS, ILLUSTRATIVE_MARK, ROLE_LABELS
from asan_core.model import ChannelKind, Feature, Role


def _escaping(function: Callable[..., str]) -> Callable[..., str]:
    @pass_context
    def call(context: Context, *args: Any) -> str:
        translated = function(*args)
        return escape(translated) if context.eval_ctx.autoescape else translated

    return call


def template_folders(franchise: Franchise) -> list[Path]:
    """Plugin template folders (later-registered plugins first), then the core's."""
    return [*franchise.plugins.template_dirs, templates_dir()]


class _MemoryBytecodeCache(BytecodeCache):
    """Compiled templates shared by every environment of the process (one per locale).

    Jinja2 keys the cache by template name and file name and checks the source's checksum,
    so an edited template (``asan kit serve`` while a trainer edits) is compiled afresh.
    """

    def __init__(self) -> None:
        self._store: dict[str, bytes] = {}

    def load_bytecode(self, bucket: Bucket) -> None:
        code = self._store.get(bucket.key)
        if code is not None:
            bucket.bytecode_from_string(code)

    def dump_bytecode(self, bucket: Bucket) -> None:
        self._store[bucket.key] = bucket.bytecode_to_string()


_BYTECODE = _MemoryBytecodeCache()


def make_environment(
    context: LocaleContext, extra_folders: list[Path] | None = None
) -> Environment:
    """A Jinja2 environment for one locale.

    Autoescape for ``.html``/``.xml``; strict undefined (a typo in a template fails
    loudly); ``jinja2.ext.i18n`` with the translation chain (newstyle, escaped — see the
    module docstring); filters ``number``, ``percent``, ``money``, ``date``, ``date_range``,
    ``working_days``, ``weekday``, ``digits``, ``bdi``, ``text``, ``text_in``, ``channel``,
    ``feature``, ``role``; globals ``lang``, ``dir``, ``locale``, ``franchise``, ``fmt``,
    ``illustrative_mark``.
    """
    folders = [*(extra_folders or []), *template_folders(context.franchise)]
    env = Environment(
        loader=ChoiceLoader([FileSystemLoader(str(folder)) for folder in folders]),
        bytecode_cache=_BYTECODE,
        autoescape=select_autoescape(["html", "htm", "xml"], default_for_string=True),
        undefined=StrictUndefined,
        extensions=["jinja2.ext.i18n"],
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    chain = context.chain
    env.install_gettext_callables(  # type: ignore[attr-defined]
        gettext=_escaping(chain.gettext),
        ngettext=_escaping(chain.ngettext),
        newstyle=True,
        pgettext=_escaping(chain.pgettext),
        npgettext=_escaping(chain.npgettext),
    )
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
        text=context.text,
        text_in=context.text_in,
        channel=lambda kind: chain.gettext(CHANNEL_LABELS[ChannelKind(kind)]),
        feature=lambda kind: chain.gettext(FEATURE_LABELS[Feature(kind)]),
        role=lambda kind: chain.gettext(ROLE_LABELS[Role(kind)]),
    )
    env.globals.update(
        lang=fmt.lang,
        dir=fmt.direction,
        locale=context.locale,
        franchise=context.franchise,
        fmt=fmt,
        illustrative_mark=chain.gettext(ILLUSTRATIVE_MARK),
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
