"""Fixtures for the Bitrix24 tests: one fake portal per session (reset per test), clients."""

from __future__ import annotations

from typing import TYPE_CHECKING

import httpx
import pytest
from b24_support import TOKEN, MemoryStages

from crystalbay_plugins.bitrix24.adapter import Bitrix24CRM
from crystalbay_plugins.bitrix24.api import BitrixApi
from crystalbay_plugins.bitrix24.client import BitrixClient
from crystalbay_plugins.bitrix24.config import BitrixConfig
from crystalbay_plugins.bitrix24.pipeline import setup_pipeline
from crystalbay_plugins.bitrix24.testing import FakeBitrix24

if TYPE_CHECKING:
    from collections.abc import AsyncIterator, Iterator


@pytest.fixture(name="portal_server", scope="session")
def fx_portal_server() -> Iterator[FakeBitrix24]:
    with FakeBitrix24() as fake:
        yield fake


@pytest.fixture(name="fake")
def fx_fake(portal_server: FakeBitrix24) -> FakeBitrix24:
    """The fake portal, emptied, with a bucket too large to matter unless a test says so."""
    portal_server.reset(capacity=10_000, rate=10_000.0)
    return portal_server


@pytest.fixture(name="http")
async def fx_http() -> AsyncIterator[httpx.AsyncClient]:
    # A few keep-alive connections: the fake is a threaded stdlib server.
    async with httpx.AsyncClient(limits=httpx.Limits(max_connections=4)) as http:
        yield http


@pytest.fixture(name="config")
def fx_config(fake: FakeBitrix24) -> BitrixConfig:
    return BitrixConfig(
        webhook_url=fake.webhook_url,
        application_token=TOKEN,
        user_map="anna=5,boris=7",
        rate_per_second=10_000.0,
        burst=10_000,
    )


@pytest.fixture(name="client")
def fx_client(config: BitrixConfig, http: httpx.AsyncClient) -> BitrixClient:
    return BitrixClient(config, http, backoff=0.001)


@pytest.fixture(name="api")
def fx_api(client: BitrixClient) -> BitrixApi:
    return BitrixApi(client)


@pytest.fixture(name="stages")
def fx_stages() -> MemoryStages:
    return MemoryStages()


@pytest.fixture(name="crm")
def fx_crm(api: BitrixApi, stages: MemoryStages, config: BitrixConfig) -> Bitrix24CRM:
    return Bitrix24CRM(api, stage_maps=stages, users=config.users())


@pytest.fixture(name="ready_crm")
async def fx_ready_crm(crm: Bitrix24CRM, api: BitrixApi) -> Bitrix24CRM:
    """The adapter after ``bitrix setup``."""
    report = await setup_pipeline(api, name="Crystal Bay: туры")
    await crm.stage_maps.put(report.stage_map)
    return crm
