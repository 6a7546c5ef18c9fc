"""``TelegramChannel``: the hub's ``telegram`` channel, delivering through the Bot API.

Retries and the missing idempotency key
---------------------------------------
Telegram has no idempotency key: every accepted ``sendMessage`` is a new message. A retry is
made safe in two layers:

* This adapter remembers, per process, the ids it sent under each part key
  (``idempotency_key``, ``{key}:part{n}`` for long texts, ``{key}:file{n}`` for files), so a
  retry after a partial failure sends only the missing parts and a retry after a success
  returns the same id without sending.
* The outbox records the returned id (``"<chat_id>:<message_id>"``) as the message's
  ``external_id`` at once and never calls ``send`` again for a row that has one. A
  :class:`~crystalbay_plugins.telegram.errors.DeliveryUncertain` error (the request left, no
  answer came) is the only case where the message may have arrived without an id; the outbox
  should not retry it blindly (mark it failed for a manager to check, or retry once, accepting
  a possible double).
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections import OrderedDict
from typing import TYPE_CHECKING

from crystalbay.errors import IntegrationError, IntegrationRejected
from crystalbay.ports import Health
from crystalbay_plugins.telegram.config import PLUGIN_NAME
from crystalbay_plugins.telegram.files import TelegramFiles

if TYPE_CHECKING:
    from collections.abc import AsyncIterator, Awaitable, Callable

    from crystalbay.domain import Attachment, OutboundMessage
    from crystalbay.ports.files import FileContent
    from crystalbay_plugins.telegram.client import ChatId, TelegramClient
    from crystalbay_plugins.telegram.models import SentMessage

__all__ = ["MAX_TEXT", "SentIds", "TelegramChannel", "parse_chat", "split_text"]

logger = logging.getLogger("crystalbay.plugins.telegram")

MAX_TEXT = 4096
"""Longest ``sendMessage`` text Telegram accepts (characters)."""


class SentIds:
    """Remembers ``part key -> message id`` of recent sends (bounded, per process).

    ``hold(key)`` serialises sends of one key, so two workers racing on one outbox row
    deliver it once.
    """

    def __init__(self, size: int = 10_000) -> None:
        self._size = size
        self._ids: OrderedDict[str, str] = OrderedDict()
        self._locks: dict[str, tuple[asyncio.Lock, int]] = {}

    @contextlib.asynccontextmanager
    async def hold(self, key: str) -> AsyncIterator[None]:
        """Exclusive use of ``key`` in this process while the block runs."""
        lock, users = self._locks.get(key, (asyncio.Lock(), 0))
        self._locks[key] = (lock, users + 1)
        try:
            async with lock:
                yield
        finally:
            lock, users = self._locks[key]
            if users == 1:
                del self._locks[key]
            else:
                self._locks[key] = (lock, users - 1)

    def get(self, key: str) -> str | None:
        """The id sent under ``key``, if remembered."""
        return self._ids.get(key)

    def add(self, key: str, message_id: str) -> None:
        """Remember one send, forgetting the oldest beyond ``size``."""
        self._ids[key] = message_id
        while len(self._ids) > self._size:
            self._ids.popitem(last=False)


def parse_chat(address: str) -> ChatId:
    """A chat address as the Bot API takes it: an integer id or ``@channel``.

    Raises:
        IntegrationRejected: The address is neither.
    """
    text = address.strip()
    if text.startswith("@") and len(text) > 1:
        return text
    try:
        return int(text)
    except ValueError:
        raise IntegrationRejected(
            f"chat address {address!r} is not a Telegram chat id",
            integration=PLUGIN_NAME,
            field="chat_address",
        ) from None


def split_text(text: str, limit: int = MAX_TEXT) -> list[str]:
    """Cut ``text`` into pieces Telegram accepts, preferring line breaks, then spaces.

    Length is counted in UTF-16 code units, as Telegram counts it (an emoji outside the
    Basic Multilingual Plane counts twice). Blank pieces are dropped: Telegram refuses them.
    """
    pieces: list[str] = []
    rest = text
    while rest:
        end = _fitting(rest, limit)
        if end == len(rest):
            pieces.append(rest)
            break
        cut = rest.rfind("\n", 1, end + 1)
        if cut < end // 2:  # no line break in the second half: a space will do
            cut = max(cut, rest.rfind(" ", 1, end + 1))
        if cut < 1:
            pieces.append(rest[:end])
            rest = rest[end:]
        else:
            pieces.append(rest[:cut])
            rest = rest[cut + 1 :]
    return [piece for piece in pieces if piece.strip()]


def _fitting(text: str, limit: int) -> int:
    """How many leading characters of ``text`` fit in ``limit`` UTF-16 code units."""
    units = 0
    for index, char in enumerate(text):
        units += 2 if ord(char) > 0xFFFF else 1  # noqa: PLR2004
        if units > limit:
            return index
    return len(text)


class TelegramChannel:
    """Delivers the hub's ``telegram`` channel (the customer bot's chats).

    ``send`` posts the text (split at 4096 characters), then each attachment by URL: images
    with ``sendPhoto``, anything else with ``sendDocument``. It returns
    ``"<chat_id>:<message_id>"`` of the first part, the same form as the ``external_id`` of
    inbound bot messages. See the module docstring for how retries stay safe.

    Args:
        client: The Bot API client.
        sent: Memory of sent parts; shared by adapters of the same bot.
    """

    name = "telegram"

    def __init__(self, client: TelegramClient, sent: SentIds | None = None) -> None:
        self.client = client
        self.sent = sent or SentIds()
        self.files = TelegramFiles(client)

    def owns_file(self, reference: str) -> bool:
        """Whether an attachment's ``url`` is a ``telegram-file:`` reference (``FileSource``)."""
        return self.files.owns_file(reference)

    async def open_file(self, reference: str) -> FileContent:
        """Download a file a customer sent (``FileSource``); see :class:`TelegramFiles`."""
        return await self.files.open_file(reference)

    async def send(self, message: OutboundMessage) -> str:
        """Send ``message``; return the id of its first part.

        Raises:
            BotBlocked: The customer blocked the bot.
            ChatNotFound: The chat does not exist for this bot.
            IntegrationUnavailable: Flood wait (with ``retry_after``), outage, network.
            IntegrationRejected: Anything else Telegram refused, or an empty message.
        """
        chat = parse_chat(message.chat_address)
        parts = self._parts(chat, message)
        if not parts:
            raise IntegrationRejected(
                "the message has neither text nor attachments", integration=PLUGIN_NAME
            )
        ids = [await self._send_part(key, call) for key, call in parts]
        return ids[0]

    async def check(self) -> Health:
        """Call ``getMe``: healthy when the token works."""
        try:
            me = await self.client.get_me()
        except IntegrationError as exc:
            return Health(ok=False, detail=exc.detail)
        handle = f"@{me.username}" if me.username else me.first_name
        return Health(ok=True, detail=f"bot {handle} (id {me.id}) answers")

    def _parts(
        self, chat: ChatId, message: OutboundMessage
    ) -> list[tuple[str, Callable[[], Awaitable[SentMessage]]]]:
        key = message.idempotency_key
        texts = split_text(message.text) if message.text.strip() else []
        parts: list[tuple[str, Callable[[], Awaitable[SentMessage]]]] = [
            (key if n == 0 else f"{key}:part{n}", self._text_call(chat, text))
            for n, text in enumerate(texts)
        ]
        for n, attachment in enumerate(message.attachments, start=1):
            parts.append((f"{key}:file{n}", self._file_call(chat, attachment)))
        return parts

    def _text_call(self, chat: ChatId, text: str) -> Callable[[], Awaitable[SentMessage]]:
        return lambda: self.client.send_message(chat, text)

    def _file_call(
        self, chat: ChatId, attachment: Attachment
    ) -> Callable[[], Awaitable[SentMessage]]:
        mime = attachment.mime_type or ""
        if attachment.kind in ("image", "photo") or mime.startswith("image/"):
            return lambda: self.client.send_photo(chat, attachment.url, caption=attachment.name)
        return lambda: self.client.send_document(chat, attachment.url, caption=attachment.name)

    async def _send_part(self, key: str, call: Callable[[], Awaitable[SentMessage]]) -> str:
        async with self.sent.hold(key):
            known = self.sent.get(key)
            if known is not None:
                logger.info("telegram: %s was sent before as %s; not sending again", key, known)
                return known
            sent = await call()
            message_id = f"{sent.chat.id}:{sent.message_id}"
            self.sent.add(key, message_id)
            return message_id
