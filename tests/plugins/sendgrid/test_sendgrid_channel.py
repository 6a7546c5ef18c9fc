"""The ``email`` channel adapter: Channel protocol, idempotency guard, attachments, check."""

from __future__ import annotations

import asyncio
import base64

import httpx
import msgspec
import pytest

from crystalbay.domain import Attachment, OutboundMessage
from crystalbay.errors import IntegrationRejected, IntegrationUnavailable
from crystalbay.ports import Channel
from crystalbay_plugins import sendgrid as plugin
from crystalbay_plugins.sendgrid.channel import EmailChannel
from crystalbay_plugins.sendgrid.config import SendGridConfig
from crystalbay_plugins.sendgrid.models import IDEMPOTENCY_ARG
from crystalbay_plugins.sendgrid.testing import FakeSendGrid


def _message(
    key: str = "outbox-1", text: str = "Подобрали для вас 3 отеля в Анталии"
) -> OutboundMessage:
    return OutboundMessage(chat_address=" Client@Example.com ", text=text, idempotency_key=key)


def _attachments(payload: dict[str, object]) -> list[dict[str, str]]:
    attachments = payload["attachments"]
    assert isinstance(attachments, list)
    return attachments


def test_channel_satisfies_the_protocol(channel: EmailChannel) -> None:
    assert isinstance(channel, Channel)
    assert channel.name == "email"


async def test_send_mails_the_customer_and_returns_the_message_id(
    channel: EmailChannel, fake: FakeSendGrid
) -> None:
    message_id = await channel.send(_message())

    [mail] = fake.sent
    assert message_id == mail.message_id
    assert mail.to == ["client@example.com"]
    assert mail.subject == "Подобрали для вас 3 отеля в Анталии"
    assert mail.text == "Подобрали для вас 3 отеля в Анталии"
    assert mail.custom_args == {IDEMPOTENCY_ARG: "outbox-1"}
    assert mail.payload["from"] == {"email": "tours@crystalbay.example", "name": "Crystal Bay"}


async def test_same_idempotency_key_sends_once(channel: EmailChannel, fake: FakeSendGrid) -> None:
    first = await channel.send(_message())
    second = await channel.send(_message())

    assert first == second
    assert len(fake.sent) == 1


async def test_concurrent_sends_of_one_key_send_once(
    channel: EmailChannel, fake: FakeSendGrid
) -> None:
    ids = await asyncio.gather(*(channel.send(_message()) for _ in range(5)))

    assert len(set(ids)) == 1
    assert len(fake.sent) == 1


async def test_failed_send_is_not_remembered(channel: EmailChannel, fake: FakeSendGrid) -> None:
    fake.fail_next(503)
    with pytest.raises(IntegrationUnavailable):
        await channel.send(_message())

    assert await channel.send(_message()) == fake.sent[0].message_id


async def test_bad_chat_address_is_rejected_without_calling_sendgrid(
    channel: EmailChannel, fake: FakeSendGrid
) -> None:
    message = msgspec.structs.replace(_message(), chat_address="+77011234567")

    with pytest.raises(IntegrationRejected) as caught:
        await channel.send(message)

    assert caught.value.field == "chat_address"
    assert fake.requests == []


async def test_data_url_attachment_is_sent_as_base64(
    channel: EmailChannel, fake: FakeSendGrid
) -> None:
    pdf = b"%PDF-1.4 voucher"
    url = "data:application/pdf;base64," + base64.b64encode(pdf).decode()
    message = msgspec.structs.replace(
        _message(text=""), attachments=(Attachment(kind="document", url=url, name="voucher.pdf"),)
    )

    await channel.send(message)

    [mail] = fake.sent
    [attachment] = _attachments(mail.payload)
    assert attachment == {
        "content": base64.b64encode(pdf).decode(),
        "filename": "voucher.pdf",
        "type": "application/pdf",
        "disposition": "attachment",
    }
    assert mail.text == "Crystal Bay"  # an attachment-only mail still has a body


async def test_http_attachment_is_downloaded_through_the_shared_client(
    config: SendGridConfig, fake: FakeSendGrid
) -> None:
    def files(request: httpx.Request) -> httpx.Response:
        if request.url.host == "files.example":
            return httpx.Response(200, content=b"PNG", headers={"Content-Type": "image/png"})
        return httpx.Response(404)

    async with httpx.AsyncClient(
        mounts={"all://files.example": httpx.MockTransport(files)}
    ) as http:
        message = msgspec.structs.replace(
            _message(),
            attachments=(Attachment(kind="image", url="https://files.example/hotel%201.png"),),
        )
        await EmailChannel(config, http).send(message)

    [attachment] = _attachments(fake.sent[0].payload)
    assert attachment["filename"] == "hotel 1.png"
    assert attachment["type"] == "image/png"
    assert base64.b64decode(attachment["content"]) == b"PNG"


async def test_unsupported_attachment_url_is_rejected(channel: EmailChannel) -> None:
    message = msgspec.structs.replace(
        _message(), attachments=(Attachment(kind="document", url="file:///etc/passwd"),)
    )

    with pytest.raises(IntegrationRejected):
        await channel.send(message)


async def test_check_validates_in_sandbox_mode_without_sending(
    channel: EmailChannel, fake: FakeSendGrid
) -> None:
    health = await channel.check()

    assert health.ok
    assert fake.sent == []
    assert len(fake.sandboxed) == 1


async def test_check_reports_a_refused_key(config: SendGridConfig, http: httpx.AsyncClient) -> None:
    channel = EmailChannel(msgspec.structs.replace(config, api_key="SG.wrong"), http)

    health = await channel.check()

    assert not health.ok
    assert "SENDGRID_API_KEY" in health.detail


class _Hub:
    def __init__(self, config: SendGridConfig | None, http: httpx.AsyncClient) -> None:
        self.config = config
        self.http = http

    def plugin_config(self, name: str, type_: type[SendGridConfig]) -> SendGridConfig | None:
        assert (name, type_) == ("sendgrid", SendGridConfig)
        return self.config


def test_hooks_register_settings_and_channel_only_when_configured(
    config: SendGridConfig, http: httpx.AsyncClient
) -> None:
    assert plugin.register_settings().required == {"api_key", "from_email"}
    assert plugin.register_channels(_Hub(None, http)) == []  # type: ignore[arg-type]
    [channel] = plugin.register_channels(_Hub(config, http))  # type: ignore[arg-type]
    assert isinstance(channel, EmailChannel)
