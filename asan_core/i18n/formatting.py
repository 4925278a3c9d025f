"""One formatter per (franchise, locale): numbers, money, dates, durations, digits, direction.

Babel has the CLDR data but leaves gaps this module closes once for every country:

- **Digits.** Babel formats with ASCII digits even where CLDR's default numbering system is
  ``arabext``; when the country asks for ``digits: native`` the formatter writes the
  locale's own digits (Persian ۰۱۲۳۴۵۶۷۸۹ for ``fa_AF`` and ``ps_AF``) with the matching
  separators (``٬`` ``٫``).
- **Calendars.** Dates go through the ``asan_format_date`` hook, so a country's calendar
  plugin (Solar Hijri for Afghanistan) formats them; the core's Gregorian formatter answers
  otherwise.
- **Plurals.** "5 working days" comes from the gettext catalogs with the locale's plural
  rules (Russian: 1 день, 2 дня, 5 дней, 21 день).
- **Direction.** ``direction`` is ``rtl`` or ``ltr``; :meth:`Formatter.isolate` wraps a
  Latin or number run in Unicode isolates so it cannot reorder the text around it (HTML uses
  ``<bdi>`` through the ``bdi`` filter).
"""

from __future__ import annotations

import copy
import datetime as dt
from decimal import Decimal
from functools import cached_property
from typing import Any, Literal

from babel import Locale
from babel.dates import get_day_names
from babel.numbers import (
    format_currency,
    format_decimal,
    format_percent,
    get_currency_precision,
    parse_pattern,
)

from asan_core.contract.franchise import DateFormatter
from asan_core.i18n.catalogs import N_, TranslationChain
from asan_core.model import WEEKDAYS, Country, DigitStyle

NATIVE_DIGITS: dict[str, str] = {
    "arab": "٠١٢٣٤٥٦٧٨٩",
    "arabext": "۰۱۲۳۴۵۶۷۸۹",
    "beng": "০১২৩৪৫৬৭৮৯",
    "deva": "०१२३४५६७८९",
    "mymr": "၀၁၂၃၄၅၆၇၈၉",
    "thai": "๐๑๒๓๔๕๖๗๘๙",
    "tibt": "༠༡༢༣༤༥༦༧༨༩",
    "khmr": "០១២៣៤៥៦៧៨៩",
    "laoo": "໐໑໒໓໔໕໖໗໘໙",
    "ethi": "0123456789",  # CLDR lists no decimal digits for Ethiopic: keep Latin
}
"""Decimal digits of CLDR numbering systems (CLDR numberingSystems.xml)."""

FSI, PDI = "\u2068", "\u2069"
"""Unicode first-strong isolate and pop-directional isolate."""


