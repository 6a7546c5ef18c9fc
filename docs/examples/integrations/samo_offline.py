"""SAMO offline: a fake operator that whitelists addresses, reached directly or via a relay."""

from __future__ import annotations

from collections.abc import Callable
from contextlib import AbstractAsyncContextManager

import crystalbay_plugins.proxy
import crystalbay_plugins.samo
from crystalbay.hub import Hub
from crystalbay.testing import FakeHTTPServer
from crystalbay_plugins.proxy.testing import FakeSamoRelay
from crystalbay_plugins.samo.testing import FakeSamo

RegisterPlugin = Callable[..., None]
HubFactory = Callable[..., AbstractAsyncContextManager[Hub]]


async def test_the_operator_names_the_address_it_saw(
    register_plugin: RegisterPlugin, hub_factory: HubFactory
) -> None:
    register_plugin(crystalbay_plugins.samo, name="samo")
    with FakeSamo() as samo:
        samo.block(seen_ip="198.51.100.7")  # the token is whitelisted for another address
        env = {"SAMO_API_URL": samo.url, "SAMO_OAUTH_TOKEN": samo.token}
        async with hub_factory(env, mock_http=False) as hub:
            health = await hub.tour_providers["samo"].check()

    assert not health.ok
    assert health.detail.startswith(
        "samo: the operator refused our IP address 198.51.100.7 (blacklisted address)"
    )


async def test_calls_go_through_the_relay_on_the_whitelisted_server(
    register_plugin: RegisterPlugin, hub_factory: HubFactory
) -> None:
    register_plugin(crystalbay_plugins.samo, name="samo")
    register_plugin(crystalbay_plugins.proxy, name="proxy")
    with FakeSamo() as samo:
        relay = FakeSamoRelay(samo.url, token=samo.token, key="relay-key")
        with FakeHTTPServer(relay) as relay_server:
            env = {
                "SAMO_API_URL": samo.url,
                "SAMO_OAUTH_TOKEN": "placeholder",  # required; the relay adds the real one
                "SAMO_RELAY_URL": relay_server.url + "/samo_proxy.php",
                "SAMO_RELAY_KEY": "relay-key",
            }
            async with hub_factory(env, mock_http=False) as hub:
                health = await hub.tour_providers["samo"].check()

            assert health.ok, health.detail
            [relayed] = relay_server.requests
            assert relayed.headers["x-relay-key"] == "relay-key"
            assert "placeholder" not in str(relayed.query)  # the hub's value never leaves
            assert samo.actions == ["SearchTour_TOWNFROMS"]
