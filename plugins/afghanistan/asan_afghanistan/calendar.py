"""The Solar Hijri calendar as Afghanistan writes it: Afghan month names, Persian digits.

Afghanistan's official calendar is the Solar Hijri (solar Hejri) calendar. Its months are
the same twelve as Iran's, but Afghanistan names them after the signs of the zodiac: in
Dari حمل، ثور، جوزا ... حوت, in Pashto وری، غویی، غبرګولی ... کب. No calendar package ships
these names (jdatetime and Babel give the Iranian ones, فروردین ... اسفند), so they are
kept here; the date arithmetic itself is jdatetime's.

>>> import datetime as dt
>>> to_solar_hijri(dt.date(2019, 3, 1))
SolarHijriDate(year=1397, month=12, day=10)
>>> format_solar_hijri(dt.date(2019, 3, 1), "fa_AF", "long")
'۱۰ حوت ۱۳۹۷'
>>> format_solar_hijri(dt.date(2025, 3, 21), "ps_AF", "short")
'۱۴۰۴/۱/۱'
>>> format_solar_hijri(dt.date(2019, 3, 1), "en", "long", native_digits=False)
'10 Hut 1397'

Styles follow CLDR's patterns for ``fa_AF`` and ``ps_AF`` (``d MMMM y`` and ``y/M/d``):
``long`` and ``medium`` give "day month year" (``۱۰ حوت ۱۳۹۷``; the months have no
abbreviations), ``full`` is the same (no weekday is added), and ``short`` gives
year/month/day without zero padding (``۱۳۹۷/۱۲/۱۰``, ``۱۴۰۴/۱/۱``).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Final

import jdatetime  # type: ignore[import-untyped]

DARI_MONTHS: Final[tuple[str, ...]] = (
    "حمل",
    "ثور",
    "جوزا",
    "سرطان",
    "اسد",
    "سنبله",
    "میزان",
    "عقرب",
    "قوس",
    "جدی",
    "دلو",
    "حوت",
)
"""The Afghan month names in Dari (``fa_AF``), Hamal (1) to Hut (12)."""

PASHTO_MONTHS: Final[tuple[str, ...]] = (
    "وری",
    "غویی",
    "غبرګولی",
    "چنګاښ",
    "زمری",
    "وږی",
    "تله",
    "لړم",
    "لیندۍ",
    "مرغومی",
    "سلواغه",
    "کب",
)
"""The Afghan month names in Pashto (``ps_AF``), Wray (1) to Kab (12).

Standard Afghan Pashto orthography: ګ (U+06AB) for g, not the Persian گ; ښ, ږ, ړ for the
Pashto retroflex and palatal sounds; a final ی (U+06CC) for the masculine ending -ay
(وری، غویی، غبرګولی، زمری، وږی، مرغومی) and ۍ (U+06CD) for the feminine -əy (لیندۍ).
"""

ENGLISH_MONTHS: Final[tuple[str, ...]] = (
    "Hamal",
    "Sawr",
    "Jawza",
    "Saratan",
    "Asad",
    "Sunbula",
    "Mizan",
    "Aqrab",
    "Qaws",
    "Jadi",
    "Dalw",
    "Hut",
)
"""Common English transliterations of the Dari month names."""

MONTH_NAMES: Final[dict[str, tuple[str, ...]]] = {
    "fa": DARI_MONTHS,
    "ps": PASHTO_MONTHS,
    "en": ENGLISH_MONTHS,
}
"""Month names by base language."""

PERSIAN_DIGITS: Final[str] = "۰۱۲۳۴۵۶۷۸۹"
"""Extended Arabic-Indic digits (CLDR ``arabext``), as written in Dari and Pashto."""

NATIVE_DIGIT_LANGUAGES: Final[frozenset[str]] = frozenset({"fa", "ps"})
"""Languages whose native digits are :data:`PERSIAN_DIGITS`."""

STYLES: Final[frozenset[str]] = frozenset({"full", "long", "medium", "short"})
"""Date styles :func:`format_solar_hijri` accepts."""

_TO_PERSIAN = str.maketrans("0123456789", PERSIAN_DIGITS)


@dataclass(frozen=True, order=True)
class SolarHijriDate:
    """A day of the Solar Hijri calendar: ``year``, ``month`` (1 = Hamal) and ``day``."""

    year: int
    month: int
    day: int

    def month_name(self, locale: str) -> str:
        """The Afghan name of this date's month in ``locale`` (Dari, Pashto or English)."""
        return month_name(self.month, locale)

    def to_gregorian(self) -> dt.date:
        """The Gregorian date of this day."""
        return from_solar_hijri(self.year, self.month, self.day)


