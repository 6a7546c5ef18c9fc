"""The prompts ship as package data in Russian and English and describe every answer field."""

from __future__ import annotations

import importlib.resources
import re

import msgspec
import pytest

from crystalbay.domain import Intent, Urgency
from crystalbay_plugins.openai.models import AnalysisOut, BriefOut, DraftOut
from crystalbay_plugins.openai.prompting import (
    PROMPT_LANGUAGES,
    load_prompt,
    prompt_language,
)

CYRILLIC = re.compile(r"[а-яё]", re.IGNORECASE)


def _fields(type_: type[msgspec.Struct]) -> tuple[str, ...]:
    return type_.__struct_fields__


@pytest.mark.parametrize("language", PROMPT_LANGUAGES)
@pytest.mark.parametrize("name", ["analyse", "draft_reply"])
def test_prompt_files_exist_as_package_data(name: str, language: str) -> None:
    path = (
        importlib.resources.files("crystalbay_plugins.openai") / "prompts" / language / f"{name}.md"
    )

    assert path.is_file()
    assert load_prompt(name, language) == path.read_text(encoding="utf-8").strip()


@pytest.mark.parametrize("language", PROMPT_LANGUAGES)
def test_the_analysis_prompt_names_every_field_intent_and_urgency(language: str) -> None:
    prompt = load_prompt("analyse", language)

    for name in (*_fields(AnalysisOut), *_fields(BriefOut)):
        assert f"`{name}`" in prompt, name
    for value in (*Intent, *Urgency):
        assert f"`{value.value}`" in prompt, value


@pytest.mark.parametrize("language", PROMPT_LANGUAGES)
def test_the_draft_prompt_states_the_grounding_rules(language: str) -> None:
    prompt = load_prompt("draft_reply", language)

    for name in (*_fields(DraftOut), "offers", "ask_for", "reply_language", "offer_id", "price"):
        assert f"`{name}`" in prompt, name


def test_each_language_is_written_in_its_own_script() -> None:
    assert CYRILLIC.search(load_prompt("analyse", "ru"))
    assert not CYRILLIC.search(load_prompt("analyse", "en"))
    assert CYRILLIC.search(load_prompt("draft_reply", "ru"))
    assert not CYRILLIC.search(load_prompt("draft_reply", "en"))


@pytest.mark.parametrize(
    ("language", "expected"),
    [("en", "en"), ("EN-gb", "en"), ("ru", "ru"), ("kk", "ru"), (None, "ru")],
)
def test_prompt_language(language: str | None, expected: str) -> None:
    assert prompt_language(language) == expected


def test_an_unknown_prompt_is_refused() -> None:
    with pytest.raises(ValueError, match="no prompt 'summary'"):
        load_prompt("summary", "ru")
