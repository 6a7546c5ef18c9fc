"""The bot under test: a real aiogram Bot and Dispatcher against the fake Bot API.

Customers (``crystalbay_bot.testing.BotCustomer``) write and press buttons; assertions look at
what the fake recorded, as the customer would see it. The hub has the sandbox tour provider
and the Telegram plugin, with real HTTP to the fake.
"""

from __future__ import annotations

import os
import uuid
from typing import TYPE_CHECKING

import pytest
import redis.asyncio as aioredis

from crystalbay.testing import EventRecorder
from crystalbay_bot import Limits, build_dispatcher, make_bot
from crystalbay_bot.testing import BotCustomer
from crystalbay_plugins import sandbox, telegram
from crystalbay_plugins.telegram.config import TelegramConfig
from crystalbay_plugins.telegram.testing import FakeTelegram

if TYPE_CHECKING:
    from collections.abc import AsyncIterator, Callable, Iterator
    from contextlib import AbstractAsyncContextManager

    from aiogram import Bot, Dispatcher

    from crystalbay.hub import Hub

IVAN, JOHN, MANAGERS = 555, 777, -100500
SECRET = "s3cr3t_X"
REDIS_URL = os.environ.get("CRYSTALBAY_TEST_REDIS", "redis://127.0.0.1:6379/0")


@pytest.fixture(name="database_url")
def fx_database_url(tmp_path: object) -> str:
    """The bot's tests use SQLite only; BookingService is tested on both databases in core."""
    return f"sqlite:///{tmp_path}/hub.sqlite3"


@pytest.fixture(name="fake")
def fx_fake() -> Iterator[FakeTelegram]:
    with FakeTelegram(max_poll_wait=1.0) as fake:
        fake.add_user(IVAN, first_name="Иван", last_name="Петров", language_code="ru")
        fake.add_user(JOHN, first_name="John", language_code="en-GB")
        fake.add_group(MANAGERS, title="Crystal Bay managers")
        yield fake


@pytest.fixture(name="bot_env")
def fx_bot_env(fake: FakeTelegram) -> dict[str, str]:
    return {
        "TELEGRAM_BOT_TOKEN": fake.token,
        "TELEGRAM_API_URL": fake.url,
        "TELEGRAM_WEBHOOK_SECRET": SECRET,
        "TELEGRAM_MANAGERS_CHAT_ID": str(MANAGERS),
    }


@pytest.fixture(name="recorder")
def fx_recorder(register_plugin: Callable[..., None]) -> EventRecorder:
    """Every event the hub announces (what the dashboard hears)."""
    recorder = EventRecorder()
    register_plugin(recorder, name="event-recorder")
    return recorder


@pytest.fixture(name="bot_hub")
async def fx_bot_hub(
    register_plugin: Callable[..., None],
    hub_factory: Callable[..., AbstractAsyncContextManager[Hub]],
    bot_env: dict[str, str],
    recorder: EventRecorder,
) -> AsyncIterator[Hub]:
    del recorder  # registered before the hub starts
    register_plugin(sandbox, name="sandbox")
    register_plugin(telegram, name="telegram")
    async with hub_factory(bot_env, mock_http=False) as hub:
        yield hub


@pytest.fixture(name="bot")
async def fx_bot(bot_hub: Hub) -> AsyncIterator[Bot]:
    config = bot_hub.plugin_config("telegram", TelegramConfig)
    assert config is not None
    bot = make_bot(config)
    yield bot
    await bot.session.close()


@pytest.fixture(name="dispatcher")
async def fx_dispatcher(bot_hub: Hub, bot: Bot) -> AsyncIterator[Dispatcher]:
    """The bot; it lets customers press faster than people can (the throttle has its tests)."""
    dispatcher = build_dispatcher(bot_hub, limits=Limits(rate=10_000))
    yield dispatcher
    await dispatcher.emit_shutdown(bot=bot)


@pytest.fixture(name="ivan")
def fx_ivan(fake: FakeTelegram, dispatcher: Dispatcher, bot: Bot) -> BotCustomer:
    """A Russian-speaking customer."""
    return BotCustomer(fake, dispatcher, bot, IVAN)


@pytest.fixture(name="john")
def fx_john(fake: FakeTelegram, dispatcher: Dispatcher, bot: Bot) -> BotCustomer:
    """An English-speaking customer."""
    return BotCustomer(fake, dispatcher, bot, JOHN)


@pytest.fixture(name="redis_url")
async def fx_redis_url() -> str:
    """The real Redis on 127.0.0.1 (skipped when unreachable, fatal in CI)."""
    client = aioredis.from_url(REDIS_URL)
    try:
        await client.ping()
    except (OSError, aioredis.RedisError) as exc:
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail(f"Redis is not reachable ({exc}); CI requires the Redis tests")
        pytest.skip(f"Redis is not reachable ({exc})")
    finally:
        await client.aclose()
    return REDIS_URL


@pytest.fixture(name="redis_prefix")
async def fx_redis_prefix(redis_url: str) -> AsyncIterator[str]:
    """A key prefix of this test's own; its keys are deleted afterwards."""
    prefix = f"test:bot:{uuid.uuid4().hex[:12]}"
    yield prefix
    client = aioredis.from_url(redis_url)
    try:
        keys = [key async for key in client.scan_iter(match=f"{prefix}:*")]
        if keys:
            await client.delete(*keys)
    finally:
        await client.aclose()
