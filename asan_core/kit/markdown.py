"""Markdown of the curriculum (CommonMark, raw HTML off), rendered once per text."""

from __future__ import annotations

from functools import lru_cache

from markdown_it import MarkdownIt
from markupsafe import Markup

_markdown = MarkdownIt("commonmark", {"html": False, "linkify": False, "typographer": False})


def markdown(text: str, shift: int = 0) -> Markup:
    """CommonMark to HTML with raw HTML disabled: data and translations stay text.

    ``shift`` moves headings down (``## `` becomes ``<h3>`` with ``shift=1``; never past
    ``<h6>``), so a module's sections sit under the module's own heading in the outline.
    """
    html = _render_markdown(str(text), shift)
    lang = getattr(text, "lang", None)
    if lang:  # a fallback (ShownText): the block carries its own language
        direction = getattr(text, "direction", "ltr")
        return (
            Markup('<div lang="{}" dir="{}">').format(lang, direction)
            + Markup(html)
            + Markup("</div>")
        )
    return Markup(html)


@lru_cache(maxsize=4096)
def _render_markdown(text: str, shift: int) -> str:
    # A module's content appears in several handbooks and their printable pages: render once.
    tokens = _markdown.parse(text)
    for token in tokens:
        if token.type in ("heading_open", "heading_close"):
            token.tag = f"h{min(6, int(token.tag[1]) + shift)}"
    return str(_markdown.renderer.render(tokens, _markdown.options, {}))
