"""``asan new country``: from a few answers to a country plugin that works at once.

The answers — the country, the centres' brand, languages, currency, calendar, digits,
operating model and the first centre's city — are checked by :func:`plan_country` before
anything is written. The bundled cookiecutter template (``cookiecutter-center``) lays the
distribution out like ``plugins/azerbaijan``; this module gives it its contents: derived
names (``asan_<slug>``, ``asan-<slug>``), the starting data (the reference catalogue of
:mod:`asan_core.starting_catalogue` in the country's languages) and one gettext catalog per
language. The template's Jinja filters, its two hooks and the ``asan new country`` command
all call these functions, so the template holds layout and wording, and no logic.
"""

from __future__ import annotations

import contextlib
import difflib
import importlib
import json
import logging
import re
import sys
import unicodedata
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any, TextIO, TypeVar

import pycountry
import yaml
from babel import Locale, localedata
from babel.languages import get_official_languages
from babel.numbers import get_territory_currencies, is_currency

from asan_core import __version__
from asan_core.model import DigitStyle, OperatingModel, is_subdivision_of
from asan_core.model.common import check_locale_identifier
from asan_core.model.iso import is_country_code
from asan_core.problems import Problem, ProblemsError
from asan_core.starting_catalogue import SOURCE_LOCALE, data_files, write_catalogs

TEMPLATE_NAME = "cookiecutter-center"
"""The template's folder: at the repository root in a checkout, inside ``asan_core`` in a wheel."""

TEMPLATE_ID = "asan-sdk:cookiecutter-center"
"""How a generated project's ``.cookiecutter.json`` names the template it came from."""

ANSWERS: dict[str, str] = {
    "country": "the country: its English name or ISO 3166-1 code (UZ, PK)",
    "brand": "the brand name of the centres (e.g. ASAN xidmət)",
    "languages": "Babel locales separated by commas, the first being the default (uz, ru, en)",
    "currency": "ISO 4217 code; empty for the country's currency in CLDR",
    "calendar": "gregorian, or a calendar an installed plugin declares",
    "digits": "latin or native",
    "operating_model": "agency_front_office or one_stop_staff",
    "first_centre_city": "the city of the first centre",
    "first_centre_area": "ISO 3166-2 code of its area; empty to derive it from the city",
}
"""Every answer the template asks for, and what it expects."""

# -- names ----------------------------------------------------------------------------


def _fold(text: str) -> str:
    """``"Farg‘ona"`` → ``"fargona"``: letters and digits, no accents, lower case."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if c.isascii() and c.isalnum()).lower()


_GENERIC_WORDS = frozenset({"al", "el", "city", "province", "region", "governorate", "district"})
"""Words that do not tell places apart: "Al Başrah" is the Basra of a user's answer."""


def _place_key(name: str) -> str:
    words = re.split(r"[\s\-‐'’‘]+", name.strip())
    kept = [w for w in words if _fold(w) not in _GENERIC_WORDS] or words
    return _fold("".join(kept))


def slugify(text: str, separator: str = "_") -> str:
    """``"Côte d’Ivoire"`` → ``"cote_divoire"``: ASCII words joined by ``separator``."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", separator, ascii_text.lower()).strip(separator)


def english_name(code: str) -> str:
    """The country's English name in CLDR (``UZ`` → ``Uzbekistan``)."""
    return str(Locale("en").territories.get(code) or code)


def find_country_code(value: str) -> str | None:
    """The ISO 3166-1 code a user means: a code in any case, an alpha-3 code, or a name."""
    text = value.strip()
    if not text:
        return None
    if len(text) == 2 and text.isalpha():
        return text.upper() if is_country_code(text.upper()) else None
    try:
        found: Any = pycountry.countries.lookup(text)
    except LookupError:
        found = None
    if found is not None:
        return str(found.alpha_2)
    folded = _fold(text)
    for code, name in Locale("en").territories.items():
        if is_country_code(code) and _fold(str(name)) == folded:
            return str(code)
    return None


