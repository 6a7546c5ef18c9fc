"""Domain events, passed to the ``on_event`` hook after the change is committed."""

from __future__ import annotations

import msgspec

__all__ = [
    "EVENT_TYPES",
    "BookingChanged",
    "ContactsMerged",
    "Event",
    "LeadCreated",
    "LeadStageChanged",
    "LeadUpdated",
    "MessageReceived",
    "MessageStatusChanged",
]


class Event(msgspec.Struct, frozen=True, kw_only=True, tag=True):
    """Base of every event; the class name is the tag in JSON."""


class LeadCreated(Event, frozen=True, kw_only=True):
    """A lead was opened."""

    lead_id: int
    source: str


class LeadUpdated(Event, frozen=True, kw_only=True):
    """Fields of a lead changed (other than the stage)."""

    lead_id: int
    fields: tuple[str, ...]


class LeadStageChanged(Event, frozen=True, kw_only=True):
    """A lead moved on the pipeline."""

    lead_id: int
    before: str
    after: str
    actor: str


class MessageReceived(Event, frozen=True, kw_only=True):
    """An inbound message was stored and tied to a lead."""

    message_id: int
    lead_id: int


class MessageStatusChanged(Event, frozen=True, kw_only=True):
    """An outbound message's delivery status changed."""

    message_id: int
    status: str


class BookingChanged(Event, frozen=True, kw_only=True):
    """A booking was created or progressed."""

    booking_id: int
    lead_id: int
    status: str


class ContactsMerged(Event, frozen=True, kw_only=True):
    """One contact was merged into another (or the merge was undone)."""

    kept_id: int
    merged_id: int
    undone: bool = False


EVENT_TYPES: tuple[type[Event], ...] = (
    BookingChanged,
    ContactsMerged,
    LeadCreated,
    LeadStageChanged,
    LeadUpdated,
    MessageReceived,
    MessageStatusChanged,
)
