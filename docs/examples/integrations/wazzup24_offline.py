"""Wazzup24 offline: the fake Wazzup24 API, and its deliveries posted to the hub's web app.

The web app runs in-process (``httpx.ASGITransport``), so the deliveries take the real route,
``POST /webhooks/wazzup24/{secret}``, and the reply goes out through the real channel adapter
to ``FakeWazzup`` over HTTP.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable
from contextlib import AbstractAsyncContextManager, asynccontextmanager

import httpx

import crystalbay_plugins.wazzup24
from crystalbay.domain import DeliveryStatus
from crystalbay.hub import Hub
from crystalbay.storage.repositories import LeadFilter
from crystalbay_plugins.wazzup24.testing import FakeWazzup
from crystalbay_web.asgi import create_app

RegisterPlugin = Callable[..., None]
HubFactory = Callable[..., AbstractAsyncContextManager[Hub]]
SECRET = "Zk3v9Qw1-webhook-path-secret"  # WAZZUP_WEBHOOK_SECRET: 16+ URL-safe characters


@asynccontextmanager
async def as_wazzup(hub: Hub) -> AsyncIterator[httpx.AsyncClient]:
    """A client that posts to the hub's web app the way Wazzup24 does."""
    transport = httpx.ASGITransport(app=create_app(hub))
    async with httpx.AsyncClient(transport=transport, base_url="https://hub.test") as client:
        yield client


async def test_a_whatsapp_message_becomes_a_lead_and_the_reply_a_failed_send(
    register_plugin: RegisterPlugin, hub_factory: HubFactory
) -> None:
    register_plugin(crystalbay_plugins.wazzup24, name="wazzup24")
    with FakeWazzup() as wazzup:
        env = {
            "WAZZUP_API_KEY": wazzup.api_key,
            "WAZZUP_API_URL": wazzup.url,
            "WAZZUP_WEBHOOK_SECRET": SECRET,
        }
        async with hub_factory(env, mock_http=False) as hub, as_wazzup(hub) as vendor:
            route = f"/webhooks/wazzup24/{SECRET}"
            probe = await vendor.post(route, json={"test": True})  # sent while registering
            guessed = await vendor.post("/webhooks/wazzup24/guessed", json={"test": True})
            item = {
                "messageId": "wz-1",
                "channelId": wazzup.channel_id,
                "chatType": "whatsapp",
                "chatId": "77011234567",
                "type": "text",
                "status": "inbound",
                "isEcho": False,
                "text": "Хотим в Турцию в июне",
                "contact": {"name": "Айгерим"},
            }
            first = await vendor.post(route, json={"messages": [item]})
            again = await vendor.post(route, json={"messages": [item]})  # a redelivery
            await hub.jobs.drain()
            [lead], total = await hub.leads.list(LeadFilter())
            [conversation] = await hub.conversations.for_lead(lead.id)

            reply = await hub.conversations.reply(conversation.id, "Подберём!", author="anna")
            await hub.jobs.drain()
            [sent] = wazzup.sent
            # WhatsApp refuses it later: the 24-hour window was closed.
            failed = {
                "messageId": sent.message_id,
                "status": "error",
                "error": {"error": "24_HOURS_EXCEEDED", "description": "24 hours exceeded"},
            }
            status = await vendor.post(route, json={"statuses": [failed]})
            [_, stored] = await hub.conversations.messages(conversation.id)

    assert (probe.status_code, guessed.status_code) == (200, 404)
    assert (first.status_code, again.status_code, total) == (200, 200, 1)
    assert (conversation.channel, lead.source) == ("whatsapp", "whatsapp")
    assert conversation.chat_address == f"{wazzup.channel_id}/whatsapp/77011234567"
    assert sent.request.crm_message_id == f"cb-{reply.id}"  # the outbox's idempotency key
    assert status.status_code == 200
    assert stored.status is DeliveryStatus.FAILED
    assert stored.error is not None
    assert stored.error.startswith("WhatsApp lets a business send free-form messages only")
