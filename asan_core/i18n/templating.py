"""Translations in Jinja2 templates, as every service that writes pages installs them.

A translation is text, never markup: the gettext callables a template sees escape what the
catalog returns wherever the template autoescapes, so a translator's ``<`` or ``&`` shows
as written and cannot open an element (newstyle gettext, with ``%(name)s`` placeholders
filled before escaping).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from jinja2 import Environment, pass_context
from jinja2.runtime import Context
from markupsafe import escape

from asan_core.i18n.catalogs import TranslationChain


def escaping(function: Callable[..., str]) -> Callable[..., str]:
    """``function`` (a gettext) whose result is escaped where the template autoescapes."""

    @pass_context
    def call(context: Context, *args: Any) -> str:
        translated = function(*args)
        return escape(translated) if context.eval_ctx.autoescape else translated

    return call


def install_translations(env: Environment, chain: TranslationChain) -> None:
    """``_``, ``gettext``, ``ngettext``, ``pgettext`` and ``npgettext`` of ``chain`` in
    ``env`` (which has ``jinja2.ext.i18n``), escaping as the module says."""
    env.install_gettext_callables(  # type: ignore[attr-defined]
        gettext=escaping(chain.gettext),
        ngettext=escaping(chain.ngettext),
        newstyle=True,
        pgettext=escaping(chain.pgettext),
        npgettext=escaping(chain.npgettext),
    )
