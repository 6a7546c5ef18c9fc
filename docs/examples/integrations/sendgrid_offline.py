"""SendGrid offline: Inbound Parse and the signed Event Webhook posted to the hub's web app.

``FakeSendGrid`` serves Mail Send over HTTP and signs event batches with its own key, which the
hub gets as ``SENDGRID_EVENTS_PUBLIC_KEY``. The web app runs in-process.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable
from contextlib import AbstractAsyncContextManager, asynccontextmanager

import httpx

import crystalbay_plugins.sendgrid
from crystalbay.domain import DeliveryStatus
from crystalbay.hub import Hub
from crystalbay.storage.repositories import LeadFilter
from crystalbay_plugins.sendgrid.testing import (
    EventSigner,
    FakeSendGrid,
    build_inbound,
    encode_events,
)
from crystalbay_web.asgi import create_app

RegisterPlugin = Callable[..., None]
HubFactory = Callable[..., AbstractAsyncContextManager[Hub]]
SECRET = "Vx81mQ-inbound-parse-secret"  # SENDGRID_INBOUND_SECRET


def sendgrid_env(fake: FakeSendGrid) -> dict[str, str]:
    return {
        "SENDGRID_API_KEY": fake.api_key,
        "SENDGRID_FROM_EMAIL": "Crystal Bay <tours@agency.example>",
        "SENDGRID_API_URL": fake.url,
        "SENDGRID_INBOUND_SECRET": SECRET,
        "SENDGRID_EVENTS_PUBLIC_KEY": fake.public_key,
    }


@asynccontextmanager
async def as_sendgrid(hub: Hub) -> AsyncIterator[httpx.AsyncClient]:
    """A client that posts to the hub's web app the way SendGrid does."""
    transport = httpx.ASGITransport(app=create_app(hub))
    async with httpx.AsyncClient(transport=transport, base_url="https://hub.test") as client:
        yield client


async def test_an_email_becomes_a_lead_and_the_reply_is_delivered(
    register_plugin: RegisterPlugin, hub_factory: HubFactory
) -> None:
    register_plugin(crystalbay_plugins.sendgrid, name="sendgrid")
    with FakeSendGrid() as sendgrid:
        env = sendgrid_env(sendgrid)
        async with hub_factory(env, mock_http=False) as hub, as_sendgrid(hub) as client:
            content_type, body = build_inbound(sender="Анна <anna@example.com>")
            inbound = f"https://hub.test/webhooks/sendgrid/inbound/{SECRET}"
            parsed = await sendgrid.post_inbound(inbound, content_type, body, client=client)
            guessed = await client.post(
                "/webhooks/sendgrid/inbound/guessed",
                content=body,
                headers={"Content-Type": content_type},
            )
            await hub.jobs.drain()
            [lead], _ = await hub.leads.list(LeadFilter())
            [conversation] = await hub.conversations.for_lead(lead.id)
            reply = await hub.conversations.reply(conversation.id, "Подберём!", author="anna")
            await hub.jobs.drain()
            [mail] = sendgrid.sent

            events = "https://hub.test/webhooks/sendgrid/events"
            delivered = [sendgrid.event(mail, "delivered")]
            signed = await sendgrid.post_events(events, delivered, client=client)
            forged_body = encode_events([sendgrid.event(mail, "bounce")])
            forged = await client.post(
                events, content=forged_body, headers=EventSigner().headers(forged_body)
            )
            [_, stored] = await hub.conversations.messages(conversation.id)

    assert parsed == [200]
    assert guessed.status_code == 404
    assert (conversation.channel, conversation.chat_address) == ("email", "anna@example.com")
    assert mail.to == ["anna@example.com"]
    assert mail.custom_args == {"crystalbay_idempotency_key": f"cb-{reply.id}"}
    assert signed == [200]
    assert forged.status_code == 403  # signed with another key: nothing changes
    assert stored.status is DeliveryStatus.DELIVERED


async def test_an_unverified_sender_is_named_by_the_check(
    register_plugin: RegisterPlugin, hub_factory: HubFactory
) -> None:
    register_plugin(crystalbay_plugins.sendgrid, name="sendgrid")
    with FakeSendGrid(verified_senders=["sales@agency.example"]) as sendgrid:
        async with hub_factory(sendgrid_env(sendgrid), mock_http=False) as hub:
            health = await hub.channels["email"].check()

    assert not health.ok
    assert health.detail.startswith("sendgrid: the sender is not verified")
    assert "SENDGRID_FROM_EMAIL" in health.detail
