"""The adapter against a fake ACME served over real HTTP on 127.0.0.1."""

from __future__ import annotations

from collections.abc import Callable
from contextlib import AbstractAsyncContextManager

import pytest
from crystalbay.errors import IntegrationRejected
from crystalbay.hub import Hub
from crystalbay.testing import FakeHTTPServer, FakeRequest, FakeResponse, make_query

import crystalbay_acme

RegisterPlugin = Callable[..., None]
HubFactory = Callable[..., AbstractAsyncContextManager[Hub]]

OFFER = {
    "id": "acme-1",
    "hotel": "Kleopatra Beach",
    "stars": 4,
    "resort": "Alanya",
    "room": "Standard",
    "meal": "AI",
    "check_in": "2026-06-02",
    "nights": 7,
    "price": 1250.0,
    "currency": "USD",
}


def acme(request: FakeRequest) -> FakeResponse:
    """A tiny ACME: a status page, and a search that needs the key."""
    if request.path == "/":
        return FakeResponse.json({"status": "up"})
    if request.headers.get("authorization") != "Bearer k":
        return FakeResponse.json({"error": "bad key"}, status=401)
    if request.path == "/search":
        return FakeResponse.json({"offers": [OFFER]})
    return FakeResponse(status=404)


async def test_against_a_fake_vendor(
    register_plugin: RegisterPlugin, hub_factory: HubFactory
) -> None:
    register_plugin(crystalbay_acme, name="acme")
    with FakeHTTPServer(acme) as server:
        env = {"ACME_API_URL": server.url, "ACME_API_KEY": "k"}
        async with hub_factory(env, mock_http=False) as hub:
            health = await hub.tour_providers["acme"].check()
            page = await hub.tour_providers["acme"].search(make_query())
        assert health.ok
        assert server.requests[0].path == "/"
        assert [offer.hotel for offer in page.offers] == ["Kleopatra Beach"]


async def test_a_refused_key_is_raised_with_the_setting_named(
    register_plugin: RegisterPlugin, hub_factory: HubFactory
) -> None:
    register_plugin(crystalbay_acme, name="acme")
    with FakeHTTPServer(acme) as server:
        env = {"ACME_API_URL": server.url, "ACME_API_KEY": "wrong"}
        async with hub_factory(env, mock_http=False) as hub:
            with pytest.raises(IntegrationRejected, match="ACME_API_KEY") as refused:
                await hub.tour_providers["acme"].search(make_query())
    assert not refused.value.retryable
