"""Telegram passes the channel and webhook conformance suites against the fake Bot API."""

from __future__ import annotations

import json

import httpx
import pytest

from crystalbay.testing.conformance import (
    ChannelConformance,
    Faults,
    Sent,
    WebhookConformance,
    WebhookKit,
    WebhookRequest,
)
from crystalbay_bot.webhook import SECRET_HEADER, WEBHOOK_PATH, decode_update, verify_secret
from crystalbay_plugins.telegram.channel import TelegramChannel
from crystalbay_plugins.telegram.client import TelegramClient
from crystalbay_plugins.telegram.config import TelegramConfig
from crystalbay_plugins.telegram.testing import FakeTelegram

CUSTOMER = 555
SECRET = "s3cr3t_X"
SAMPLE = {
    "update_id": 1001,
    "message": {
        "message_id": 10,
        "date": 1767225600,
        "text": "Здравствуйте! Хотим в Турцию в октябре",
        "chat": {"id": CUSTOMER, "type": "private", "first_name": "Иван"},
        "from": {"id": CUSTOMER, "is_bot": False, "first_name": "Иван", "language_code": "ru"},
    },
}


class TestTelegramChannelConformance(ChannelConformance):
    @pytest.fixture
    def channel(self, config: TelegramConfig, http: httpx.AsyncClient) -> TelegramChannel:
        return TelegramChannel(TelegramClient(config, http))

    @pytest.fixture
    def sent(self, fake: FakeTelegram) -> Sent:
        return lambda: fake.sent(CUSTOMER)

    @pytest.fixture
    def chat_address(self) -> str:
        return str(CUSTOMER)

    @pytest.fixture
    def faults(self, fake: FakeTelegram) -> Faults:
        def outage() -> None:
            fake.outage = True

        def blocked() -> None:
            fake.blocked.add(CUSTOMER)

        def heal() -> None:
            fake.outage = False
            fake.blocked.clear()

        return Faults(unavailable=outage, reject=blocked, heal=heal)


def _request(secret: str | None, body: bytes) -> WebhookRequest:
    headers = {"Content-Type": "application/json"}
    if secret is not None:
        headers[SECRET_HEADER] = secret
    return WebhookRequest(path=WEBHOOK_PATH, headers=headers, body=body)


class TestTelegramWebhookConformance(WebhookConformance):
    @pytest.fixture
    def webhook(self) -> WebhookKit:
        config = TelegramConfig(bot_token="42:TEST", webhook_secret=SECRET)

        def parse(request: WebhookRequest) -> list[object]:
            verify_secret(config, request.header(SECRET_HEADER))
            return [decode_update(request.body)]

        sample = json.dumps(SAMPLE, ensure_ascii=False).encode()
        return WebhookKit(
            parse=parse,
            authentic=lambda body: _request(SECRET, body),
            sample=sample,
            forgeries=[
                _request(None, sample),
                _request("", sample),
                _request(SECRET[:-1], sample),
                _request(SECRET + "x", sample),
                _request(SECRET.lower(), sample),
            ],
            malformed=[b"[]", b'{"update_id": "soon"}', b'{"message": {"text": "hi"}}'],
        )
