"""TelegramChannel: the Channel port, long texts, files, safe retries, health and the hooks."""

from __future__ import annotations

from typing import TYPE_CHECKING

import httpx
import pytest
from hypothesis import given
from hypothesis import strategies as st

from crystalbay.domain import Attachment, OutboundMessage
from crystalbay.errors import IntegrationRejected, IntegrationUnavailable
from crystalbay.ports import Channel
from crystalbay_plugins import telegram
from crystalbay_plugins.telegram.channel import TelegramChannel, parse_chat, split_text
from crystalbay_plugins.telegram.client import TelegramClient
from crystalbay_plugins.telegram.config import TelegramConfig
from crystalbay_plugins.telegram.errors import BotBlocked

if TYPE_CHECKING:
    from collections.abc import Callable
    from contextlib import AbstractAsyncContextManager

    from crystalbay.hub import Hub
    from crystalbay_plugins.telegram.testing import FakeTelegram

CUSTOMER = 555


def _message(
    text: str = "Hello", key: str = "cb-1", attachments: tuple[Attachment, ...] = ()
) -> OutboundMessage:
    return OutboundMessage(
        chat_address=str(CUSTOMER), text=text, idempotency_key=key, attachments=attachments
    )


def _units(text: str) -> int:
    return len(text.encode("utf-16-le")) // 2


async def test_send_delivers_text_and_returns_chat_and_message_id(
    channel: TelegramChannel, fake: FakeTelegram
) -> None:
    assert isinstance(channel, Channel)
    assert channel.name == "telegram"

    sent_id = await channel.send(_message("Здравствуйте! Тур найден."))

    [call] = fake.sent(CUSTOMER)
    stored = fake.messages(CUSTOMER)[-1]
    assert sent_id == f"{CUSTOMER}:{stored['message_id']}"
    assert call.text == stored["text"] == "Здравствуйте! Тур найден."


async def test_a_retry_of_a_sent_message_sends_nothing(
    channel: TelegramChannel, fake: FakeTelegram
) -> None:
    first = await channel.send(_message(key="cb-7"))
    again = await channel.send(_message(key="cb-7"))
    other = await channel.send(_message(key="cb-8"))

    assert first == again != other
    assert len(fake.sent(CUSTOMER)) == 2


async def test_a_retry_after_a_partial_failure_sends_only_the_missing_parts(
    channel: TelegramChannel, fake: FakeTelegram
) -> None:
    files = (
        Attachment(kind="image", url="https://cdn.example/hotel.jpg", name="Hotel"),
        Attachment(kind="document", url="https://cdn.example/voucher.pdf"),
    )
    fake.flood(retry_after=3, after=1)  # the text goes out, the photo hits the limit
    with pytest.raises(IntegrationUnavailable) as caught:
        await channel.send(_message("Your voucher", attachments=files))
    assert caught.value.retry_after == 3
    assert [c.method for c in fake.sent(CUSTOMER)] == ["sendMessage"]

    sent_id = await channel.send(_message("Your voucher", attachments=files))  # the retry

    assert [c.method for c in fake.sent(CUSTOMER)] == ["sendMessage", "sendPhoto", "sendDocument"]
    assert sent_id == f"{CUSTOMER}:{fake.messages(CUSTOMER)[0]['message_id']}"
    photo, document = fake.messages(CUSTOMER)[-2:]
    assert (photo["source"], photo["caption"]) == ("https://cdn.example/hotel.jpg", "Hotel")
    assert document["source"] == "https://cdn.example/voucher.pdf"


async def test_long_text_is_split_where_telegram_accepts_it(
    channel: TelegramChannel, fake: FakeTelegram
) -> None:
    paragraph = "Отель у моря, завтраки включены. " * 40
    text = "\n".join([paragraph] * 8)

    await channel.send(_message(text))

    sent = fake.sent(CUSTOMER)
    assert len(sent) > 1
    assert all(_units(c.text) <= 4096 for c in sent)
    assert "".join(c.text for c in sent).replace("\n", "").replace(" ", "") == text.replace(
        "\n", ""
    ).replace(" ", "")


async def test_blocked_customer_is_rejected_not_retried(
    channel: TelegramChannel, fake: FakeTelegram
) -> None:
    fake.blocked.add(CUSTOMER)

    with pytest.raises(BotBlocked) as caught:
        await channel.send(_message())

    assert isinstance(caught.value, IntegrationRejected)
    assert not caught.value.retryable


@pytest.mark.parametrize(
    ("address", "expected"),
    [("555", 555), (" -1001234 ", -1001234), ("@crystalbay", "@crystalbay")],
)
def test_chat_addresses(address: str, expected: object) -> None:
    assert parse_chat(address) == expected


@pytest.mark.parametrize("address", ["", "@", "+77011234567x", "whatsapp/7701"])
async def test_bad_addresses_and_empty_messages_are_rejected(
    channel: TelegramChannel, fake: FakeTelegram, address: str
) -> None:
    with pytest.raises(IntegrationRejected) as caught:
        await channel.send(OutboundMessage(chat_address=address, text="Hi", idempotency_key="k"))
    assert caught.value.field == "chat_address"
    with pytest.raises(IntegrationRejected, match="neither text nor attachments"):
        await channel.send(_message("   "))
    assert fake.calls == []


@given(st.text(alphabet=st.sampled_from("аб c\n😀x"), max_size=120), st.integers(2, 20))
def test_split_text_fits_and_loses_nothing_but_separators(text: str, limit: int) -> None:
    pieces = split_text(text, limit)

    assert all(_units(p) <= limit and p.strip() for p in pieces)
    joined = "".join(pieces)
    assert joined.replace(" ", "").replace("\n", "") == text.replace(" ", "").replace("\n", "")


async def test_check_reports_the_bot_or_the_refusal(
    channel: TelegramChannel, fake: FakeTelegram, http: httpx.AsyncClient
) -> None:
    health = await channel.check()
    assert health.ok
    assert health.detail == "bot @crystalbay_test_bot (id 42) answers"

    wrong = TelegramChannel(
        TelegramClient(TelegramConfig(bot_token="42:WRONG", api_url=fake.url), http)
    )
    health = await wrong.check()
    assert not health.ok
    assert "TELEGRAM_BOT_TOKEN" in health.detail


async def test_hooks_register_the_channel_only_with_a_token(
    fake: FakeTelegram,
    register_plugin: Callable[..., None],
    hub_factory: Callable[..., AbstractAsyncContextManager[Hub]],
) -> None:
    register_plugin(telegram, name="telegram")

    async with hub_factory() as hub:
        assert "telegram" not in hub.channels
        assert hub.plugin_status("telegram") == "not configured"

    env = {"TELEGRAM_BOT_TOKEN": fake.token, "TELEGRAM_API_URL": fake.url}
    async with hub_factory(env, mock_http=False) as hub:
        channel = hub.channels["telegram"]
        assert (await channel.check()).ok
        assert hub.channels.owners["telegram"] == "telegram"
