"""Parsing and verifying Wazzup24 webhook deliveries (pure functions)."""

from __future__ import annotations

import json
from datetime import UTC, datetime

import pytest

from crystalbay.domain import Attachment, DeliveryStatus
from crystalbay.errors import IntegrationProtocolError
from crystalbay_plugins.wazzup24.config import WazzupConfig
from crystalbay_plugins.wazzup24.webhooks import parse_webhook, verify_secret, webhook_url

CHANNEL = "b96a353b-0000-4000-8000-00000000f981"
INBOUND = {
    "messageId": "6a2087e8-0000-4000-8000-000000000001",
    "dateTime": "2025-05-06T14:18:00.001Z",
    "channelId": CHANNEL,
    "chatType": "whatsapp",
    "chatId": "79990001122",
    "type": "text",
    "isEcho": False,
    "contact": {"name": "Ivan", "avatarUri": "https://store.wazzup24.com/abc"},
    "text": "Hello",
    "status": "inbound",
}


def _body(payload: object) -> bytes:
    return json.dumps(payload).encode()


@pytest.mark.parametrize("value", [True, "true"])
def test_the_probe_is_recognised(value: object) -> None:
    webhook = parse_webhook(_body({"test": value}))

    assert webhook.test
    assert webhook.messages == ()
    assert webhook.statuses == ()
    assert webhook.echoes == ()


def test_an_inbound_whatsapp_text_becomes_an_inbound_message() -> None:
    webhook = parse_webhook(_body({"messages": [INBOUND]}))

    assert not webhook.test
    (message,) = webhook.messages
    assert message.channel == "whatsapp"
    assert message.external_id == INBOUND["messageId"]
    assert message.chat_address == f"{CHANNEL}/whatsapp/79990001122"
    assert message.sender_name == "Ivan"
    assert message.phone == "+79990001122"
    assert message.text == "Hello"
    assert message.sent_at == datetime(2025, 5, 6, 14, 18, 0, 1000, tzinfo=UTC)


def test_media_becomes_an_attachment() -> None:
    item = INBOUND | {"type": "image", "contentUri": "https://store.wazzup24.com/p.jpg"}
    del item["text"]

    (message,) = parse_webhook(_body({"messages": [item]})).messages

    assert message.text == ""
    assert message.attachments == (
        Attachment(kind="image", url="https://store.wazzup24.com/p.jpg"),
    )


def test_a_missed_call_shows_its_type() -> None:
    item = {k: v for k, v in INBOUND.items() if k != "text"} | {"type": "missing_call"}

    (message,) = parse_webhook(_body({"messages": [item]})).messages

    assert message.text == "[missing_call]"


def test_telegram_through_wazzup_has_its_own_channel_name() -> None:
    item = INBOUND | {
        "chatType": "telegram",
        "chatId": "0f1e2d3c-guid",
        "contact": {"name": "Ivan", "username": "ivan", "phone": "+7 999 000-11-22"},
    }

    (message,) = parse_webhook(_body({"messages": [item]})).messages

    assert message.channel == "telegram_wazzup"
    assert message.chat_address == f"{CHANNEL}/telegram/0f1e2d3c-guid"
    assert message.phone == "+79990001122"


def test_echoes_are_returned_apart_from_inbound_messages() -> None:
    ours = INBOUND | {"messageId": "m-ours", "isEcho": True, "status": "sent"}
    phone = INBOUND | {"messageId": "m-phone", "isEcho": True, "authorName": "Olga"}

    webhook = parse_webhook(_body({"messages": [INBOUND, ours, phone]}))

    assert [m.external_id for m in webhook.messages] == [INBOUND["messageId"]]
    assert [e.external_id for e in webhook.echoes] == ["m-ours", "m-phone"]
    assert webhook.echoes[0].status is DeliveryStatus.SENT
    assert [e.external_id for e in webhook.foreign_echoes({"m-ours"})] == ["m-phone"]
    assert webhook.echoes[1].author_name == "Olga"


def test_edits_and_deletes_are_not_new_messages() -> None:
    edited = INBOUND | {"isEdited": True, "text": "Hello again"}
    deleted = INBOUND | {"messageId": "m-2", "isDeleted": True}

    webhook = parse_webhook(_body({"messages": [edited, deleted]}))

    assert webhook.messages == ()
    assert [(e.external_id, e.text, e.deleted) for e in webhook.edits] == [
        (INBOUND["messageId"], "Hello again", False),
        ("m-2", "Hello", True),
    ]


