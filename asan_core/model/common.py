"""Building blocks shared by every record: localized text, provenance, identifiers."""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import lru_cache
from typing import Annotated, Any, Self

from babel import Locale, UnknownLocaleError
from pydantic import AfterValidator, BaseModel, ConfigDict, Field, PrivateAttr, model_validator

RECORD_ID_PATTERN = r"^[a-z0-9][a-z0-9_-]*$"


class Origin(BaseModel):
    """Where a record came from: the plugin that contributed it, its file and line."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    plugin: str
    file: str | None = None
    line: int | None = None
    path: str | None = Field(default=None, description="The record's path in its file.")
    field_lines: dict[str, int] = Field(
        default_factory=dict, description="Line of each field below the record, by path."
    )

    def line_of(self, field: str) -> int | None:
        """The line of ``field`` (e.g. ``costs[0].currency``), else the record's line."""
        return self.field_lines.get(field, self.line)

    def describe(self) -> str:
        """``plugin asan_afghanistan, data/services.yaml:12`` style text for messages."""
        where = f"plugin {self.plugin}"
        if self.file:
            where += f", {self.file}"
            if self.line:
                where += f":{self.line}"
        return where


class Record(BaseModel):
    """Base of every data record: frozen, no unknown fields, remembers its origin.

    The origin is set by the loader (not written in data files) and is not part of the
    record's value: two records with the same fields are equal wherever they came from.
    """

    model_config = ConfigDict(frozen=True, extra="forbid", str_strip_whitespace=True)

    _origin: Origin | None = PrivateAttr(default=None)

    @model_validator(mode="after")
    def _no_bidi_controls(self) -> Self:
        for name in type(self).model_fields:
            value = getattr(self, name)
            if isinstance(value, str) and bidi_control_in(value) is not None:
                raise ValueError(f"{name}: {refuse_bidi_message(value)}")
        return self

    @property
    def origin(self) -> Origin | None:
        """The plugin, file and line this record was loaded from, when known."""
        return self._origin

    def with_origin(self, origin: Origin) -> Self:
        """A copy of this record marked as coming from ``origin``; the record is unchanged."""
        marked = self.model_copy()
        marked._origin = origin
        return marked


def check_locale_identifier(value: str) -> str:
    """Accept a Babel locale identifier (``fa_AF``, ``az``, ``ps_AF``) and normalise its form."""
    if not isinstance(value, str) or not value:
        raise ValueError("expected a locale identifier such as 'en', 'az' or 'fa_AF'")
    return _normalised_locale(value)


@lru_cache(maxsize=512)
def _normalised_locale(value: str) -> str:
    """Babel's spelling of ``value`` (a country's data names the same few locales thousands
    of times: each translated field is keyed by one)."""
    try:
        locale = Locale.parse(value.replace("-", "_"))
    except (UnknownLocaleError, ValueError) as exc:
        raise ValueError(
            f"{value!r} is not a locale Babel knows; use identifiers like 'en', 'ru', 'fa_AF'"
        ) from exc
    # Babel's own spelling: 'fa-af' becomes 'fa_AF'; 'az' stays 'az' (not az_Latn_AZ).
    return str(locale)


LocaleId = Annotated[str, AfterValidator(check_locale_identifier)]
"""A Babel locale identifier, e.g. ``fa_AF``."""

RecordId = Annotated[str, Field(pattern=RECORD_ID_PATTERN, min_length=1, max_length=64)]
"""A record id: lower-case letters, digits, ``-`` and ``_`` (e.g. ``mia``, ``id-card``)."""


BIDI_CONTROLS = {
    "\u202a": "LEFT-TO-RIGHT EMBEDDING",
    "\u202b": "RIGHT-TO-LEFT EMBEDDING",
    "\u202c": "POP DIRECTIONAL FORMATTING",
    "\u202d": "LEFT-TO-RIGHT OVERRIDE",
    "\u202e": "RIGHT-TO-LEFT OVERRIDE",
    "\u2066": "LEFT-TO-RIGHT ISOLATE",
    "\u2067": "RIGHT-TO-LEFT ISOLATE",
    "\u2068": "FIRST STRONG ISOLATE",
    "\u2069": "POP DIRECTIONAL ISOLATE",
}
"""Bidirectional embedding, override and isolate controls: refused in data and translations.

An override (U+202E) displays a name reversed, and an unbalanced embedding or isolate
changes the direction of what follows it on the page. The kit isolates mixed-direction
text itself (``<bdi>``, ``dir``, FSI…PDI around numbers), so data never needs them. The
marks U+200E, U+200F and U+061C (LRM, RLM, ALM) change no run's direction and are allowed:
right-to-left typesetting uses them."""


_BIDI_PATTERN = re.compile("[" + "".join(BIDI_CONTROLS) + "]")


def bidi_control_in(text: str) -> str | None:
    """A description of the first bidi control in ``text`` (``U+202E RIGHT-TO-LEFT
    OVERRIDE``), or None."""
    match = _BIDI_PATTERN.search(text)
    if match is None:
        return None
    ch = match.group()
    return f"U+{ord(ch):04X} {BIDI_CONTROLS[ch]}"


