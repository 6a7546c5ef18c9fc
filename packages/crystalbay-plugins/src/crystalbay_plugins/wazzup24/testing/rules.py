"""What the fake Wazzup24 checks on ``POST /v3/message``, in the order the contract proposes.

401 (key) → ``INVALID_MESSAGE_DATA`` → ``CHANNEL_NOT_FOUND`` → channel state → ``WRONG_TRANSPORT``
→ ``MESSAGE_ONLY_TEXT_OR_CONTENT`` / ``MESSAGE_NOTHING_TO_SEND`` → text length →
``REPEATED_CRM_MESSAGE_ID`` (checked by the server, which holds the memory) → 201.
The order and the statuses other than 400 are inferred (contract 1.3).
"""

from __future__ import annotations

import re
import secrets
from typing import TYPE_CHECKING

import msgspec

from crystalbay.testing import FakeResponse
from crystalbay_plugins.wazzup24.address import CHAT_TYPE_CHANNELS, TRANSPORT_CHAT_TYPES
from crystalbay_plugins.wazzup24.models import SendMessageRequest

if TYPE_CHECKING:
    from collections.abc import Mapping

    from crystalbay_plugins.wazzup24.models import ChannelInfo

__all__ = ["TEXT_LIMITS", "Refusal", "validate_send"]

TEXT_LIMITS: dict[str, tuple[int, str]] = {
    "whatsapp": (10_000, "MESSAGE_TEXT_TOO_LONG"),
    "whatsgroup": (10_000, "MESSAGE_TEXT_TOO_LONG"),
    "instagram": (1_000, "MESSAGES_TOO_LONG_INSTAGRAM"),
    "telegram": (4_096, "MESSAGES_TOO_LONG_TELEGRAM"),
    "telegroup": (4_096, "MESSAGES_TOO_LONG_TELEGRAM"),
    "max": (4_096, "MESSAGE_TEXT_TOO_LONG"),
    "maxgroup": (4_096, "MESSAGE_TEXT_TOO_LONG"),
    "vk": (1_000, "MESSAGES_TOO_LONG_VK"),
    "avito": (1_000, "MESSAGES_TOO_LONG_AVITO"),
}
"""Chat type -> (max characters, error code); Viber's cap is not documented."""

_WABA_LIMIT = (1_024, "MESSAGES_TOO_LONG_WABA")
_UUID = re.compile(r"^[0-9a-fA-F]{8}-(?:[0-9a-fA-F]{4}-){3}[0-9a-fA-F]{12}$")
_BY_PHONE_OR_NAME = frozenset({"telegram", "max"})  # may replace chatId by phone/username
_STATE_CODES = {"blocked": "CHANNEL_BLOCKED", "notenoughmoney": "CHANNEL_NO_MONEY"}


class Refusal(Exception):  # noqa: N818 - it is the answer, not a failure of the fake
    """A refusal in Wazzup's error format (``status``, ``requestId``, ``error``, ...)."""

    def __init__(
        self, code: str, description: str, *, status: int = 400, data: object = None
    ) -> None:
        super().__init__(f"{code}: {description}")
        self.code = code
        self.description = description
        self.status = status
        self.data = data

    def response(self) -> FakeResponse:
        """The HTTP answer, e.g. ``{"status": 400, "requestId": ..., "error": ..., ...}``."""
        body: dict[str, object] = {
            "status": self.status,
            "requestId": secrets.token_hex(16),
            "error": self.code,
            "description": self.description,
        }
        if self.data is not None:
            body["data"] = self.data
        return FakeResponse.json(body, status=self.status)


def validate_send(body: bytes, channels: Mapping[str, ChannelInfo]) -> SendMessageRequest:
    """Decode and check a send request against the account's channels.

    Raises:
        Refusal: The documented code for the first problem found.
    """
    request = _decode(body)
    channel = channels.get(request.channel_id)
    if channel is None:
        raise Refusal(
            "CHANNEL_NOT_FOUND", "Channel not found", data={"channelId": request.channel_id}
        )
    if not channel.active:
        code = _STATE_CODES.get(channel.state.lower(), "MESSAGE_CHANNEL_UNAVAILABLE")
        raise Refusal(code, f"Channel is not active: {channel.state}")
    if request.chat_type not in TRANSPORT_CHAT_TYPES.get(channel.transport, ()):
        raise Refusal(
            "WRONG_TRANSPORT",
            f"You can't send message to {request.chat_type} chat from {channel.transport} "
            "transport",
            data={
                "channelId": channel.channel_id,
                "transport": channel.transport,
                "chatType": request.chat_type,
            },
        )
    _check_content(request, channel)
    return request


def _decode(body: bytes) -> SendMessageRequest:
    try:
        request = msgspec.json.decode(body, type=SendMessageRequest)
    except msgspec.ValidationError as exc:
        field = str(exc).rpartition("$.")[2].rstrip("`") if "$." in str(exc) else None
        raise Refusal(
            "INVALID_MESSAGE_DATA", "Message data is invalid", data={"fields": [field or "body"]}
        ) from exc
    except msgspec.DecodeError as exc:
        raise Refusal("INVALID_MESSAGE_DATA", "Body is not JSON", data={"fields": []}) from exc
    bad = []
    if not _UUID.match(request.channel_id):
        bad.append("channelId")
    if request.chat_type not in CHAT_TYPE_CHANNELS:
        bad.append("chatType")
    by_other = request.chat_type in _BY_PHONE_OR_NAME and (request.username or request.phone)
    if not request.chat_id and not by_other:
        bad.append("chatId")
    if bad:
        raise Refusal("INVALID_MESSAGE_DATA", "Message data is invalid", data={"fields": bad})
    return request


def _check_content(request: SendMessageRequest, channel: ChannelInfo) -> None:
    if request.text is not None and request.content_uri is not None:
        raise Refusal("MESSAGE_ONLY_TEXT_OR_CONTENT", "Send either text or contentUri")
    if request.content_uri is not None:
        if not request.content_uri.startswith(("http://", "https://")):
            raise Refusal("MESSAGE_DOWNLOAD_CONTENT_ERROR", "Content could not be downloaded")
        return
    if request.text is None:
        raise Refusal("MESSAGE_NOTHING_TO_SEND", "Nothing to send")
    if not request.text.strip():
        raise Refusal("MESSAGES_TEXT_CAN_NOT_BE_BLANK", "Text can not be blank")
    limit = _WABA_LIMIT if channel.transport == "wapi" else TEXT_LIMITS.get(request.chat_type)
    if limit is not None and len(request.text) > limit[0]:
        raise Refusal(limit[1], f"Text is longer than {limit[0]} characters")
