"""Leads and the trip brief the assistant extracts for them."""

from __future__ import annotations

from datetime import date, datetime

import msgspec

from crystalbay.domain.pipeline import Outcome, Stage

__all__ = ["Budget", "Lead", "TripBrief"]


class Budget(msgspec.Struct, frozen=True, kw_only=True):
    """An upper price the customer named."""

    amount: float
    currency: str = "USD"


class TripBrief(msgspec.Struct, frozen=True, kw_only=True, omit_defaults=True):
    """What the customer wants; every field is optional until the customer says it."""

    departure_city: str | None = None
    country: str | None = None
    resort: str | None = None
    date_from: date | None = None
    date_to: date | None = None
    nights_min: int | None = None
    nights_max: int | None = None
    adults: int | None = None
    child_ages: tuple[int, ...] = ()
    meal: str | None = None
    stars: int | None = None
    budget: Budget | None = None

    def missing(self) -> tuple[str, ...]:
        """Fields a tour search still needs, in the order a manager would ask for them."""
        wanted = (
            ("country", self.country),
            ("date_from", self.date_from),
            ("nights_min", self.nights_min),
            ("adults", self.adults),
            ("departure_city", self.departure_city),
        )
        return tuple(name for name, value in wanted if value is None)


class Lead(msgspec.Struct, frozen=True, kw_only=True):
    """A sales opportunity on the pipeline.

    Attributes:
        id: Database id.
        title: Short description shown on the card.
        contact_id: The person this lead belongs to.
        source: Where it came from: a channel name, ``api``, ``widget``, ``manual``.
        stage: Pipeline stage.
        outcome: Open, won or lost.
        lost_reason: Why it was lost (set with outcome ``lost``).
        tags: Free labels, sorted and unique.
        assignee: Username of the responsible manager.
        score: 0-100, how likely the lead is to buy.
        next_touch_at: When a manager should follow up.
        brief: The trip the customer wants.
        external_ids: Ids in external CRMs, by CRM name.
        version: Incremented on every change (optimistic concurrency).
    """

    id: int
    title: str
    contact_id: int | None
    source: str
    stage: Stage = Stage.NEW
    outcome: Outcome = Outcome.OPEN
    lost_reason: str | None = None
    tags: tuple[str, ...] = ()
    assignee: str | None = None
    score: int = 0
    next_touch_at: datetime | None = None
    brief: TripBrief = msgspec.field(default_factory=TripBrief)
    external_ids: dict[str, str] = msgspec.field(default_factory=dict)
    created_at: datetime
    updated_at: datetime
    version: int = 1
