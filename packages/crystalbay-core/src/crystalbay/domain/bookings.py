"""Bookings: a chosen offer, the travellers and the money."""

from __future__ import annotations

import enum
from datetime import date, datetime

import msgspec

from crystalbay.domain.tours import TourOffer

__all__ = ["Booking", "BookingStatus", "Payment", "Traveller"]


class BookingStatus(enum.StrEnum):
    """Where the booking is with the operator."""

    REQUESTED = "requested"
    SENT_TO_OPERATOR = "sent_to_operator"
    CONFIRMED = "confirmed"
    PAID = "paid"
    CANCELLED = "cancelled"


class Traveller(msgspec.Struct, frozen=True, kw_only=True):
    """A person on the trip."""

    name: str
    birth_date: date | None = None
    passport: str | None = None


class Payment(msgspec.Struct, frozen=True, kw_only=True):
    """A payment that is due or was made."""

    amount: float
    currency: str
    due_date: date | None = None
    paid_at: datetime | None = None


class Booking(msgspec.Struct, frozen=True, kw_only=True):
    """A booking request and its progress.

    Attributes:
        offer: Snapshot of the offer as the provider returned it.
        claim_number: The operator's claim (order) number once booked.
    """

    id: int
    lead_id: int
    offer: TourOffer
    travellers: tuple[Traveller, ...] = ()
    status: BookingStatus = BookingStatus.REQUESTED
    claim_number: str | None = None
    price: float
    currency: str
    payments: tuple[Payment, ...] = ()
    created_at: datetime
    updated_at: datetime
