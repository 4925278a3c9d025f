"""Uzbek (Latin script) for asan-sdk: a language pack.

It adds one language to the core's shared content — the six principles and the ten
curriculum modules — and to the kit's interface, for every country that declares ``uz``
(or a locale of Uzbek). It replaces no record and is never counted as a change to the
model. The translations are gettext catalogs in ``locales/uz/LC_MESSAGES/``:
``messages.po`` (interface) and ``content.po`` (one entry per field of the shared content).

First edition, for native review: see README.md.
"""

from pathlib import Path

from asan_core import LanguagePack, hookimpl

asan_contract = ">=2.1,<3"
"""The plugin contract range this pack was written for (language packs arrived in 2.1)."""

LOCALES = Path(__file__).parent / "locales"


@hookimpl
def asan_language_packs() -> list[LanguagePack]:
    """Uzbek, Latin script (``uz``)."""
    return [
        LanguagePack(
            locale="uz",
            catalogs=LOCALES,
            status="first edition, for native review",
        )
    ]
