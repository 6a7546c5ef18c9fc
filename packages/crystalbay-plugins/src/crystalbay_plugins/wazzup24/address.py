"""Chat addresses: how a conversation's ``chat_address`` encodes what Wazzup needs to reply.

Format: ``"{channelId}/{chatType}/{chatId}"``, e.g.
``"b96a353b-0000-4000-8000-00000000f981/whatsapp/79990001122"``. Inbound messages always get
this full form, so a reply leaves through the same Wazzup channel (the agency's number) the
customer wrote to. For a first message the short form ``"{chatType}/{chatId}"`` is accepted
(``"whatsapp/79990001122"``); the channel is then ``WAZZUP_CHANNEL_ID`` or the account's only
active channel of that messenger. ``chatId`` is the last part and may itself contain ``/``.

Domain channel names: a chat type maps to the hub's channel name below. Telegram through
Wazzup is ``telegram_wazzup``, so that it never clashes with the hub's own Telegram bot.
"""

from __future__ import annotations

import re

import msgspec

__all__ = [
    "CHANNEL_NAMES",
    "CHAT_TYPE_CHANNELS",
    "TRANSPORT_CHAT_TYPES",
    "ChatAddress",
    "channel_name_for",
    "format_address",
    "parse_address",
]

CHAT_TYPE_CHANNELS: dict[str, str] = {
    "whatsapp": "whatsapp",
    "whatsgroup": "whatsapp",
    "instagram": "instagram",
    "telegram": "telegram_wazzup",
    "telegroup": "telegram_wazzup",
    "viber": "viber",
    "vk": "vk",
    "avito": "avito",
    "max": "max",
    "maxgroup": "max",
}
"""Wazzup ``chatType`` -> the hub's channel name."""

CHANNEL_NAMES: tuple[str, ...] = tuple(sorted(set(CHAT_TYPE_CHANNELS.values())))
"""Every channel name the plugin registers an adapter for."""

# Only ``wapi`` -> ``whatsapp`` is confirmed by an example; the rest is name-based (contract
# 1.2, inferred), and group chat types per transport are inferred too.
TRANSPORT_CHAT_TYPES: dict[str, tuple[str, ...]] = {
    "whatsapp": ("whatsapp", "whatsgroup"),
    "wapi": ("whatsapp",),
    "instagram": ("instagram",),
    "tgapi": ("telegram", "telegroup"),
    "telegram": ("telegram",),
    "viber": ("viber",),
    "vk": ("vk",),
    "avito": ("avito",),
    "max": ("max", "maxgroup"),
    "maxbot": ("max",),
}
"""Channel ``transport`` (from ``GET /v3/channels``) -> chat types it can send to."""

_UUID = re.compile(r"^[0-9a-fA-F]{8}-(?:[0-9a-fA-F]{4}-){3}[0-9a-fA-F]{12}$")


class ChatAddress(msgspec.Struct, frozen=True, kw_only=True):
    """A decoded chat address; ``channel_id`` is ``None`` for the short form."""

    chat_type: str
    chat_id: str
    channel_id: str | None = None


def channel_name_for(chat_type: str) -> str:
    """The hub channel name for a Wazzup chat type (unknown types get ``wazzup_<type>``)."""
    return CHAT_TYPE_CHANNELS.get(chat_type, f"wazzup_{chat_type}")


def format_address(channel_id: str, chat_type: str, chat_id: str) -> str:
    """The full address ``"{channelId}/{chatType}/{chatId}"``."""
    return f"{channel_id}/{chat_type}/{chat_id}"


def parse_address(text: str) -> ChatAddress | None:
    """Decode a full or short address; ``None`` when ``text`` is neither."""
    parts = text.split("/", 2)
    if len(parts) == 3 and _UUID.match(parts[0]):  # noqa: PLR2004
        channel_id, chat_type, chat_id = parts
    elif len(parts) >= 2:  # noqa: PLR2004
        channel_id = None
        chat_type, chat_id = text.split("/", 1)
    else:
        return None
    if not chat_type or not chat_id:
        return None
    return ChatAddress(chat_type=chat_type, chat_id=chat_id, channel_id=channel_id)
