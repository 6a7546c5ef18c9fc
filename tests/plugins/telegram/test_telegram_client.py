"""TelegramClient against the fake Bot API: calls, the error mapping and token hygiene."""

from __future__ import annotations

import logging
import socket
from typing import TYPE_CHECKING

import httpx
import pytest

from crystalbay.errors import (
    IntegrationProtocolError,
    IntegrationRejected,
    IntegrationUnavailable,
)
from crystalbay.testing import FakeHTTPServer, FakeResponse
from crystalbay_plugins.telegram.client import TelegramClient
from crystalbay_plugins.telegram.config import TelegramConfig
from crystalbay_plugins.telegram.errors import (
    BotBlocked,
    ChatNotFound,
    DeliveryUncertain,
    TelegramRejected,
)

if TYPE_CHECKING:
    from crystalbay_plugins.telegram.testing import FakeTelegram

CUSTOMER = 555  # the person the ``fake`` fixture knows


async def test_get_me_returns_the_bot(client: TelegramClient, fake: FakeTelegram) -> None:
    me = await client.get_me()

    assert (me.id, me.is_bot, me.username) == (42, True, "crystalbay_test_bot")
    assert fake.calls[-1].method == "getMe"


async def test_send_message_posts_json_and_returns_the_stored_message(
    client: TelegramClient, fake: FakeTelegram
) -> None:
    sent = await client.send_message(CUSTOMER, "42")  # text that looks like a number stays text

    assert (sent.chat.id, sent.chat.type) == (CUSTOMER, "private")
    [call] = fake.sent(CUSTOMER)
    assert call.params == {"chat_id": CUSTOMER, "text": "42"}
    assert fake.messages(CUSTOMER)[-1]["message_id"] == sent.message_id
    assert fake.messages(CUSTOMER)[-1]["text"] == "42"


async def test_files_go_by_url(client: TelegramClient, fake: FakeTelegram) -> None:
    photo = await client.send_photo(CUSTOMER, "https://cdn.example/p.jpg", caption="Hotel")
    document = await client.send_document(CUSTOMER, "https://cdn.example/voucher.pdf")

    assert document.message_id == photo.message_id + 1
    stored = fake.messages(CUSTOMER)
    assert (stored[-2]["source"], stored[-2]["caption"]) == ("https://cdn.example/p.jpg", "Hotel")
    assert stored[-1]["source"] == "https://cdn.example/voucher.pdf"
    assert [c.method for c in fake.sent(CUSTOMER)] == ["sendPhoto", "sendDocument"]


async def test_webhook_set_inspected_and_deleted(
    client: TelegramClient, fake: FakeTelegram
) -> None:
    assert await client.set_webhook(
        "https://hub.example/webhooks/telegram",
        secret_token="s3cr3t_X",
        allowed_updates=["message", "callback_query"],
        drop_pending_updates=True,
    )
    info = await client.get_webhook_info()
    assert info.url == "https://hub.example/webhooks/telegram"
    assert fake.state.webhook is not None
    assert fake.state.webhook.secret_token == "s3cr3t_X"
    assert fake.state.webhook.allowed_updates == ["message", "callback_query"]

    assert await client.delete_webhook()
    assert (await client.get_webhook_info()).url == ""


async def test_blocked_user_is_rejected_with_an_explanation(
    client: TelegramClient, fake: FakeTelegram
) -> None:
    fake.blocked.add(CUSTOMER)

    with pytest.raises(BotBlocked) as caught:
        await client.send_message(CUSTOMER, "Hello")

    error = caught.value
    assert isinstance(error, IntegrationRejected)
    assert not error.retryable
    assert (error.error_code, error.description) == (403, "Forbidden: bot was blocked by the user")
    assert error.integration == "telegram"
    assert "blocked the bot" in error.detail
    assert "/start" in error.detail


async def test_unknown_chat_is_rejected(client: TelegramClient) -> None:
    with pytest.raises(ChatNotFound) as caught:
        await client.send_message(999, "Hello")

    assert caught.value.error_code == 400
    assert "never wrote to this bot" in caught.value.detail
    assert caught.value.field == "chat_address"


async def test_flood_wait_is_retryable_and_carries_retry_after(
    client: TelegramClient, fake: FakeTelegram
) -> None:
    fake.flood(retry_after=7)

    with pytest.raises(IntegrationUnavailable) as caught:
        await client.send_message(CUSTOMER, "Hello")
    assert caught.value.retryable
    assert caught.value.retry_after == 7
    assert "wait 7 s" in caught.value.detail

    await client.send_message(CUSTOMER, "Hello")  # the flood is over
    assert len(fake.sent(CUSTOMER)) == 1


async def test_wrong_token_is_rejected_naming_the_setting(
    fake: FakeTelegram, http: httpx.AsyncClient
) -> None:
    client = TelegramClient(TelegramConfig(bot_token="42:WRONG", api_url=fake.url), http)

    with pytest.raises(TelegramRejected) as caught:
        await client.get_me()

    assert (caught.value.error_code, caught.value.description) == (401, "Unauthorized")
    assert "TELEGRAM_BOT_TOKEN" in caught.value.detail


async def test_server_errors_are_retryable_and_odd_answers_are_protocol_errors(
    http: httpx.AsyncClient,
) -> None:
    answers = iter(
        [
            FakeResponse.json(
                {"ok": False, "error_code": 502, "description": "Bad Gateway"}, status=502
            ),
            FakeResponse(status=200, body=b"<html>proxy login</html>"),
            FakeResponse.json({"ok": True, "result": {"unexpected": 1}}),
        ]
    )
    with FakeHTTPServer(lambda _: next(answers)) as server:
        client = TelegramClient(TelegramConfig(bot_token="42:X", api_url=server.url), http)
        with pytest.raises(IntegrationUnavailable):
            await client.get_me()
        with pytest.raises(IntegrationProtocolError, match="TELEGRAM_API_URL"):
            await client.get_me()
        with pytest.raises(IntegrationProtocolError, match="getMe"):
            await client.get_me()


async def test_unreachable_api_means_nothing_was_sent(http: httpx.AsyncClient) -> None:
    with socket.socket() as sock:  # a port nobody listens on
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    client = TelegramClient(
        TelegramConfig(bot_token="42:X", api_url=f"http://127.0.0.1:{port}"), http
    )

    with pytest.raises(IntegrationUnavailable) as caught:
        await client.send_message(CUSTOMER, "Hello")

    assert not isinstance(caught.value, DeliveryUncertain)
    assert "nothing was sent" in caught.value.detail


async def test_no_answer_after_sending_is_uncertain(http: httpx.AsyncClient) -> None:
    with socket.socket() as silent:  # accepts connections (backlog) but never answers
        silent.bind(("127.0.0.1", 0))
        silent.listen()
        port = silent.getsockname()[1]
        config = TelegramConfig(bot_token="42:X", api_url=f"http://127.0.0.1:{port}")
        client = TelegramClient(config, http, timeout=0.2)

        with pytest.raises(DeliveryUncertain) as caught:
            await client.send_message(CUSTOMER, "Hello")

    assert caught.value.retryable
    assert "may have processed it" in caught.value.detail


async def test_the_token_never_reaches_the_log(
    client: TelegramClient, caplog: pytest.LogCaptureFixture
) -> None:
    with caplog.at_level(logging.INFO, logger="httpx"):
        await client.get_me()

    logged = "\n".join(r.getMessage() for r in caplog.records)
    assert "getMe" in logged
    assert "42:TEST" not in logged
    assert "bot••••/getMe" in logged
    assert "42:TEST" not in repr(client.config)