def _country_suggestions(value: str) -> list[str]:
    names = {
        _fold(str(name)): f"{name} ({code})"
        for code, name in Locale("en").territories.items()
        if is_country_code(code)
    }
    return [names[n] for n in difflib.get_close_matches(_fold(value), names, n=3, cutoff=0.6)]


def territory_currency(code: str) -> str:
    """The currency CLDR gives for the country today (``UZ`` → ``UZS``), or ``""``."""
    currencies = get_territory_currencies(code) if is_country_code(code) else []
    return str(currencies[0]) if currencies else ""


def default_languages(code: str) -> str:
    """The country's official languages in CLDR as Babel locales, then English.

    >>> default_languages("PK")
    'ur_PK, en'
    """
    if not is_country_code(code):
        return "en"
    locales: list[str] = []
    for language in get_official_languages(code, de_facto=True):
        if "_" in language or language == SOURCE_LOCALE:
            continue  # a script variant (uz_Cyrl); English is added last
        regional = f"{language}_{code}"
        locales.append(regional if localedata.exists(regional) else language)
    return ", ".join([*locales, SOURCE_LOCALE])


def _subdivisions(code: str) -> list[Any]:
    return list(pycountry.subdivisions.get(country_code=code) or [])  # type: ignore[no-untyped-call]


def _capital_first(subdivision: Any) -> tuple[int, int, str]:
    kind = str(getattr(subdivision, "type", "")).lower()
    rank = 0 if "capital" in kind else 1 if "city" in kind else 2
    return rank, 1 if subdivision.parent_code else 0, str(subdivision.code)


def default_city(code: str) -> str:
    """A first guess at the first centre's city: the capital area's name in ISO 3166-2."""
    subdivisions = sorted(_subdivisions(code), key=_capital_first)
    return str(subdivisions[0].name) if subdivisions else ""


@dataclass(frozen=True)
class AreaMatch:
    """The ISO 3166-2 area chosen for a city, and how it was found."""

    code: str
    name: str
    how: str
    """``given`` (an answer), ``name`` (the city's name), ``close`` (a similar name) or
    ``placeholder`` (no match: the capital's area stands in, to be replaced)."""


def match_area(country_code: str, city: str) -> AreaMatch | None:
    """The area whose ISO 3166-2 name is the city's (or close to it); else a placeholder."""
    subdivisions = _subdivisions(country_code)
    if not subdivisions:
        return None
    wanted = _place_key(city)
    by_name: dict[str, list[Any]] = {}
    for subdivision in subdivisions:
        by_name.setdefault(_place_key(str(subdivision.name)), []).append(subdivision)
    how = "name"
    candidates = by_name.get(wanted, [])
    if not candidates:
        close = difflib.get_close_matches(wanted, by_name, n=1, cutoff=0.8)
        candidates, how = (by_name[close[0]], "close") if close else ([], "placeholder")
    if not candidates:
        candidates = [s for s in subdivisions if not s.parent_code] or subdivisions
    best = min(candidates, key=_capital_first)
    return AreaMatch(str(best.code), str(best.name), how)


def known_calendars() -> dict[str, str | None]:
    """Calendar ids the installed plugins declare, with the distribution providing each
    (``None`` for the core's own, or a plugin that was not installed as a distribution)."""
    from asan_core.plugins import get_plugin_manager  # loads every plugin: only when asked

    host = get_plugin_manager()
    found: dict[str, str | None] = {}
    for plugin, answer in host.call_each("asan_calendars"):
        dist = host.distributions.get(plugin)
        for calendar in answer or []:
            found.setdefault(str(calendar), dist[0] if dist else None)
    return found


# -- the plan: answers checked and derived ----------------------------------------------


