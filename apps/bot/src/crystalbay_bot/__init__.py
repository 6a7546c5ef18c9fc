"""Crystal Bay customer Telegram bot (aiogram 3): tour search, booking requests, free text.

``build_dispatcher(hub)`` gives the dispatcher; ``TelegramBot`` runs it by polling or serves
webhook deliveries through ``feed_webhook_update``.
"""

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from crystalbay_bot.dispatcher import build_dispatcher, make_storage
    from crystalbay_bot.limits import Limits
    from crystalbay_bot.runtime import TelegramBot, make_bot
    from crystalbay_bot.webhook import (
        SECRET_HEADER,
        WEBHOOK_PATH,
        WebhookSecretMismatch,
        check_secret,
        decode_update,
        feed_webhook_update,
        verify_secret,
        webhook_url,
    )

# aiogram takes seconds to import: load the bot only when one of these names is used, so that
# ``crystalbay`` commands that do not need the bot start fast.
_LAZY = {
    "Limits": "crystalbay_bot.limits",
    "SECRET_HEADER": "crystalbay_bot.webhook",
    "TelegramBot": "crystalbay_bot.runtime",
    "WEBHOOK_PATH": "crystalbay_bot.webhook",
    "WebhookSecretMismatch": "crystalbay_bot.webhook",
    "build_dispatcher": "crystalbay_bot.dispatcher",
    "check_secret": "crystalbay_bot.webhook",
    "decode_update": "crystalbay_bot.webhook",
    "feed_webhook_update": "crystalbay_bot.webhook",
    "make_bot": "crystalbay_bot.runtime",
    "make_storage": "crystalbay_bot.dispatcher",
    "verify_secret": "crystalbay_bot.webhook",
    "webhook_url": "crystalbay_bot.webhook",
}


def __getattr__(name: str) -> Any:  # noqa: ANN401 - whatever the named attribute is
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'crystalbay_bot' has no attribute {name!r}")
    return getattr(importlib.import_module(module), name)


__all__ = [
    "SECRET_HEADER",
    "WEBHOOK_PATH",
    "Limits",
    "TelegramBot",
    "WebhookSecretMismatch",
    "build_dispatcher",
    "check_secret",
    "decode_update",
    "feed_webhook_update",
    "make_bot",
    "make_storage",
    "verify_secret",
    "webhook_url",
]
