"""Fixtures for the Wazzup24 tests: the fake vendor, a stand-in hub, a client."""

from __future__ import annotations

from typing import TYPE_CHECKING

import httpx
import pytest

from crystalbay_plugins.wazzup24.client import WazzupClient
from crystalbay_plugins.wazzup24.config import WazzupConfig
from crystalbay_plugins.wazzup24.ratelimit import SlidingWindowLimiter
from crystalbay_plugins.wazzup24.testing import FakeWazzup, WebhookRecorder

if TYPE_CHECKING:
    from collections.abc import AsyncIterator, Iterator

SECRET = "hub-secret-0123456789abcdef"


@pytest.fixture(name="fake")
def fx_fake() -> Iterator[FakeWazzup]:
    with FakeWazzup() as fake:
        yield fake


@pytest.fixture(name="hub")
def fx_hub() -> Iterator[WebhookRecorder]:
    with WebhookRecorder() as hub:
        yield hub


@pytest.fixture(name="http")
async def fx_http() -> AsyncIterator[httpx.AsyncClient]:
    async with httpx.AsyncClient() as http:
        yield http


@pytest.fixture(name="config")
def fx_config(fake: FakeWazzup) -> WazzupConfig:
    return WazzupConfig(api_key=fake.api_key, api_url=fake.url, webhook_secret=SECRET)


@pytest.fixture(name="client")
def fx_client(config: WazzupConfig, http: httpx.AsyncClient) -> WazzupClient:
    # A short limiter window keeps 429 waits (one window when no Retry-After is sent) fast.
    return WazzupClient(config, http, limiter=SlidingWindowLimiter(limit=500, window=0.2))
