"""The Wazzup24 client against the fake vendor over real HTTP."""

from __future__ import annotations

import asyncio
import time
import uuid

import httpx
import msgspec
import pytest

from crystalbay.errors import IntegrationProtocolError, IntegrationUnavailable
from crystalbay.testing import FakeHTTPServer, FakeResponse
from crystalbay_plugins.wazzup24.client import WazzupClient
from crystalbay_plugins.wazzup24.config import WazzupConfig
from crystalbay_plugins.wazzup24.errors import (
    RepeatedCrmMessageId,
    ReplyWindowClosed,
    WazzupRejected,
)
from crystalbay_plugins.wazzup24.models import SendMessageRequest
from crystalbay_plugins.wazzup24.ratelimit import SlidingWindowLimiter
from crystalbay_plugins.wazzup24.testing import FakeWazzup


def _text(fake: FakeWazzup, text: str = "Hello", **changes: str) -> SendMessageRequest:
    base = SendMessageRequest(
        channel_id=fake.channel_id, chat_type="whatsapp", chat_id="79990001122", text=text
    )
    return msgspec.structs.replace(base, **changes)


async def test_lists_the_accounts_channels(fake: FakeWazzup, client: WazzupClient) -> None:
    channels = await client.list_channels()

    assert [c.channel_id for c in channels] == [fake.channel_id]
    assert channels[0].transport == "whatsapp"
    assert channels[0].active


async def test_send_posts_json_with_the_bearer_key(fake: FakeWazzup, client: WazzupClient) -> None:
    sent = await client.send_message(_text(fake, crm_message_id="out-1"))

    assert sent.chat_id == "79990001122"
    assert [r.message_id for r in fake.sent] == [sent.message_id]
    assert fake.sent[0].request.crm_message_id == "out-1"
    request = fake.requests[-1]
    assert request.headers["authorization"] == f"Bearer {fake.api_key}"
    assert request.json() == {
        "channelId": fake.channel_id,
        "chatType": "whatsapp",
        "chatId": "79990001122",
        "text": "Hello",
        "crmMessageId": "out-1",
    }


async def test_a_retry_with_the_same_crm_message_id_sends_once(
    fake: FakeWazzup, client: WazzupClient
) -> None:
    await client.send_message(_text(fake, crm_message_id="out-1"))

    with pytest.raises(RepeatedCrmMessageId) as caught:
        await client.send_message(_text(fake, crm_message_id="out-1"))

    assert len(fake.sent) == 1
    assert caught.value.code == "REPEATED_CRM_MESSAGE_ID"
    assert not caught.value.retryable


async def test_wazzup_forgets_a_crm_message_id_after_its_window(
    config: WazzupConfig, http: httpx.AsyncClient
) -> None:
    with FakeWazzup(api_key=config.api_key, dedup_window=0.1) as fake:
        client = WazzupClient(WazzupConfig(api_key=fake.api_key, api_url=fake.url), http)
        await client.send_message(_text(fake, crm_message_id="out-1"))
        await asyncio.sleep(0.15)
        await client.send_message(_text(fake, crm_message_id="out-1"))

    assert len(fake.sent) == 2  # the vendor's documented behaviour: 60 s, then it sends again


async def test_a_wrong_key_is_rejected_with_what_to_do(
    fake: FakeWazzup, http: httpx.AsyncClient
) -> None:
    client = WazzupClient(WazzupConfig(api_key="wrong", api_url=fake.url), http)

    with pytest.raises(WazzupRejected) as caught:
        await client.list_channels()

    assert caught.value.status == 401
    assert "WAZZUP_API_KEY" in caught.value.detail
    assert caught.value.integration == "wazzup24"


async def test_an_outage_is_unavailable_and_retryable(
    fake: FakeWazzup, client: WazzupClient
) -> None:
    fake.outage = True

    with pytest.raises(IntegrationUnavailable) as caught:
        await client.send_message(_text(fake))

    assert caught.value.retryable
    assert "500" in caught.value.detail
    fake.outage = False
    assert await client.list_channels()


async def test_a_429_is_waited_out(http: httpx.AsyncClient) -> None:
    with FakeWazzup(rate_limit=2, rate_window=0.3) as fake:
        limiter = SlidingWindowLimiter(limit=500, window=0.3)
        client = WazzupClient(
            WazzupConfig(api_key=fake.api_key, api_url=fake.url), http, limiter=limiter
        )

        for _ in range(3):
            await client.list_channels()

        assert len(fake.requests) == 4  # the third call met a 429 once, waited, and retried


async def test_a_persistent_429_becomes_unavailable_with_retry_after(
    http: httpx.AsyncClient,
) -> None:
    with FakeWazzup(rate_limit=0) as fake:
        limiter = SlidingWindowLimiter(limit=500, window=0.05)
        client = WazzupClient(
            WazzupConfig(api_key=fake.api_key, api_url=fake.url),
            http,
            limiter=limiter,
            rate_limit_retries=2,
        )

        with pytest.raises(IntegrationUnavailable) as caught:
            await client.list_channels()

        assert caught.value.retry_after == 0.05
        assert len(fake.requests) == 3


async def test_a_long_retry_after_is_raised_at_once(http: httpx.AsyncClient) -> None:
    with FakeWazzup(rate_limit=0, retry_after=30) as fake:
        client = WazzupClient(WazzupConfig(api_key=fake.api_key, api_url=fake.url), http)

        with pytest.raises(IntegrationUnavailable) as caught:
            await client.list_channels()

        assert caught.value.retry_after == 30
        assert len(fake.requests) == 1


