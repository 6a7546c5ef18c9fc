"""Settings of the Telegram plugin (the bot and its channel adapter)."""

from __future__ import annotations

import re
from typing import Annotated

import msgspec

from crystalbay.config import PluginSettings, mask_secret

__all__ = ["DEFAULT_API_URL", "PLUGIN_NAME", "SETTINGS", "TelegramConfig", "bot_id"]

PLUGIN_NAME = "telegram"

DEFAULT_API_URL = "https://api.telegram.org"
"""Production Bot API; ``TELEGRAM_API_URL`` points the bot at a local Bot API server or a fake."""

_TOKEN = re.compile(r"^\d+:\S+$")

WebhookSecret = Annotated[str, msgspec.Meta(pattern=r"^[A-Za-z0-9_-]{1,256}$")]
"""Telegram accepts 1-256 characters of ``A-Z a-z 0-9 _ -`` for ``secret_token``."""


class TelegramConfig(msgspec.Struct, frozen=True, kw_only=True):
    """Typed configuration of the bot and of the ``telegram`` channel adapter.

    Attributes:
        bot_token: The token @BotFather gave, ``<bot id>:<secret>``.
        api_url: Base URL of the Bot API (``{api_url}/bot<token>/<method>``).
        webhook_secret: Sent by Telegram in ``X-Telegram-Bot-Api-Secret-Token`` with every
            webhook delivery; required for webhook mode.
        managers_chat_id: A group or chat where the bot announces booking requests and
            hand-overs to managers (optional).
    """

    bot_token: str
    api_url: str = DEFAULT_API_URL
    webhook_secret: WebhookSecret | None = None
    managers_chat_id: int | None = None

    def __post_init__(self) -> None:
        if not _TOKEN.match(self.bot_token):
            raise ValueError(
                "TELEGRAM_BOT_TOKEN must look like '123456789:AA...' (copy it from @BotFather)"
            )

    def __repr__(self) -> str:
        secret = mask_secret(self.webhook_secret) if self.webhook_secret else None
        return (
            f"TelegramConfig(bot_token={mask_secret(self.bot_token)!r}, api_url={self.api_url!r}, "
            f"webhook_secret={secret!r}, managers_chat_id={self.managers_chat_id!r})"
        )


def bot_id(config: TelegramConfig) -> int:
    """The bot's user id: the digits before ``:`` in the token."""
    return int(config.bot_token.split(":", 1)[0])


SETTINGS = PluginSettings(
    plugin=PLUGIN_NAME,
    config_type=TelegramConfig,
    env={
        "bot_token": "TELEGRAM_BOT_TOKEN",
        "api_url": "TELEGRAM_API_URL",
        "webhook_secret": "TELEGRAM_WEBHOOK_SECRET",
        "managers_chat_id": "TELEGRAM_MANAGERS_CHAT_ID",
    },
    secrets=frozenset({"bot_token", "webhook_secret"}),
    required=frozenset({"bot_token"}),
)