@dataclass(frozen=True)
class NewCountry:
    """What the answers amount to, checked: everything the template writes comes from here."""

    code: str
    slug: str
    locales: tuple[str, ...]
    currency: str
    calendar: str
    calendar_distribution: str | None
    """The distribution that provides a non-core calendar (a dependency of the project)."""
    digits: DigitStyle
    operating_model: OperatingModel
    brand: str
    city: str
    area: AreaMatch

    @property
    def package(self) -> str:
        """The import package: ``asan_uzbekistan``."""
        return f"asan_{self.slug}"

    @property
    def distribution(self) -> str:
        """The distribution (and project folder): ``asan-uzbekistan``."""
        return f"asan-{self.slug.replace('_', '-')}"

    @property
    def english_name(self) -> str:
        """``Uzbekistan``."""
        return english_name(self.code)

    @property
    def default_locale(self) -> str:
        """The first declared locale."""
        return self.locales[0]

    @property
    def text_locales(self) -> tuple[str, ...]:
        """The keys of every text: the declared locales, and English (the source, kept as
        the end of every fallback chain and the translators' reference)."""
        extra = () if SOURCE_LOCALE in self.locales else (SOURCE_LOCALE,)
        return (*self.locales, *extra)

    @property
    def placeholder_locales(self) -> tuple[str, ...]:
        """Declared locales whose starting text is the English text, awaiting translation."""
        return tuple(loc for loc in self.locales if loc.split("_")[0] != SOURCE_LOCALE)

    @property
    def right_to_left(self) -> tuple[str, ...]:
        """Declared locales written right to left."""
        return tuple(
            loc for loc in self.locales if Locale.parse(loc).character_order == "right-to-left"
        )

    @property
    def dependencies(self) -> tuple[str, ...]:
        """The project's requirements: asan-sdk, and the calendar's plugin if needed."""
        extra = (self.calendar_distribution,) if self.calendar_distribution else ()
        return (f"asan-sdk>={__version__}", *extra)

    @property
    def first_centre_id(self) -> str:
        """The first centre's record id, from its city: ``tashkent``."""
        return slugify(self.city, "-") or "first-centre"

    def name_in(self, locale: str) -> str:
        """The country's name in ``locale`` (CLDR), e.g. ``Oʻzbekiston`` in ``uz``."""
        return str(Locale.parse(locale).territories.get(self.code) or self.english_name)

    def language_name(self, locale: str) -> str:
        """``uz`` → ``oʻzbek (Uzbek)``: the language's own name, then its English name."""
        parsed = Locale.parse(locale)
        own = parsed.get_display_name(locale) or locale
        english = parsed.get_display_name("en") or locale
        return own if own == english else f"{own} ({english})"


def _answer(answers: Mapping[str, Any], key: str) -> str:
    value = answers.get(key)
    if isinstance(value, list | tuple):
        return ", ".join(str(v) for v in value)
    return "" if value is None else str(value).strip()


def split_languages(value: str) -> list[str]:
    """``"uz, ru en"`` → ``["uz", "ru", "en"]``."""
    return [part for part in re.split(r"[,\s]+", value) if part]


