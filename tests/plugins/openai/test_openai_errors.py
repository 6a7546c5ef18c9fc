"""Retries and error mapping against the fake OpenAI's real error answers."""

from __future__ import annotations

import socket
from collections.abc import Callable

import msgspec
import pytest

from crystalbay.domain import ConversationContext, Intent
from crystalbay.errors import (
    IntegrationProtocolError,
    IntegrationRejected,
    IntegrationUnavailable,
)
from crystalbay_plugins.openai.assistant import OpenAIAssistant
from crystalbay_plugins.openai.config import OpenAIConfig
from crystalbay_plugins.openai.testing import (
    Failure,
    FakeOpenAI,
    RawContent,
    Refusal,
    bad_request,
    model_not_found,
    quota_exceeded,
    rate_limited,
    server_error,
)

Chat = Callable[..., ConversationContext]


async def _analyse(config: OpenAIConfig, chat: Chat, **changes: object) -> object:
    assistant = OpenAIAssistant(msgspec.structs.replace(config, **changes))
    try:
        return await assistant.analyse(chat("Хотим в Турцию"))
    finally:
        await assistant.aclose()


async def test_a_429_is_retried_after_the_retry_after_seconds(
    assistant: OpenAIAssistant, fake: FakeOpenAI, chat: Chat
) -> None:
    fake.script(rate_limited(0.2))

    analysis = await assistant.analyse(chat("Хотим в Турцию"))

    assert analysis.intent is Intent.TOUR_SEARCH
    first, second = fake.requests
    assert (first.status, second.status) == (429, 200)
    assert second.at - first.at >= 0.2


async def test_retry_after_ms_is_preferred(
    assistant: OpenAIAssistant, fake: FakeOpenAI, chat: Chat
) -> None:
    fake.script(rate_limited(0.15, milliseconds=True))

    await assistant.analyse(chat("Хотим в Турцию"))

    first, second = fake.requests
    assert "retry-after" not in first.headers
    assert second.at - first.at >= 0.15


async def test_rate_limits_outlasting_the_retries_are_unavailable(
    assistant: OpenAIAssistant, fake: FakeOpenAI, chat: Chat
) -> None:
    fake.script(rate_limited(0.01), rate_limited(0.01), rate_limited(0.05))

    with pytest.raises(IntegrationUnavailable) as caught:
        await assistant.analyse(chat("Хотим в Турцию"))

    assert [r.status for r in fake.requests] == [429, 429, 429]
    assert caught.value.retryable is True
    assert caught.value.retry_after == 0.05
    assert str(caught.value).startswith("openai: rate limited (HTTP 429, code rate_limit_exceeded")
    assert "after 3 attempts" in str(caught.value)


async def test_a_wait_longer_than_max_retry_wait_fails_at_once(
    assistant: OpenAIAssistant, fake: FakeOpenAI, chat: Chat
) -> None:
    fake.script(rate_limited(300))

    with pytest.raises(IntegrationUnavailable) as caught:
        await assistant.analyse(chat("Хотим в Турцию"))

    assert len(fake.requests) == 1
    assert caught.value.retry_after == 300
    assert "OpenAI asked to wait 300 s" in str(caught.value)


async def test_an_exhausted_quota_is_rejected_without_retrying(
    assistant: OpenAIAssistant, fake: FakeOpenAI, chat: Chat
) -> None:
    fake.script(quota_exceeded())

    with pytest.raises(IntegrationRejected, match=r"quota is exhausted.*billing"):
        await assistant.analyse(chat("Хотим в Турцию"))

    assert len(fake.requests) == 1


async def test_a_500_then_success_returns_the_answer(
    assistant: OpenAIAssistant, fake: FakeOpenAI, chat: Chat
) -> None:
    fake.script(server_error())

    analysis = await assistant.analyse(chat("Хотим в Турцию"))

    assert analysis.intent is Intent.TOUR_SEARCH
    assert [r.status for r in fake.requests] == [500, 200]


async def test_5xx_outlasting_the_retries_is_unavailable(
    assistant: OpenAIAssistant, fake: FakeOpenAI, chat: Chat
) -> None:
    fake.script(server_error(), server_error(502), server_error(503))

    with pytest.raises(IntegrationUnavailable, match=r"HTTP 503\) after 3 attempts"):
        await assistant.analyse(chat("Хотим в Турцию"))


