"""Fixtures for the SendGrid plugin: a fake SendGrid over real HTTP and a configured adapter."""

from __future__ import annotations

from typing import TYPE_CHECKING

import httpx
import pytest

from crystalbay_plugins.sendgrid.channel import EmailChannel
from crystalbay_plugins.sendgrid.client import SendGridClient
from crystalbay_plugins.sendgrid.config import SendGridConfig
from crystalbay_plugins.sendgrid.testing import FakeSendGrid

if TYPE_CHECKING:
    from collections.abc import AsyncIterator, Iterator
    from pathlib import Path

SENDER = "tours@crystalbay.example"


@pytest.fixture(name="fake_server", scope="session")
def fx_fake_server() -> Iterator[FakeSendGrid]:
    # One server for the session: stopping a FakeHTTPServer takes ~0.5 s (its poll interval).
    with FakeSendGrid(verified_senders=[SENDER]) as fake:
        yield fake


@pytest.fixture(name="fake")
def fx_fake(fake_server: FakeSendGrid) -> FakeSendGrid:
    fake_server.reset()
    return fake_server


@pytest.fixture(name="config")
def fx_config(fake: FakeSendGrid) -> SendGridConfig:
    return SendGridConfig(
        api_key=fake.api_key,
        from_email=f"Crystal Bay <{SENDER}>",
        api_url=fake.url,
        inbound_secret="parse-secret-123",
        events_public_key=fake.public_key,
    )


@pytest.fixture(name="http")
async def fx_http() -> AsyncIterator[httpx.AsyncClient]:
    async with httpx.AsyncClient(timeout=5.0) as client:
        yield client


@pytest.fixture(name="client")
def fx_client(config: SendGridConfig, http: httpx.AsyncClient) -> SendGridClient:
    return SendGridClient(config, http)


@pytest.fixture(name="channel")
def fx_channel(config: SendGridConfig, http: httpx.AsyncClient) -> EmailChannel:
    return EmailChannel(config, http)


@pytest.fixture(name="database_url")
def fx_database_url(tmp_path: Path) -> str:
    # The plugin stores nothing: one SQLite run is enough (the root conftest also runs
    # database tests on PostgreSQL).
    return f"sqlite:///{tmp_path / 'hub.sqlite3'}"
