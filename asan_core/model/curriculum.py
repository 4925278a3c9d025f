"""The training curriculum: modules with objectives, content, exercises and assessment."""

from __future__ import annotations

from enum import StrEnum
from typing import Literal

from pydantic import Field

from asan_core.model.common import LocalizedText, Record, RecordId, Sourced


class Role(StrEnum):
    """People a handbook is written for."""

    VOLUNTEER = "volunteer"
    FRONT_DESK = "front_desk"
    AGENCY_OFFICER = "agency_officer"
    CENTRE_MANAGER = "centre_manager"
    TRAINER = "trainer"


class Exercise(Record):
    """A role-play or case study used in a session."""

    kind: Literal["role_play", "case_study", "discussion"]
    title: LocalizedText
    instructions: LocalizedText


class Question(Record):
    """An assessment question with its answer key."""

    question: LocalizedText
    answer: LocalizedText


class CurriculumModule(Sourced):
    """A training module: who it is for, what they learn and how it is taught."""

    id: RecordId
    title: LocalizedText
    roles: tuple[Role, ...] = Field(min_length=1)
    principles: tuple[RecordId, ...] = Field(default=(), description="Principles it teaches.")
    objectives: tuple[LocalizedText, ...] = Field(min_length=1)
    duration_minutes: int = Field(gt=0)
    content: LocalizedText = Field(description="The module's text (Markdown).")
    exercises: tuple[Exercise, ...] = ()
    assessment: tuple[Question, ...] = ()
    replaces: RecordId | None = Field(
        default=None, description="Id of an inherited module this one takes the place of."
    )


class ModuleChange(Sourced):
    """A country drops a module it inherits, with its reason (shown by ``asan check``)."""

    id: RecordId
    action: Literal["drop"]
    reason: LocalizedText
