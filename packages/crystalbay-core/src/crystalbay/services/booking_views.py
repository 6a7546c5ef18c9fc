"""The bookings list of the dashboard: filters by status and by who may see the lead.

:class:`~crystalbay.storage.repositories.BookingFilter` has no visibility filter, so this
read-side query adds one (managers see the bookings of their own and unassigned leads).
"""

from __future__ import annotations

from typing import Any

from crystalbay.domain.bookings import Booking, BookingStatus
from crystalbay.storage.repositories.bookings import _to_booking
from crystalbay.storage.tables import BookingRow, LeadRow

__all__ = ["list_bookings"]


async def list_bookings(
    *,
    status: BookingStatus | None = None,
    visible_to: str | None = None,
    limit: int = 50,
    offset: int = 0,
) -> tuple[list[Booking], int]:
    """Bookings, newest first, and the total count.

    Args:
        status: Only bookings in this status.
        visible_to: Only bookings of leads assigned to this user or to nobody.
        limit: Page size.
        offset: Rows to skip.
    """
    conditions: list[Any] = []
    if status is not None:
        conditions.append(BookingRow.status == status.value)
    if visible_to is not None:
        visible = LeadRow.select(LeadRow.id).where(
            (LeadRow.assignee == visible_to) | LeadRow.assignee.is_null()
        )
        conditions.append(BookingRow.lead_id.is_in(visible))
    where = None
    for condition in conditions:
        where = condition if where is None else where & condition
    count = BookingRow.count()
    select = BookingRow.select()
    if where is not None:
        count, select = count.where(where), select.where(where)
    rows = await select.order_by(BookingRow.id, ascending=False).limit(limit).offset(offset)
    return [_to_booking(row) for row in rows], await count