def test_statuses_map_to_delivery_statuses() -> None:
    statuses = [
        {"messageId": "m-1", "timestamp": "2025-02-05T06:01:07.499Z", "status": "sent"},
        {"messageId": "m-1", "timestamp": "2025-02-05T06:01:08.499Z", "status": "delivered"},
        {"messageId": "m-1", "timestamp": "2025-02-05T06:01:09.499Z", "status": "read"},
        {"messageId": "m-1", "timestamp": "2025-02-05T06:01:10.499Z", "status": "edited"},
    ]

    webhook = parse_webhook(_body({"statuses": statuses}))

    assert [s.status for s in webhook.statuses] == [
        DeliveryStatus.SENT,
        DeliveryStatus.DELIVERED,
        DeliveryStatus.READ,
    ]
    assert webhook.statuses[0].at == datetime(2025, 2, 5, 6, 1, 7, 499000, tzinfo=UTC)
    assert all(s.error is None for s in webhook.statuses)


def test_a_closed_reply_window_is_a_failed_status_with_an_explanation() -> None:
    error = {"error": "24_HOURS_EXCEEDED", "description": "24 hours passed"}
    status = {"messageId": "m-1", "status": "error", "error": error}

    (update,) = parse_webhook(_body({"statuses": [status]})).statuses

    assert update.status is DeliveryStatus.FAILED
    assert update.error_code == "24_HOURS_EXCEEDED"
    assert update.error is not None
    assert "within 24 hours" in update.error
    assert "template" in update.error


def test_a_failure_without_a_reason_still_fails() -> None:
    (update,) = parse_webhook(_body({"statuses": [{"messageId": "m", "status": "error"}]})).statuses

    assert update.status is DeliveryStatus.FAILED
    assert update.error_code is None
    assert update.error


def test_messages_and_statuses_may_arrive_together() -> None:
    status = {"messageId": "m-9", "status": "delivered"}

    webhook = parse_webhook(_body({"messages": [INBOUND], "statuses": [status]}))

    assert len(webhook.messages) == 1
    assert [s.external_id for s in webhook.statuses] == ["m-9"]


def test_unknown_fields_and_kinds_are_tolerated() -> None:
    item = INBOUND | {"brandNewField": {"x": [1, 2]}, "instPost": {"id": 1}}
    payload = {"messages": [item], "createContact": {"name": "Ivan"}, "futureKind": 1}

    webhook = parse_webhook(_body(payload))

    assert len(webhook.messages) == 1
    assert webhook.ignored == ("createContact",)


@pytest.mark.parametrize(
    "body",
    [
        b"",
        b"not json",
        b"[]",
        b"null",
        b'{"messages": {}}',
        b'{"messages": [{"channelId": "c", "chatType": "whatsapp", "chatId": "1"}]}',
        b'{"messages": [{"messageId": 5, "channelId": "c", "chatType": "w", "chatId": "1"}]}',
        b'{"statuses": [{"messageId": "m"}]}',
        b'{"statuses": [{"messageId": "m", "status": "read", "timestamp": "yesterday"}]}',
        b"\xff\xfe",
    ],
)
def test_malformed_bodies_raise_protocol_errors(body: bytes) -> None:
    with pytest.raises(IntegrationProtocolError) as caught:
        parse_webhook(body)

    assert caught.value.integration == "wazzup24"


def test_verify_secret_compares_with_the_configured_secret() -> None:
    config = WazzupConfig(api_key="k", webhook_secret="s3cret-s3cret-s3cret")

    assert verify_secret("s3cret-s3cret-s3cret", config)
    assert not verify_secret("s3cret-s3cret-s3creT", config)
    assert not verify_secret("", config)
    assert not verify_secret("сикрет", config)  # non-ASCII never crashes


def test_verify_secret_refuses_everything_without_a_secret() -> None:
    config = WazzupConfig(api_key="k")

    assert not verify_secret("", config)
    assert not verify_secret("anything", config)


def test_webhook_url_joins_the_public_url_and_the_secret() -> None:
    assert webhook_url("https://hub.example.org/", "abc") == (
        "https://hub.example.org/webhooks/wazzup24/abc"
    )
