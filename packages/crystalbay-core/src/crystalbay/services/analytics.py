"""Analytics for the dashboard: lead sources and stages, the funnel, response times, revenue.

Definitions (the dashboard and ``docs/dashboard-admin.md`` repeat them):

* **Cohort**: leads *created* in the date range. Sources, stages and the funnel count them.
* **By stage**: the cohort's *current* stage.
* **Funnel**: from the activity log. A lead reached a stage when it is there now or a
  ``stage_changed`` entry shows it there (before or after the move); it then counts for every
  earlier stage too. Conversion is ``reached(stage) / reached(previous stage)``.
* **Response times**: from messages. A wait starts with a customer message after an answer
  (or the conversation's first message) and ends with the next outbound message that has an
  author and did not fail; the time is credited to that author. The first wait of a
  conversation gives its *first response time*. Waits that start in the range count.
* **Won revenue**: bookings (not cancelled) of leads whose outcome is *won*, by the month the
  booking was created (UTC) and by currency; amounts in different currencies are never added.
"""

from __future__ import annotations

import math
from collections import defaultdict
from datetime import UTC, date, datetime, time, timedelta
from typing import TYPE_CHECKING

import msgspec

from crystalbay.domain.pipeline import STAGES
from crystalbay.errors import InvalidValue
from crystalbay.services.analytics_calc import FunnelStep, ResponseStats, funnel, response_stats
from crystalbay.services.analytics_queries import AnalyticsQueries
from crystalbay.storage.tables import LeadRow

if TYPE_CHECKING:
    from crystalbay.storage import Database

__all__ = [
    "AnalyticsReport",
    "AnalyticsService",
    "CountRow",
    "DateRange",
    "FunnelStep",
    "ResponseStats",
    "RevenueRow",
]

_MAX_DAYS = 3 * 366


class DateRange(msgspec.Struct, frozen=True, kw_only=True):
    """Calendar days ``start`` to ``end``, both included (UTC)."""

    start: date
    end: date

    def __post_init__(self) -> None:
        if self.end < self.start:
            msg = f"the range ends ({self.end}) before it starts ({self.start})"
            raise InvalidValue(msg, field="end")
        if (self.end - self.start).days > _MAX_DAYS:
            raise InvalidValue("choose a range of at most three years", field="start")

    @classmethod
    def last_days(cls, days: int, *, today: date | None = None) -> DateRange:
        """The ``days`` days up to and including ``today`` (UTC today by default)."""
        end = today or datetime.now(UTC).date()
        return cls(start=end - timedelta(days=days - 1), end=end)

    def bounds(self) -> tuple[datetime, datetime]:
        """``[start 00:00, day after end 00:00)`` in UTC."""
        start = datetime.combine(self.start, time(), tzinfo=UTC)
        return start, datetime.combine(self.end + timedelta(days=1), time(), tzinfo=UTC)


class CountRow(msgspec.Struct, frozen=True, kw_only=True):
    """A label and how many leads carry it."""

    key: str
    count: int


class RevenueRow(msgspec.Struct, frozen=True, kw_only=True):
    """Won revenue of one month in one currency."""

    month: str
    """``YYYY-MM``."""
    currency: str
    bookings: int
    revenue: float


class AnalyticsReport(msgspec.Struct, frozen=True, kw_only=True):
    """Every table of the analytics page for one range."""

    range: DateRange
    by_source: tuple[CountRow, ...]
    by_stage: tuple[CountRow, ...]
    funnel: tuple[FunnelStep, ...]
    response_times: tuple[ResponseStats, ...]
    revenue: tuple[RevenueRow, ...]


class AnalyticsService:
    """Computes the analytics over a date range (see the module docstring for definitions).

    Args:
        db: The database (its tables must be bound, i.e. the hub started).
    """

    def __init__(self, db: Database) -> None:
        self.db = db

    async def leads_by_source(self, period: DateRange) -> list[CountRow]:
        """Leads created in ``period`` by source, most first (ties by name)."""
        counts = await AnalyticsQueries(*period.bounds()).leads_by(LeadRow.source)
        ordered = sorted(counts.items(), key=lambda item: (-item[1], item[0]))
        return [CountRow(key=key, count=count) for key, count in ordered]

    async def leads_by_stage(self, period: DateRange) -> list[CountRow]:
        """Leads created in ``period`` by current stage, every stage in pipeline order."""
        counts = await AnalyticsQueries(*period.bounds()).leads_by(LeadRow.stage)
        return [CountRow(key=stage.value, count=counts.get(stage.value, 0)) for stage in STAGES]

    async def funnel(self, period: DateRange) -> list[FunnelStep]:
        """Stage-to-stage conversion of the leads created in ``period``."""
        queries = AnalyticsQueries(*period.bounds())
        return funnel(await queries.cohort_stages(), await queries.visited_stages())

    async def response_times(self, period: DateRange) -> list[ResponseStats]:
        """First-response and response times per author for waits starting in ``period``."""
        start, end = period.bounds()
        events = await AnalyticsQueries(start, end).message_events()
        return response_stats(events, start)

    async def won_revenue(self, period: DateRange) -> list[RevenueRow]:
        """Won revenue by month (UTC) and currency, oldest month first."""
        groups: dict[tuple[str, str], list[float]] = defaultdict(list)
        for created_at, price, currency in await AnalyticsQueries(*period.bounds()).won_bookings():
            groups[created_at.strftime("%Y-%m"), currency].append(price)
        return [
            RevenueRow(
                month=month,
                currency=currency,
                bookings=len(prices),
                revenue=round(math.fsum(prices), 2),
            )
            for (month, currency), prices in sorted(groups.items())
        ]

    async def report(self, period: DateRange) -> AnalyticsReport:
        """Every table for ``period``."""
        return AnalyticsReport(
            range=period,
            by_source=tuple(await self.leads_by_source(period)),
            by_stage=tuple(await self.leads_by_stage(period)),
            funnel=tuple(await self.funnel(period)),
            response_times=tuple(await self.response_times(period)),
            revenue=tuple(await self.won_revenue(period)),
        )
