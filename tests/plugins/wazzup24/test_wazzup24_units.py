"""Small pieces: chat addresses, error mapping, the rate limiter."""

from __future__ import annotations

import asyncio
import time

import pytest

from crystalbay.errors import IntegrationRejected, IntegrationUnavailable
from crystalbay_plugins.wazzup24.address import (
    ChatAddress,
    channel_name_for,
    format_address,
    parse_address,
)
from crystalbay_plugins.wazzup24.errors import (
    RepeatedCrmMessageId,
    ReplyWindowClosed,
    WazzupRejected,
    error_for_response,
)
from crystalbay_plugins.wazzup24.ratelimit import SlidingWindowLimiter

CHANNEL = "b96a353b-0000-4000-8000-00000000f981"


def test_a_full_address_round_trips() -> None:
    text = format_address(CHANNEL, "telegram", "guid/with/slashes")

    assert parse_address(text) == ChatAddress(
        channel_id=CHANNEL, chat_type="telegram", chat_id="guid/with/slashes"
    )


def test_a_short_address_has_no_channel() -> None:
    assert parse_address("instagram/crystal.bay") == ChatAddress(
        chat_type="instagram", chat_id="crystal.bay"
    )
    assert parse_address("whatsapp/a/b") == ChatAddress(chat_type="whatsapp", chat_id="a/b")


@pytest.mark.parametrize("text", ["", "79990001122", "/79990001122", "whatsapp/"])
def test_incomplete_addresses_are_none(text: str) -> None:
    assert parse_address(text) is None


def test_channel_names_per_chat_type() -> None:
    assert channel_name_for("whatsgroup") == "whatsapp"
    assert channel_name_for("telegroup") == "telegram_wazzup"
    assert channel_name_for("newthing") == "wazzup_newthing"


@pytest.mark.parametrize("spelling", ["REPEATED_CRM_MESSAGE_ID", "repeatedCrmMessageId"])
def test_both_spellings_of_the_repeat_code_are_understood(spelling: str) -> None:
    error = error_for_response(400, b'{"error": "%s"}' % spelling.encode())

    assert isinstance(error, RepeatedCrmMessageId)


def test_a_nested_error_code_is_understood() -> None:
    error = error_for_response(400, b'{"error": {"code": "24_HOURS_EXCEEDED"}}')

    assert isinstance(error, ReplyWindowClosed)
    assert isinstance(error, IntegrationRejected)


def test_a_4xx_without_a_body_is_rejected() -> None:
    error = error_for_response(404, b"")

    assert isinstance(error, WazzupRejected)
    assert "HTTP 404" in error.detail
    assert error.code is None


def test_a_403_explains_the_sidecar_key() -> None:
    error = error_for_response(403, b"")

    assert isinstance(error, WazzupRejected)
    assert "sidecar" in error.detail


def test_a_429_carries_its_retry_after() -> None:
    error = error_for_response(429, b"", retry_after=5.0)

    assert isinstance(error, IntegrationUnavailable)
    assert error.retry_after == 5.0


def test_vendor_data_is_kept_in_the_detail() -> None:
    body = b'{"error": "INVALID_MESSAGE_DATA", "description": "bad", "data": {"fields": ["x"]}}'

    assert '"fields":["x"]' in error_for_response(400, body).detail


async def test_the_limiter_spreads_calls_over_the_window() -> None:
    limiter = SlidingWindowLimiter(limit=3, window=0.2)
    started = time.monotonic()

    for _ in range(7):
        await limiter.acquire()

    assert 0.4 <= time.monotonic() - started < 1.5  # two full windows waited


async def test_the_limiter_serialises_concurrent_callers() -> None:
    limiter = SlidingWindowLimiter(limit=2, window=0.2)
    stamps: list[float] = []

    async def call() -> None:
        await limiter.acquire()
        stamps.append(time.monotonic())

    await asyncio.gather(*(call() for _ in range(6)))

    stamps.sort()
    assert all(later - earlier >= 0.19 for earlier, later in zip(stamps, stamps[2:], strict=False))


def test_the_limiter_refuses_nonsense() -> None:
    with pytest.raises(ValueError, match="limit"):
        SlidingWindowLimiter(limit=0)
