"""The core curriculum: substantive modules, taught in order, translated completely and
faithfully (same structure) into the languages of the reference countries — through the
core's content catalogs — and into Uzbek, through the Uzbek language pack."""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import cache
from pathlib import Path

import pytest

from asan_core.base.po import CONTENT_DOMAIN, catalog_path, is_translated, read_catalog
from asan_core.base.resources import locales_dir
from asan_core.builtins.curriculum import CURRICULUM_DIR, TEACHING_ORDER, core_modules
from asan_core.builtins.principles import core_principles
from asan_core.contract.translations import content_context
from asan_core.model import CurriculumModule, Role

UZBEK_PACK = (
    Path(__file__).parent.parent / "plugins" / "uzbek-language" / "asan_lang_uz" / "locales"
)
CATALOGS = {
    "az": (locales_dir(), "az"),
    "ru": (locales_dir(), "ru"),
    "fa": (locales_dir(), "fa_AF"),
    "ps": (locales_dir(), "ps_AF"),
    "uz": (UZBEK_PACK, "uz"),
}
"""Where each language's translation of the shared content ships."""
LANGUAGES = tuple(CATALOGS)
PASHTO_LETTERS = set("ټډړږښګڼېۍ")
ARABIC_KAF_YEH = set("كي")
REQUIRED_TOPICS = {
    "principles",
    "one-stop-shop",
    "arrival-and-queue",
    "volunteers",
    "polite-communication",
    "transparency-anti-corruption",
    "service-standards",
    "mobile-and-portal",
    "satisfaction-and-complaints",
}


def texts(module: CurriculumModule) -> Iterator[tuple[str, dict[str, str]]]:
    """Every translatable text of a module, with where it is."""
    yield "title", module.title
    for i, objective in enumerate(module.objectives):
        yield f"objectives[{i}]", objective
    yield "content", module.content
    for i, exercise in enumerate(module.exercises):
        yield f"exercises[{i}].title", exercise.title
        yield f"exercises[{i}].instructions", exercise.instructions
    for i, question in enumerate(module.assessment):
        yield f"assessment[{i}].question", question.question
        yield f"assessment[{i}].answer", question.answer


@cache
def translations(language: str) -> dict[tuple[str, str], str]:
    """``(msgctxt, English) → translation`` of a language's content catalog."""
    folder, locale = CATALOGS[language]
    catalog = read_catalog(catalog_path(folder, locale, CONTENT_DOMAIN), locale)
    return {
        (m.context, m.id): str(m.string)
        for m in catalog
        if m.id and m.context and isinstance(m.id, str) and is_translated(m)
    }


def translated(module: CurriculumModule, where: str, english: str, language: str) -> str:
    return translations(language).get((content_context(module, where), english), "")


def shape(markdown: str) -> tuple[int, int, int]:
    """Headings, list items and bold spans: what a faithful translation keeps."""
    lines = markdown.splitlines()
    headings = sum(1 for line in lines if re.match(r"#{1,6} ", line.lstrip()))
    items = sum(1 for line in lines if re.match(r"\s*([-*]|\d+[.)]) ", line))
    return headings, items, markdown.count("**") // 2


def test_the_modules_cover_every_topic_and_come_in_teaching_order() -> None:
    ids = [module.id for module in core_modules()]
    assert ids == list(TEACHING_ORDER)
    assert set(ids) >= REQUIRED_TOPICS
    files = {p.stem for p in CURRICULUM_DIR.glob("*.yaml") if "." not in p.stem}
    assert files == set(TEACHING_ORDER), "list a new module file in TEACHING_ORDER"


@pytest.mark.parametrize("module", core_modules(), ids=lambda m: m.id)
def test_a_module_is_substantive(module: CurriculumModule) -> None:
    words = len(module.content["en"].split())
    assert words >= 1000, f"{module.id}: {words} words of content; a module is several pages"
    assert len(module.objectives) >= 3
    assert module.exercises, "every module has at least one exercise"
    assert len(module.assessment) >= 4
    assert all(question.answer["en"].strip() for question in module.assessment)


def test_every_front_line_role_learns_polite_communication_and_ethics() -> None:
    modules = {module.id: module for module in core_modules()}
    front_line = {Role.VOLUNTEER, Role.FRONT_DESK, Role.AGENCY_OFFICER}
    assert front_line <= set(modules["polite-communication"].roles)
    assert {"politeness", "ethics"} <= set(modules["polite-communication"].principles)
    officers = {Role.FRONT_DESK, Role.AGENCY_OFFICER}
    assert officers <= set(modules["transparency-anti-corruption"].roles)


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("module", core_modules(), ids=lambda m: m.id)
def test_every_text_is_translated_with_the_same_structure(
    module: CurriculumModule, language: str
) -> None:
    for where, text in texts(module):
        translation = translated(module, where, text["en"], language)
        assert translation.strip(), f"{module.id}.{where} has no {language} translation"
        assert shape(translation) == shape(text["en"]), (
            f"{module.id}.{where} ({language}): headings, list items or bold spans differ "
            "from the English"
        )


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_principle_is_translated(language: str) -> None:
    for principle in core_principles():
        for where in ("name", "definition"):
            english = getattr(principle, where)["en"]
            key = (content_context(principle, where), english)
            assert translations(language).get(key, "").strip(), f"{principle.id}.{where}"


@pytest.mark.parametrize("module", core_modules(), ids=lambda m: m.id)
def test_dari_and_pashto_are_different_languages_in_their_own_script(
    module: CurriculumModule,
) -> None:
    dari = " ".join(translated(module, w, t["en"], "fa") for w, t in texts(module))
    pashto = " ".join(translated(module, w, t["en"], "ps") for w, t in texts(module))
    assert not PASHTO_LETTERS & set(dari), "Pashto letters in the Dari translation"
    assert not ARABIC_KAF_YEH & set(dari), "Arabic kaf/yeh in Dari: use Persian ک and ی"
    assert "ك" not in pashto, "Arabic kaf in Pashto: use ک"
    assert len(PASHTO_LETTERS & set(pashto)) >= 5, "the Pashto translation reads as Pashto"
    for text in (dari, pashto):
        latin_words = re.findall(r"[A-Za-z]{3,}", text)
        assert set(latin_words) <= {"Erlang"}, f"English left in place: {latin_words[:5]}"
        assert not re.search(r"(?<![\n\d])[0-9]{2,}", text), "Latin digits in running text"


@pytest.mark.parametrize("module", core_modules(), ids=lambda m: m.id)
def test_uzbek_is_written_in_the_latin_orthography(module: CurriculumModule) -> None:
    uzbek = " ".join(translated(module, w, t["en"], "uz") for w, t in texts(module))
    assert not re.search(r"[\u0400-\u04ff]", uzbek), "Cyrillic letters in the Latin Uzbek"
    # oʻ and gʻ take U+02BB, the tutuq belgisi U+02BC; never an ASCII or curly apostrophe.
    assert not re.search(r"[A-Za-z]['‘’`][A-Za-z]", uzbek), "write oʻ/gʻ with U+02BB, ʼ with U+02BC"
    assert re.search(r"[oOgG]\u02bb", uzbek), "no oʻ or gʻ: is this Uzbek?"
