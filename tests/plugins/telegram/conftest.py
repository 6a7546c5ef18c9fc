"""Fixtures for the Telegram plugin tests: the fake Bot API, a client and the channel."""

from __future__ import annotations

from typing import TYPE_CHECKING

import httpx
import pytest

from crystalbay_plugins.telegram.channel import TelegramChannel
from crystalbay_plugins.telegram.client import TelegramClient
from crystalbay_plugins.telegram.config import TelegramConfig
from crystalbay_plugins.telegram.testing import FakeTelegram

if TYPE_CHECKING:
    from collections.abc import AsyncIterator, Iterator

CUSTOMER = 555


@pytest.fixture(name="fake")
def fx_fake() -> Iterator[FakeTelegram]:
    with FakeTelegram(max_poll_wait=2.0) as fake:
        fake.add_user(CUSTOMER, first_name="Иван", language_code="ru")
        yield fake


@pytest.fixture(name="http")
async def fx_http() -> AsyncIterator[httpx.AsyncClient]:
    async with httpx.AsyncClient() as http:
        yield http


@pytest.fixture(name="config")
def fx_config(fake: FakeTelegram) -> TelegramConfig:
    return TelegramConfig(bot_token=fake.token, api_url=fake.url, webhook_secret="s3cr3t_X")


@pytest.fixture(name="client")
def fx_client(config: TelegramConfig, http: httpx.AsyncClient) -> TelegramClient:
    return TelegramClient(config, http, timeout=5.0)


@pytest.fixture(name="channel")
def fx_channel(client: TelegramClient) -> TelegramChannel:
    return TelegramChannel(client)
