"""Conversations and messages."""

from __future__ import annotations

from typing import Any

import msgspec

from crystalbay.domain.messages import (
    Attachment,
    Conversation,
    ConversationMode,
    DeliveryStatus,
    Direction,
    Message,
)
from crystalbay.errors import NotFound
from crystalbay.storage.repositories._common import as_utc, dumps, utcnow
from crystalbay.storage.tables import ConversationRow, MessageRow

__all__ = ["ConversationRepository"]


class ConversationRepository:
    """The only code that queries conversations and messages."""

    async def find(self, channel: str, chat_address: str) -> Conversation | None:
        """The conversation for a channel address, if any."""
        row = (
            await ConversationRow.select()
            .where(
                (ConversationRow.channel == channel)
                & (ConversationRow.chat_address == chat_address)
            )
            .first()
        )
        return _to_conversation(row) if row else None

    async def get(self, conversation_id: int) -> Conversation:
        """Load a conversation.

        Raises:
            NotFound: No such conversation.
        """
        row = await ConversationRow.select().where(ConversationRow.id == conversation_id).first()
        if row is None:
            raise NotFound(
                f"conversation {conversation_id} does not exist", field="conversation_id"
            )
        return _to_conversation(row)

    async def create(
        self, *, lead_id: int, contact_id: int, channel: str, chat_address: str
    ) -> Conversation:
        """Open a conversation."""
        rows = await ConversationRow.insert(
            ConversationRow(
                lead_id=lead_id,
                contact_id=contact_id,
                channel=channel,
                chat_address=chat_address,
                created_at=utcnow(),
            )
        ).returning(ConversationRow.id)
        return await self.get(rows[0]["id"])

    async def relink(self, conversation_id: int, lead_id: int) -> None:
        """Point a conversation at another lead (e.g. after the old one closed)."""
        await ConversationRow.update({ConversationRow.lead_id: lead_id}).where(
            ConversationRow.id == conversation_id
        )

    async def for_lead(self, lead_id: int) -> list[Conversation]:
        """The lead's conversations."""
        rows = (
            await ConversationRow.select()
            .where(ConversationRow.lead_id == lead_id)
            .order_by(ConversationRow.id)
        )
        return [_to_conversation(r) for r in rows]

    async def add_message(
        self,
        *,
        conversation_id: int | None,
        direction: Direction,
        channel: str,
        text: str,
        status: DeliveryStatus,
        external_id: str | None = None,
        chat_address: str = "",
        attachments: tuple[Attachment, ...] = (),
        author: str | None = None,
    ) -> Message:
        """Store a message and return it."""
        now = utcnow()
        rows = await MessageRow.insert(
            MessageRow(
                conversation_id=conversation_id,
                direction=direction.value,
                channel=channel,
                text=text,
                status=status.value,
                external_id=external_id,
                chat_address=chat_address,
                attachments=dumps(list(attachments)),
                author=author,
                created_at=now,
                updated_at=now,
            )
        ).returning(MessageRow.id)
        return await self.get_message(rows[0]["id"])

    async def get_message(self, message_id: int) -> Message:
        """Load a message.

        Raises:
            NotFound: No such message.
        """
        row = await MessageRow.select().where(MessageRow.id == message_id).first()
        if row is None:
            raise NotFound(f"message {message_id} does not exist", field="message_id")
        return _to_message(row)

    async def messages(self, conversation_id: int, *, limit: int = 200) -> list[Message]:
        """Messages of a conversation, oldest first."""
        rows = (
            await MessageRow.select()
            .where(MessageRow.conversation_id == conversation_id)
            .order_by(MessageRow.id)
            .limit(limit)
        )
        return [_to_message(r) for r in rows]


def _to_conversation(row: dict[str, Any]) -> Conversation:
    return Conversation(
        id=row["id"],
        lead_id=row["lead_id"],
        contact_id=row["contact_id"],
        channel=row["channel"],
        chat_address=row["chat_address"],
        mode=ConversationMode(row["mode"]),
        created_at=as_utc(row["created_at"]),
    )


def _to_message(row: dict[str, Any]) -> Message:
    return Message(
        id=row["id"],
        conversation_id=row["conversation_id"] or 0,
        direction=Direction(row["direction"]),
        text=row["text"],
        attachments=msgspec.json.decode(row["attachments"], type=tuple[Attachment, ...]),
        channel=row["channel"],
        external_id=row["external_id"],
        status=DeliveryStatus(row["status"]),
        author=row["author"],
        error=row["error"],
        created_at=as_utc(row["created_at"]),
        updated_at=as_utc(row["updated_at"]),
    )
