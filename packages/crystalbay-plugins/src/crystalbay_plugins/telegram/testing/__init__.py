"""A fake Telegram Bot API served over real HTTP on 127.0.0.1, for the bot and the channel."""

from crystalbay_plugins.telegram.testing.media import MEDIA_KINDS
from crystalbay_plugins.telegram.testing.methods import NOT_MODIFIED
from crystalbay_plugins.telegram.testing.server import FakeTelegram
from crystalbay_plugins.telegram.testing.state import ApiCall, ApiError, BotState, Chat, Webhook

__all__ = [
    "MEDIA_KINDS",
    "NOT_MODIFIED",
    "ApiCall",
    "ApiError",
    "BotState",
    "Chat",
    "FakeTelegram",
    "Webhook",
]