class Formatter:
    """Formats values for one country and locale.

    :param country: the country (its currency, calendar, digit style, week).
    :param locale: one of ``country.locales``.
    :param translations: the gettext chain for ``locale`` (for durations).
    :param format_date: the plugins' date formatting (``Franchise.plugins.format_date``).
    """

    def __init__(
        self,
        country: Country,
        locale: str,
        translations: TranslationChain,
        format_date: DateFormatter,
    ) -> None:
        self.country = country
        self.format_date = format_date
        self.locale = locale
        self.babel_locale = Locale.parse(locale)
        self.translations = translations
        self.native = country.digits is DigitStyle.NATIVE
        system = self.babel_locale.default_numbering_system if self.native else "latn"
        digits = NATIVE_DIGITS.get(system)
        self.numbering_system = system if digits else "latn"
        self._digit_table = str.maketrans("0123456789", digits) if digits else None

    # -- text direction -------------------------------------------------------------

    @cached_property
    def direction(self) -> str:
        """``rtl`` or ``ltr``, from CLDR's character order for the locale."""
        return "rtl" if self.babel_locale.character_order == "right-to-left" else "ltr"

    @cached_property
    def lang(self) -> str:
        """The BCP 47 tag for HTML ``lang`` (``fa-AF``)."""
        return self.locale.replace("_", "-")

    def isolate(self, text: str) -> str:
        """``text`` between Unicode isolates, safe to embed in text of either direction."""
        return f"{FSI}{text}{PDI}"

    @cached_property
    def comma(self) -> str:
        """The separator between list items: ``", "``, or ``"، "`` in Dari and Pashto.

        Taken from CLDR's list pattern (the ``middle`` of ``standard``), without the
        directional marks some locales put there; Babel's ``format_list`` would add "and".
        """
        pattern = str(self.babel_locale.list_patterns["standard"]["middle"])
        separator = pattern.replace("{0}", "").replace("{1}", "")
        return separator.replace("\u200f", "").replace("\u200e", "") or ", "

    @cached_property
    def semicolon(self) -> str:
        """The stronger separator, between lists: ``"; "``, or ``"؛ "`` in Arabic script."""
        return "؛ " if "،" in self.comma else "; "

    # -- digits and numbers ------------------------------------------------------------

    def digits(self, text: str) -> str:
        """Replace ASCII digits by the locale's native digits when the country asks."""
        return text.translate(self._digit_table) if self._digit_table else text

    def number(self, value: int | float | Decimal) -> str:
        """A decimal number with the locale's separators and digits."""
        return self.digits(
            format_decimal(value, locale=self.babel_locale, numbering_system=self.numbering_system)
        )

    def percent(self, value: int | float | Decimal) -> str:
        """``0.985`` → ``98%`` (``۹۸٪`` with native digits).

        Babel keeps the Latin ``%`` whatever the numbering system; CLDR's own sign for the
        system (``٪`` for arabext) is put in its place.
        """
        text = format_percent(
            value, locale=self.babel_locale, numbering_system=self.numbering_system
        )
        sign = self.babel_locale.number_symbols[self.numbering_system].get("percentSign", "%")
        return self.digits(text.replace("%", sign))

    def money(self, amount: int | float | Decimal, currency: str | None = None) -> str:
        """An amount in ``currency`` (the country's by default), with CLDR's decimals.

        AFN has no minor unit in CLDR: 1234567.5 AFN is written ‎؋ ۱٬۲۳۴٬۵۶۸ in fa_AF.
        A free service is still ``0`` here; say "free" in the template.
        """
        code = currency or self.country.currency
        display = self.country.currency_format
        pattern = display.pattern_for(self.locale) if display else None
        decimals = display.decimals if display else None
        if pattern is None and decimals is None:
            text = format_currency(
                amount,
                code,
                locale=self.babel_locale,
                numbering_system=self.numbering_system,
                currency_digits=True,
            )
        else:  # the country's own way (data: currency_format), still through CLDR
            standard = self.babel_locale.currency_formats["standard"]
            parsed = parse_pattern(pattern) if pattern else copy.copy(standard)
            if decimals is not None:
                parsed.frac_prec = (decimals, decimals)
            text = parsed.apply(
                Decimal(str(amount)),
                self.babel_locale,
                currency=code,
                currency_digits=decimals is None,
                numbering_system=self.numbering_system,
            )
        return self.digits(text)

    def currency_decimals(self, currency: str | None = None) -> int:
        """The decimals money is written with: the country's ``currency_format.decimals``,
        else CLDR's for ``currency`` (0 for AFN, 2 for AZN)."""
        display = self.country.currency_format
        if display is not None and display.decimals is not None:
            return display.decimals
        return get_currency_precision(currency or self.country.currency)

    # -- dates -----------------------------------------------------------------------

    def date(self, value: dt.date, style: str = "long") -> str:
        """A date in the country's calendar (asked of the ``asan_format_date`` hook)."""
        return self.digits(self.format_date(self.country, value, self.locale, style))

    def date_range(self, start: dt.date, end: dt.date, style: str = "long") -> str:
        """``start – end`` in the country's calendar, isolated for bidi safety."""
        return f"{self.isolate(self.date(start, style))} – {self.isolate(self.date(end, style))}"

    def weekday(
        self,
        day: str | int | dt.date,
        width: Literal["abbreviated", "narrow", "short", "wide"] = "wide",
    ) -> str:
        """The name of a weekday (``"thu"``, ``3`` or a date) in the locale."""
        if isinstance(day, dt.date):
            index = day.weekday()
        elif isinstance(day, str):
            index = [str(d) for d in WEEKDAYS].index(day)
        else:
            index = day
        names: Any = get_day_names(width, locale=self.babel_locale)
        return str(names[index])

    # -- durations -------------------------------------------------------------------

    def working_days(self, count: int) -> str:
        """``5 working days`` with the locale's plural rules and digits."""
        if count == 0:
            # Translators: processing time of a service ready on the day of application.
            return self.translations.plain(N_("the same day"))
        # Translators: processing time; %(count)s is a number, already in local digits.
        template = self.translations.ngettext(
            "%(count)s working day", "%(count)s working days", count
        )
        return template % {"count": self.number(count)}
