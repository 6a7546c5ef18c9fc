"""What the assistant reads and what it answers."""

from __future__ import annotations

import enum

import msgspec

from crystalbay.domain.leads import TripBrief
from crystalbay.domain.messages import Direction
from crystalbay.domain.tours import TourOffer

__all__ = [
    "Analysis",
    "ChatTurn",
    "ConversationContext",
    "Draft",
    "Intent",
    "ReplyContext",
    "Urgency",
]


class Intent(enum.StrEnum):
    """Why the customer writes."""

    TOUR_SEARCH = "tour_search"
    BOOKING = "booking"
    BOOKING_QUESTION = "booking_question"
    PAYMENT = "payment"
    COMPLAINT = "complaint"
    HUMAN = "human"
    SMALL_TALK = "small_talk"
    OTHER = "other"


class Urgency(enum.StrEnum):
    """How soon a person should look at the conversation."""

    LOW = "low"
    NORMAL = "normal"
    HIGH = "high"


class ChatTurn(msgspec.Struct, frozen=True, kw_only=True):
    """One message as the assistant sees it."""

    direction: Direction
    text: str


class ConversationContext(msgspec.Struct, frozen=True, kw_only=True):
    """The conversation so far, oldest first, with the brief already known."""

    turns: tuple[ChatTurn, ...]
    brief: TripBrief = msgspec.field(default_factory=TripBrief)
    language: str | None = None
    lead_id: int | None = None


class Analysis(msgspec.Struct, frozen=True, kw_only=True):
    """The assistant's reading of a conversation.

    Attributes:
        confidence: Per brief field, 0.0-1.0.
        score: Lead score 0-100.
        score_reasons: Short reasons behind the score.
    """

    intent: Intent
    brief: TripBrief
    confidence: dict[str, float] = msgspec.field(default_factory=dict)
    language: str = "ru"
    score: int = 0
    score_reasons: tuple[str, ...] = ()
    urgency: Urgency = Urgency.NORMAL


class ReplyContext(msgspec.Struct, frozen=True, kw_only=True):
    """What a reply may rely on: real offers from the search, and fields still missing."""

    offers: tuple[TourOffer, ...] = ()
    missing: tuple[str, ...] = ()
    language: str = "ru"


class Draft(msgspec.Struct, frozen=True, kw_only=True):
    """A reply draft and the offers it cites (by ``offer_id``)."""

    text: str
    language: str
    cited_offers: tuple[str, ...] = ()
    confident: bool = True
