"""Booking use cases: request a chosen offer, then follow it through the operator.

A request snapshots the offer exactly as the customer saw it, moves the lead to
:data:`BOOKING_STAGE` when the pipeline allows it, and logs everything on the lead. Every
change is announced with :class:`~crystalbay.events.BookingChanged` after it is committed.
"""

from __future__ import annotations

import builtins
from typing import TYPE_CHECKING

import msgspec

from crystalbay.domain.activity import FieldChange
from crystalbay.domain.bookings import Booking, BookingStatus, Payment, Traveller
from crystalbay.domain.pipeline import Outcome, Stage, check_stage_move
from crystalbay.errors import InvalidTransition, InvalidValue
from crystalbay.events import BookingChanged, Event, LeadStageChanged
from crystalbay.storage.repositories import BookingFilter, BookingRepository, LeadRepository

if TYPE_CHECKING:
    from collections.abc import Awaitable, Callable

    from crystalbay.domain.leads import Lead
    from crystalbay.domain.tours import TourOffer
    from crystalbay.storage import Database

__all__ = ["BOOKING_STAGE", "BookingService", "check_status_move"]

BOOKING_STAGE = Stage.COMMERCIAL_OFFER
"""Where a booking request puts its lead: the customer has a concrete offer and price, and
the manager now confirms it with the operator (add-ons and payment come after)."""

_PROGRESS = (
    BookingStatus.REQUESTED,
    BookingStatus.SENT_TO_OPERATOR,
    BookingStatus.CONFIRMED,
    BookingStatus.PAID,
)
_MAX_CLAIM = 64


def check_status_move(current: BookingStatus, target: BookingStatus) -> None:
    """Bookings move forward (steps may be skipped) or are cancelled; cancelled is final.

    Raises:
        InvalidTransition: The move goes backwards or leaves ``cancelled``.
    """
    if current == target:
        return
    if current is BookingStatus.CANCELLED:
        raise InvalidTransition(
            "a cancelled booking cannot change; request a new booking instead", field="status"
        )
    if target is BookingStatus.CANCELLED:
        return
    if _PROGRESS.index(target) < _PROGRESS.index(current):
        raise InvalidTransition(
            f"a booking cannot go back from {current.value!r} to {target.value!r}",
            field="status",
        )