def refuse_bidi_message(text: str) -> str:
    """What to tell the author of ``text``, which holds a bidi control."""
    return (
        f"contains the invisible bidirectional control {bidi_control_in(text)}, which can "
        "make text display reversed or out of order: delete it (the kit isolates "
        "mixed-direction text itself)"
    )


def _check_localized(value: dict[str, str]) -> dict[str, str]:
    if not value:
        raise ValueError("expected at least one language, e.g. {en: '...'}")
    for key, text in value.items():
        check_locale_identifier(key)
        if not text.strip():
            raise ValueError(f"the text for {key!r} is empty")
    return value


def _refuse_bidi(text: str) -> str:
    if bidi_control_in(text) is not None:
        raise ValueError(f"the text {refuse_bidi_message(text)}")
    return text


PlainText = Annotated[str, AfterValidator(_refuse_bidi)]
"""Text with no bidirectional control character (see :data:`BIDI_CONTROLS`)."""

LocalizedText = Annotated[dict[LocaleId, PlainText], AfterValidator(_check_localized)]
"""Text per locale: ``{en: "Identity card", az: "Şəxsiyyət vəsiqəsi"}``."""


SOURCE_LOCALE = "en"
"""The language the core's texts are written in; every lookup chain ends in it, so text in
it is accepted for any country."""


def locale_chain(locale: str, default_locale: str) -> list[str]:
    """The lookup order for ``locale``: itself, its base language, the default, English.

    >>> locale_chain("fa_AF", "fa_AF")
    ['fa_AF', 'fa', 'en']
    """
    chain: list[str] = []
    for candidate in (locale, locale.split("_")[0], default_locale, default_locale.split("_")[0]):
        if candidate not in chain:
            chain.append(candidate)
    if SOURCE_LOCALE not in chain:
        chain.append(SOURCE_LOCALE)
    return chain


def pick_text(text: dict[str, str], locale: str, default_locale: str) -> tuple[str, str]:
    """Return ``(text, locale_used)`` for ``locale``, falling back along :func:`locale_chain`.

    The locale actually used is returned so callers can mark or count fallbacks.
    """
    for candidate in locale_chain(locale, default_locale):
        if candidate in text:
            return text[candidate], candidate
    first = sorted(text)[0]
    return text[first], first


class Provenance(BaseModel):
    """Where a fact comes from: a named ``source``, or ``illustrative: true``.

    Illustrative data is a plausible example that the partner government must confirm
    before it is published; the SDK shows these marks in ``asan check`` and, discreetly,
    in generated documents. Exactly one of the two must be given.

    In a data file, ``provenance: illustrative`` is short for ``{illustrative: true}``,
    and a plain string is short for ``{source: ...}``. A sourced record whose details are
    not all sourced lists them: ``{source: ..., illustrative_fields: [opening_hours]}``.
    """

    model_config = ConfigDict(frozen=True, extra="forbid", str_strip_whitespace=True)

    source: PlainText | None = Field(
        default=None, description="A citation a reviewer can follow (document, article, URL)."
    )
    illustrative: bool = Field(
        default=False, description="True when the value is an example to be confirmed."
    )
    note: PlainText | None = Field(default=None, description="What to confirm, or any caveat.")
    illustrative_fields: tuple[str, ...] = Field(
        default=(),
        description="Fields of a sourced record that are illustrative (e.g. opening_hours).",
    )

    @model_validator(mode="before")
    @classmethod
    def _shorthand(cls, data: Any) -> Any:
        if data == "illustrative":
            return {"illustrative": True}
        if isinstance(data, str):
            return {"source": data}
        return data

    @model_validator(mode="after")
    def _one_of(self) -> Provenance:
        if self.illustrative and self.source:
            raise ValueError(
                "give either a source or illustrative: true, not both "
                "(a sourced fact is not illustrative)"
            )
        if not self.illustrative and not self.source:
            raise ValueError("give a source (where the fact comes from) or illustrative: true")
        if self.illustrative and self.illustrative_fields:
            raise ValueError(
                "illustrative_fields marks parts of a sourced record; the whole record is "
                "already illustrative"
            )
        return self


class Sourced(Record):
    """A record that carries provenance (every top-level record does)."""

    provenance: Provenance = Field(description="A source, or illustrative: true.")


def holds_settings_not_text(value: Any) -> bool:
    """True for a model whose locale-keyed mappings are settings, not text to translate
    (``LOCALE_KEYED_SETTINGS = True``: currency patterns)."""
    return isinstance(value, BaseModel) and getattr(type(value), "LOCALE_KEYED_SETTINGS", False)


def localized_fields(value: Any, path: str = "") -> Iterator[tuple[str, dict[str, str]]]:
    """Every localized text below ``value`` with its field path (``evidence[0].name``).

    Provenance is skipped (it is about the data, not shown to citizens), and so are models
    whose locale-keyed mappings are settings rather than text (``LOCALE_KEYED_SETTINGS``).
    """
    if isinstance(value, BaseModel):
        if holds_settings_not_text(value):
            return
        for name in type(value).model_fields:
            if name != "provenance":
                yield from localized_fields(
                    getattr(value, name), f"{path}.{name}" if path else name
                )
    elif isinstance(value, tuple):
        for i, item in enumerate(value):
            yield from localized_fields(item, f"{path}[{i}]")
    elif isinstance(value, dict):
        yield path, value