def plan_country(
    answers: Mapping[str, Any], calendars: Mapping[str, str | None] | None = None
) -> NewCountry:
    """Check the answers and derive the new country from them.

    :param answers: the template's answers (keys of :data:`ANSWERS`; ``_`` keys are ignored).
    :param calendars: calendar ids and their distributions; the installed plugins' when
        ``None`` (looked up only for a calendar other than gregorian).
    :raises ProblemsError: every wrong answer, each saying what, why, and how to fix it.
    """
    problems: list[Problem] = []

    def wrong(key: str, message: str, hint: str) -> None:
        problems.append(Problem(message, field=key, hint=hint))

    raw_country = _answer(answers, "country")
    code = find_country_code(raw_country)
    if code is None:
        close = _country_suggestions(raw_country)
        wrong(
            "country",
            f"{raw_country!r} is not a country in ISO 3166-1: asan-sdk takes a country's "
            "areas, currency and working week from its ISO code",
            (f"did you mean {' or '.join(close)}? " if close else "")
            + "answer an ISO 3166-1 alpha-2 code such as UZ or PK, or the English name",
        )
    elif not _subdivisions(code):
        wrong(
            "country",
            f"{english_name(code)} ({code}) has no ISO 3166-2 areas in pycountry's data, and "
            "every centre of asan-sdk is placed in one",
            "choose a country with ISO 3166-2 subdivisions",
        )
        code = None

    locales = _plan_locales(_answer(answers, "languages"), wrong)
    currency = _plan_currency(_answer(answers, "currency"), code, wrong)
    calendar, calendar_distribution = _plan_calendar(
        _answer(answers, "calendar") or "gregorian", calendars, wrong
    )
    digits = _choice(answers, "digits", DigitStyle, wrong)
    operating_model = _choice(answers, "operating_model", OperatingModel, wrong)
    brand = _answer(answers, "brand")
    if not brand:
        wrong(
            "brand",
            "the centres need a brand name: it heads every page of the kit",
            "answer the name citizens will see on the centres, e.g. ASAN xidmət",
        )
    city = _answer(answers, "first_centre_city")
    if not city and code is not None:  # an unknown country gives no default city
        wrong(
            "first_centre_city",
            "the first centre needs a city: the network starts with one centre",
            "answer the city where the first centre opens",
        )
    area = _plan_area(code, city, _answer(answers, "first_centre_area"), wrong)

    if problems:
        raise ProblemsError(problems)
    assert code is not None and area is not None and digits is not None
    assert operating_model is not None
    return NewCountry(
        code=code,
        slug=slugify(english_name(code)),
        locales=tuple(locales),
        currency=currency,
        calendar=calendar,
        calendar_distribution=calendar_distribution,
        digits=digits,
        operating_model=operating_model,
        brand=brand,
        city=city,
        area=area,
    )


Complaint = Callable[[str, str, str], None]


def _plan_locales(value: str, wrong: Complaint) -> list[str]:
    locales: list[str] = []
    if not value:
        wrong(
            "languages",
            "no language given: the kit and every text are published in the country's languages",
            "answer Babel locales separated by commas, the default first: uz, ru, en",
        )
    for item in split_languages(value):
        try:
            locale = check_locale_identifier(item)
        except ValueError:
            known = localedata.locale_identifiers()
            close = difflib.get_close_matches(item.replace("-", "_"), known, n=3)
            wrong(
                "languages",
                f"{item!r} is not a locale Babel knows: asan-sdk needs CLDR's data for each "
                "language (plural rules, digits, dates, writing direction)",
                (f"did you mean {', '.join(close)}? " if close else "")
                + "use Babel identifiers such as uz, ru, en, ur_PK or ar_IQ",
            )
            continue
        if locale in locales:
            wrong("languages", f"{item!r} is listed twice", "give each language once")
            continue
        locales.append(locale)
    return locales


def _plan_currency(value: str, code: str | None, wrong: Complaint) -> str:
    cldr = territory_currency(code) if code else ""
    currency = value.upper() or cldr
    if not currency:
        wrong(
            "currency",
            "no currency given, and CLDR names none for this country",
            "answer the ISO 4217 code of the currency fees are paid in",
        )
    elif len(currency) != 3 or not is_currency(currency):
        wrong(
            "currency",
            f"{value!r} is not an ISO 4217 currency code: fees are stated and formatted "
            "in the country's currency",
            (
                f"{code}'s currency in CLDR is {cldr}: answer {cldr}, or leave the answer empty"
                if cldr
                else "answer a code such as UZS, PKR or EUR"
            ),
        )
    return currency


def _plan_calendar(
    calendar: str, calendars: Mapping[str, str | None] | None, wrong: Complaint
) -> tuple[str, str | None]:
    if calendars is None:
        calendars = {"gregorian": None} if calendar == "gregorian" else known_calendars()
    if calendar not in calendars:
        wrong(
            "calendar",
            f"no installed plugin provides the calendar {calendar!r}: the kit writes every "
            "date in the country's calendar",
            f"calendars available: {', '.join(sorted(calendars))}; install the plugin that "
            "provides another first (asan-afghanistan provides solar_hijri)",
        )
        return calendar, None
    return calendar, calendars[calendar]


Choice = TypeVar("Choice", DigitStyle, OperatingModel)


