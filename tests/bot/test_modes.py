"""Webhook and polling modes, and the ``crystalbay bot`` command."""

from __future__ import annotations

import asyncio
import json
from typing import TYPE_CHECKING

import click
import pytest
from click.testing import CliRunner

from crystalbay.errors import ConfigurationError, IntegrationProtocolError
from crystalbay_bot import (
    SECRET_HEADER,
    TelegramBot,
    WebhookSecretMismatch,
    feed_webhook_update,
)
from crystalbay_bot import plugin as bot_plugin
from crystalbay_bot.texts import RU
from crystalbay_plugins import sandbox, telegram

if TYPE_CHECKING:
    from collections.abc import Callable
    from contextlib import AbstractAsyncContextManager
    from pathlib import Path

    from aiogram import Bot, Dispatcher

    from crystalbay.hub import Hub
    from crystalbay_plugins.telegram.testing import FakeTelegram

IVAN = 555
SECRET = "s3cr3t_X"


async def test_webhook_updates_need_the_secret(
    fake: FakeTelegram, bot_hub: Hub, dispatcher: Dispatcher, bot: Bot
) -> None:
    body = json.dumps(fake.message_update(IVAN, "/start")).encode()

    for wrong in (None, "", "s3cr3t_Y", SECRET + "x"):
        with pytest.raises(WebhookSecretMismatch) as caught:
            await feed_webhook_update(bot_hub, dispatcher, bot, body, wrong)
        assert caught.value.field == SECRET_HEADER
        assert "TELEGRAM_WEBHOOK_SECRET" in caught.value.detail
    assert fake.sent(IVAN) == []

    await feed_webhook_update(bot_hub, dispatcher, bot, body, SECRET)

    [greeting] = fake.sent(IVAN)
    assert greeting.text == RU.greeting.format(name="Иван")


async def test_a_body_that_is_not_an_update_is_refused(
    bot_hub: Hub, dispatcher: Dispatcher, bot: Bot
) -> None:
    for body in (b"", b"{", b'{"message": {}}', b"[]"):
        with pytest.raises(IntegrationProtocolError) as caught:
            await feed_webhook_update(bot_hub, dispatcher, bot, body, SECRET)
        assert (caught.value.field, caught.value.integration) == ("body", "telegram")


async def test_without_a_configured_secret_every_update_is_refused(
    fake: FakeTelegram,
    register_plugin: Callable[..., None],
    hub_factory: Callable[..., AbstractAsyncContextManager[Hub]],
) -> None:
    register_plugin(telegram, name="telegram")
    env = {"TELEGRAM_BOT_TOKEN": fake.token, "TELEGRAM_API_URL": fake.url}
    async with hub_factory(env, mock_http=False) as hub:
        runtime = TelegramBot.from_hub(hub)
        try:
            with pytest.raises(ConfigurationError, match="TELEGRAM_WEBHOOK_SECRET"):
                await runtime.feed(b"{}", "anything")
        finally:
            await runtime.close()


async def test_start_webhook_registers_the_public_url_and_serves_deliveries(
    fake: FakeTelegram,
    register_plugin: Callable[..., None],
    hub_factory: Callable[..., AbstractAsyncContextManager[Hub]],
    bot_env: dict[str, str],
) -> None:
    register_plugin(sandbox, name="sandbox")
    register_plugin(telegram, name="telegram")
    env = {**bot_env, "PUBLIC_URL": "https://hub.example.org/"}
    async with hub_factory(env, mock_http=False) as hub:
        runtime = TelegramBot.from_hub(hub)
        try:
            url = await runtime.start_webhook()

            assert url == "https://hub.example.org/webhooks/telegram"
            webhook = fake.state.webhook
            assert webhook is not None
            assert (webhook.url, webhook.secret_token) == (url, SECRET)
            assert {"message", "callback_query"} <= set(webhook.allowed_updates or ())
            commands = [c for c in fake.calls if c.method == "setMyCommands"]
            assert {c.params.get("language_code") for c in commands} == {"ru", "en", None}

            body, headers = fake.webhook_request(fake.message_update(IVAN, "/start"))
            await runtime.feed(body, headers[SECRET_HEADER])
            assert fake.sent(IVAN)[-1].text == RU.greeting.format(name="Иван")
        finally:
            await runtime.close()


async def test_start_webhook_without_public_url_registers_nothing_and_needs_a_secret(
    fake: FakeTelegram,
    register_plugin: Callable[..., None],
    hub_factory: Callable[..., AbstractAsyncContextManager[Hub]],
) -> None:
    register_plugin(telegram, name="telegram")
    env = {"TELEGRAM_BOT_TOKEN": fake.token, "TELEGRAM_API_URL": fake.url}
    async with hub_factory(env, mock_http=False) as hub:
        runtime = TelegramBot.from_hub(hub)
        try:
            assert await runtime.start_webhook() is None
        finally:
            await runtime.close()
    async with hub_factory({**env, "PUBLIC_URL": "https://hub.example.org"}) as hub:
        runtime = TelegramBot.from_hub(hub)
        try:
            with pytest.raises(ConfigurationError, match="TELEGRAM_WEBHOOK_SECRET"):
                await runtime.start_webhook()
        finally:
            await runtime.close()
    assert fake.state.webhook is None


async def test_polling_removes_the_webhook_and_answers_updates(
    fake: FakeTelegram, bot_hub: Hub
) -> None:
    fake.api.set_webhook({"url": "https://old.example/hook"})
    runtime = TelegramBot.from_hub(bot_hub)
    polling = asyncio.create_task(runtime.run_polling(handle_signals=False))
    try:
        await fake.wait_for(lambda c: c.method == "getUpdates")
        fake.push(fake.message_update(IVAN, "/start"))
        greeting = await fake.wait_for(lambda c: c.method == "sendMessage" and c.chat_id == IVAN)
    finally:
        await runtime.dispatcher.stop_polling()
        await asyncio.wait_for(polling, timeout=5)

    assert greeting.text == RU.greeting.format(name="Иван")
    methods = [c.method for c in fake.calls]
    assert methods.index("deleteWebhook") < methods.index("getUpdates")
    assert fake.state.webhook is None
    assert fake.state.updates == []  # the update was confirmed (offset moved past it)


def test_the_bot_command_is_registered_and_needs_a_token(tmp_path: Path) -> None:
    group = click.Group()
    bot_plugin.register_commands(cli=group)
    assert "bot" in group.commands

    env = {
        "CRYSTALBAY_HOME": str(tmp_path),
        "DATABASE_URL": f"sqlite:///{tmp_path / 'hub.sqlite3'}",
        "CRYSTALBAY_PLUGINS": "telegram",
        "TELEGRAM_BOT_TOKEN": "",
        "REDIS_URL": "",
    }
    result = CliRunner().invoke(group, ["bot"], env=env)

    assert result.exit_code == 1
    assert "TELEGRAM_BOT_TOKEN" in result.output
