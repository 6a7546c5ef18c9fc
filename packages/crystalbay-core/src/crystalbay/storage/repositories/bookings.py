"""Bookings: the chosen offer, travellers, status, claim number and payments of a lead."""

from __future__ import annotations

import builtins
import math
from collections.abc import Mapping
from typing import Any

import msgspec

from crystalbay.domain.bookings import Booking, BookingStatus, Payment, Traveller
from crystalbay.domain.tours import TourOffer
from crystalbay.errors import NotFound
from crystalbay.storage.repositories._common import as_utc, dumps, utcnow
from crystalbay.storage.tables import BookingRow, LeadRow

__all__ = ["BookingFilter", "BookingRepository"]

_COLUMNS = {column._meta.name: column for column in BookingRow._meta.columns}  # noqa: SLF001
_JSON_FIELDS = frozenset({"offer", "travellers", "payments"})


class BookingFilter(msgspec.Struct, frozen=True, kw_only=True):
    """List filters; ``None`` means "any"."""

    lead_id: int | None = None
    contact_id: int | None = None
    status: BookingStatus | None = None
    limit: int = 50
    offset: int = 0


class BookingRepository:
    """The only code that queries the bookings table."""

    async def insert(
        self, lead_id: int, offer: TourOffer, travellers: tuple[Traveller, ...]
    ) -> Booking:
        """Store a new booking request for ``offer``; return it."""
        now = utcnow()
        row = _to_row(
            {
                "lead_id": lead_id,
                "offer": offer,
                "travellers": travellers,
                "status": BookingStatus.REQUESTED,
                "price": offer.price,
                "currency": offer.currency,
                "payments": (),
                "created_at": now,
                "updated_at": now,
            }
        )
        result = await BookingRow.insert(BookingRow(**row)).returning(BookingRow.id)  # type: ignore[arg-type]
        return await self.get(result[0]["id"])

    async def get(self, booking_id: int) -> Booking:
        """Load a booking.

        Raises:
            NotFound: No such booking.
        """
        row = await BookingRow.select().where(BookingRow.id == booking_id).first()
        if row is None:
            raise NotFound(f"booking {booking_id} does not exist", field="booking_id")
        return _to_booking(row)

    async def update(self, booking_id: int, values: Mapping[str, object]) -> Booking:
        """Write ``values`` (fields as on :class:`Booking`) and bump ``updated_at``."""
        row = _to_row({**values, "updated_at": utcnow()})
        await BookingRow.update({_COLUMNS[k]: v for k, v in row.items()}).where(
            BookingRow.id == booking_id
        )
        return await self.get(booking_id)

    async def list(self, flt: BookingFilter) -> tuple[builtins.list[Booking], int]:
        """Bookings matching ``flt``, newest first, and the total count."""
        where = _where(flt)
        count_query = BookingRow.count()
        select = BookingRow.select()
        if where is not None:
            count_query = count_query.where(where)
            select = select.where(where)
        total = await count_query
        rows = (
            await select.order_by(BookingRow.id, ascending=False)
            .limit(flt.limit)
            .offset(flt.offset)
        )
        return [_to_booking(r) for r in rows], total


def _where(flt: BookingFilter) -> Any:  # noqa: ANN401 - Piccolo's Combinable is untyped
    conditions: list[Any] = []
    if flt.lead_id is not None:
        conditions.append(BookingRow.lead_id == flt.lead_id)
    if flt.status is not None:
        conditions.append(BookingRow.status == flt.status.value)
    if flt.contact_id is not None:
        # A sub-select: Piccolo refuses ``is_in([])`` when the contact has no lead.
        leads = LeadRow.select(LeadRow.id).where(LeadRow.contact_id == flt.contact_id)
        conditions.append(BookingRow.lead_id.is_in(leads))
    where = None
    for condition in conditions:
        where = condition if where is None else where & condition
    return where


def _to_row(values: Mapping[str, object]) -> dict[str, object]:
    row: dict[str, object] = {}
    for key, value in values.items():
        if key in _JSON_FIELDS:
            row[key] = dumps(list(value) if isinstance(value, tuple) else value)
        elif key == "status":
            row[key] = str(value)
        else:
            row[key] = value
    return row


def _to_booking(row: dict[str, Any]) -> Booking:
    offer = msgspec.json.decode(row["offer"], type=TourOffer)
    return Booking(
        id=row["id"],
        lead_id=row["lead_id"],
        offer=offer,
        travellers=msgspec.json.decode(row["travellers"], type=tuple[Traveller, ...]),
        status=BookingStatus(row["status"]),
        claim_number=row["claim_number"],
        price=_exact_price(row["price"], offer),
        currency=row["currency"],
        payments=msgspec.json.decode(row["payments"], type=tuple[Payment, ...]),
        created_at=as_utc(row["created_at"]),
        updated_at=as_utc(row["updated_at"]),
    )


def _exact_price(stored: float, offer: TourOffer) -> float:
    """The price as written.

    ``bookings.price`` is a ``REAL`` column, which PostgreSQL keeps as a 4-byte float
    (1450.55 reads back as 1450.550048828125). The price is always written from the offer
    snapshot, whose JSON keeps it exactly, so that value wins when the column agrees with it.
    """
    if math.isclose(stored, offer.price, rel_tol=1e-6):
        return offer.price
    return round(stored, 2)