def _choice(
    answers: Mapping[str, Any], key: str, kind: type[Choice], wrong: Complaint
) -> Choice | None:
    value = _answer(answers, key)
    try:
        return kind(value)
    except ValueError:
        choices = ", ".join(member.value for member in kind)
        wrong(key, f"{value!r} is not one of {choices}", f"{key}: {ANSWERS[key]}")
        return None


def _plan_area(code: str | None, city: str, given: str, wrong: Complaint) -> AreaMatch | None:
    if code is None or not city:
        return None
    if given:
        area = given.upper()
        if not is_subdivision_of(area, code):
            examples = ", ".join(sorted(s.code for s in _subdivisions(code))[:6])
            wrong(
                "first_centre_area",
                f"{given!r} is not an ISO 3166-2 area of {code}: the centre's area says "
                "which citizens it serves",
                f"use one of {examples}, ...; or leave it empty to derive it from the city",
            )
            return None
        found: Any = pycountry.subdivisions.get(code=area)  # type: ignore[no-untyped-call]
        return AreaMatch(area, str(found.name), "given")
    return match_area(code, city)


@lru_cache(maxsize=32)
def _plan_cached(items: tuple[tuple[str, str], ...]) -> NewCountry:
    return plan_country(dict(items))


def plan_from_answers(answers: Mapping[str, Any]) -> NewCountry:
    """:func:`plan_country`, remembered for the same answers (the template asks often)."""
    return _plan_cached(tuple((key, _answer(answers, key)) for key in ANSWERS))


# -- the template's hooks and filters ---------------------------------------------------


def check_answers(answers: Mapping[str, Any], stream: TextIO | None = None) -> int:
    """The pre-generation hook: print every wrong answer; 1 when there is one, else 0."""
    out = stream or sys.stderr
    try:
        plan_from_answers(answers)
    except ProblemsError as exc:
        for problem in exc.problems:
            out.write(f"error: {problem.render()}\n")
        out.write("Nothing was written: correct the answers and run the template again.\n")
        return 1
    return 0


def finish_project(project_dir: Path, answers: Mapping[str, Any]) -> list[Path]:
    """The post-generation hook: write what a template cannot, one catalog per language."""
    country = plan_from_answers(answers)
    return write_catalogs(project_dir / country.package, country)


def recorded_answers(answers: Mapping[str, Any]) -> str:
    """``.cookiecutter.json``: the answers (to re-render or update), the template, the
    asan-sdk version that rendered it."""
    kept: dict[str, Any] = {key: answers[key] for key in ANSWERS if key in answers}
    kept["_template"] = TEMPLATE_ID
    kept["_asan_sdk_version"] = __version__
    return json.dumps(kept, ensure_ascii=False, indent=2) + "\n"


def template_filters() -> dict[str, Callable[..., Any]]:
    """The Jinja filters ``cookiecutter-center`` uses (its extension registers them).

    The filters that derive defaults are lenient (``""`` for an unknown country), so that a
    wrong answer reaches the pre-generation hook, which explains it and stops.
    """
    return {
        "asan_country_code": lambda value: find_country_code(str(value)) or "",
        "asan_slug": lambda value: slugify(english_name(find_country_code(str(value)) or "")),
        "asan_territory_currency": lambda value: territory_currency(
            find_country_code(str(value)) or ""
        ),
        "asan_default_languages": lambda value: default_languages(
            find_country_code(str(value)) or ""
        ),
        "asan_default_city": lambda value: default_city(find_country_code(str(value)) or ""),
        "asan_country": plan_from_answers,
        "asan_data_file": lambda answers, name: data_files(plan_from_answers(answers))[name],
        "asan_recorded_answers": recorded_answers,
        "asan_quoted": lambda value: json.dumps(str(value), ensure_ascii=False),
        "asan_python_literal": lambda answers: repr(
            json.dumps({k: v for k, v in dict(answers).items() if not k.startswith("__")})
        ),
    }


def template_globals() -> dict[str, Any]:
    """Jinja globals of the template."""
    return {"asan_sdk_version": __version__}


# -- running the template ---------------------------------------------------------------


