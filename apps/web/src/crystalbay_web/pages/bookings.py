"""``/bookings``: the list, one booking's page, and its status, claim number and payments.

Managers see the bookings of their own and unassigned leads (like the board); another
manager's booking answers 404. Changes go through :class:`~crystalbay.services.bookings.
BookingService`, which logs them on the lead and announces ``BookingChanged``.
"""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Annotated, Any

import msgspec
from litestar import Controller, get, post
from litestar.enums import RequestEncodingType
from litestar.params import Body, FromPath, FromQuery
from litestar.response import Template

from crystalbay.domain.bookings import Booking, BookingStatus, Payment
from crystalbay.errors import InvalidTransition, InvalidValue
from crystalbay.hub import Hub
from crystalbay.services.booking_views import list_bookings
from crystalbay.services.bookings import check_status_move
from crystalbay_web.deps import AnyRequest, HubDep
from crystalbay_web.pages.lead_access import visible_lead
from crystalbay_web.pages.ops_format import FORMATTERS
from crystalbay_web.sessions import SessionUser, current_user

__all__ = [
    "BookingsController",
    "ClaimForm",
    "PaymentForm",
    "StatusForm",
    "allowed_statuses",
    "next_due",
]


PAGE_SIZE = 25
Form = Body(media_type=RequestEncodingType.URL_ENCODED)
STATUSES = tuple(BookingStatus)


def allowed_statuses(current: BookingStatus) -> tuple[BookingStatus, ...]:
    """The statuses a booking in ``current`` may move to (``current`` included)."""
    allowed = []
    for target in STATUSES:
        try:
            check_status_move(current, target)
        except InvalidTransition:
            continue
        allowed.append(target)
    return tuple(allowed)


class StatusForm(msgspec.Struct, frozen=True, kw_only=True):
    """The status select."""

    status: BookingStatus


class ClaimForm(msgspec.Struct, frozen=True, kw_only=True):
    """The operator's claim number."""

    claim_number: Annotated[str, msgspec.Meta(max_length=200)] = ""


class PaymentForm(msgspec.Struct, frozen=True, kw_only=True):
    """A payment: due (with a date) or made (``paid`` ticked)."""

    amount: Annotated[str, msgspec.Meta(max_length=32)] = ""
    currency: Annotated[str, msgspec.Meta(max_length=8)] = ""
    due_date: Annotated[str, msgspec.Meta(max_length=10)] = ""
    paid: str = ""

    def payment(self) -> Payment:
        """The payment to record.

        Raises:
            InvalidValue: The amount is not a number or the date is malformed.
        """
        try:
            amount = float(self.amount.replace(",", ".").replace(" ", ""))
        except ValueError:
            raise InvalidValue("the amount must be a number", field="amount") from None
        try:
            due = date.fromisoformat(self.due_date) if self.due_date else None
        except ValueError:
            raise InvalidValue("the due date must be YYYY-MM-DD", field="due_date") from None
        paid_at = datetime.now(UTC) if self.paid else None
        currency = self.currency.strip().upper()
        return Payment(amount=amount, currency=currency, due_date=due, paid_at=paid_at)


def next_due(booking: Booking) -> Payment | None:
    """The earliest unpaid payment with a due date."""
    due = [p for p in booking.payments if p.paid_at is None and p.due_date is not None]
    return min(due, key=lambda p: p.due_date or date.max, default=None)


async def _visible_booking(hub: Hub, user: SessionUser, booking_id: int) -> Booking:
    booking = await hub.bookings.get(booking_id)
    await visible_lead(hub, user, booking.lead_id)  # NotFound for another manager's lead
    return booking


def _detail(booking: Booking, **extra: object) -> dict[str, Any]:
    paid: dict[str, float] = {}
    for payment in booking.payments:
        if payment.paid_at is not None:
            paid[payment.currency] = paid.get(payment.currency, 0.0) + payment.amount
    return {
        "booking": booking,
        "statuses": allowed_statuses(booking.status),
        "paid": paid,
        "next_due": next_due(booking),
        **FORMATTERS,
        **extra,
    }


class BookingsController(Controller):
    """Bookings: list, detail and changes."""

    path = "/bookings"
    include_in_schema = False

    @get("/")
    async def index(
        self,
        request: AnyRequest,
        status: FromQuery[BookingStatus | None] = None,
        page: FromQuery[int] = 1,
    ) -> Template:
        """Bookings, newest first, filtered by status."""
        user = current_user(request)
        page = max(1, page)
        items, total = await list_bookings(
            status=status,
            visible_to=None if user.is_admin else user.username,
            limit=PAGE_SIZE,
            offset=(page - 1) * PAGE_SIZE,
        )
        context = {
            "bookings": items,
            "total": total,
            "page": page,
            "page_size": PAGE_SIZE,
            "status": status,
            "statuses": STATUSES,
            "next_due": next_due,
            **FORMATTERS,
        }
        return Template("bookings/list.html", context=context)

    @get("/{booking_id:int}")
    async def detail(self, request: AnyRequest, hub: HubDep, booking_id: FromPath[int]) -> Template:
        """One booking: offer, travellers, status, claim number and payments."""
        booking = await _visible_booking(hub, current_user(request), booking_id)
        return Template("bookings/detail.html", context=_detail(booking))

    @post("/{booking_id:int}/status", status_code=200)
    async def status(
        self,
        request: AnyRequest,
        hub: HubDep,
        booking_id: FromPath[int],
        data: Annotated[StatusForm, Form],
    ) -> Template:
        """Move the booking to another status (forward, or cancelled)."""
        user = current_user(request)
        booking = await _visible_booking(hub, user, booking_id)
        try:
            booking = await hub.bookings.set_status(booking.id, data.status, actor=user.actor)
        except InvalidTransition as exc:
            return _section(booking, status_error=exc.detail)
        return _section(booking, saved="status")

    @post("/{booking_id:int}/claim", status_code=200)
    async def claim(
        self,
        request: AnyRequest,
        hub: HubDep,
        booking_id: FromPath[int],
        data: Annotated[ClaimForm, Form],
    ) -> Template:
        """Record the operator's claim number."""
        user = current_user(request)
        booking = await _visible_booking(hub, user, booking_id)
        try:
            booking = await hub.bookings.set_claim_number(
                booking.id, data.claim_number, actor=user.actor
            )
        except InvalidValue as exc:
            return _section(booking, claim_error=exc.detail)
        return _section(booking, saved="claim")

    @post("/{booking_id:int}/payments", status_code=200)
    async def payment(
        self,
        request: AnyRequest,
        hub: HubDep,
        booking_id: FromPath[int],
        data: Annotated[PaymentForm, Form],
    ) -> Template:
        """Add a payment that is due or was made."""
        user = current_user(request)
        booking = await _visible_booking(hub, user, booking_id)
        try:
            booking = await hub.bookings.add_payment(booking.id, data.payment(), actor=user.actor)
        except InvalidValue as exc:
            return _section(booking, payment_error=exc.detail, payment_form=data)
        return _section(booking, saved="payment")


def _section(booking: Booking, **extra: object) -> Template:
    """The editable part of the booking page (HTMX swaps it in place).

    Errors answer 200 too: HTMX swaps only successful answers and the message is inline.
    """
    return Template("bookings/_manage.html", context=_detail(booking, **extra))
