"""Bot API payloads the channel client reads (required fields only, per the contract 1.3)."""

from __future__ import annotations

import msgspec

__all__ = [
    "ApiEnvelope",
    "BotUser",
    "ChatRef",
    "ResponseParameters",
    "SentMessage",
    "WebhookInfo",
]


class ResponseParameters(msgspec.Struct, frozen=True, kw_only=True):
    """Why a request failed and what to do (``parameters`` of an error answer)."""

    retry_after: float | None = None
    migrate_to_chat_id: int | None = None


class ApiEnvelope(msgspec.Struct, frozen=True, kw_only=True):
    """Every Bot API answer: ``ok`` plus ``result`` or the error fields."""

    ok: bool
    result: msgspec.Raw = msgspec.Raw(b"null")
    error_code: int | None = None
    description: str | None = None
    parameters: ResponseParameters | None = None


class BotUser(msgspec.Struct, frozen=True, kw_only=True):
    """The bot itself, as ``getMe`` returns it."""

    id: int
    is_bot: bool
    first_name: str
    username: str | None = None


class ChatRef(msgspec.Struct, frozen=True, kw_only=True):
    """The chat of a sent message."""

    id: int
    type: str


class SentMessage(msgspec.Struct, frozen=True, kw_only=True):
    """The message Telegram stored for a ``send*`` call."""

    message_id: int
    date: int
    chat: ChatRef


class WebhookInfo(msgspec.Struct, frozen=True, kw_only=True):
    """``getWebhookInfo``: where updates go (``url`` is empty in polling mode)."""

    url: str
    has_custom_certificate: bool = False
    pending_update_count: int = 0
    last_error_date: int | None = None
    last_error_message: str | None = None


class TelegramFile(msgspec.Struct, frozen=True, kw_only=True):
    """``getFile``'s answer: where to download a file (``file_path`` is absent above 20 MB)."""

    file_id: str
    file_unique_id: str = ""
    file_size: int | None = None
    file_path: str | None = None
