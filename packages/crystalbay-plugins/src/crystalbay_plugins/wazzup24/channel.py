"""Channel adapters (``crystalbay.ports.Channel``) that send through Wazzup24.

One adapter per hub channel name (``whatsapp``, ``instagram``, ``telegram_wazzup``, ...), all
sharing one client, hence one rate limiter. Chat addresses are described in ``address``.
"""

from __future__ import annotations

import logging
from collections import OrderedDict
from typing import TYPE_CHECKING

from crystalbay.errors import IntegrationError, IntegrationRejected
from crystalbay.ports import Health
from crystalbay_plugins.wazzup24.address import (
    CHANNEL_NAMES,
    CHAT_TYPE_CHANNELS,
    TRANSPORT_CHAT_TYPES,
    ChatAddress,
    channel_name_for,
    parse_address,
)
from crystalbay_plugins.wazzup24.client import WazzupClient
from crystalbay_plugins.wazzup24.config import PLUGIN_NAME
from crystalbay_plugins.wazzup24.errors import RepeatedCrmMessageId
from crystalbay_plugins.wazzup24.models import ChannelInfo, SendMessageRequest

if TYPE_CHECKING:
    import httpx

    from crystalbay.domain import OutboundMessage
    from crystalbay_plugins.wazzup24.config import WazzupConfig

__all__ = ["REPEATED_ID_PREFIX", "SentIds", "WazzupChannel", "build_channels"]

logger = logging.getLogger("crystalbay.plugins.wazzup24")

REPEATED_ID_PREFIX = "crm:"
"""Returned as ``crm:<crmMessageId>`` when Wazzup says the message was already sent but this
process no longer knows its ``messageId`` (Wazzup does not repeat it, contract 1.3)."""

_DIGIT_CHATS = frozenset({"whatsapp", "viber"})


class SentIds:
    """Remembers ``crmMessageId -> messageId`` of recent sends (bounded, per process)."""

    def __init__(self, size: int = 10_000) -> None:
        self._size = size
        self._ids: OrderedDict[str, str] = OrderedDict()

    def get(self, crm_id: str) -> str | None:
        """The ``messageId`` sent under ``crm_id``, if remembered."""
        return self._ids.get(crm_id)

    def add(self, crm_id: str, message_id: str) -> None:
        """Remember one send, forgetting the oldest beyond ``size``."""
        self._ids[crm_id] = message_id
        while len(self._ids) > self._size:
            self._ids.popitem(last=False)


class WazzupChannel:
    """Delivers the hub's channel ``name`` through Wazzup24.

    ``send`` posts the text, then each attachment as its own message (Wazzup takes text or a
    file, never both). ``idempotency_key`` is the text's ``crmMessageId``; the n-th file uses
    ``{key}:file{n}``. Wazzup forgets a ``crmMessageId`` after 60 s, so the outbox must retry a
    timed-out send within a minute to be safe from doubles; within this process sent parts
    are remembered and skipped.
    """

    def __init__(self, name: str, client: WazzupClient, sent: SentIds | None = None) -> None:
        self.name = name
        self.client = client
        self.sent = sent or SentIds()
        self._chat_types = frozenset(t for t, n in CHAT_TYPE_CHANNELS.items() if n == name)

    async def send(self, message: OutboundMessage) -> str:
        """Send ``message``; return the ``messageId`` of its first part."""
        address = self._address(message.chat_address)
        channel_id = address.channel_id or await self._pick_channel(address.chat_type)
        parts: list[tuple[str, str | None, str | None]] = []
        if message.text:
            parts.append((message.idempotency_key, message.text, None))
        for n, attachment in enumerate(message.attachments, start=1):
            parts.append((f"{message.idempotency_key}:file{n}", None, attachment.url))
        if not parts:
            raise self._rejected("the message has neither text nor attachments")
        ids = [await self._send_part(channel_id, address, *part) for part in parts]
        return ids[0]

    async def check(self) -> Health:
        """List the account's channels; healthy when one of this messenger is active."""
        try:
            channels = await self.client.list_channels()
        except IntegrationError as exc:
            return Health(ok=False, detail=exc.detail)
        mine = [c for c in channels if self._fits(c)]
        active = [c for c in mine if c.active]
        if active:
            names = ", ".join(c.name or c.plain_id or c.channel_id for c in active)
            return Health(ok=True, detail=f"{len(active)} active {self.name} channel(s): {names}")
        if mine:
            states = ", ".join(sorted({c.state for c in mine}))
            return Health(
                ok=False, detail=f"{self.name} channel not active ({states}); see Wazzup → Channels"
            )
        return Health(ok=False, detail=f"the key works, but no {self.name} channel is connected")

    async def _send_part(
        self, channel_id: str, to: ChatAddress, crm_id: str, text: str | None, uri: str | None
    ) -> str:
        known = self.sent.get(crm_id)
        if known is not None:
            return known
        request = SendMessageRequest(
            channel_id=channel_id,
            chat_type=to.chat_type,
            chat_id=to.chat_id,
            text=text,
            content_uri=uri,
            crm_message_id=crm_id,
        )
        try:
            sent = await self.client.send_message(request)
        except RepeatedCrmMessageId:
            logger.warning("wazzup24: %s was already sent; its messageId is unknown", crm_id)
            return REPEATED_ID_PREFIX + crm_id
        self.sent.add(crm_id, sent.message_id)
        return sent.message_id

    def _address(self, text: str) -> ChatAddress:
        address = parse_address(text)
        if address is None:
            raise self._rejected(
                f"chat address {text!r} is not 'channelId/chatType/chatId' or 'chatType/chatId'"
            )
        if address.chat_type not in self._chat_types:
            other = channel_name_for(address.chat_type)
            raise self._rejected(f"chat address {text!r} is a {other} chat, not {self.name}")
        if address.chat_type in _DIGIT_CHATS:
            digits = "".join(ch for ch in address.chat_id if ch.isdigit())
            address = ChatAddress(
                chat_type=address.chat_type, chat_id=digits, channel_id=address.channel_id
            )
        return address

    async def _pick_channel(self, chat_type: str) -> str:
        default = self.client.config.default_channel_id
        channels = await self.client.list_channels()
        usable = [c.channel_id for c in channels if c.active and self._fits(c, chat_type)]
        if default and (default in usable or len(usable) != 1):
            return default  # an explicit setting wins; Wazzup says so if it cannot reach
        if len(usable) == 1:
            return usable[0]
        how_many = "several" if usable else "no"
        raise self._rejected(
            f"{how_many} active Wazzup channels can reach a {chat_type} chat; set "
            "WAZZUP_CHANNEL_ID or give the channelId in the chat address"
        )

    def _fits(self, channel: ChannelInfo, chat_type: str | None = None) -> bool:
        types = TRANSPORT_CHAT_TYPES.get(channel.transport.lower(), ())
        return any(t in types for t in ((chat_type,) if chat_type else self._chat_types))

    def _rejected(self, detail: str) -> IntegrationRejected:
        return IntegrationRejected(detail, integration=PLUGIN_NAME, field="chat_address")


def build_channels(config: WazzupConfig, http: httpx.AsyncClient) -> list[WazzupChannel]:
    """One adapter per channel name, sharing one client (one rate limiter) and one memory."""
    client = WazzupClient(config, http)
    sent = SentIds()
    return [WazzupChannel(name, client, sent) for name in CHANNEL_NAMES]
