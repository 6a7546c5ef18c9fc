"""The lead shortlist: offers a manager picked for a customer (table and repository).

The offer is stored exactly as the provider returned it (a JSON snapshot), so the text sent
to the customer and a later booking use the same values. ``offer_key`` (``provider:offer_id``)
is unique per lead: adding an offer twice keeps one entry.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

import msgspec

from crystalbay.domain.tours import TourOffer
from crystalbay.errors import NotFound
from crystalbay.storage.repositories._common import as_utc, dumps, utcnow
from crystalbay.storage.tables import ShortlistRow

__all__ = ["ShortlistItem", "ShortlistRepository", "ShortlistRow", "offer_key"]

_offer = msgspec.json.Decoder(TourOffer)


class ShortlistItem(msgspec.Struct, frozen=True, kw_only=True):
    """An offer on a shortlist, who added it and when."""

    id: int
    lead_id: int
    offer: TourOffer
    added_by: str
    created_at: datetime


def offer_key(offer: TourOffer) -> str:
    """``provider:offer_id``: how an offer is recognised on a shortlist."""
    return f"{offer.provider}:{offer.offer_id}"[:200]


class ShortlistRepository:
    """The only code that queries the shortlist table."""

    async def list(self, lead_id: int) -> list[ShortlistItem]:
        """The lead's shortlist in the order the offers were added."""
        rows = (
            await ShortlistRow.select()
            .where(ShortlistRow.lead_id == lead_id)
            .order_by(ShortlistRow.id)
        )
        return [_to_item(row) for row in rows]

    async def add(
        self, lead_id: int, offer: TourOffer, *, actor: str
    ) -> tuple[ShortlistItem, bool]:
        """Add ``offer`` unless it is there already; return the entry and whether it is new."""
        key = offer_key(offer)
        found = (
            await ShortlistRow.select()
            .where((ShortlistRow.lead_id == lead_id) & (ShortlistRow.offer_key == key))
            .first()
        )
        if found is not None:
            return _to_item(found), False
        rows = await ShortlistRow.insert(
            ShortlistRow(
                lead_id=lead_id,
                offer_key=key,
                offer=dumps(offer),
                added_by=actor,
                created_at=utcnow(),
            )
        ).returning(ShortlistRow.id)
        return await self.get(lead_id, rows[0]["id"]), True

    async def get(self, lead_id: int, item_id: int) -> ShortlistItem:
        """One entry of the lead's shortlist.

        Raises:
            NotFound: No such entry on this lead.
        """
        row = (
            await ShortlistRow.select()
            .where((ShortlistRow.lead_id == lead_id) & (ShortlistRow.id == item_id))
            .first()
        )
        if row is None:
            raise NotFound(
                f"offer {item_id} is not on the shortlist of lead {lead_id}", field="item"
            )
        return _to_item(row)

    async def remove(self, lead_id: int, item_id: int) -> None:
        """Take an entry off the lead's shortlist."""
        await ShortlistRow.delete().where(
            (ShortlistRow.lead_id == lead_id) & (ShortlistRow.id == item_id)
        )


def _to_item(row: dict[str, Any]) -> ShortlistItem:
    return ShortlistItem(
        id=row["id"],
        lead_id=row["lead_id"],
        offer=_offer.decode(row["offer"]),
        added_by=row["added_by"],
        created_at=as_utc(row["created_at"]),
    )