async def test_the_client_side_limiter_keeps_under_the_vendors_limit(
    http: httpx.AsyncClient,
) -> None:
    with FakeWazzup(rate_limit=2, rate_window=0.25) as fake:
        limiter = SlidingWindowLimiter(limit=2, window=0.3)
        client = WazzupClient(
            WazzupConfig(api_key=fake.api_key, api_url=fake.url),
            http,
            limiter=limiter,
            rate_limit_retries=0,
        )
        started = time.monotonic()

        for _ in range(5):
            await client.list_channels()

        assert time.monotonic() - started >= 0.6
        assert len(fake.requests) == 5  # no 429 was ever answered


async def test_unknown_channel_is_rejected(fake: FakeWazzup, client: WazzupClient) -> None:
    with pytest.raises(WazzupRejected) as caught:
        await client.send_message(_text(fake, channel_id=str(uuid.uuid4())))

    assert caught.value.code == "CHANNEL_NOT_FOUND"
    assert "WAZZUP_CHANNEL_ID" in caught.value.detail


async def test_invalid_data_names_the_fields(fake: FakeWazzup, client: WazzupClient) -> None:
    with pytest.raises(WazzupRejected) as caught:
        await client.send_message(_text(fake, channel_id="not-a-uuid", chat_type="fax"))

    assert caught.value.code == "INVALID_MESSAGE_DATA"
    assert '"channelId"' in caught.value.detail
    assert '"chatType"' in caught.value.detail


async def test_wrong_transport_is_rejected(fake: FakeWazzup, client: WazzupClient) -> None:
    with pytest.raises(WazzupRejected) as caught:
        await client.send_message(_text(fake, chat_type="instagram", chat_id="ivan"))

    assert caught.value.code == "WRONG_TRANSPORT"
    assert "whatsapp transport" in caught.value.detail


async def test_text_and_file_together_are_rejected(fake: FakeWazzup, client: WazzupClient) -> None:
    request = _text(fake, content_uri="https://files.example.org/a.pdf")

    with pytest.raises(WazzupRejected) as caught:
        await client.send_message(request)

    assert caught.value.code == "MESSAGE_ONLY_TEXT_OR_CONTENT"


async def test_the_instagram_text_limit_is_enforced(fake: FakeWazzup, client: WazzupClient) -> None:
    channel_id = fake.add_channel("instagram", "crystalbay.travel")
    request = _text(fake, "x" * 1001, channel_id=channel_id, chat_type="instagram", chat_id="ivan")

    with pytest.raises(WazzupRejected) as caught:
        await client.send_message(request)

    assert caught.value.code == "MESSAGES_TOO_LONG_INSTAGRAM"
    await client.send_message(
        _text(fake, "x" * 1000, channel_id=channel_id, chat_type="instagram", chat_id="ivan")
    )


@pytest.mark.parametrize(
    ("code", "error", "says"),
    [
        ("BALANCE_IS_EMPTY", WazzupRejected, "top it up"),
        ("CHANNEL_NO_MONEY", WazzupRejected, "top up"),
        ("24_HOURS_EXCEEDED", ReplyWindowClosed, "24 hours"),
        ("MESSAGE_CHANNEL_UNAVAILABLE", IntegrationUnavailable, "try again later"),
        ("MESSAGES_IS_SPAM", WazzupRejected, "MESSAGES_IS_SPAM"),
    ],
)
async def test_vendor_codes_map_to_clear_errors(
    fake: FakeWazzup,
    client: WazzupClient,
    code: str,
    error: type[Exception],
    says: str,
) -> None:
    fake.inject_error(code, description="from the fake")

    with pytest.raises(error) as caught:
        await client.send_message(_text(fake))

    assert says in str(caught.value)
    assert not fake.sent


async def test_an_inactive_channel_cannot_send(fake: FakeWazzup, client: WazzupClient) -> None:
    channel_id = fake.add_channel("whatsapp", "77010000002", state="qr")

    with pytest.raises(IntegrationUnavailable):
        await client.send_message(_text(fake, channel_id=channel_id))


async def test_a_slow_vendor_times_out_as_unavailable(http: httpx.AsyncClient) -> None:
    with FakeWazzup(latency=0.3) as fake:
        config = WazzupConfig(api_key=fake.api_key, api_url=fake.url)
        client = WazzupClient(config, http, timeout=0.05)

        with pytest.raises(IntegrationUnavailable) as caught:
            await client.send_message(_text(fake, crm_message_id="out-1"))
        await asyncio.sleep(0.3)  # let the fake finish answering into the closed connection

    assert "crmMessageId" in caught.value.detail


async def test_an_unreachable_vendor_is_unavailable(http: httpx.AsyncClient) -> None:
    with FakeHTTPServer(lambda _: FakeResponse()) as server:
        url = server.url  # the port is closed once the server stops
    client = WazzupClient(WazzupConfig(api_key="k", api_url=url), http)

    with pytest.raises(IntegrationUnavailable) as caught:
        await client.list_channels()

    assert "WAZZUP_API_URL" in caught.value.detail


async def test_a_garbled_success_is_a_protocol_error(http: httpx.AsyncClient) -> None:
    with FakeHTTPServer(lambda _: FakeResponse(body=b"<html>")) as server:
        client = WazzupClient(WazzupConfig(api_key="k", api_url=server.url + "/v3/"), http)

        with pytest.raises(IntegrationProtocolError):
            await client.list_channels()

        assert server.requests[0].path == "/v3/channels"
