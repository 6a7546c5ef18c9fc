"""The fake's customer side: files people send, and webhook deliveries like Telegram's."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING

import httpx
import pytest
from aiogram.types import Update

from crystalbay.testing import FakeHTTPServer, FakeRequest, FakeResponse
from crystalbay_plugins.telegram.testing import MEDIA_KINDS, FakeTelegram

if TYPE_CHECKING:
    from collections.abc import Iterator

CUSTOMER = 555


@pytest.mark.parametrize("kind", MEDIA_KINDS)
def test_every_file_kind_is_a_valid_bot_api_message(fake: FakeTelegram, kind: str) -> None:
    raw = fake.media_update(CUSTOMER, kind, caption="смотрите", media_group_id="album-1")

    update = Update.model_validate(raw)  # aiogram's own schema of the Bot API

    message = update.message
    assert message is not None
    assert getattr(message, kind)
    assert (message.caption, message.media_group_id) == ("смотрите", "album-1")
    assert fake.messages(CUSTOMER)[-1]["message_id"] == message.message_id


def test_file_ids_are_unique_and_unknown_kinds_are_refused(fake: FakeTelegram) -> None:
    ids = {
        json.dumps(fake.media_update(CUSTOMER, "photo")["message"]["photo"])  # type: ignore[index]
        for _ in range(3)
    }
    assert len(ids) == 3
    with pytest.raises(ValueError, match="unknown media kind 'hologram'"):
        fake.media_update(CUSTOMER, "hologram")


@pytest.fixture(name="hub_side")
def fx_hub_side() -> Iterator[tuple[FakeHTTPServer, list[FakeRequest]]]:
    """A stand-in for the hub's webhook route: records deliveries, answers 200 ``{}``."""
    seen: list[FakeRequest] = []

    def handle(request: FakeRequest) -> FakeResponse:
        seen.append(request)
        return FakeResponse.json({})

    with FakeHTTPServer(handle) as server:
        yield server, seen


async def test_deliver_posts_the_update_with_the_secret_to_the_registered_webhook(
    hub_side: tuple[FakeHTTPServer, list[FakeRequest]], http: httpx.AsyncClient
) -> None:
    server, seen = hub_side
    with FakeTelegram(http_webhooks=True) as fake:
        fake.add_user(CUSTOMER)
        update = fake.message_update(CUSTOMER, "/start")
        with pytest.raises(RuntimeError, match="no webhook is registered"):
            await fake.deliver(update)
        hook = f"{server.url}/webhooks/telegram"
        registered = await http.post(
            f"{fake.url}/bot{fake.token}/setWebhook",
            data={"url": hook, "secret_token": "s3cr3t_X"},
        )

        status = await fake.deliver(update)

    assert registered.json() == {"ok": True, "result": True}
    assert status == 200
    [request] = seen
    assert (request.method, request.path) == ("POST", "/webhooks/telegram")
    assert request.headers["x-telegram-bot-api-secret-token"] == "s3cr3t_X"
    assert request.headers["content-type"] == "application/json"
    assert request.json() == update


async def test_plain_http_webhooks_need_the_opt_in(
    fake: FakeTelegram, http: httpx.AsyncClient
) -> None:
    refused = await http.post(
        f"{fake.url}/bot{fake.token}/setWebhook", data={"url": "http://127.0.0.1:9/hook"}
    )

    assert refused.status_code == 400
    assert "HTTPS URL must be provided" in refused.json()["description"]
