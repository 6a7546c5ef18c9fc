"""The analytics' queries (Piccolo; the same SQL shape on SQLite and PostgreSQL).

Counting happens in the database. The funnel and response times need an ordered walk and
revenue needs exact prices, so those queries return narrow projections (ids, stages,
timestamps, prices) that :mod:`crystalbay.services.analytics_calc` and the service fold in
one pass.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import msgspec
from piccolo.query.functions.aggregate import Count

from crystalbay.domain.activity import FieldChange
from crystalbay.domain.bookings import BookingStatus
from crystalbay.domain.messages import DeliveryStatus, Direction
from crystalbay.domain.pipeline import Outcome, Stage
from crystalbay.services.analytics_calc import MessageEvent
from crystalbay.storage.repositories._common import as_utc
from crystalbay.storage.tables import Activity, BookingRow, LeadRow, MessageRow

if TYPE_CHECKING:
    from collections.abc import Iterator
    from datetime import datetime

__all__ = ["AnalyticsQueries"]


class _PricedOffer(msgspec.Struct, frozen=True):
    """The two fields of an offer snapshot that revenue needs."""

    price: float
    currency: str


_changes = msgspec.json.Decoder(tuple[FieldChange, ...])
_offer = msgspec.json.Decoder(_PricedOffer)
_STAGE_KEYS = frozenset(stage.value for stage in Stage)


class AnalyticsQueries:
    """Read-only queries over leads, activity, messages and bookings in ``[start, end)``."""

    def __init__(self, start: datetime, end: datetime) -> None:
        self.start = start
        self.end = end

    def _created(self, column: Any) -> Any:  # noqa: ANN401 - Piccolo's Where is untyped
        return (column >= self.start) & (column < self.end)

    async def leads_by(self, column: Any) -> dict[str, int]:  # noqa: ANN401 - a LeadRow column
        """Leads created in the range, counted by ``column`` (``source`` or ``stage``)."""
        rows = (
            await LeadRow.select(column.as_alias("key"), Count(alias="total"))
            .where(self._created(LeadRow.created_at))
            .group_by(column)
        )
        return {str(row["key"]): int(row["total"]) for row in rows}

    async def cohort_stages(self) -> dict[int, Stage]:
        """Current stage of each lead created in the range."""
        rows = await LeadRow.select(LeadRow.id, LeadRow.stage).where(
            self._created(LeadRow.created_at)
        )
        return {row["id"]: Stage(row["stage"]) for row in rows}

    async def visited_stages(self) -> list[tuple[int, Stage]]:
        """``(lead, stage)`` for every stage named in the stage changes of the range's leads."""
        cohort = LeadRow.select(LeadRow.id).where(self._created(LeadRow.created_at))
        rows = await Activity.select(Activity.lead_id, Activity.changes).where(
            (Activity.action == "stage_changed") & Activity.lead_id.is_in(cohort)
        )
        return [(row["lead_id"], stage) for row in rows for stage in _stages(row["changes"])]

    async def message_events(self) -> list[MessageEvent]:
        """Messages (up to the range's end) of conversations with a message in the range."""
        active = (
            MessageRow.select(MessageRow.conversation_id)
            .where(self._created(MessageRow.created_at) & MessageRow.conversation_id.is_not_null())
            .distinct()
        )
        rows = (
            await MessageRow.select(
                MessageRow.conversation_id,
                MessageRow.direction,
                MessageRow.author,
                MessageRow.status,
                MessageRow.created_at,
            )
            .where(MessageRow.conversation_id.is_in(active) & (MessageRow.created_at < self.end))
            .order_by(MessageRow.conversation_id)
            .order_by(MessageRow.created_at)
            .order_by(MessageRow.id)
        )
        return [
            MessageEvent(
                conversation_id=row["conversation_id"],
                inbound=row["direction"] == Direction.INBOUND.value,
                author=row["author"] or None,
                failed=row["status"] == DeliveryStatus.FAILED.value,
                created_at=as_utc(row["created_at"]),
            )
            for row in rows
        ]

    async def won_bookings(self) -> list[tuple[datetime, float, str]]:
        """``(created_at, price, currency)`` of the range's bookings of won leads, not cancelled.

        The price comes from the offer snapshot: the ``price`` column is a 4-byte ``REAL`` on
        PostgreSQL and would lose cents on large amounts.
        """
        won = LeadRow.select(LeadRow.id).where(LeadRow.outcome == Outcome.WON.value)
        rows = await BookingRow.select(BookingRow.created_at, BookingRow.offer).where(
            self._created(BookingRow.created_at)
            & (BookingRow.status != BookingStatus.CANCELLED.value)
            & BookingRow.lead_id.is_in(won)
        )
        result = []
        for row in rows:
            offer = _offer.decode(row["offer"])
            result.append((as_utc(row["created_at"]), offer.price, offer.currency))
        return result


def _stages(raw: str) -> Iterator[Stage]:
    for change in _changes.decode(raw):
        if change.field != "stage":
            continue
        for value in (change.before, change.after):
            if isinstance(value, str) and value in _STAGE_KEYS:
                yield Stage(value)
