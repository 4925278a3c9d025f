"""Typefaces per script and locale: what the kit shows each language in.

The core declares one face per script it knows (:mod:`asan_core.builtins.typography`); a
plugin declares its own through ``asan_fonts`` and wins for the scripts or locales it
names. A locale's script comes from CLDR's likely subtags (Babel): ``fa_AF`` → ``Arab``,
``uz`` → ``Latn``, ``am`` → ``Ethi``; a face named for a *locale* (Urdu's Nastaliq) wins
over a face named for its script (Naskh for Arabic script).
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from babel.core import get_global
from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from asan_core.model import LocaleId

GENERIC_FAMILIES = ("serif", "sans-serif", "monospace", "cursive", "system-ui")


class FontFace(BaseModel):
    """One typeface: its CSS family name, the scripts or locales it serves, its files."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    family: str = Field(pattern=r"^[A-Za-z0-9][A-Za-z0-9 _-]*$", max_length=80)
    scripts: tuple[str, ...] = Field(
        default=(), description="ISO 15924 codes it serves, e.g. ('Arab',), ('Latn', 'Cyrl')."
    )
    locales: tuple[LocaleId, ...] = Field(
        default=(), description="Languages or locales it serves, e.g. ('ur',); wins over scripts."
    )
    files: tuple[Path, ...] = Field(
        min_length=1, description="Font files (.ttf, .otf, .woff2), regular weight first."
    )
    weights: tuple[int, ...] = Field(
        default=(), description="The CSS weight of each file (400 when not given)."
    )
    licence: Path = Field(description="The licence file that travels with the font files.")
    fallback: str = Field(default="serif", description="The CSS generic family after it.")

    @field_validator("scripts")
    @classmethod
    def _iso_15924(cls, value: tuple[str, ...]) -> tuple[str, ...]:
        for script in value:
            if len(script) != 4 or not script.isalpha() or script != script.title():
                raise ValueError(
                    f"{script!r} is not an ISO 15924 script code: four letters, the first "
                    "capital (Arab, Latn, Cyrl, Ethi)"
                )
        return value

    @field_validator("fallback")
    @classmethod
    def _generic(cls, value: str) -> str:
        if value not in GENERIC_FAMILIES:
            raise ValueError(
                f"{value!r} is not a CSS generic family: {', '.join(GENERIC_FAMILIES)}"
            )
        return value

    line_height: float = Field(
        default=1.6, gt=0.8, lt=3, description="Nastaliq needs more room between lines."
    )

    @model_validator(mode="after")
    def _serves_something(self) -> FontFace:
        if not self.scripts and not self.locales:
            raise ValueError("a font face names the scripts or the locales it serves")
        if self.weights and len(self.weights) != len(self.files):
            raise ValueError("give one weight per file, or none")
        return self

    def weight_of(self, index: int) -> int:
        """The CSS weight of ``files[index]``."""
        return self.weights[index] if self.weights else 400


def script_of(locale: str) -> str:
    """The script a locale is written in, by CLDR's likely subtags: ``ps_AF`` → ``Arab``."""
    parts = locale.replace("-", "_").split("_")
    for part in parts[1:]:
        if len(part) == 4 and part.isalpha():
            return part.title()
    likely = get_global("likely_subtags")
    for key in ("_".join(parts), parts[0]):
        if key in likely:
            for part in str(likely[key]).split("_")[1:]:
                if len(part) == 4 and part.isalpha():
                    return part.title()
    return "Latn"


def face_for(faces: Sequence[FontFace], locale: str) -> FontFace | None:
    """The face for ``locale``: the first naming the locale or its language, else the first
    naming its script (``faces`` in precedence order, the plugins' before the core's)."""
    language = locale.split("_")[0]
    for face in faces:
        if locale in face.locales or language in face.locales:
            return face
    script = script_of(locale)
    for face in faces:
        if script in face.scripts:
            return face
    return None
