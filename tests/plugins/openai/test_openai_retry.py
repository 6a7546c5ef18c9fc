"""When to retry and how long to wait (the adapter's own loop; the SDK's is switched off)."""

from __future__ import annotations

import time
from collections.abc import Callable
from email.utils import formatdate

import pytest

from crystalbay.domain import ConversationContext
from crystalbay.errors import IntegrationUnavailable
from crystalbay_plugins.openai.assistant import OpenAIAssistant
from crystalbay_plugins.openai.retry import MAX_BACKOFF, backoff, server_wait
from crystalbay_plugins.openai.testing import Failure, FakeOpenAI, rate_limited, server_error

Chat = Callable[..., ConversationContext]


@pytest.mark.parametrize(
    ("headers", "expected"),
    [
        ({"retry-after-ms": "250", "retry-after": "9"}, 0.25),
        ({"retry-after": "0.05"}, 0.05),
        ({"retry-after": "20"}, 20.0),
        ({"retry-after": "soon"}, None),
        ({"retry-after": "-3"}, None),
        ({"retry-after-ms": "inf"}, None),
        ({}, None),
    ],
)
def test_server_wait(headers: dict[str, str], expected: float | None) -> None:
    assert server_wait(headers) == expected


def test_server_wait_reads_an_http_date() -> None:
    wait = server_wait({"retry-after": formatdate(time.time() + 30, usegmt=True)})

    assert wait is not None
    assert 28 <= wait <= 30


def test_backoff_doubles_with_jitter_and_is_capped() -> None:
    for attempt in range(6):
        delay = backoff(attempt, 0.5)
        expected = min(0.5 * 2**attempt, MAX_BACKOFF)
        assert 0.75 * expected <= delay <= expected
    assert backoff(1000, 0.5) <= MAX_BACKOFF


async def test_x_should_retry_false_stops_retrying(
    assistant: OpenAIAssistant, fake: FakeOpenAI, chat: Chat
) -> None:
    failure = server_error()
    fake.script(Failure(status=503, body=failure.body, headers={"x-should-retry": "false"}))

    with pytest.raises(IntegrationUnavailable, match=r"HTTP 503\) after 1 attempt;"):
        await assistant.analyse(chat("Турция"))

    assert len(fake.requests) == 1


async def test_our_loop_retries_and_the_sdk_does_not(
    assistant: OpenAIAssistant, fake: FakeOpenAI, chat: Chat
) -> None:
    fake.script(rate_limited(0.01), server_error())

    await assistant.analyse(chat("Турция"))

    assert [r.status for r in fake.requests] == [429, 500, 200]
    # the SDK counts its own retries in this header; it never retried by itself
    assert [r.retry_count for r in fake.requests] == [0, 0, 0]
