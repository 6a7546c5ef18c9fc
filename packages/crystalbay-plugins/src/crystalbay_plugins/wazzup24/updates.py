"""What a Wazzup24 webhook delivery decodes into, in the hub's terms."""

from __future__ import annotations

from collections.abc import Container
from datetime import datetime

import msgspec

from crystalbay.domain import (
    Attachment,
    DeliveryStatus,
    InboundMessage,
)

__all__ = ["Echo", "MessageEdit", "StatusUpdate", "WazzupWebhook"]


class Echo(msgspec.Struct, frozen=True, kw_only=True):
    """An outgoing message Wazzup reports back (``isEcho: true``).

    It is either our own API send (``external_id`` is the id ``send`` returned) or a message a
    manager wrote from the phone or Wazzup's chat window, which the hub may record as outbound.
    """

    channel: str
    external_id: str
    chat_address: str
    text: str = ""
    attachments: tuple[Attachment, ...] = ()
    status: DeliveryStatus | None = None
    author_id: str | None = None
    author_name: str | None = None
    sent_from_app: bool = False
    sent_at: datetime | None = None


class MessageEdit(msgspec.Struct, frozen=True, kw_only=True):
    """A message was edited (``text`` is the new text) or deleted in the messenger."""

    channel: str
    external_id: str
    text: str = ""
    deleted: bool = False
    outgoing: bool = False


class StatusUpdate(msgspec.Struct, frozen=True, kw_only=True):
    """The delivery status of one of our outgoing messages changed.

    Attributes:
        external_id: Wazzup's ``messageId``, as returned by ``send`` (status items carry no
            ``crmMessageId``).
        status: ``sent``, ``delivered``, ``read`` or ``failed``.
        error_code: The vendor's code when ``failed`` (e.g. ``24_HOURS_EXCEEDED``).
        error: What went wrong and what to do, for a person.
        at: When Wazzup saw the change.
    """

    external_id: str
    status: DeliveryStatus
    error_code: str | None = None
    error: str | None = None
    at: datetime | None = None


class WazzupWebhook(msgspec.Struct, frozen=True, kw_only=True):
    """One decoded delivery.

    Attributes:
        test: The ``{"test": true}`` probe sent while registering; answer 200, store nothing.
        messages: New customer messages, for the inbox.
        echoes: Outgoing messages reported back; never treat them as inbound.
        edits: Edit and delete notifications.
        statuses: Status changes of outgoing messages.
        ignored: Kinds present but not handled (``createContact``, ``channelsUpdates``, ...).
    """

    test: bool = False
    messages: tuple[InboundMessage, ...] = ()
    echoes: tuple[Echo, ...] = ()
    edits: tuple[MessageEdit, ...] = ()
    statuses: tuple[StatusUpdate, ...] = ()
    ignored: tuple[str, ...] = ()

    def foreign_echoes(self, sent_ids: Container[str]) -> tuple[Echo, ...]:
        """Echoes of messages the hub did not send itself (``sent_ids``: ids ``send`` returned)."""
        return tuple(echo for echo in self.echoes if echo.external_id not in sent_ids)
