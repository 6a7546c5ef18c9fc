"""Message rows as the inbox and the outbox use them: idempotent intake, status, linking."""

from __future__ import annotations

from collections.abc import Collection
from typing import Any

from crystalbay.domain.messages import (
    Conversation,
    ConversationMode,
    DeliveryStatus,
    Direction,
    InboundMessage,
    Message,
)
from crystalbay.storage.repositories._common import dumps, utcnow
from crystalbay.storage.repositories.conversations import _to_conversation, _to_message
from crystalbay.storage.tables import ConversationRow, MessageRow

__all__ = ["MessageStore"]

_FINAL = (DeliveryStatus.READ.value, DeliveryStatus.FAILED.value)
_ORDER = {s: i for i, s in enumerate(("queued", "sent", "delivered", "read"))}


class MessageStore:
    """Queries behind the inbox and outbox (the conversation repository does the rest)."""

    async def add_inbound(self, message: InboundMessage, payload: str) -> tuple[int, bool]:
        """Store a received message unless ``(channel, external_id)`` exists.

        Returns:
            The message id, and whether it is new.
        """
        now = utcnow()
        rows = await (
            MessageRow.insert(
                MessageRow(
                    conversation_id=None,
                    direction=Direction.INBOUND.value,
                    channel=message.channel,
                    external_id=message.external_id,
                    chat_address=message.chat_address,
                    text=message.text,
                    attachments=dumps(list(message.attachments)),
                    payload=payload,
                    status=DeliveryStatus.RECEIVED.value,
                    author=message.sender_name,
                    processed=False,
                    created_at=message.sent_at or now,
                    updated_at=now,
                )
            )
            .on_conflict(action="DO NOTHING")
            .returning(MessageRow.id)
        )
        if rows:
            return int(rows[0]["id"]), True
        found = await self.find(message.channel, message.external_id)
        if found is None:  # pragma: no cover - conflicting row deleted meanwhile
            raise LookupError(f"message {message.channel}/{message.external_id} vanished")
        return found, False

    async def find(self, channel: str | Collection[str], external_id: str) -> int | None:
        """The id of the message a vendor knows as ``external_id`` in one of ``channel``."""
        channels = [channel] if isinstance(channel, str) else list(channel)
        if not channels:
            return None
        row = (
            await MessageRow.select(MessageRow.id)
            .where(MessageRow.channel.is_in(channels) & (MessageRow.external_id == external_id))
            .first()
        )
        return int(row["id"]) if row else None

    async def raw(self, message_id: int) -> dict[str, Any] | None:
        """The whole row (payload and processing flag included)."""
        return await MessageRow.select().where(MessageRow.id == message_id).first()

    async def link(self, message_id: int, conversation_id: int) -> bool:
        """Attach an unprocessed inbound message to its conversation; False if done before."""
        rows = await (
            MessageRow.update(
                {
                    MessageRow.conversation_id: conversation_id,
                    MessageRow.processed: True,
                    MessageRow.updated_at: utcnow(),
                }
            )
            .where((MessageRow.id == message_id) & (MessageRow.processed.eq(False)))  # noqa: FBT003
            .returning(MessageRow.id)
        )
        return bool(rows)

    async def set_payload(self, message_id: int, payload: str) -> None:
        """Replace the message's stored analysis and vendor details."""
        await MessageRow.update({MessageRow.payload: payload}).where(MessageRow.id == message_id)

    async def add_outbound(
        self, conversation: Conversation, text: str, *, author: str, attachments: str
    ) -> Message:
        """Queue an outbound message (the outbox row)."""
        now = utcnow()
        rows = await MessageRow.insert(
            MessageRow(
                conversation_id=conversation.id,
                direction=Direction.OUTBOUND.value,
                channel=conversation.channel,
                chat_address=conversation.chat_address,
                text=text,
                attachments=attachments,
                status=DeliveryStatus.QUEUED.value,
                author=author,
                processed=True,
                created_at=now,
                updated_at=now,
            )
        ).returning(*MessageRow.all_columns())
        return _to_message(rows[0])

    async def add_echo(
        self, conversation: Conversation, external_id: str, text: str, author: str | None
    ) -> tuple[int, bool]:
        """Record an outgoing message written outside the hub (e.g. from the phone)."""
        now = utcnow()
        rows = await (
            MessageRow.insert(
                MessageRow(
                    conversation_id=conversation.id,
                    direction=Direction.OUTBOUND.value,
                    channel=conversation.channel,
                    chat_address=conversation.chat_address,
                    external_id=external_id,
                    text=text,
                    status=DeliveryStatus.SENT.value,
                    author=author,
                    processed=True,
                    created_at=now,
                    updated_at=now,
                )
            )
            .on_conflict(action="DO NOTHING")
            .returning(MessageRow.id)
        )
        return (int(rows[0]["id"]), True) if rows else (0, False)

    async def mark_sent(self, message_id: int, external_id: str) -> bool:
        """Record the vendor's id; False when the message was not queued any more."""
        rows = await (
            MessageRow.update(
                {
                    MessageRow.status: DeliveryStatus.SENT.value,
                    MessageRow.external_id: external_id,
                    MessageRow.error: None,
                    MessageRow.updated_at: utcnow(),
                }
            )
            .where((MessageRow.id == message_id) & (MessageRow.status == "queued"))
            .returning(MessageRow.id)
        )
        return bool(rows)

    async def set_status(
        self, message_id: int, status: DeliveryStatus, error: str | None = None
    ) -> bool:
        """Move an outbound message forward (sent → delivered → read, or failed).

        A late ``delivered`` never overwrites ``read``; a final state stays final unless it
        is a retry back to ``queued``.
        """
        row = await self.raw(message_id)
        if row is None:
            return False
        current = row["status"]
        if status is not DeliveryStatus.QUEUED and not _advances(current, status.value):
            return False
        await MessageRow.update(
            {
                MessageRow.status: status.value,
                MessageRow.error: error,
                MessageRow.updated_at: utcnow(),
            }
        ).where(MessageRow.id == message_id)
        return True

    async def set_mode(self, conversation_id: int, mode: ConversationMode) -> Conversation:
        """Change who answers the conversation."""
        rows = await (
            ConversationRow.update({ConversationRow.mode: mode.value})
            .where(ConversationRow.id == conversation_id)
            .returning(*ConversationRow.all_columns())
        )
        return _to_conversation(rows[0])

    async def conversations(
        self, *, channel: str | None, lead_id: int | None, limit: int, offset: int
    ) -> list[Conversation]:
        """Conversations, newest first."""
        query = ConversationRow.select()
        if channel:
            query = query.where(ConversationRow.channel == channel)
        if lead_id is not None:
            query = query.where(ConversationRow.lead_id == lead_id)
        rows = await query.order_by(ConversationRow.id, ascending=False).limit(limit).offset(offset)
        return [_to_conversation(r) for r in rows]

    async def lead_messages(self, conversation_ids: list[int], limit: int) -> list[Message]:
        """Messages of several conversations, oldest first (the last ``limit``)."""
        if not conversation_ids:
            return []
        rows = (
            await MessageRow.select()
            .where(MessageRow.conversation_id.is_in(conversation_ids))
            .order_by(MessageRow.id, ascending=False)
            .limit(limit)
        )
        return [_to_message(r) for r in reversed(rows)]

    async def last_inbound(self, conversation_id: int) -> dict[str, Any] | None:
        """The newest inbound row of a conversation."""
        return (
            await MessageRow.select()
            .where(
                (MessageRow.conversation_id == conversation_id)
                & (MessageRow.direction == Direction.INBOUND.value)
            )
            .order_by(MessageRow.id, ascending=False)
            .first()
        )


def _advances(current: str, new: str) -> bool:
    if current == new or current in _FINAL:
        return current == DeliveryStatus.FAILED.value and new == DeliveryStatus.QUEUED.value
    if new == DeliveryStatus.FAILED.value:
        return True
    return _ORDER.get(new, -1) > _ORDER.get(current, -1)
