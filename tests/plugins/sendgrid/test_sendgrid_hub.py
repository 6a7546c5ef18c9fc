"""The plugin inside a real hub: settings from the environment, the ``email`` channel."""

from __future__ import annotations

import contextlib
from collections.abc import Callable

import pytest

from crystalbay.domain import OutboundMessage
from crystalbay.errors import ConfigurationError
from crystalbay.hub import Hub
from crystalbay_plugins import sendgrid
from crystalbay_plugins.sendgrid.testing import FakeSendGrid

HubFactory = Callable[..., contextlib.AbstractAsyncContextManager[Hub]]


def _env(fake: FakeSendGrid) -> dict[str, str]:
    return {
        "SENDGRID_API_KEY": fake.api_key,
        "SENDGRID_FROM_EMAIL": "Crystal Bay <tours@crystalbay.example>",
        "SENDGRID_API_URL": fake.url,
        "SENDGRID_EVENTS_PUBLIC_KEY": fake.public_key,
    }


async def test_configured_hub_sends_email_through_the_shared_client(
    register_plugin: Callable[..., None], hub_factory: HubFactory, fake: FakeSendGrid
) -> None:
    register_plugin(sendgrid, name="sendgrid")
    message = OutboundMessage(chat_address="c@example.com", text="Hi", idempotency_key="hub-1")

    async with hub_factory(_env(fake), mock_http=False) as hub:
        assert hub.plugin_status("sendgrid") == "configured"
        message_id = await hub.channels["email"].send(message)

    assert [mail.message_id for mail in fake.sent] == [message_id]


async def test_hub_without_credentials_has_no_email_channel(
    register_plugin: Callable[..., None], hub_factory: HubFactory
) -> None:
    register_plugin(sendgrid, name="sendgrid")

    async with hub_factory({"SENDGRID_FROM_EMAIL": "tours@crystalbay.example"}) as hub:
        assert hub.plugin_status("sendgrid") == "not configured"
        assert "email" not in hub.channels


async def test_malformed_setting_stops_start_up(
    register_plugin: Callable[..., None], hub_factory: HubFactory, fake: FakeSendGrid
) -> None:
    register_plugin(sendgrid, name="sendgrid")
    env = {**_env(fake), "SENDGRID_EVENTS_PUBLIC_KEY": "not-a-key"}

    with pytest.raises(ConfigurationError, match="SENDGRID_EVENTS_PUBLIC_KEY"):
        async with hub_factory(env):
            pass
