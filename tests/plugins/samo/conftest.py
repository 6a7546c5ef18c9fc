"""Fixtures: a fake SAMO operator over real HTTP and the production client pointed at it."""

from __future__ import annotations

from typing import TYPE_CHECKING

import httpx
import pytest

from crystalbay_plugins.samo.client import SamoClient
from crystalbay_plugins.samo.config import SamoConfig
from crystalbay_plugins.samo.provider import SamoTourProvider
from crystalbay_plugins.samo.testing import FakeSamo

if TYPE_CHECKING:
    from collections.abc import AsyncIterator, Iterator


@pytest.fixture(name="fake_server", scope="module")
def fx_fake_server() -> Iterator[FakeSamo]:
    with FakeSamo() as fake:
        yield fake


@pytest.fixture(name="fake")
def fx_fake(fake_server: FakeSamo) -> FakeSamo:
    """The module's fake operator, reset to its initial behaviour for each test."""
    fake_server.reset()
    return fake_server


@pytest.fixture(name="config")
def fx_config(fake: FakeSamo) -> SamoConfig:
    return SamoConfig(api_url=fake.url, oauth_token=fake.token, timeout=5.0)


@pytest.fixture(name="http")
async def fx_http() -> AsyncIterator[httpx.AsyncClient]:
    async with httpx.AsyncClient() as http:
        yield http


@pytest.fixture(name="client")
def fx_client(config: SamoConfig, http: httpx.AsyncClient) -> SamoClient:
    return SamoClient.over_http(config, http)


@pytest.fixture(name="provider")
def fx_provider(config: SamoConfig, http: httpx.AsyncClient) -> SamoTourProvider:
    return SamoTourProvider(config, http)