async def test_a_wrong_key_is_rejected_naming_the_setting(
    config: OpenAIConfig, fake: FakeOpenAI, chat: Chat
) -> None:
    wrong = "sk-wrong-key-000000009999"

    with pytest.raises(IntegrationRejected) as caught:
        await _analyse(config, chat, api_key=wrong)

    assert caught.value.field == "OPENAI_API_KEY"
    assert "set a valid OPENAI_API_KEY" in str(caught.value)
    assert "code invalid_api_key" in str(caught.value)
    assert wrong not in str(caught.value)
    assert [r.status for r in fake.requests] == [401]  # never retried


async def test_a_slow_answer_beyond_the_timeout_is_unavailable(
    config: OpenAIConfig, fake: FakeOpenAI, chat: Chat
) -> None:
    fake.script(Refusal(delay=0.6))  # never seen: the client gives up first

    with pytest.raises(
        IntegrationUnavailable, match=r"no answer within 0.2 s after 1 attempt;.*OPENAI_TIMEOUT"
    ):
        await _analyse(config, chat, timeout=0.2, max_retries=0)


async def test_a_timeout_is_retried(config: OpenAIConfig, fake: FakeOpenAI, chat: Chat) -> None:
    fake.script(Refusal(delay=0.6))  # never seen: the client gives up first

    analysis = await _analyse(config, chat, timeout=0.3, max_retries=1)

    assert getattr(analysis, "intent", None) is Intent.TOUR_SEARCH


async def test_an_unreachable_server_is_unavailable(config: OpenAIConfig, chat: Chat) -> None:
    with socket.socket() as probe:  # a loopback port nobody listens on
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]

    with pytest.raises(IntegrationUnavailable, match=r"cannot reach .*check OPENAI_BASE_URL"):
        await _analyse(config, chat, base_url=f"http://127.0.0.1:{port}/v1", max_retries=0)


async def test_an_unknown_model_is_rejected_naming_the_setting(
    assistant: OpenAIAssistant, fake: FakeOpenAI, chat: Chat
) -> None:
    fake.script(model_not_found("gpt-4.1-mini"))

    with pytest.raises(IntegrationRejected) as caught:
        await assistant.analyse(chat("Хотим в Турцию"))

    assert caught.value.field == "OPENAI_MODEL"
    assert "does not exist" in str(caught.value)
    assert "check OPENAI_MODEL ('gpt-4.1-mini')" in str(caught.value)


async def test_a_bad_request_is_rejected(
    assistant: OpenAIAssistant, fake: FakeOpenAI, chat: Chat
) -> None:
    fake.script(bad_request("Invalid schema for response_format 'analysis'", "response_format"))

    with pytest.raises(IntegrationRejected, match=r"HTTP 400.*supports structured outputs"):
        await assistant.analyse(chat("Хотим в Турцию"))


@pytest.mark.parametrize(
    ("reply", "message"),
    [
        (Refusal(text="I can't help with that."), "the model refused: I can't help with that."),
        (RawContent(content='{"intent": "tour_'), "does not match the AnalysisOut schema"),
        (RawContent(content='{"intent": "tour_search"}'), "does not match the AnalysisOut schema"),
        (RawContent(content="{}", finish_reason="length"), "cut at max_completion_tokens"),
        (RawContent(content=None, finish_reason="content_filter"), "content filter"),
        (RawContent(content=None), "has no content"),
        (Failure(status=200, body="<html>gateway</html>"), "not a chat completion"),
        (
            Failure(status=200, body="<html>", headers={"Content-Type": "application/json"}),
            "body that is not JSON",
        ),
        (Failure(status=200, body={"id": "chatcmpl-1"}), "has no choices"),
    ],
)
async def test_unusable_answers_are_protocol_errors(
    assistant: OpenAIAssistant, fake: FakeOpenAI, chat: Chat, reply: object, message: str
) -> None:
    fake.script(reply)  # type: ignore[arg-type]

    with pytest.raises(IntegrationProtocolError, match=message) as caught:
        await assistant.analyse(chat("Хотим в Турцию"))

    assert caught.value.integration == "openai"
    assert len(fake.requests) == 1  # a broken answer is not retried
