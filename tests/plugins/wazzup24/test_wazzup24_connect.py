"""Registering the hub's webhook with (the fake) Wazzup24."""

from __future__ import annotations

import json

import httpx
import msgspec
import pytest

from crystalbay.errors import ConfigurationError, IntegrationRejected
from crystalbay_plugins.wazzup24.client import WazzupClient
from crystalbay_plugins.wazzup24.config import WazzupConfig
from crystalbay_plugins.wazzup24.connect import connect
from crystalbay_plugins.wazzup24.errors import WazzupRejected
from crystalbay_plugins.wazzup24.models import WebhooksRequest, WebhooksState, WebhookSubscriptions
from crystalbay_plugins.wazzup24.testing import FakeWazzup, WebhookRecorder
from crystalbay_plugins.wazzup24.webhooks import parse_webhook


async def test_connect_registers_the_secret_url_after_the_probe(
    fake: FakeWazzup, client: WazzupClient, hub: WebhookRecorder
) -> None:
    secret = client.config.webhook_secret
    uri = await connect(client, hub.url)

    assert uri == f"{hub.url}/webhooks/wazzup24/{secret}"
    assert fake.webhooks_uri == uri
    assert fake.subscriptions == {
        "messagesAndStatuses": True,
        "contactsAndDealsCreation": False,
        "channelsUpdates": False,
        "templateStatus": False,
    }
    (probe,) = hub.requests
    assert probe.path == f"/webhooks/wazzup24/{secret}"
    assert parse_webhook(probe.body).test
    state = await client.get_webhooks()
    assert state.webhooks_uri == uri
    assert state.subscribed("messagesAndStatuses")


async def test_connect_leaves_a_matching_registration_alone(
    fake: FakeWazzup, client: WazzupClient, hub: WebhookRecorder
) -> None:
    await connect(client, hub.url)
    patches = [r for r in fake.requests if r.method == "PATCH"]

    await connect(client, hub.url)
    await connect(client, hub.url, force=True)

    assert len([r for r in fake.requests if r.method == "PATCH"]) == len(patches) + 1
    assert len(hub.requests) == 2  # one probe per PATCH


async def test_a_hub_failing_the_probe_is_rejected_with_advice(
    fake: FakeWazzup, client: WazzupClient
) -> None:
    with WebhookRecorder(answers=[503]) as hub, pytest.raises(WazzupRejected) as caught:
        await connect(client, hub.url)

    assert caught.value.code == "testPostNotPassed"
    assert "PUBLIC_URL" in caught.value.detail
    assert "503" in caught.value.detail
    assert fake.webhooks_uri is None


async def test_an_unreachable_hub_fails_the_probe(fake: FakeWazzup, client: WazzupClient) -> None:
    with WebhookRecorder() as hub:
        url = hub.url

    with pytest.raises(IntegrationRejected, match="reachable"):
        await connect(client, url)
    assert fake.webhooks_uri is None


@pytest.mark.parametrize("secret", [None, "short", "has/slash-0123456789", "spaces are bad 0123"])
async def test_connect_needs_a_long_url_safe_secret(
    fake: FakeWazzup, http: httpx.AsyncClient, secret: str | None
) -> None:
    config = WazzupConfig(api_key=fake.api_key, api_url=fake.url, webhook_secret=secret)

    with pytest.raises(ConfigurationError) as caught:
        await connect(WazzupClient(config, http), "https://hub.example.org")

    assert caught.value.field == "WAZZUP_WEBHOOK_SECRET"
    assert not fake.requests


async def test_connect_refuses_addresses_wazzup_would_refuse(client: WazzupClient) -> None:
    with pytest.raises(ConfigurationError, match="at most 200"):
        await connect(client, "https://hub.example.org/" + "x" * 200)
    with pytest.raises(ConfigurationError) as caught:
        await connect(client, "hub.example.org")
    assert caught.value.field == "PUBLIC_URL"


async def test_the_vendor_refuses_an_invalid_uri(fake: FakeWazzup, client: WazzupClient) -> None:
    request = WebhooksRequest(webhooks_uri="ftp://hub", subscriptions=WebhookSubscriptions())

    with pytest.raises(WazzupRejected) as caught:
        await client.set_webhooks(request)

    assert caught.value.code == "uriNotValid"
    assert fake.webhooks_uri is None


def test_subscriptions_as_strings_are_understood() -> None:
    body = {"webhooksUri": "https://x", "subscriptions": {"messagesAndStatuses": "true"}}

    state = msgspec.json.decode(json.dumps(body), type=WebhooksState)

    assert state.subscribed("messagesAndStatuses")
    assert not state.subscribed("channelsUpdates")
