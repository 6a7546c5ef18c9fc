"""WhatsApp through Wazzup24, end to end over real HTTP: the fake vendor and the served hub."""

from __future__ import annotations

import asyncio
import os
import subprocess
import sys
from typing import TYPE_CHECKING

import httpx
import pytest

import crystalbay_plugins.wazzup24
from crystalbay.domain import DeliveryStatus, Direction
from crystalbay.storage.repositories import LeadFilter
from crystalbay_plugins.wazzup24.client import WazzupClient
from crystalbay_plugins.wazzup24.config import WazzupConfig
from crystalbay_plugins.wazzup24.connect import connect
from crystalbay_plugins.wazzup24.testing import FakeWazzup
from crystalbay_plugins.wazzup24.webhooks import webhook_url

if TYPE_CHECKING:
    import contextlib
    from collections.abc import Callable, Iterator

    from crystalbay.hub import Hub

SECRET = "s3cret-webhook-path-0123456789"


@pytest.fixture(name="wazzup")
def fx_wazzup(register_plugin: Callable[..., None]) -> Iterator[FakeWazzup]:
    register_plugin(crystalbay_plugins.wazzup24, name="wazzup24")
    with FakeWazzup() as fake:
        yield fake


def _env(fake: FakeWazzup) -> dict[str, str]:
    return {
        "WAZZUP_API_KEY": fake.api_key,
        "WAZZUP_API_URL": fake.url,
        "WAZZUP_WEBHOOK_SECRET": SECRET,
        "WAZZUP_CHANNEL_ID": fake.channel_id,
    }


async def _connect(hub: Hub, fake: FakeWazzup) -> None:
    config = hub.plugin_config("wazzup24", WazzupConfig)
    assert config is not None
    assert hub.settings.public_url
    await connect(WazzupClient(config, hub.http), hub.settings.public_url)
    assert fake.webhooks_uri == webhook_url(hub.settings.public_url, SECRET)


async def test_a_whatsapp_message_becomes_a_lead_and_a_reply_arrives_once(
    served_hub: Callable[..., contextlib.AbstractAsyncContextManager[tuple[Hub, str]]],
    wazzup: FakeWazzup,
) -> None:
    async with served_hub(_env(wazzup)) as (hub, url):
        await _connect(hub, wazzup)
        await asyncio.to_thread(
            wazzup.receive, "77011234567", "Добрый день! Хотим в Турцию в июне", name="Айгерим"
        )
        await hub.jobs.drain()

        leads, total = await hub.leads.list(LeadFilter())
        assert total == 1
        lead = leads[0]
        assert lead.source == "whatsapp"
        contact = await hub.contacts.get(lead.contact_id or 0)
        assert contact.name == "Айгерим"
        [conversation] = await hub.conversations.for_lead(lead.id)
        assert conversation.channel == "whatsapp"

        _, key = await hub.accounts.create_api_key("e2e")
        async with httpx.AsyncClient(
            base_url=url, headers={"Authorization": f"Bearer {key}"}
        ) as api:
            posted = await api.post(
                f"/api/v1/conversations/{conversation.id}/messages",
                json={"text": "Здравствуйте! Подберём варианты."},
            )
            assert posted.status_code == 202, posted.text
            await hub.jobs.drain()
            messages = (await api.get(f"/api/v1/conversations/{conversation.id}/messages")).json()

        sent = [r for r in wazzup.sent if r.request.text == "Здравствуйте! Подберём варианты."]
        assert len(sent) == 1
        assert sent[0].request.crm_message_id == f"cb-{posted.json()['id']}"
        # The vendor reports the echo of our own send and its statuses: no duplicate, read.
        await asyncio.to_thread(wazzup.progress, sent[0].message_id, until="read")
        await asyncio.sleep(0.1)
        await hub.jobs.drain()
        thread = await hub.conversations.messages(conversation.id)
        outbound = [m for m in thread if m.direction is Direction.OUTBOUND]
        assert len(outbound) == 1
        assert outbound[0].status is DeliveryStatus.READ
        assert [m["direction"] for m in messages["items"]] == ["in", "out"]


