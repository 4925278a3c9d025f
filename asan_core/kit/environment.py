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
import os
import sys
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path
from typing import Any

from jinja2 import (
    ChoiceLoader,
    Environment,
    FileSystemLoader,
    StrictUndefined,
    select_autoescape,
)
from jinja2.bccache import Bucket, BytecodeCache
from markupsafe import Markup

from asan_core.base.resources import templates_dir
from asan_core.base.version import __version__
from asan_core.contract.franchise import Franchise
from asan_core.i18n.context import LocaleContext
from asan_core.i18n.formatting import Formatter
from asan_core.i18n.labels import CHANNEL_LABELS, FEATURE_LABELS, ILLUSTRATIVE_MARK, ROLE_LABELS
from asan_core.i18n.templating import install_translations
from asan_core.model import ChannelKind, Feature, Role


def template_folders(franchise: Franchise) -> list[Path]:
    """Plugin template folders (later-registered plugins first), then the core's."""
    return [*franchise.plugins.template_dirs, templates_dir()]


class _TemplateCache(BytecodeCache):
    """Compiled templates, shared by every environment of the process (one per locale) and,
    where a cache folder can be written, by later processes.

    Jinja2 keys a template by its name and file name and checks the source's checksum, so
    an edited template (a trainer editing while ``asan kit serve`` runs, or a plugin update)
    is compiled afresh: the cache is never stale. The folder is
    ``$ASAN_CACHE_DIR`` or ``$XDG_CACHE_HOME/asan-sdk`` (``~/.cache/asan-sdk``), one
    subfolder per asan-sdk and Python version; ``ASAN_CACHE_DIR=off`` keeps it in memory. A
    folder that cannot be written is not an error: the cache stays in memory.
    """

    def __init__(self) -> None:
        self._store: dict[str, bytes] = {}
        self._folder: Path | bool | None = False  # False: not looked up yet

    def _disk(self) -> Path | None:
        if self._folder is False:
            self._folder = _cache_folder()
        return self._folder if isinstance(self._folder, Path) else None

    def load_bytecode(self, bucket: Bucket) -> None:
        code = self._store.get(bucket.key)
        if code is None and (folder := self._disk()) is not None:
            try:
                code = (folder / f"{bucket.key}.cache").read_bytes()
            except OSError:
                code = None
        if code is not None:
            bucket.bytecode_from_string(code)

    def dump_bytecode(self, bucket: Bucket) -> None:
        code = bucket.bytecode_to_string()
        self._store[bucket.key] = code
        folder = self._disk()
        if folder is not None:
            try:
                temporary = folder / f"{bucket.key}.{os.getpid()}.tmp"
                temporary.write_bytes(code)
                os.replace(temporary, folder / f"{bucket.key}.cache")
            except OSError:
                self._folder = None  # read-only or full: keep to memory from now on


def _cache_folder() -> Path | None:
    setting = os.environ.get("ASAN_CACHE_DIR", "")
    if setting.lower() in {"off", "0", "no", "false"}:
        return None
    base = (
        Path(setting)
        if setting
        else Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "asan-sdk"
    )
    folder = base / f"templates-{__version__}-py{sys.version_info[0]}{sys.version_info[1]}"
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError:
        return None
    return folder


_BYTECODE = _TemplateCache()


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