def language_of(locale: str) -> str:
    """The base language of a locale identifier: ``fa_AF`` → ``fa``, ``ps-AF`` → ``ps``."""
    return locale.replace("-", "_").split("_")[0].lower()


def to_solar_hijri(date: dt.date) -> SolarHijriDate:
    """The Solar Hijri date of a Gregorian ``date`` (a datetime counts by its date).

    >>> to_solar_hijri(dt.date(2025, 3, 21))
    SolarHijriDate(year=1404, month=1, day=1)
    """
    day = date.date() if isinstance(date, dt.datetime) else date
    jalali = jdatetime.date.fromgregorian(date=day)
    return SolarHijriDate(int(jalali.year), int(jalali.month), int(jalali.day))


def from_solar_hijri(year: int, month: int, day: int) -> dt.date:
    """The Gregorian date of a Solar Hijri ``year``/``month``/``day``.

    :raises ValueError: when the day does not exist (e.g. month 13, or 31 Mizan).

    >>> from_solar_hijri(1404, 5, 28)
    datetime.date(2025, 8, 19)
    """
    try:
        gregorian = jdatetime.date(year, month, day).togregorian()
    except (TypeError, ValueError) as exc:
        raise ValueError(f"{year}/{month}/{day} is not a Solar Hijri date: {exc}") from exc
    return dt.date(int(gregorian.year), int(gregorian.month), int(gregorian.day))


def month_name(month: int, locale: str) -> str:
    """The Afghan name of ``month`` (1-12) in ``locale``'s language (fa, ps or en).

    :raises ValueError: for a month outside 1-12 or a language without the names.

    >>> month_name(12, "fa_AF"), month_name(3, "ps_AF"), month_name(1, "en")
    ('حوت', 'غبرګولی', 'Hamal')
    """
    if not 1 <= month <= 12:
        raise ValueError(f"a month is 1 to 12, not {month}")
    names = MONTH_NAMES.get(language_of(locale))
    if names is None:
        languages = ", ".join(sorted(MONTH_NAMES))
        raise ValueError(f"no Afghan month names for {locale!r}; languages: {languages}")
    return names[month - 1]


def to_native_digits(text: str, locale: str) -> str:
    """Write the ASCII digits of ``text`` in ``locale``'s native digits.

    Dari and Pashto use the Persian digits ۰۱۲۳۴۵۶۷۸۹; text for any other language is
    returned unchanged.

    >>> to_native_digits("1397/12/10", "ps_AF")
    '۱۳۹۷/۱۲/۱۰'
    """
    if language_of(locale) in NATIVE_DIGIT_LANGUAGES:
        return text.translate(_TO_PERSIAN)
    return text


def format_solar_hijri(
    date: dt.date, locale: str, style: str = "long", native_digits: bool = True
) -> str:
    """Format a Gregorian ``date`` in the Solar Hijri calendar with Afghan month names.

    :param date: the Gregorian date.
    :param locale: a Dari (``fa_AF``), Pashto (``ps_AF``) or English locale.
    :param style: ``long``, ``medium`` or ``full`` ("۱۰ حوت ۱۳۹۷"); ``short``
        ("۱۳۹۷/۱۲/۱۰").
    :param native_digits: Persian digits for Dari and Pashto (the country's
        ``digits: native``); False keeps 0-9.
    :raises ValueError: for an unknown style or a language without the month names.
    """
    if style not in STYLES:
        raise ValueError(f"unknown date style {style!r}; styles: {', '.join(sorted(STYLES))}")
    solar = to_solar_hijri(date)
    name = solar.month_name(locale)  # also rejects a language without the month names
    if style == "short":
        text = f"{solar.year}/{solar.month}/{solar.day}"
    else:
        text = f"{solar.day} {name} {solar.year}"
    return to_native_digits(text, locale) if native_digits else text


__all__ = [
    "DARI_MONTHS",
    "ENGLISH_MONTHS",
    "MONTH_NAMES",
    "PASHTO_MONTHS",
    "PERSIAN_DIGITS",
    "STYLES",
    "SolarHijriDate",
    "format_solar_hijri",
    "from_solar_hijri",
    "language_of",
    "month_name",
    "to_native_digits",
    "to_solar_hijri",
]
