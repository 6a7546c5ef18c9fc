"""The bot in a host process: polling (``crystalbay bot``) or webhook (the web app).

Web app wiring (webhook mode)::

    runtime = TelegramBot.from_hub(hub)        # at start-up, when the bot is configured
    await runtime.start_webhook()               # registers {PUBLIC_URL}/webhooks/telegram
    ...                                         # POST /webhooks/telegram:
    await runtime.feed(await request.body(), request.headers.get(SECRET_HEADER))
    await runtime.close()                       # at shutdown
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING, Self

from aiogram import Bot
from aiogram.client.session.aiohttp import AiohttpSession
from aiogram.client.telegram import TelegramAPIServer
from aiogram.exceptions import (
    TelegramAPIError,
    TelegramNetworkError,
    TelegramRetryAfter,
    TelegramServerError,
)
from aiogram.types import BotCommand

from crystalbay.errors import (
    ConfigurationError,
    IntegrationError,
    IntegrationRejected,
    IntegrationUnavailable,
)
from crystalbay_bot.dispatcher import build_dispatcher
from crystalbay_bot.texts import CATALOGUES
from crystalbay_bot.webhook import feed_webhook_update, webhook_url
from crystalbay_plugins.telegram.config import PLUGIN_NAME, TelegramConfig

if TYPE_CHECKING:
    from aiogram import Dispatcher
    from aiogram.fsm.storage.base import BaseStorage

    from crystalbay.hub import Hub
    from crystalbay_bot.limits import Limits
    from crystalbay_bot.texts import Texts

__all__ = ["TelegramBot", "make_bot"]

logger = logging.getLogger("crystalbay.bot")


def make_bot(config: TelegramConfig) -> Bot:
    """An aiogram ``Bot`` for ``TELEGRAM_API_URL``: Telegram, a local Bot API server, a fake."""
    session = AiohttpSession(api=TelegramAPIServer.from_base(config.api_url))
    return Bot(config.bot_token, session=session)


def _commands(texts: Texts) -> list[BotCommand]:
    return [
        BotCommand(command="start", description=texts.command_start),
        BotCommand(command="search", description=texts.command_search),
        BotCommand(command="mybookings", description=texts.command_bookings),
        BotCommand(command="manager", description=texts.command_manager),
        BotCommand(command="lang", description=texts.command_lang),
        BotCommand(command="cancel", description=texts.command_cancel),
    ]


class TelegramBot:
    """The customer bot bound to a started hub.

    Args:
        hub: The hub.
        config: The Telegram plugin's configuration.
        storage: FSM storage (default: Redis with ``REDIS_URL``, else memory).
        limits: Flow expiry and throttle settings (default :class:`Limits`).
    """

    def __init__(
        self,
        hub: Hub,
        config: TelegramConfig,
        *,
        storage: BaseStorage | None = None,
        limits: Limits | None = None,
    ) -> None:
        self.hub = hub
        self.config = config
        self.bot = make_bot(config)
        self.dispatcher: Dispatcher = build_dispatcher(hub, storage=storage, limits=limits)

    @classmethod
    def from_hub(
        cls, hub: Hub, *, storage: BaseStorage | None = None, limits: Limits | None = None
    ) -> Self:
        """The bot of ``hub``'s Telegram configuration.

        Raises:
            ConfigurationError: ``TELEGRAM_BOT_TOKEN`` is not set.
        """
        config = hub.plugin_config(PLUGIN_NAME, TelegramConfig)
        if config is None:
            raise ConfigurationError(
                "the Telegram bot is not configured: set TELEGRAM_BOT_TOKEN (from @BotFather)",
                field="TELEGRAM_BOT_TOKEN",
            )
        return cls(hub, config, storage=storage, limits=limits)

    async def set_commands(self) -> None:
        """Publish the command menu in every language the bot speaks."""
        for code, texts in CATALOGUES.items():
            await self.bot.set_my_commands(_commands(texts), language_code=code)
        await self.bot.set_my_commands(_commands(CATALOGUES["en"]))

    async def run_polling(self, *, drop_pending: bool = False, handle_signals: bool = True) -> None:
        """Poll ``getUpdates`` until stopped (signal or ``dispatcher.stop_polling()``).

        Any webhook is removed first: Telegram refuses ``getUpdates`` while one is set.
        """
        await self.bot.delete_webhook(drop_pending_updates=drop_pending)
        await self.set_commands()
        await self.dispatcher.start_polling(
            self.bot, handle_signals=handle_signals, close_bot_session=True
        )

    async def start_webhook(self) -> str | None:
        """Start serving webhook updates; register the webhook when ``PUBLIC_URL`` is set.

        Returns:
            The registered URL, or ``None`` without ``PUBLIC_URL`` (register it by hand).

        Raises:
            ConfigurationError: ``PUBLIC_URL`` is set but ``TELEGRAM_WEBHOOK_SECRET`` is not.
            IntegrationUnavailable: Telegram could not be reached (try again later).
            IntegrationRejected: Telegram refused the webhook (token, URL, port).
        """
        await self.dispatcher.emit_startup(bot=self.bot)
        public_url = self.hub.settings.public_url
        if not public_url:
            logger.info("PUBLIC_URL is not set: the Telegram webhook is not registered")
            return None
        if not self.config.webhook_secret:
            raise ConfigurationError(
                "PUBLIC_URL is set, so the Telegram webhook would be registered, but "
                "TELEGRAM_WEBHOOK_SECRET is missing; set it to a random string",
                field="TELEGRAM_WEBHOOK_SECRET",
            )
        url = webhook_url(public_url)
        try:
            await self.bot.set_webhook(
                url,
                secret_token=self.config.webhook_secret,
                allowed_updates=self.dispatcher.resolve_used_update_types(),
            )
            await self.set_commands()
        except TelegramAPIError as exc:
            raise _integration_error(f"could not register the webhook {url}", exc) from exc
        logger.info("Telegram webhook registered at %s", url)
        return url

    async def feed(self, body: bytes, secret_header: str | None) -> None:
        """Process one webhook delivery (see :func:`feed_webhook_update`)."""
        await feed_webhook_update(self.hub, self.dispatcher, self.bot, body, secret_header)

    async def close(self) -> None:
        """Stop: shutdown handlers (closes the FSM storage), then the HTTP session."""
        try:
            await self.dispatcher.emit_shutdown(bot=self.bot)
        finally:
            await self.bot.session.close()


def _integration_error(what: str, exc: TelegramAPIError) -> IntegrationError:
    """The hub's error for an aiogram one (network, 5xx and flood waits may pass)."""
    detail = f"{what}: {exc.message}"
    if isinstance(exc, TelegramRetryAfter):
        return IntegrationUnavailable(detail, integration=PLUGIN_NAME, retry_after=exc.retry_after)
    if isinstance(exc, TelegramNetworkError | TelegramServerError):
        return IntegrationUnavailable(detail, integration=PLUGIN_NAME)
    return IntegrationRejected(detail, integration=PLUGIN_NAME)
