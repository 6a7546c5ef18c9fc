"""SendGrid passes the channel suite (Mail Send) and the webhook suite (Inbound Parse, events)."""

from __future__ import annotations

import time

import httpx
import pytest

from crystalbay.errors import AuthenticationError
from crystalbay.testing.conformance import (
    ChannelConformance,
    Faults,
    Sent,
    WebhookConformance,
    WebhookKit,
    WebhookRequest,
)
from crystalbay_plugins.sendgrid.channel import EmailChannel
from crystalbay_plugins.sendgrid.config import SendGridConfig
from crystalbay_plugins.sendgrid.events import parse_events, verify_event_request
from crystalbay_plugins.sendgrid.inbound import parse_inbound, verify_inbound_secret
from crystalbay_plugins.sendgrid.testing import (
    EventSigner,
    FakeSendGrid,
    build_inbound,
    encode_events,
)

INBOUND_PATH = "/webhooks/sendgrid/inbound/"
EVENTS_PATH = "/webhooks/sendgrid/events"


class TestEmailChannelConformance(ChannelConformance):
    @pytest.fixture
    def channel(self, config: SendGridConfig, http: httpx.AsyncClient) -> EmailChannel:
        return EmailChannel(config, http)

    @pytest.fixture
    def sent(self, fake: FakeSendGrid) -> Sent:
        return lambda: fake.sent

    @pytest.fixture
    def chat_address(self) -> str:
        return "anna.petrova@example.com"

    @pytest.fixture
    def faults(self, fake: FakeSendGrid) -> Faults:
        key = fake.api_key

        def outage() -> None:
            fake.outage = True

        def revoke_key() -> None:
            fake.api_key = "SG.revoked"

        def heal() -> None:
            fake.outage = False
            fake.api_key = key

        return Faults(unavailable=outage, reject=revoke_key, heal=heal)


class TestInboundParseConformance(WebhookConformance):
    @pytest.fixture
    def webhook(self, config: SendGridConfig) -> WebhookKit:
        secret = config.inbound_secret or ""
        content_type, sample = build_inbound(text="Хотим в Турцию в октябре, 2 взрослых")

        def parse(request: WebhookRequest) -> list[object]:
            if not verify_inbound_secret(request.path.rsplit("/", 1)[-1], config):
                raise AuthenticationError("sendgrid inbound: the secret in the URL is wrong")
            content = request.header("content-type") or ""
            return [parse_inbound(content, request.body, max_bytes=config.inbound_max_bytes)]

        def at(path_secret: str, body: bytes) -> WebhookRequest:
            headers = {"Content-Type": content_type}
            return WebhookRequest(path=INBOUND_PATH + path_secret, headers=headers, body=body)

        return WebhookKit(
            parse=parse,
            authentic=lambda body: at(secret, body),
            sample=sample,
            forgeries=[at("guess", sample), at(secret[:-1], sample), at(secret + "0", sample)],
        )


class TestEventWebhookConformance(WebhookConformance):
    @pytest.fixture
    def webhook(self, config: SendGridConfig, fake: FakeSendGrid) -> WebhookKit:
        event = {
            "email": "anna.petrova@example.com",
            "timestamp": int(time.time()),
            "event": "delivered",
            "sg_event_id": "ZGVsaXZlcmVkLTAtMjQ1OTk0NTQtMDAx",
            "sg_message_id": "14c5d75ce93.dfd.64b469.filter0001.16648.5515E0B88.0",
            "crystalbay_idempotency_key": "cb-42",
        }
        sample = encode_events([event])

        def parse(request: WebhookRequest) -> list[object]:
            if not verify_event_request(config, request.headers, request.body):
                raise AuthenticationError("sendgrid events: the signature does not verify")
            return list(parse_events(request.body))

        def signed(body: bytes, headers: dict[str, str]) -> WebhookRequest:
            headers = {"Content-Type": "application/json", **headers}
            return WebhookRequest(path=EVENTS_PATH, headers=headers, body=body)

        tampered = sample.replace(b"delivered", b"bounce")
        stale = int(time.time()) - 3600
        return WebhookKit(
            parse=parse,
            authentic=lambda body: signed(body, fake.sign(body)),
            sample=sample,
            forgeries=[
                signed(sample, EventSigner().headers(sample)),
                signed(tampered, fake.sign(sample)),
                signed(sample, fake.sign(sample, timestamp=stale)),
            ],
            malformed=[b'[{"event": "delivered"}]', b'{"email": "a@b.c"}'],
        )
