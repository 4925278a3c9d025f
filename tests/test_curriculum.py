"""The core curriculum: substantive modules, taught in order, translated completely and
faithfully (same structure) into the languages of the reference countries."""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest

from asan_core.builtins.curriculum import CURRICULUM_DIR, TEACHING_ORDER, core_modules
from asan_core.model import CurriculumModule, Role

LANGUAGES = ("az", "ru", "fa", "ps")
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
        assert text.get(language, "").strip(), f"{module.id}.{where} has no {language} text"
        assert shape(text[language]) == shape(text["en"]), (
            f"{module.id}.{where} ({language}): headings, list items or bold spans differ "
            "from the English"
        )


@pytest.mark.parametrize("module", core_modules(), ids=lambda m: m.id)
def test_dari_and_pashto_are_different_languages_in_their_own_script(
    module: CurriculumModule,
) -> None:
    dari = " ".join(text["fa"] for _, text in texts(module))
    pashto = " ".join(text["ps"] for _, text in texts(module))
    assert not PASHTO_LETTERS & set(dari), "Pashto letters in the Dari translation"
    assert not ARABIC_KAF_YEH & set(dari), "Arabic kaf/yeh in Dari: use Persian ک and ی"
    assert "ك" not in pashto, "Arabic kaf in Pashto: use ک"
    assert len(PASHTO_LETTERS & set(pashto)) >= 5, "the Pashto translation reads as Pashto"
    for text in (dari, pashto):
        latin_words = re.findall(r"[A-Za-z]{3,}", text)
        assert set(latin_words) <= {"Erlang"}, f"English left in place: {latin_words[:5]}"
        assert not re.search(r"(?<![\n\d])[0-9]{2,}", text), "Latin digits in running text"
