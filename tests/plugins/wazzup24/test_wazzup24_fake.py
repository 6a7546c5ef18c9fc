"""The fake Wazzup24 behaves like the contract: deliveries, redelivery, echoes, statuses, auth."""

from __future__ import annotations

import asyncio
import json
import time
from collections.abc import Callable

import httpx
import pytest

from crystalbay.domain import DeliveryStatus
from crystalbay_plugins.wazzup24.client import WazzupClient
from crystalbay_plugins.wazzup24.config import WazzupConfig
from crystalbay_plugins.wazzup24.connect import connect
from crystalbay_plugins.wazzup24.models import SendMessageRequest
from crystalbay_plugins.wazzup24.testing import FakeWazzup, WebhookRecorder
from crystalbay_plugins.wazzup24.webhooks import parse_webhook

SECRET = "fake-tests-secret-0123456789"


async def _connected(
    fake: FakeWazzup, hub: WebhookRecorder, http: httpx.AsyncClient
) -> WazzupClient:
    config = WazzupConfig(api_key=fake.api_key, api_url=fake.url, webhook_secret=SECRET)
    client = WazzupClient(config, http)
    await connect(client, hub.url)
    hub.requests.clear()  # forget the probe
    return client


def _wait_until(done: Callable[[], bool], timeout: float = 5.0) -> None:
    deadline = time.monotonic() + timeout
    while not done() and time.monotonic() < deadline:
        time.sleep(0.01)


def _send(fake: FakeWazzup, chat_id: str = "79990001122") -> SendMessageRequest:
    return SendMessageRequest(
        channel_id=fake.channel_id, chat_type="whatsapp", chat_id=chat_id, text="Hi"
    )


async def test_a_refused_webhook_is_redelivered_until_taken(http: httpx.AsyncClient) -> None:
    with FakeWazzup(webhook_retries=3) as fake, WebhookRecorder() as hub:
        await _connected(fake, hub, http)
        hub.answers = [500, 503]

        message_id = fake.receive("79990001122", "Hello")

    delivery = fake.deliveries[-1]
    assert delivery.attempts == (500, 503, 200)
    assert delivery.delivered
    assert len(set(hub.bodies)) == 1  # the same body each time
    ids = {parse_webhook(body).messages[0].external_id for body in hub.bodies}
    assert ids == {message_id}


async def test_redelivery_is_bounded(http: httpx.AsyncClient) -> None:
    with FakeWazzup(webhook_retries=2) as fake, WebhookRecorder() as hub:
        await _connected(fake, hub, http)
        hub.answers = [500] * 10

        fake.receive("79990001122", "Hello")

    assert fake.deliveries[-1].attempts == (500, 500, 500)
    assert not fake.deliveries[-1].delivered


async def test_by_default_nothing_is_redelivered(fake: FakeWazzup, http: httpx.AsyncClient) -> None:
    # Wazzup v3 documents no retries (contract, uncertain item 1).
    with WebhookRecorder() as hub:
        await _connected(fake, hub, http)
        hub.answers = [500]

        fake.receive("79990001122", "Hello")

    assert fake.deliveries[-1].attempts == (500,)


async def test_an_unreachable_hub_is_recorded(http: httpx.AsyncClient) -> None:
    with FakeWazzup(webhook_retries=1) as fake:
        with WebhookRecorder() as hub:
            await _connected(fake, hub, http)

        fake.receive("79990001122", "Hello")

    assert fake.deliveries[-1].attempts == (None, None)


def test_nothing_is_posted_before_registration(fake: FakeWazzup) -> None:
    with pytest.raises(RuntimeError, match="connect first"):
        fake.receive("79990001122", "Hello")


async def test_deliveries_look_like_wazzups(
    fake: FakeWazzup, hub: WebhookRecorder, http: httpx.AsyncClient
) -> None:
    await _connected(fake, hub, http)

    fake.receive("79990001122", "Hello", name="Ivan")

    (request,) = hub.requests
    assert request.method == "POST"
    assert request.headers["content-type"] == "application/json; charset-utf-8"
    assert "authorization" not in request.headers  # no crmKey, no header (contract 1.5)
    (item,) = json.loads(request.body)["messages"]
    assert item["isEcho"] is False
    assert item["status"] == "inbound"
    assert item["contact"] == {"name": "Ivan"}


async def test_a_crm_key_is_sent_as_bearer(http: httpx.AsyncClient) -> None:
    with FakeWazzup(crm_key="crm-key-1") as fake, WebhookRecorder() as hub:
        await _connected(fake, hub, http)

        fake.receive("79990001122", "Hello")

    assert hub.requests[-1].headers["authorization"] == "Bearer crm-key-1"


