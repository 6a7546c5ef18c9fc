"""E-mail through SendGrid, end to end over real HTTP: Inbound Parse, Mail Send, signed events."""

from __future__ import annotations

import asyncio
from typing import TYPE_CHECKING

import httpx
import pytest

import crystalbay_plugins.sendgrid
from crystalbay.domain import DeliveryStatus, Direction
from crystalbay.storage.repositories import LeadFilter
from crystalbay_plugins.sendgrid.testing import FakeSendGrid
from crystalbay_plugins.sendgrid.testing.inbound import build_inbound

if TYPE_CHECKING:
    import contextlib
    from collections.abc import Callable, Iterator

    from crystalbay.hub import Hub

SECRET = "parse-secret-0123456789abcdef"


@pytest.fixture(name="sendgrid")
def fx_sendgrid(register_plugin: Callable[..., None]) -> Iterator[FakeSendGrid]:
    register_plugin(crystalbay_plugins.sendgrid, name="sendgrid")
    with FakeSendGrid() as fake:
        yield fake


def _env(fake: FakeSendGrid) -> dict[str, str]:
    return {
        "SENDGRID_API_KEY": fake.api_key,
        "SENDGRID_API_URL": fake.url,
        "SENDGRID_FROM_EMAIL": "Crystal Bay <hello@crystalbay.example>",
        "SENDGRID_INBOUND_SECRET": SECRET,
        "SENDGRID_EVENTS_PUBLIC_KEY": fake.public_key,
    }


async def test_an_email_becomes_a_lead_and_the_reply_is_delivered_and_tracked(
    served_hub: Callable[..., contextlib.AbstractAsyncContextManager[tuple[Hub, str]]],
    sendgrid: FakeSendGrid,
) -> None:
    async with served_hub(_env(sendgrid)) as (hub, url):
        content_type, body = build_inbound(
            text="Здравствуйте! Ищем тур в Анталию на 7 ночей.", charset="windows-1251"
        )
        inbound = f"{url}/webhooks/sendgrid/inbound/{SECRET}"
        assert await sendgrid.post_inbound(inbound, content_type, body) == [200]
        assert await sendgrid.post_inbound(inbound, content_type, body) == [200]  # redelivery
        await hub.jobs.drain()

        leads, total = await hub.leads.list(LeadFilter())
        assert total == 1
        assert leads[0].source == "email"
        contact = await hub.contacts.get(leads[0].contact_id or 0)
        assert contact.emails == ("anna@example.com",)
        [conversation] = await hub.conversations.for_lead(leads[0].id)
        [message] = await hub.conversations.messages(conversation.id)
        assert "Анталию" in message.text

        reply = await hub.conversations.reply(conversation.id, "Подобрали три отеля", author="anna")
        await hub.jobs.drain()
        [mail] = [m for m in sendgrid.sent if "Подобрали три отеля" in m.text]
        assert mail.to == ["anna@example.com"]

        events = f"{url}/webhooks/sendgrid/events"
        delivered = sendgrid.event(mail, "delivered")
        assert await sendgrid.post_events(events, [delivered]) == [200]
        assert await sendgrid.post_events(events, [delivered]) == [200]
        stored = await hub.conversations.repo.get_message(reply.id)
        assert (stored.direction, stored.status) == (Direction.OUTBOUND, DeliveryStatus.DELIVERED)


async def test_forged_stale_and_malformed_posts_change_nothing(
    served_hub: Callable[..., contextlib.AbstractAsyncContextManager[tuple[Hub, str]]],
    sendgrid: FakeSendGrid,
) -> None:
    async with served_hub(_env(sendgrid)) as (hub, url):
        content_type, body = build_inbound()
        async with httpx.AsyncClient(base_url=url) as vendor:
            wrong = await vendor.post(
                "/webhooks/sendgrid/inbound/wrong", content=body,
                headers={"Content-Type": content_type},
            )  # fmt: skip
            garbage = await vendor.post(
                f"/webhooks/sendgrid/inbound/{SECRET}", content=b"not a form",
                headers={"Content-Type": "multipart/form-data; boundary=x"},
            )  # fmt: skip
            batch = b'[{"email":"a@b.c","timestamp":1,"event":"delivered"}]'
            unsigned = await vendor.post("/webhooks/sendgrid/events", content=batch)
            stale = await vendor.post(
                "/webhooks/sendgrid/events", content=batch,
                headers=sendgrid.sign(batch, timestamp=1_000_000_000),
            )  # fmt: skip
            forged = await vendor.post(
                "/webhooks/sendgrid/events", content=batch + b" ",
                headers=sendgrid.sign(batch),
            )  # fmt: skip
        await asyncio.sleep(0)
        await hub.jobs.drain()

        assert wrong.status_code == 404
        assert garbage.status_code == 400
        assert (unsigned.status_code, stale.status_code, forged.status_code) == (403, 403, 403)
        _, total = await hub.leads.list(LeadFilter())
        assert total == 0