class BookingService:
    """Creates bookings and records their progress.

    Args:
        db: The database (for transactions).
        emit: Publishes an event after the change is committed.
    """

    def __init__(self, db: Database, emit: Callable[[Event], Awaitable[None]]) -> None:
        self.db = db
        self.repo = BookingRepository()
        self.leads = LeadRepository()
        self.emit = emit

    async def request(
        self,
        lead_id: int,
        offer: TourOffer,
        travellers: tuple[Traveller, ...] = (),
        *,
        actor: str,
    ) -> Booking:
        """Record a booking request for ``offer`` on the lead.

        The lead moves to :data:`BOOKING_STAGE` when it is open, still before that stage, and
        the pipeline rules allow the move; otherwise it stays where it is.

        Raises:
            NotFound: No such lead.
            InvalidValue: The offer's price is not positive.
        """
        if not offer.price > 0:
            raise InvalidValue("the offer has no positive price", field="offer")
        events: list[Event] = []
        async with self.db.transaction():
            lead = await self.leads.get(lead_id)
            booking = await self.repo.insert(lead_id, offer, tuple(travellers))
            note = f"booking #{booking.id}: {_describe(offer)}"
            await self.leads.add_activity(
                lead_id, actor=actor, action="booking_requested", note=note
            )
            if (moved := await self._advance(lead, actor)) is not None:
                events.append(moved)
        events.append(_changed(booking))
        for event in events:
            await self.emit(event)
        return booking

    async def get(self, booking_id: int) -> Booking:
        """Load a booking (raises NotFound)."""
        return await self.repo.get(booking_id)

    async def list(
        self,
        *,
        lead_id: int | None = None,
        contact_id: int | None = None,
        status: BookingStatus | None = None,
        limit: int = 50,
        offset: int = 0,
    ) -> tuple[builtins.list[Booking], int]:
        """Bookings matching every given filter, newest first, and the total count."""
        flt = BookingFilter(
            lead_id=lead_id, contact_id=contact_id, status=status, limit=limit, offset=offset
        )
        return await self.repo.list(flt)

    async def set_status(self, booking_id: int, status: BookingStatus, *, actor: str) -> Booking:
        """Move the booking to ``status`` (see :func:`check_status_move`).

        Raises:
            NotFound: No such booking.
            InvalidTransition: The move is not allowed.
        """
        async with self.db.transaction():
            booking = await self.repo.get(booking_id)
            if booking.status == status:
                return booking
            check_status_move(booking.status, status)
            updated = await self.repo.update(booking_id, {"status": status})
            change = FieldChange(field="booking_status", before=booking.status, after=status)
            await self._log(updated, actor, "booking_status", change)
        await self.emit(_changed(updated))
        return updated

    async def set_claim_number(self, booking_id: int, number: str, *, actor: str) -> Booking:
        """Record the operator's claim (order) number.

        Raises:
            NotFound: No such booking.
            InvalidValue: The number is empty or longer than 64 characters.
        """
        cleaned = number.strip()
        if not cleaned or len(cleaned) > _MAX_CLAIM:
            raise InvalidValue(
                f"the claim number must be 1-{_MAX_CLAIM} characters", field="claim_number"
            )
        async with self.db.transaction():
            booking = await self.repo.get(booking_id)
            if booking.claim_number == cleaned:
                return booking
            updated = await self.repo.update(booking_id, {"claim_number": cleaned})
            change = FieldChange(field="claim_number", before=booking.claim_number, after=cleaned)
            await self._log(updated, actor, "booking_claim", change)
        await self.emit(_changed(updated))
        return updated

    async def add_payment(self, booking_id: int, payment: Payment, *, actor: str) -> Booking:
        """Append a payment (due or made) to the booking.

        Raises:
            NotFound: No such booking.
            InvalidValue: The amount is not positive or the currency is not a 3-letter code.
        """
        _check_payment(payment)
        async with self.db.transaction():
            booking = await self.repo.get(booking_id)
            payments = (*booking.payments, payment)
            updated = await self.repo.update(booking_id, {"payments": payments})
            change = FieldChange(field="payments", after=msgspec.to_builtins(payment))
            await self._log(updated, actor, "booking_payment", change)
        await self.emit(_changed(updated))
        return updated

    async def _advance(self, lead: Lead, actor: str) -> LeadStageChanged | None:
        if lead.outcome is not Outcome.OPEN or lead.stage.position >= BOOKING_STAGE.position:
            return None
        try:
            check_stage_move(lead.stage, BOOKING_STAGE, lead.outcome)
        except InvalidTransition:
            return None
        await self.leads.update(lead.id, {"stage": BOOKING_STAGE}, version=lead.version)
        change = FieldChange(field="stage", before=lead.stage.value, after=BOOKING_STAGE.value)
        await self.leads.add_activity(
            lead.id, actor=actor, action="stage_changed", changes=[change]
        )
        return LeadStageChanged(
            lead_id=lead.id, before=lead.stage, after=BOOKING_STAGE, actor=actor
        )

    async def _log(self, booking: Booking, actor: str, action: str, change: FieldChange) -> None:
        await self.leads.add_activity(
            booking.lead_id,
            actor=actor,
            action=action,
            changes=[change],
            note=f"booking #{booking.id}",
        )


def _changed(booking: Booking) -> BookingChanged:
    return BookingChanged(booking_id=booking.id, lead_id=booking.lead_id, status=booking.status)


def _describe(offer: TourOffer) -> str:
    stars = f" {offer.stars}*" if offer.stars else ""
    return (
        f"{offer.hotel}{stars}, {offer.resort}, {offer.check_in.isoformat()}, "
        f"{offer.nights} nights, {offer.price:g} {offer.currency}"
    )


def _check_payment(payment: Payment) -> None:
    if not payment.amount > 0:
        raise InvalidValue("a payment amount must be positive", field="amount")
    code = payment.currency.strip()
    if len(code) != 3 or not code.isalpha():  # noqa: PLR2004
        raise InvalidValue(
            f"currency {payment.currency!r} is not a 3-letter code such as USD", field="currency"
        )
