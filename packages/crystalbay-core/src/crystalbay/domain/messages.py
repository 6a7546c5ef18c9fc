"""Conversations and the messages in them."""

from __future__ import annotations

import enum
from datetime import datetime

import msgspec

__all__ = [
    "Attachment",
    "Conversation",
    "ConversationMode",
    "DeliveryStatus",
    "Direction",
    "InboundMessage",
    "Message",
    "OutboundMessage",
]


class Direction(enum.StrEnum):
    """Who wrote the message."""

    INBOUND = "in"
    OUTBOUND = "out"


class DeliveryStatus(enum.StrEnum):
    """Where a message is on its way; inbound messages are ``received``."""

    RECEIVED = "received"
    QUEUED = "queued"
    SENT = "sent"
    DELIVERED = "delivered"
    READ = "read"
    FAILED = "failed"


class ConversationMode(enum.StrEnum):
    """Who answers the customer."""

    MANUAL = "manual"
    SUGGEST = "suggest"
    AUTO = "auto"


class Attachment(msgspec.Struct, frozen=True, kw_only=True):
    """A file sent with a message; ``url`` points at the vendor's or our storage."""

    kind: str
    url: str
    name: str | None = None
    mime_type: str | None = None


class Conversation(msgspec.Struct, frozen=True, kw_only=True):
    """One chat with a customer in one channel, tied to a lead."""

    id: int
    lead_id: int
    contact_id: int
    channel: str
    chat_address: str
    mode: ConversationMode = ConversationMode.SUGGEST
    created_at: datetime


class Message(msgspec.Struct, frozen=True, kw_only=True):
    """A stored message."""

    id: int
    conversation_id: int
    direction: Direction
    text: str
    attachments: tuple[Attachment, ...] = ()
    channel: str
    external_id: str | None = None
    status: DeliveryStatus
    author: str | None = None
    error: str | None = None
    created_at: datetime
    updated_at: datetime


class InboundMessage(msgspec.Struct, frozen=True, kw_only=True):
    """What a channel adapter decodes from a webhook or a poll, before it is stored.

    Attributes:
        channel: Channel name (``whatsapp``, ``telegram``, ``email``, ...).
        external_id: The vendor's message id; with ``channel`` it makes a redelivery a no-op.
        chat_address: Where replies go (phone, chat id, e-mail address).
        sender_name: Name the vendor reports, if any.
        phone: Sender's phone if the channel reveals it.
        email: Sender's e-mail if the channel reveals it.
        text: Message text (may be empty for media).
        attachments: Files.
        sent_at: When the customer sent it.
    """

    channel: str
    external_id: str
    chat_address: str
    text: str = ""
    sender_name: str | None = None
    phone: str | None = None
    email: str | None = None
    attachments: tuple[Attachment, ...] = ()
    sent_at: datetime | None = None


class OutboundMessage(msgspec.Struct, frozen=True, kw_only=True):
    """A message a channel adapter must deliver.

    Attributes:
        idempotency_key: Stable per message; sending the same key twice must send once.
    """

    chat_address: str
    text: str
    idempotency_key: str
    attachments: tuple[Attachment, ...] = ()
