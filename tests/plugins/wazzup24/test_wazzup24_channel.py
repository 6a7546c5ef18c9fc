"""The Wazzup24 channel adapters: the Channel port, addresses, idempotency, health, hooks."""

from __future__ import annotations

from typing import TYPE_CHECKING, TypeVar, cast

import httpx
import msgspec
import pytest

from crystalbay.domain import Attachment, DeliveryStatus, OutboundMessage
from crystalbay.errors import IntegrationRejected, IntegrationUnavailable
from crystalbay.ports import Channel
from crystalbay_plugins import wazzup24
from crystalbay_plugins.wazzup24.address import CHANNEL_NAMES
from crystalbay_plugins.wazzup24.channel import (
    REPEATED_ID_PREFIX,
    WazzupChannel,
    build_channels,
)
from crystalbay_plugins.wazzup24.client import WazzupClient
from crystalbay_plugins.wazzup24.config import WazzupConfig
from crystalbay_plugins.wazzup24.connect import connect
from crystalbay_plugins.wazzup24.testing import FakeWazzup, WebhookRecorder
from crystalbay_plugins.wazzup24.webhooks import parse_webhook

if TYPE_CHECKING:
    from crystalbay.hub import Hub

T = TypeVar("T", bound=msgspec.Struct)


def _whatsapp(config: WazzupConfig, http: httpx.AsyncClient) -> WazzupChannel:
    return WazzupChannel("whatsapp", WazzupClient(config, http))


def _message(
    address: str,
    key: str = "out-1",
    *,
    text: str = "Hello",
    attachments: tuple[Attachment, ...] = (),
) -> OutboundMessage:
    return OutboundMessage(
        chat_address=address, text=text, idempotency_key=key, attachments=attachments
    )


def test_every_adapter_satisfies_the_channel_port(
    config: WazzupConfig, http: httpx.AsyncClient
) -> None:
    channels = build_channels(config, http)

    assert [c.name for c in channels] == list(CHANNEL_NAMES)
    assert all(isinstance(c, Channel) for c in channels)
    assert len({id(c.client) for c in channels}) == 1  # one client, one rate limiter
    assert "telegram_wazzup" in CHANNEL_NAMES
    assert "telegram" not in CHANNEL_NAMES  # the hub's own bot owns that name


async def test_send_uses_the_idempotency_key_as_crm_message_id(
    fake: FakeWazzup, config: WazzupConfig, http: httpx.AsyncClient
) -> None:
    channel = _whatsapp(config, http)

    message_id = await channel.send(_message(f"{fake.channel_id}/whatsapp/+7 999 000-11-22"))

    (record,) = fake.sent
    assert message_id == record.message_id
    assert record.request.crm_message_id == "out-1"
    assert record.request.chat_id == "79990001122"  # digits only for WhatsApp
    assert record.request.channel_id == fake.channel_id


async def test_sending_the_same_key_twice_sends_once(
    fake: FakeWazzup, config: WazzupConfig, http: httpx.AsyncClient
) -> None:
    channel = _whatsapp(config, http)
    message = _message(f"{fake.channel_id}/whatsapp/79990001122")

    first = await channel.send(message)
    again = await channel.send(message)
    other_process = await _whatsapp(config, http).send(message)

    assert len(fake.sent) == 1
    assert again == first
    assert other_process == REPEATED_ID_PREFIX + "out-1"  # Wazzup does not repeat the id


async def test_attachments_go_as_separate_messages(
    fake: FakeWazzup, config: WazzupConfig, http: httpx.AsyncClient
) -> None:
    files = (
        Attachment(kind="document", url="https://files.example.org/tour.pdf"),
        Attachment(kind="image", url="https://files.example.org/hotel.jpg"),
    )

    message_id = await _whatsapp(config, http).send(
        _message(f"{fake.channel_id}/whatsapp/79990001122", attachments=files)
    )

    requests = [r.request for r in fake.sent]
    assert [(r.crm_message_id, r.text, r.content_uri) for r in requests] == [
        ("out-1", "Hello", None),
        ("out-1:file1", None, "https://files.example.org/tour.pdf"),
        ("out-1:file2", None, "https://files.example.org/hotel.jpg"),
    ]
    assert message_id == fake.sent[0].message_id


async def test_a_failed_file_is_retried_without_resending_the_text(
    fake: FakeWazzup, config: WazzupConfig, http: httpx.AsyncClient
) -> None:
    channel = _whatsapp(config, http)
    files = (Attachment(kind="image", url="https://files.example.org/hotel.jpg"),)
    message = _message(f"{fake.channel_id}/whatsapp/79990001122", attachments=files)
    fake.inject_error("UNKNOWN_ERROR", after=1)  # the text goes, the file fails

    with pytest.raises(IntegrationUnavailable, match="try again later"):
        await channel.send(message)
    first = await channel.send(message)
    again = await channel.send(message)

    assert [r.request.crm_message_id for r in fake.sent] == ["out-1", "out-1:file1"]
    assert first == again


async def test_a_short_address_uses_the_only_active_channel(
    fake: FakeWazzup, config: WazzupConfig, http: httpx.AsyncClient
) -> None:
    fake.add_channel("whatsapp", "77010000009", state="qr")

    await _whatsapp(config, http).send(_message("whatsapp/79990001122"))

    assert fake.sent[0].request.channel_id == fake.channel_id


