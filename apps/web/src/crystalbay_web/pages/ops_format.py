"""Small formatting helpers handed to the tours and bookings templates."""

from __future__ import annotations

from crystalbay.domain.bookings import BookingStatus
from crystalbay.services.shortlists import format_price

__all__ = ["FORMATTERS", "money", "status_kind"]

_KINDS = {
    BookingStatus.CONFIRMED: "ok",
    BookingStatus.PAID: "ok",
    BookingStatus.SENT_TO_OPERATOR: "warn",
    BookingStatus.CANCELLED: "err",
}


def money(amount: float) -> str:
    """An amount as the provider gave it (``1450``, ``1450.50``), never rounded away."""
    return format_price(amount)


def status_kind(status: BookingStatus) -> str:
    """The badge colour of a booking status."""
    return _KINDS.get(status, "")


FORMATTERS = {"money": money, "status_kind": status_kind}
"""Template context entries: ``money(amount)`` and ``status_kind(status)``."""