def find_template(package_dir: Path) -> Path:
    """The template beside the package's files (a wheel) or at the checkout's root."""
    for candidate in (package_dir / TEMPLATE_NAME, package_dir.parent / TEMPLATE_NAME):
        if (candidate / "cookiecutter.json").is_file():
            return candidate
    raise ProblemsError(
        [
            Problem(
                f"the country template {TEMPLATE_NAME}/ is missing (looked in {package_dir} "
                "and its parent)",
                hint="reinstall asan-sdk",
            )
        ]
    )


def template_dir() -> Path:
    """The bundled ``cookiecutter-center`` template, wherever asan-sdk is installed."""
    return find_template(Path(str(resources.files("asan_core"))))


def load_answer_file(path: Path) -> dict[str, str]:
    """Answers from a YAML or JSON file.

    Accepted shapes: cookiecutter's user config (``default_context: {country: UZ, ...}``),
    a generated project's ``.cookiecutter.json``, or a plain mapping of answers. Keys
    starting with ``_`` are ignored; values are read as text (``country: NO`` is Norway).
    """
    try:
        text = path.read_text(encoding="utf-8")
        data: Any = yaml.load(text, Loader=yaml.BaseLoader)  # every value read as text
    except OSError as exc:
        raise ProblemsError(
            [Problem(f"cannot read the answer file: {exc.strerror}", file=str(path))]
        ) from exc
    except UnicodeDecodeError as exc:
        raise ProblemsError(
            [
                Problem(
                    "the answer file is not UTF-8 text",
                    file=str(path),
                    hint="give a YAML or JSON file of answers, e.g. 'country: UZ'",
                )
            ]
        ) from exc
    except yaml.YAMLError as exc:
        raise ProblemsError(
            [
                Problem(
                    f"the answer file is not valid YAML or JSON: {exc}",
                    file=str(path),
                    hint="write one answer per line, e.g. 'country: UZ'",
                )
            ]
        ) from exc
    if isinstance(data, dict) and isinstance(data.get("default_context"), dict):
        data = data["default_context"]
    if not isinstance(data, dict):
        raise ProblemsError(
            [
                Problem(
                    "the answer file must be a mapping of answers",
                    file=str(path),
                    hint=f"answers: {', '.join(ANSWERS)}",
                )
            ]
        )
    answers: dict[str, str] = {}
    problems = []
    for key in data:
        if key.startswith("_"):
            continue
        if key not in ANSWERS:
            close = difflib.get_close_matches(key, ANSWERS, n=1)
            problems.append(
                Problem(
                    f"{key!r} is not an answer the template asks for",
                    file=str(path),
                    field=key,
                    hint=(f"did you mean {close[0]!r}? " if close else "")
                    + f"answers: {', '.join(ANSWERS)}",
                )
            )
            continue
        answers[key] = _answer(data, key)
    if problems:
        raise ProblemsError(problems)
    return answers


@contextlib.contextmanager
def _template_importable(template: Path) -> Iterator[None]:
    """The template's Jinja extension importable (as cookiecutter does), no bytecode left."""
    saved_path, saved_flag = list(sys.path), sys.dont_write_bytecode
    sys.path.append(str(template))
    sys.dont_write_bytecode = True
    # Cookiecutter logs a failed hook with its traceback; our caller reports it instead.
    logger = logging.getLogger("cookiecutter")
    quiet = logging.NullHandler()
    logger.addHandler(quiet)
    saved_propagate, logger.propagate = logger.propagate, False
    try:
        yield
    finally:
        sys.path[:] = saved_path
        sys.dont_write_bytecode = saved_flag
        logger.removeHandler(quiet)
        logger.propagate = saved_propagate


def _cookiecutter(module: str) -> Any:
    try:
        return importlib.import_module(f"cookiecutter.{module}")
    except ImportError as exc:
        raise ProblemsError(
            [
                Problem(
                    "asan new country needs cookiecutter, which is not installed",
                    hint="pip install cookiecutter (asan-sdk depends on it: reinstall asan-sdk)",
                )
            ]
        ) from exc


