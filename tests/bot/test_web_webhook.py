"""``POST /webhooks/telegram`` in a Litestar app: lifespan registers the webhook, the route
checks the secret header and feeds the update."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING

from litestar import Litestar
from litestar.datastructures import State
from litestar.testing import AsyncTestClient

from crystalbay_bot.texts import RU
from crystalbay_plugins import sandbox, telegram
from crystalbay_web.domain.webhooks.telegram import STATE_KEY, configure_telegram
from crystalbay_web.errors import exception_to_response

if TYPE_CHECKING:
    from collections.abc import Callable
    from contextlib import AbstractAsyncContextManager

    from litestar.config.app import AppConfig

    from crystalbay.hub import Hub
    from crystalbay_plugins.telegram.testing import FakeTelegram

IVAN = 555
SECRET = "s3cr3t_X"
HEADER = "X-Telegram-Bot-Api-Secret-Token"


def _app(hub: Hub) -> Litestar:
    def configure(app_config: AppConfig) -> AppConfig:
        configure_telegram(app_config)
        return app_config

    return Litestar(
        on_app_init=[configure],
        state=State({"hub": hub}),
        exception_handlers={Exception: exception_to_response},
    )


async def test_the_route_registers_the_webhook_and_checks_the_secret(
    fake: FakeTelegram,
    register_plugin: Callable[..., None],
    hub_factory: Callable[..., AbstractAsyncContextManager[Hub]],
    bot_env: dict[str, str],
) -> None:
    register_plugin(sandbox, name="sandbox")
    register_plugin(telegram, name="telegram")
    env = {**bot_env, "PUBLIC_URL": "https://hub.example.org"}
    async with hub_factory(env, mock_http=False) as hub:
        app = _app(hub)
        async with AsyncTestClient(app=app) as client:
            assert fake.state.webhook is not None
            assert fake.state.webhook.url == "https://hub.example.org/webhooks/telegram"
            body = json.dumps(fake.message_update(IVAN, "/start"))

            refused = await client.post("/webhooks/telegram", content=body)
            wrong = await client.post("/webhooks/telegram", content=body, headers={HEADER: "nope"})
            taken = await client.post("/webhooks/telegram", content=body, headers={HEADER: SECRET})
            garbage = await client.post(
                "/webhooks/telegram", content=b"{", headers={HEADER: SECRET}
            )

        assert (refused.status_code, wrong.status_code) == (401, 401)
        assert "TELEGRAM_WEBHOOK_SECRET" in wrong.json()["detail"]
        assert (taken.status_code, taken.json()) == (200, {})
        assert garbage.status_code == 400
        [greeting] = fake.sent(IVAN)
        assert greeting.text == RU.greeting.format(name="Иван")
        assert STATE_KEY not in app.state  # the bot was closed with the app


async def test_without_a_bot_the_route_is_not_found(
    register_plugin: Callable[..., None],
    hub_factory: Callable[..., AbstractAsyncContextManager[Hub]],
) -> None:
    register_plugin(telegram, name="telegram")
    async with hub_factory() as hub, AsyncTestClient(app=_app(hub)) as client:
        response = await client.post("/webhooks/telegram", content=b"{}")

    assert response.status_code == 404
