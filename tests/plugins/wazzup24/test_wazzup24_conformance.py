"""Wazzup24 passes the channel and webhook conformance suites against the fake Wazzup24."""

from __future__ import annotations

import json

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
from crystalbay_plugins.wazzup24.channel import WazzupChannel, build_channels
from crystalbay_plugins.wazzup24.config import WazzupConfig
from crystalbay_plugins.wazzup24.testing import FakeWazzup
from crystalbay_plugins.wazzup24.webhooks import WEBHOOK_PATH, parse_webhook, verify_secret

SECRET = "hub-secret-0123456789abcdef"
INBOUND = {
    "messageId": "6a2087e8-0000-4000-8000-000000000001",
    "dateTime": "2026-03-02T09:30:00.000Z",
    "channelId": "b96a353b-0000-4000-8000-00000000f981",
    "chatType": "whatsapp",
    "chatId": "77011234567",
    "type": "text",
    "isEcho": False,
    "contact": {"name": "Анна"},
    "text": "Здравствуйте! Хотим в Турцию в октябре",
    "status": "inbound",
}


def _parser(config: WazzupConfig) -> WebhookKit:
    """What the host's route does: check the secret in the path, then decode the body."""

    def parse(request: WebhookRequest) -> list[object]:
        if not verify_secret(request.path.rsplit("/", 1)[-1], config):
            raise AuthenticationError("wazzup24 webhook: the secret in the URL is wrong")
        webhook = parse_webhook(request.body)
        return [*webhook.messages, *webhook.echoes, *webhook.edits, *webhook.statuses]

    def at(secret: str, body: bytes) -> WebhookRequest:
        path = WEBHOOK_PATH.format(secret=secret)
        return WebhookRequest(path=path, headers={"Content-Type": "application/json"}, body=body)

    sample = json.dumps({"messages": [INBOUND]}).encode()
    return WebhookKit(
        parse=parse,
        authentic=lambda body: at(SECRET, body),
        sample=sample,
        forgeries=[
            at("guessed-secret", sample),
            at(SECRET[:-1], sample),
            at(SECRET + "x", sample),
            at(SECRET.upper(), sample),
        ],
        malformed=[b"[]", b'{"messages": "many"}', b'{"messages": [{"messageId": 7}]}'],
    )


class TestWazzupChannelConformance(ChannelConformance):
    @pytest.fixture
    def channel(self, config: WazzupConfig, http: httpx.AsyncClient) -> WazzupChannel:
        return next(c for c in build_channels(config, http) if c.name == "whatsapp")

    @pytest.fixture
    def sent(self, fake: FakeWazzup) -> Sent:
        return lambda: fake.sent

    @pytest.fixture
    def chat_address(self) -> str:
        return "whatsapp/77011234567"

    @pytest.fixture
    def faults(self, fake: FakeWazzup) -> Faults:
        key = fake.api_key

        def outage() -> None:
            fake.outage = True

        def revoke_key() -> None:
            fake.api_key = "revoked-key"

        def heal() -> None:
            fake.outage = False
            fake.api_key = key

        return Faults(unavailable=outage, reject=revoke_key, heal=heal)


class TestWazzupWebhookConformance(WebhookConformance):
    @pytest.fixture
    def webhook(self) -> WebhookKit:
        return _parser(WazzupConfig(api_key="k", webhook_secret=SECRET))
