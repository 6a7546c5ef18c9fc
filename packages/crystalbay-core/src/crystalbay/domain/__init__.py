"""Domain values (frozen msgspec Structs) and business rules."""

from crystalbay.domain.accounts import ApiKey, Role, User
from crystalbay.domain.activity import ActivityEntry, FieldChange
from crystalbay.domain.assistant import (
    Analysis,
    ChatTurn,
    ConversationContext,
    Draft,
    Intent,
    ReplyContext,
    Urgency,
)
from crystalbay.domain.bookings import Booking, BookingStatus, Payment, Traveller
from crystalbay.domain.contacts import ChannelIdentity, Contact, normalize_email, normalize_phone
from crystalbay.domain.leads import Budget, Lead, TripBrief
from crystalbay.domain.messages import (
    Attachment,
    Conversation,
    ConversationMode,
    DeliveryStatus,
    Direction,
    InboundMessage,
    Message,
    OutboundMessage,
)
from crystalbay.domain.pipeline import (
    STAGES,
    Outcome,
    Stage,
    check_outcome_change,
    check_stage_move,
    outcome_label,
    parse_stage,
    stage_label,
)
from crystalbay.domain.tours import DictionaryItem, TourOffer, TourQuery, TourSearchPage

__all__ = [
    "STAGES",
    "ActivityEntry",
    "Analysis",
    "ApiKey",
    "Attachment",
    "Booking",
    "BookingStatus",
    "Budget",
    "ChannelIdentity",
    "ChatTurn",
    "Contact",
    "Conversation",
    "ConversationContext",
    "ConversationMode",
    "DeliveryStatus",
    "DictionaryItem",
    "Direction",
    "Draft",
    "FieldChange",
    "InboundMessage",
    "Intent",
    "Lead",
    "Message",
    "OutboundMessage",
    "Outcome",
    "Payment",
    "ReplyContext",
    "Role",
    "Stage",
    "TourOffer",
    "TourQuery",
    "TourSearchPage",
    "Traveller",
    "TripBrief",
    "Urgency",
    "User",
    "check_outcome_change",
    "check_stage_move",
    "normalize_email",
    "normalize_phone",
    "outcome_label",
    "parse_stage",
    "stage_label",
]
