"""Telegram errors, and the one place that maps a failed Bot API answer onto the hub's tree.

```
IntegrationRejected
└── TelegramRejected      any refusal, with Telegram's ``error_code`` and ``description``
    ├── BotBlocked        403 "bot was blocked by the user" (or the user is deactivated)
    └── ChatNotFound      400 "chat not found": wrong id, or the person never wrote to the bot
IntegrationUnavailable    429 flood wait (``retry_after``), 5xx, network failures
└── DeliveryUncertain     the request left but no answer came: it may have been delivered
```

Telegram publishes no list of error descriptions; the texts matched below ("blocked",
"chat not found", "deactivated") are the ones seen in practice (contract, "Uncertain").
"""

from __future__ import annotations

from crystalbay.errors import IntegrationError, IntegrationRejected, IntegrationUnavailable
from crystalbay_plugins.telegram.config import PLUGIN_NAME
from crystalbay_plugins.telegram.models import ApiEnvelope

__all__ = [
    "BotBlocked",
    "ChatNotFound",
    "DeliveryUncertain",
    "TelegramRejected",
    "error_for_answer",
]


class TelegramRejected(IntegrationRejected):
    """Telegram refused the request.

    Attributes:
        error_code: Telegram's ``error_code`` (equal to the HTTP status).
        description: Telegram's ``description``.
    """

    def __init__(
        self, detail: str, *, error_code: int, description: str, field: str | None = None
    ) -> None:
        super().__init__(detail, integration=PLUGIN_NAME, field=field)
        self.error_code = error_code
        self.description = description


class BotBlocked(TelegramRejected):
    """The customer blocked the bot (or deleted the account): nothing can reach them."""


class ChatNotFound(TelegramRejected):
    """The chat does not exist for this bot."""


class DeliveryUncertain(IntegrationUnavailable):
    """The request was sent but no answer came; Telegram may have delivered the message.

    Telegram has no idempotency key, so retrying may deliver the message twice.
    """


def error_for_answer(status: int, envelope: ApiEnvelope | None) -> IntegrationError:
    """The error to raise for a failed Bot API answer.

    Args:
        status: HTTP status of the answer (Telegram sends ``error_code`` as the status).
        envelope: The decoded body, or ``None`` when it was not a Bot API answer.
    """
    code = envelope.error_code if envelope and envelope.error_code else status
    description = (envelope.description if envelope else None) or f"HTTP {status}"
    retry_after = envelope.parameters.retry_after if envelope and envelope.parameters else None
    if retry_after is not None or code == 429:  # noqa: PLR2004
        wait = f"{retry_after:g} s" if retry_after is not None else "a moment"
        return IntegrationUnavailable(
            f"Telegram flood control ({description}); wait {wait} before sending again",
            integration=PLUGIN_NAME,
            retry_after=retry_after,
        )
    if code >= 500:  # noqa: PLR2004
        return IntegrationUnavailable(
            f"Telegram answered {description}; it is probably restarting, try again later",
            integration=PLUGIN_NAME,
        )
    return _rejected(code, description)


def _rejected(code: int, description: str) -> TelegramRejected:
    text = description.lower()
    if code == 403 and ("blocked" in text or "deactivated" in text):  # noqa: PLR2004
        return BotBlocked(
            f"the customer blocked the bot or deleted their account ({description}); they must "
            "unblock it and send /start before the bot can write to them again",
            error_code=code,
            description=description,
            field="chat_address",
        )
    if code == 400 and "chat not found" in text:  # noqa: PLR2004
        return ChatNotFound(
            f"{description}: the chat id is wrong or the person never wrote to this bot "
            "(a bot may only write to people who started it)",
            error_code=code,
            description=description,
            field="chat_address",
        )
    hint = _HINTS.get(code, "Telegram refused the request")
    return TelegramRejected(f"{hint} ({description})", error_code=code, description=description)


_HINTS = {
    401: "the bot token was refused; copy it again from @BotFather into TELEGRAM_BOT_TOKEN",
    403: "the bot may not write to this chat (removed from the group or not allowed)",
    404: "no such Bot API method or token; check TELEGRAM_BOT_TOKEN and TELEGRAM_API_URL",
    409: "another bot instance is polling, or a webhook is set while polling",
    413: "the file or message is too large for Telegram",
}
