"""Webhook mode: check Telegram's secret header, then feed the update to the dispatcher."""

from __future__ import annotations

import secrets
from typing import TYPE_CHECKING

from aiogram.methods import TelegramMethod
from aiogram.types import Update
from pydantic import ValidationError

from crystalbay.errors import AuthenticationError, ConfigurationError, IntegrationProtocolError
from crystalbay_plugins.telegram.config import PLUGIN_NAME, TelegramConfig

if TYPE_CHECKING:
    from aiogram import Bot, Dispatcher

    from crystalbay.hub import Hub

__all__ = [
    "SECRET_HEADER",
    "WEBHOOK_PATH",
    "WebhookSecretMismatch",
    "check_secret",
    "decode_update",
    "feed_webhook_update",
    "verify_secret",
    "webhook_url",
]

WEBHOOK_PATH = "/webhooks/telegram"
SECRET_HEADER = "X-Telegram-Bot-Api-Secret-Token"  # noqa: S105 - a header name


class WebhookSecretMismatch(AuthenticationError):  # noqa: N818 - reads as a state
    """The request did not carry the configured secret: it did not come from Telegram."""


def webhook_url(public_url: str) -> str:
    """The address Telegram posts to: ``{PUBLIC_URL}/webhooks/telegram``."""
    return public_url.rstrip("/") + WEBHOOK_PATH


def verify_secret(config: TelegramConfig | None, secret_header: str | None) -> None:
    """Accept a delivery only with ``TELEGRAM_WEBHOOK_SECRET`` in the secret header.

    Raises:
        ConfigurationError: The bot or its webhook secret is not configured.
        WebhookSecretMismatch: The header is missing or wrong.
    """
    if config is None or not config.webhook_secret:
        raise ConfigurationError(
            "Telegram webhook updates are refused: set TELEGRAM_BOT_TOKEN and "
            "TELEGRAM_WEBHOOK_SECRET (1-256 characters of A-Z, a-z, 0-9, _ and -)",
            field="TELEGRAM_WEBHOOK_SECRET",
        )
    given = (secret_header or "").encode()
    if not secrets.compare_digest(given, config.webhook_secret.encode()):
        raise WebhookSecretMismatch(
            f"the {SECRET_HEADER} header does not match TELEGRAM_WEBHOOK_SECRET; only Telegram "
            "may post updates here (re-register the webhook if the secret changed)",
            field=SECRET_HEADER,
        )


def check_secret(hub: Hub, secret_header: str | None) -> None:
    """:func:`verify_secret` against ``hub``'s Telegram configuration."""
    verify_secret(hub.plugin_config(PLUGIN_NAME, TelegramConfig), secret_header)


def decode_update(body: bytes, bot: Bot | None = None) -> Update:
    """The ``Update`` Telegram posted.

    Raises:
        IntegrationProtocolError: The body is not a Telegram update.
    """
    try:
        return Update.model_validate_json(body, context={"bot": bot} if bot else None)
    except ValidationError as exc:
        reason = exc.errors()[0].get("msg", "invalid") if exc.errors() else "invalid"
        raise IntegrationProtocolError(
            f"the webhook body is not a Telegram update ({reason})",
            integration=PLUGIN_NAME,
            field="body",
        ) from exc


async def feed_webhook_update(
    hub: Hub, dispatcher: Dispatcher, bot: Bot, body: bytes, secret_header: str | None
) -> None:
    """Check the secret, then process one update Telegram posted.

    Handlers run before this returns (Telegram waits up to about a minute); their errors are
    answered to the customer by the errors router, so a 200 reply is right whatever happened.

    Raises:
        ConfigurationError: The webhook secret is not configured.
        WebhookSecretMismatch: The secret header is missing or wrong.
        IntegrationProtocolError: The body is not a Telegram update.
    """
    check_secret(hub, secret_header)
    update = decode_update(body, bot)
    result: object = await dispatcher.feed_webhook_update(bot, update)
    if isinstance(result, TelegramMethod):
        await bot(result)