async def test_progress_posts_the_echo_then_each_status(
    fake: FakeWazzup, hub: WebhookRecorder, http: httpx.AsyncClient
) -> None:
    client = await _connected(fake, hub, http)
    sent = await client.send_message(_send(fake))

    fake.progress(sent.message_id)

    webhooks = [parse_webhook(body) for body in hub.bodies]
    assert [e.external_id for e in webhooks[0].echoes] == [sent.message_id]
    assert webhooks[0].messages == ()
    statuses = [s for w in webhooks for s in w.statuses]
    assert [(s.external_id, s.status) for s in statuses] == [
        (sent.message_id, DeliveryStatus.SENT),
        (sent.message_id, DeliveryStatus.DELIVERED),
        (sent.message_id, DeliveryStatus.READ),
    ]


async def test_echoes_of_api_sends_can_be_switched_off(http: httpx.AsyncClient) -> None:
    with FakeWazzup(echo_api_sends=False) as fake, WebhookRecorder() as hub:
        client = await _connected(fake, hub, http)
        sent = await client.send_message(_send(fake))

        fake.progress(sent.message_id, until="delivered")

    assert [parse_webhook(b).statuses[0].status for b in hub.bodies] == [
        DeliveryStatus.SENT,
        DeliveryStatus.DELIVERED,
    ]


async def test_a_closed_reply_window_fails_in_a_status_webhook(
    fake: FakeWazzup, hub: WebhookRecorder, http: httpx.AsyncClient
) -> None:
    client = await _connected(fake, hub, http)
    fake.close_reply_window("79990001122")
    sent = await client.send_message(_send(fake))  # accepted: the failure comes later

    fake.progress(sent.message_id)

    (update,) = parse_webhook(hub.bodies[-1]).statuses
    assert update.status is DeliveryStatus.FAILED
    assert update.error_code == "24_HOURS_EXCEEDED"


async def test_a_customer_message_reopens_the_window(
    fake: FakeWazzup, hub: WebhookRecorder, http: httpx.AsyncClient
) -> None:
    client = await _connected(fake, hub, http)
    fake.close_reply_window("79990001122")
    fake.receive("79990001122", "Hi again")

    sent = await client.send_message(_send(fake))

    assert not fake.sent[-1].reply_window_closed
    assert sent.message_id == fake.sent[-1].message_id


async def test_a_phone_echo_is_foreign(
    fake: FakeWazzup, hub: WebhookRecorder, http: httpx.AsyncClient
) -> None:
    await _connected(fake, hub, http)

    message_id = fake.echo_from_phone("79990001122", "Sent from my phone")

    webhook = parse_webhook(hub.bodies[-1])
    assert webhook.messages == ()
    assert [e.external_id for e in webhook.foreign_echoes(set())] == [message_id]


async def test_auto_webhooks_follow_each_send(http: httpx.AsyncClient) -> None:
    with FakeWazzup(auto_webhooks=True) as fake, WebhookRecorder() as hub:
        client = await _connected(fake, hub, http)

        await client.send_message(_send(fake))
        await asyncio.to_thread(_wait_until, lambda: len(hub.requests) >= 4)

    assert len(hub.requests) == 4  # echo, sent, delivered, read


async def test_calls_without_the_key_get_401(fake: FakeWazzup, http: httpx.AsyncClient) -> None:
    response = await http.get(fake.url + "/v3/channels")

    assert response.status_code == 401


async def test_a_429_has_an_empty_body(http: httpx.AsyncClient) -> None:
    with FakeWazzup(rate_limit=1) as fake:
        headers = {"Authorization": f"Bearer {fake.api_key}"}
        first = await http.get(fake.url + "/v3/channels", headers=headers)
        second = await http.get(fake.url + "/v3/channels", headers=headers)

    assert first.status_code == 200
    assert second.status_code == 429
    assert second.content == b""
    assert "retry-after" not in second.headers


async def test_send_errors_use_wazzups_error_body(
    fake: FakeWazzup, http: httpx.AsyncClient
) -> None:
    headers = {"Authorization": f"Bearer {fake.api_key}"}
    body = {"channelId": fake.channel_id, "chatType": "whatsapp", "chatId": "7999"}

    response = await http.post(fake.url + "/v3/message", json=body, headers=headers)

    assert response.status_code == 400
    payload = response.json()
    assert payload["status"] == 400
    assert payload["error"] == "MESSAGE_NOTHING_TO_SEND"
    assert isinstance(payload["requestId"], str)
    assert payload["description"]
