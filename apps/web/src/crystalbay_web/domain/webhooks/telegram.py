"""``POST /webhooks/telegram``: updates for the customer bot (webhook mode).

:func:`configure_telegram` adds the route and a lifespan step that, once the hub runs,
builds the bot, registers ``{PUBLIC_URL}/webhooks/telegram`` with Telegram (when
``PUBLIC_URL`` is set) and closes the bot at shutdown.
"""

from __future__ import annotations

import contextlib
import logging
from typing import TYPE_CHECKING, Any

from litestar import Litestar, Response, post

from crystalbay.errors import (
    ConfigurationError,
    IntegrationError,
    IntegrationProtocolError,
    NotFound,
)
from crystalbay_plugins.telegram.config import PLUGIN_NAME, TelegramConfig
from crystalbay_web.deps import AnyRequest
from crystalbay_web.errors import problem

if TYPE_CHECKING:
    from collections.abc import AsyncIterator

    from litestar.config.app import AppConfig

    from crystalbay.hub import Hub
    from crystalbay_bot import TelegramBot

__all__ = ["STATE_KEY", "configure_telegram", "telegram_lifespan", "telegram_webhook"]

logger = logging.getLogger("crystalbay.webhooks")

STATE_KEY = "telegram_bot"
"""Where the running bot lives in ``app.state`` (absent when the bot is not configured)."""

_SECRET_HEADER = "X-Telegram-Bot-Api-Secret-Token"  # noqa: S105 - a header name


@post("/webhooks/telegram", status_code=200, include_in_schema=False)
async def telegram_webhook(request: AnyRequest) -> Response[Any]:
    """Check Telegram's secret header, process the update, answer ``{}``.

    A wrong or missing secret is a 401, a body that is not an update a 400, an unconfigured
    bot a 404.
    """
    runtime: TelegramBot | None = request.app.state.get(STATE_KEY)
    if runtime is None:
        raise NotFound("the Telegram bot is not configured (TELEGRAM_BOT_TOKEN)")
    try:
        await runtime.feed(await request.body(), request.headers.get(_SECRET_HEADER))
    except IntegrationProtocolError as exc:
        return problem(400, exc.detail, slug="malformed-request", integration=PLUGIN_NAME)
    return Response({})


@contextlib.asynccontextmanager
async def telegram_lifespan(app: Litestar) -> AsyncIterator[None]:
    """Run the bot in webhook mode while the app runs (after the hub has started)."""
    runtime = await _start(app.state["hub"])
    app.state[STATE_KEY] = runtime
    try:
        yield
    finally:
        app.state.pop(STATE_KEY, None)
        if runtime is not None:
            await runtime.close()


def configure_telegram(app_config: AppConfig) -> None:
    """Add the webhook route and the bot's lifespan step to the app being built."""
    app_config.route_handlers.append(telegram_webhook)
    app_config.lifespan.append(telegram_lifespan)


async def _start(hub: Hub) -> TelegramBot | None:
    if hub.plugin_config(PLUGIN_NAME, TelegramConfig) is None:
        return None
    try:
        from crystalbay_bot import TelegramBot  # noqa: PLC0415 - the bot app is optional
    except ImportError:
        logger.warning("TELEGRAM_BOT_TOKEN is set but crystalbay-bot is not installed")
        return None
    runtime = TelegramBot.from_hub(hub)
    try:
        await runtime.start_webhook()
    except ConfigurationError:
        await runtime.close()
        raise
    except IntegrationError as exc:  # Telegram unreachable: serve the dashboard anyway
        logger.warning("could not register the Telegram webhook: %s", exc)
    return runtime