async def test_redeliveries_wrong_secrets_probes_and_malformed_bodies(
    served_hub: Callable[..., contextlib.AbstractAsyncContextManager[tuple[Hub, str]]],
    wazzup: FakeWazzup,
) -> None:
    async with served_hub(_env(wazzup)) as (hub, url):
        await _connect(hub, wazzup)
        item = {
            "messageId": "m-1", "channelId": wazzup.channel_id, "chatType": "whatsapp",
            "chatId": "77015550000", "dateTime": "2026-11-23T10:00:00.000Z", "type": "text",
            "status": "inbound", "text": "Привет", "isEcho": False,
            "contact": {"name": "Ержан"},
        }  # fmt: skip
        async with httpx.AsyncClient(base_url=url) as vendor:
            good = f"/webhooks/wazzup24/{SECRET}"
            probe = await vendor.post(good, json={"test": True})
            first = await vendor.post(good, json={"messages": [item]})
            again = await vendor.post(good, json={"messages": [item]})
            wrong = await vendor.post(
                "/webhooks/wazzup24/not-the-secret",
                json={"messages": [item | {"messageId": "m-2"}]},
            )
            broken = await vendor.post(good, content=b"{not json")
            shape = await vendor.post(good, json={"messages": "nope"})
            huge = await vendor.post(good, content=b"x" * 2_000_000)
        await hub.jobs.drain()

        assert probe.status_code == 200
        assert (first.status_code, again.status_code) == (200, 200)
        assert wrong.status_code == 404
        assert broken.status_code == 400
        assert shape.status_code == 400
        assert huge.status_code == 413
        _, total = await hub.leads.list(LeadFilter())
        assert total == 1
        leads, _ = await hub.leads.list(LeadFilter())
        messages = await hub.conversations.lead_messages(leads[0].id)
        assert [m.external_id for m in messages] == ["m-1"]


async def test_a_vendor_outage_during_delivery_ends_in_delivery(
    served_hub: Callable[..., contextlib.AbstractAsyncContextManager[tuple[Hub, str]]],
    wazzup: FakeWazzup,
) -> None:
    async with served_hub(_env(wazzup)) as (hub, _url):
        await _connect(hub, wazzup)
        await asyncio.to_thread(wazzup.receive, "77017770000", "Нужен тур")
        await hub.jobs.drain()
        leads, _ = await hub.leads.list(LeadFilter())
        [conversation] = await hub.conversations.for_lead(leads[0].id)

        wazzup.outage = True
        queued = await hub.conversations.reply(conversation.id, "Ответ менеджера", author="anna")
        await asyncio.sleep(0.4)
        assert (await hub.conversations.repo.get_message(queued.id)).status is DeliveryStatus.QUEUED
        wazzup.outage = False
        await hub.jobs.drain()

        message = await hub.conversations.repo.get_message(queued.id)
        assert message.status is DeliveryStatus.SENT
        assert [r.request.text for r in wazzup.sent].count("Ответ менеджера") == 1


async def test_a_message_written_on_the_phone_joins_the_thread(
    served_hub: Callable[..., contextlib.AbstractAsyncContextManager[tuple[Hub, str]]],
    wazzup: FakeWazzup,
) -> None:
    async with served_hub(_env(wazzup)) as (hub, _url):
        hub.inbox.echo_delay = 0.05
        await _connect(hub, wazzup)
        await asyncio.to_thread(wazzup.receive, "77018880000", "Здравствуйте")
        await asyncio.to_thread(
            wazzup.echo_from_phone, "77018880000", "Сейчас посмотрю", author="Анна"
        )
        await asyncio.sleep(0.2)
        await hub.jobs.drain()

        leads, _ = await hub.leads.list(LeadFilter())
        thread = await hub.conversations.lead_messages(leads[0].id)
        assert [(m.direction, m.text) for m in thread] == [
            (Direction.INBOUND, "Здравствуйте"),
            (Direction.OUTBOUND, "Сейчас посмотрю"),
        ]


async def test_the_connect_command_registers_the_webhook(
    served_hub: Callable[..., contextlib.AbstractAsyncContextManager[tuple[Hub, str]]],
    wazzup: FakeWazzup,
    database_url: str,
    tmp_path: object,
) -> None:
    async with served_hub(_env(wazzup)) as (hub, url):
        env = {k: v for k, v in os.environ.items() if not k.startswith(("WAZZUP_", "SAMO_"))}
        env |= _env(wazzup) | {
            "PUBLIC_URL": url,
            "DATABASE_URL": database_url,
            "CRYSTALBAY_HOME": str(tmp_path),
            "CRYSTALBAY_PLUGINS": "wazzup24",
        }
        result = await asyncio.to_thread(
            subprocess.run,
            [sys.executable, "-m", "crystalbay", "wazzup", "connect"],
            env=env, capture_output=True, text=True, timeout=60, check=False,
        )  # fmt: skip

        assert result.returncode == 0, result.stderr
        assert wazzup.webhooks_uri == webhook_url(url, SECRET)
        assert SECRET not in result.stdout, "the secret path is masked"
        assert hub.started
