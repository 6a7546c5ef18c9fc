"""A tiny SMS channel and its conformance tests, as a plugin author would write them.

The "vendor" is an in-memory gateway so that the example stays short; a real plugin drives
its fake vendor over HTTP (see ``crystalbay plugin new``). ``tests/docs`` collects the two
``Test*`` classes below and runs them like any test module.
"""

from __future__ import annotations

import hashlib
import hmac
import json
from dataclasses import dataclass, field

import pytest

from crystalbay.domain import InboundMessage, OutboundMessage
from crystalbay.errors import (
    AuthenticationError,
    IntegrationProtocolError,
    IntegrationRejected,
    IntegrationUnavailable,
)
from crystalbay.ports import Health
from crystalbay.testing.conformance import (
    ChannelConformance,
    Faults,
    Sent,
    WebhookConformance,
    WebhookKit,
    WebhookRequest,
)

SECRET = b"sms-webhook-secret"


@dataclass
class Gateway:
    """The vendor: delivers each message id once; can be down or refuse the key."""

    delivered: dict[str, str] = field(default_factory=dict)
    down: bool = False
    key_revoked: bool = False


class SmsChannel:
    """The adapter under test."""

    name = "sms"

    def __init__(self, gateway: Gateway) -> None:
        self.gateway = gateway

    async def send(self, message: OutboundMessage) -> str:
        if self.gateway.down:
            raise IntegrationUnavailable("the SMS gateway is down; retry later", integration="sms")
        if self.gateway.key_revoked:
            raise IntegrationRejected("the SMS gateway refused SMS_API_KEY", integration="sms")
        self.gateway.delivered.setdefault(message.idempotency_key, message.chat_address)
        return "sms-" + hashlib.sha256(message.idempotency_key.encode()).hexdigest()[:12]

    async def check(self) -> Health:
        if self.gateway.down:
            return Health(ok=False, detail="the SMS gateway is down")
        return Health(ok=True, detail="the SMS gateway answers")


def receive(signature: str, body: bytes) -> list[InboundMessage]:
    """The webhook: HMAC-SHA256 of the body in a header, then a JSON list of messages."""
    expected = hmac.new(SECRET, body, hashlib.sha256).hexdigest()
    if not hmac.compare_digest(signature, expected):
        raise AuthenticationError("sms webhook: bad signature")
    try:
        items = json.loads(body)
        return [
            InboundMessage(
                channel="sms", external_id=i["id"], chat_address=i["from"], text=i["text"]
            )
            for i in items
        ]
    except (ValueError, TypeError, KeyError) as exc:
        raise IntegrationProtocolError(f"sms webhook: {exc!r}", integration="sms") from exc


# --8<-- [start:channel]
class TestSmsChannel(ChannelConformance):
    @pytest.fixture
    def gateway(self) -> Gateway:
        return Gateway()

    @pytest.fixture
    def channel(self, gateway: Gateway) -> SmsChannel:
        return SmsChannel(gateway)

    @pytest.fixture
    def sent(self, gateway: Gateway) -> Sent:
        return lambda: list(gateway.delivered)  # what the vendor really delivered

    @pytest.fixture
    def chat_address(self) -> str:
        return "+77011234567"

    @pytest.fixture
    def faults(self, gateway: Gateway) -> Faults:
        def down() -> None:
            gateway.down = True

        def revoke() -> None:
            gateway.key_revoked = True

        def heal() -> None:
            gateway.down = gateway.key_revoked = False

        return Faults(unavailable=down, reject=revoke, heal=heal)


# --8<-- [end:channel]


# --8<-- [start:webhook]
def _signed(body: bytes, signature: str | None = None) -> WebhookRequest:
    digest = signature or hmac.new(SECRET, body, hashlib.sha256).hexdigest()
    return WebhookRequest(path="/webhooks/sms", headers={"X-Signature": digest}, body=body)


class TestSmsWebhook(WebhookConformance):
    @pytest.fixture
    def webhook(self) -> WebhookKit:
        sample = b'[{"id": "m-1", "from": "+77011234567", "text": "Turkey in May?"}]'
        return WebhookKit(
            parse=lambda request: receive(request.header("x-signature") or "", request.body),
            authentic=_signed,
            sample=sample,
            forgeries=[
                _signed(sample, signature="0" * 64),
                _signed(sample + b" ", _signed(sample).headers["X-Signature"]),
            ],
            malformed=[b'[{"id": "m-2"}]', b'{"id": "m-3"}'],
        )


# --8<-- [end:webhook]
