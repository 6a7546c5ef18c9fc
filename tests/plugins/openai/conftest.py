"""Fixtures for the OpenAI plugin: one fake OpenAI over real HTTP, a configured assistant."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

import pytest

from crystalbay.domain import ChatTurn, ConversationContext, Direction
from crystalbay_plugins.openai.assistant import OpenAIAssistant
from crystalbay_plugins.openai.config import OpenAIConfig
from crystalbay_plugins.openai.testing import FakeOpenAI

if TYPE_CHECKING:
    from collections.abc import AsyncIterator, Callable, Iterator
    from pathlib import Path

TODAY = date(2026, 3, 10)


@pytest.fixture(name="fake_server", scope="session")
def fx_fake_server() -> Iterator[FakeOpenAI]:
    # One server for the session: stopping a FakeHTTPServer takes ~0.5 s (its poll interval).
    with FakeOpenAI() as fake:
        yield fake


@pytest.fixture(name="fake")
def fx_fake(fake_server: FakeOpenAI) -> Iterator[FakeOpenAI]:
    fake_server.reset()
    yield fake_server
    assert fake_server.problems == [], "a scripted answer broke the request's schema"


@pytest.fixture(name="config")
def fx_config(fake: FakeOpenAI) -> OpenAIConfig:
    # Millisecond back-offs keep the retry tests fast; the timeout is short for the slow tests.
    return OpenAIConfig(
        api_key=fake.api_key,
        base_url=fake.url,
        timeout=2.0,
        max_retries=2,
        retry_backoff=0.01,
    )


@pytest.fixture(name="assistant")
async def fx_assistant(config: OpenAIConfig) -> AsyncIterator[OpenAIAssistant]:
    assistant = OpenAIAssistant(config, today=lambda: TODAY)
    yield assistant
    await assistant.aclose()


@pytest.fixture(name="database_url")
def fx_database_url(tmp_path: Path) -> str:
    # The plugin stores nothing: one SQLite run is enough.
    return f"sqlite:///{tmp_path / 'hub.sqlite3'}"


@pytest.fixture(name="chat")
def fx_chat() -> Callable[..., ConversationContext]:
    return _chat


def _chat(*texts: str, lead_id: int | None = 7, language: str | None = None) -> ConversationContext:
    """A conversation: texts alternate customer, agency, customer, ..."""
    turns = tuple(
        ChatTurn(direction=Direction.INBOUND if i % 2 == 0 else Direction.OUTBOUND, text=text)
        for i, text in enumerate(texts)
    )
    return ConversationContext(turns=turns, lead_id=lead_id, language=language)