@dataclass(frozen=True)
class CreatedCountry:
    """A project ``asan new country`` wrote: its folder, and the country it declares."""

    project: Path
    country: NewCountry


def create_country(
    answers: Mapping[str, str],
    out: Path,
    *,
    no_input: bool,
    template: Path | None = None,
) -> CreatedCountry:
    """Render the country template into a new folder of ``out``.

    Every answer is checked before anything is written; with ``no_input`` false the
    template's questions are asked on the terminal, ``answers`` being their defaults.

    :raises ProblemsError: a wrong answer, an existing project folder, a template failure.
    """
    generate = _cookiecutter("generate")
    prompt = _cookiecutter("prompt")
    exceptions = _cookiecutter("exceptions")
    template = template or template_dir()
    questions = template / "cookiecutter.json"
    _check_choices(json.loads(questions.read_text(encoding="utf-8")), answers)
    _check_text(answers)
    with _template_importable(template):
        context = generate.generate_context(
            context_file=str(questions), extra_context=dict(answers)
        )
        values: dict[str, Any] = dict(prompt.prompt_for_config(context, no_input))
    country = plan_from_answers(values)
    target = out / country.distribution
    if target.exists():
        raise ProblemsError(
            [
                Problem(
                    f"{target} already exists: a new country is written into a new folder",
                    hint="choose another --out folder, or move the existing project away",
                )
            ]
        )
    values["_template"] = TEMPLATE_ID
    with _template_importable(template):
        try:
            generate.generate_files(
                repo_dir=str(template),
                context={"cookiecutter": values},
                output_dir=str(out),
                overwrite_if_exists=False,
                accept_hooks=True,
            )
        except (exceptions.CookiecutterException, OSError) as exc:
            raise ProblemsError(
                [
                    Problem(
                        f"the country template failed: {exc}",
                        hint="nothing was left behind; report this to the asan-sdk maintainers",
                    )
                ]
            ) from exc
    return CreatedCountry(target, country)


UNSAFE_IN_ANSWERS = ("{{", "{%", "{#", '"""', "\\")
"""What an answer may not contain: cookiecutter renders answers as Jinja2 (so ``{{ 7*7 }}``
would become ``49``), and they land in Python docstrings and YAML."""


def _check_text(answers: Mapping[str, Any]) -> None:
    """Answers are plain text: no template syntax, no triple quotes, no control characters."""
    problems = []
    for key, value in answers.items():
        if key.startswith("_") or not isinstance(value, str):
            continue
        found = [s for s in UNSAFE_IN_ANSWERS if s in value]
        if found or any(ord(ch) < 32 for ch in value):
            shown = ", ".join(repr(s) for s in found) or "a control character"
            problems.append(
                Problem(
                    f"{value!r} contains {shown}, which a country's answers may not hold",
                    field=key,
                    hint=f"answer in plain text; {key}: {ANSWERS.get(key, '')}".rstrip("; "),
                )
            )
    if problems:
        raise ProblemsError(problems)


def _check_choices(questions: Mapping[str, Any], answers: Mapping[str, str]) -> None:
    """A choice answer must be one of its choices (cookiecutter would raise ValueError)."""
    problems = [
        Problem(
            f"{answers[key]!r} is not one of {', '.join(choices)}",
            field=key,
            hint=f"{key}: {ANSWERS[key]}",
        )
        for key, choices in questions.items()
        if isinstance(choices, list) and key in answers and answers[key] not in choices
    ]
    if problems:
        raise ProblemsError(problems)


def summary(project: Path, country: NewCountry) -> list[str]:
    """What to do next, as ``asan new country`` prints it."""
    return [
        f"created {project}: {country.distribution} ({country.english_name}, {country.code}), "
        f"languages {', '.join(country.locales)}",
        "next:",
        f"  cd {project}",
        '  pip install -e ".[test]"',
        f"  asan check {country.code}",
        "  pytest",
        f"  asan kit build {country.code} --out kit",
        "then read README.md: confirm the illustrative data, translate, add centres.",
    ]
