"""Testing hooks with ``hub_factory``: register the plugin, start a hub, check what it built."""

from __future__ import annotations

from collections.abc import Callable
from contextlib import AbstractAsyncContextManager

import pytest
from crystalbay.errors import ConfigurationError
from crystalbay.hub import Hub
from crystalbay.testing import HttpMock, make_query

import crystalbay_acme
from crystalbay_acme.config import AcmeConfig

RegisterPlugin = Callable[..., None]
HubFactory = Callable[..., AbstractAsyncContextManager[Hub]]


async def test_not_configured_without_key(
    register_plugin: RegisterPlugin, hub_factory: HubFactory
) -> None:
    register_plugin(crystalbay_acme, name="acme")
    async with hub_factory() as hub:
        assert hub.plugin_status("acme") == "not configured"
        assert "acme" not in hub.tour_providers


async def test_provider_is_registered(
    register_plugin: RegisterPlugin, hub_factory: HubFactory, http_mock: HttpMock
) -> None:
    register_plugin(crystalbay_acme, name="acme")
    http_mock.json("GET", "https://acme.test/search", {"offers": []})
    env = {"ACME_API_URL": "https://acme.test", "ACME_API_KEY": "k"}
    async with hub_factory(env) as hub:
        config = hub.plugin_config("acme", AcmeConfig)
        assert config is not None
        assert config.api_key == "k"
        page = await hub.tour_providers["acme"].search(make_query())
        assert page.offers == ()
    assert http_mock.requests[0].url.host == "acme.test"


async def test_bad_timeout_stops_start_up(
    register_plugin: RegisterPlugin, hub_factory: HubFactory
) -> None:
    register_plugin(crystalbay_acme, name="acme")
    env = {"ACME_API_URL": "https://acme.test", "ACME_API_KEY": "k", "ACME_TIMEOUT": "soon"}
    with pytest.raises(ConfigurationError, match="ACME_TIMEOUT"):
        async with hub_factory(env):
            pass