async def test_a_short_address_with_several_channels_needs_a_default(
    fake: FakeWazzup, config: WazzupConfig, http: httpx.AsyncClient
) -> None:
    second = fake.add_channel("wapi", "77010000009")

    with pytest.raises(IntegrationRejected, match="WAZZUP_CHANNEL_ID"):
        await _whatsapp(config, http).send(_message("whatsapp/79990001122"))

    configured = msgspec.structs.replace(config, default_channel_id=second)
    await _whatsapp(configured, http).send(_message("whatsapp/79990001122"))
    assert fake.sent[0].request.channel_id == second


@pytest.mark.parametrize(
    ("address", "says"),
    [
        ("79990001122", "is not"),
        ("whatsapp/", "is not"),
        ("instagram/ivan", "is a instagram chat, not whatsapp"),
    ],
)
async def test_bad_addresses_are_rejected(
    fake: FakeWazzup, config: WazzupConfig, http: httpx.AsyncClient, address: str, says: str
) -> None:
    with pytest.raises(IntegrationRejected, match=says) as caught:
        await _whatsapp(config, http).send(_message(address))

    assert caught.value.field == "chat_address"
    assert not fake.sent


async def test_an_empty_message_is_rejected(
    fake: FakeWazzup, config: WazzupConfig, http: httpx.AsyncClient
) -> None:
    with pytest.raises(IntegrationRejected, match="neither text nor attachments"):
        await _whatsapp(config, http).send(_message(f"{fake.channel_id}/whatsapp/7999", text=""))


async def test_check_reports_active_channels(
    fake: FakeWazzup, config: WazzupConfig, http: httpx.AsyncClient
) -> None:
    by_name = {c.name: c for c in build_channels(config, http)}
    fake.add_channel("instagram", "crystalbay.travel", state="unauthorized")

    whatsapp = await by_name["whatsapp"].check()
    instagram = await by_name["instagram"].check()
    vk = await by_name["vk"].check()

    assert whatsapp.ok
    assert "Crystal Bay WhatsApp" in whatsapp.detail
    assert not instagram.ok
    assert "unauthorized" in instagram.detail
    assert not vk.ok
    assert "no vk channel" in vk.detail


async def test_check_explains_a_wrong_key_and_an_outage(
    fake: FakeWazzup, http: httpx.AsyncClient
) -> None:
    wrong = WazzupConfig(api_key="wrong", api_url=fake.url)

    health = await _whatsapp(wrong, http).check()
    fake.outage = True
    down = await _whatsapp(WazzupConfig(api_key=fake.api_key, api_url=fake.url), http).check()

    assert not health.ok
    assert "WAZZUP_API_KEY" in health.detail
    assert not down.ok
    assert "try again later" in down.detail


class _Hub:
    """Just what the hookimpls use: ``plugin_config`` and ``http``."""

    def __init__(self, config: WazzupConfig | None, http: httpx.AsyncClient) -> None:
        self.config = config
        self.http = http

    def plugin_config(self, name: str, type_: type[T]) -> T | None:
        assert name == "wazzup24"
        return self.config if isinstance(self.config, type_) else None


def _hub(config: WazzupConfig | None, http: httpx.AsyncClient) -> Hub:
    return cast("Hub", _Hub(config, http))


def test_hooks_register_nothing_without_a_key(http: httpx.AsyncClient) -> None:
    assert list(wazzup24.register_channels(hub=_hub(None, http))) == []


def test_hooks_register_every_channel_with_a_key(
    config: WazzupConfig, http: httpx.AsyncClient
) -> None:
    channels = list(wazzup24.register_channels(hub=_hub(config, http)))

    assert [c.name for c in channels] == list(CHANNEL_NAMES)


def test_settings_declare_the_documented_variables() -> None:
    settings = wazzup24.register_settings()

    assert settings.plugin == "wazzup24"
    assert settings.config_type is WazzupConfig
    assert settings.env["api_key"] == "WAZZUP_API_KEY"
    assert settings.env["api_url"] == "WAZZUP_API_URL"
    assert settings.env["webhook_secret"] == "WAZZUP_WEBHOOK_SECRET"
    assert settings.required == {"api_key"}
    assert settings.secrets == {"api_key", "webhook_secret"}
    assert WazzupConfig(api_key="k").api_url == "https://api.wazzup24.com/v3"


async def test_a_reply_round_trip_through_webhooks(
    fake: FakeWazzup, config: WazzupConfig, http: httpx.AsyncClient
) -> None:
    channel = _whatsapp(config, http)
    with WebhookRecorder() as hub:
        await connect(channel.client, hub.url)
        fake.receive("79990001122", "Any tours to Antalya?", name="Ivan")
        (inbound,) = parse_webhook(hub.bodies[-1]).messages

        sent_id = await channel.send(_message(inbound.chat_address, text="Yes: 7 nights"))
        fake.progress(sent_id)

    webhooks = [parse_webhook(body) for body in hub.bodies[2:]]
    assert [w.foreign_echoes({sent_id}) for w in webhooks] == [()] * 4
    assert [s.status for w in webhooks for s in w.statuses if s.external_id == sent_id] == [
        DeliveryStatus.SENT,
        DeliveryStatus.DELIVERED,
        DeliveryStatus.READ,
    ]
