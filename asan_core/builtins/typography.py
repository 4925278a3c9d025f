"""Built-in plugin: the typefaces the core declares, one per script, bundled with the kit.

Noto, from Debian's ``fonts-noto-core`` (OFL-1.1, ``content/fonts/OFL.txt``), regular and
bold: Naskh for Arabic script (Dari, Pashto, Arabic — the book hand those languages print
in), Nastaliq for Urdu (the hand Urdu is customarily printed in), Ethiopic for Ge'ez
script (Amharic, Tigrinya), and Noto Sans for Latin, Cyrillic and Greek. The files are
shipped whole, not subset: a kit's text changes with every edit of the data, and the
faces a kit uses weigh 0.7-1.8 MB together (docs/translators.md, "Fonts"). A plugin
declares its own faces with ``asan_fonts``; they win for the scripts or locales they name.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from asan_core.contract.markers import hookimpl
from asan_core.contract.typography import FontFace
from asan_core.model import Country

FONTS_DIR = Path(__file__).parent / "content" / "fonts"
LICENCE = FONTS_DIR / "OFL.txt"


def _face(family: str, stem: str, **kwargs: Any) -> FontFace:
    files = (FONTS_DIR / f"{stem}-Regular.ttf", FONTS_DIR / f"{stem}-Bold.ttf")
    return FontFace(
        family=family,
        files=files,
        weights=(400, 700),
        licence=LICENCE,
        **kwargs,
    )


CORE_FACES = (
    _face("Noto Nastaliq Urdu", "NotoNastaliqUrdu", locales=("ur",), line_height=2.2),
    _face("Noto Naskh Arabic", "NotoNaskhArabic", scripts=("Arab",), line_height=1.8),
    _face("Noto Sans Ethiopic", "NotoSansEthiopic", scripts=("Ethi",), fallback="sans-serif"),
    _face("Noto Sans", "NotoSans", scripts=("Latn", "Cyrl", "Grek"), fallback="sans-serif"),
)
"""The core's faces; a locale whose script none serves is shown in the reader's fonts."""


@hookimpl
def asan_fonts(country: Country) -> list[FontFace]:
    """The core's faces, for every country."""
    del country
    return list(CORE_FACES)
