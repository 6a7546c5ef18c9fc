"""A host of its own runs the Telegram bot: other limits, webhook registration, deliveries."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from contextlib import AbstractAsyncContextManager

import crystalbay_plugins.telegram
from crystalbay.hub import Hub
from crystalbay_bot import SECRET_HEADER, Limits, TelegramBot
from crystalbay_bot.texts import RU
from crystalbay_plugins.telegram.testing import FakeTelegram

RegisterPlugin = Callable[..., None]
HubFactory = Callable[..., AbstractAsyncContextManager[Hub]]
IVAN = 555


# --8<-- [start:limits]
def bot_for(hub: Hub) -> TelegramBot:
    """The hub's bot with other limits than the defaults."""
    return TelegramBot.from_hub(hub, limits=Limits(rate=30, per=10.0, flow_ttl=12 * 3600))


# --8<-- [end:limits]


# --8<-- [start:host]
async def serve(runtime: TelegramBot, deliveries: Iterable[tuple[bytes, str | None]]) -> str | None:
    """Register the webhook, then feed each delivery (body, secret header) your route got."""
    try:
        url = await runtime.start_webhook()  # the URL, or None without PUBLIC_URL
        for body, secret in deliveries:
            await runtime.feed(body, secret)
    finally:
        await runtime.close()
    return url


# --8<-- [end:host]


async def test_a_host_registers_the_webhook_and_serves_a_delivery(
    register_plugin: RegisterPlugin, hub_factory: HubFactory
) -> None:
    register_plugin(crystalbay_plugins.telegram, name="telegram")
    with FakeTelegram() as fake:
        fake.add_user(IVAN, first_name="Иван", language_code="ru")
        env = {
            "TELEGRAM_BOT_TOKEN": fake.token,
            "TELEGRAM_API_URL": fake.url,
            "TELEGRAM_WEBHOOK_SECRET": "s3cr3t_X",
            "PUBLIC_URL": "https://hub.example.org",
        }
        async with hub_factory(env, mock_http=False) as hub:
            runtime = bot_for(hub)

            def deliveries() -> Iterable[tuple[bytes, str | None]]:
                # Made once the webhook is registered, as Telegram would post them.
                body, headers = fake.webhook_request(fake.message_update(IVAN, "/start"))
                yield body, headers.get(SECRET_HEADER)

            url = await serve(runtime, deliveries())

        assert url == "https://hub.example.org/webhooks/telegram"
        assert fake.sent(IVAN)[-1].text == RU.greeting.format(name="Иван")
