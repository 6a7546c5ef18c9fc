"""AnalyticsService on SQLite and PostgreSQL: sources, stages, funnel, response times, revenue."""

from __future__ import annotations

import itertools
from datetime import UTC, date, datetime, timedelta
from typing import TYPE_CHECKING

import pytest

from crystalbay.domain.bookings import BookingStatus
from crystalbay.domain.messages import DeliveryStatus, Direction
from crystalbay.domain.pipeline import Outcome, Stage
from crystalbay.errors import InvalidValue
from crystalbay.services.analytics import AnalyticsService, CountRow, DateRange, RevenueRow
from crystalbay.services.leads import LeadChanges, LeadDraft
from crystalbay.storage.repositories import ConversationRepository
from crystalbay.storage.tables import BookingRow, LeadRow, MessageRow
from crystalbay.testing import make_offer

if TYPE_CHECKING:
    from crystalbay.domain.leads import Lead
    from crystalbay.hub import Hub

RANGE = DateRange(start=date(2026, 3, 1), end=date(2026, 3, 31))
IN_RANGE = datetime(2026, 3, 10, 9, 0, tzinfo=UTC)
_chats = itertools.count(1)


async def _lead(hub: Hub, source: str = "telegram", *, at: datetime = IN_RANGE) -> Lead:
    lead = await hub.leads.create(LeadDraft(title="Trip", source=source), actor="system")
    await LeadRow.update({LeadRow.created_at: at}).where(LeadRow.id == lead.id)
    return lead


async def _move(hub: Hub, lead: Lead, *stages: Stage) -> None:
    for stage in stages:
        await hub.leads.change(lead.id, LeadChanges(stage=stage), actor="user:dana")


# -- date range -------------------------------------------------------------------------------


def test_date_range_bounds_cover_whole_days_in_utc() -> None:
    start, end = RANGE.bounds()
    assert (start, end) == (
        datetime(2026, 3, 1, tzinfo=UTC),
        datetime(2026, 4, 1, tzinfo=UTC),
    )
    week = DateRange.last_days(7, today=date(2026, 3, 7))
    assert (week.start, week.end) == (date(2026, 3, 1), date(2026, 3, 7))


def test_date_range_rejects_backwards_and_huge_ranges() -> None:
    with pytest.raises(InvalidValue) as backwards:
        DateRange(start=date(2026, 3, 2), end=date(2026, 3, 1))
    assert backwards.value.field == "end"
    with pytest.raises(InvalidValue):
        DateRange(start=date(2020, 1, 1), end=date(2026, 1, 1))


# -- leads ------------------------------------------------------------------------------------


async def test_leads_by_source_and_stage_count_the_range_only(hub: Hub) -> None:
    service = AnalyticsService(hub.db)
    first = await _lead(hub, "telegram")
    await _lead(hub, "telegram", at=datetime(2026, 3, 31, 23, 59, tzinfo=UTC))
    await _lead(hub, "widget")
    await _lead(hub, "telegram", at=datetime(2026, 2, 28, 23, 59, tzinfo=UTC))  # before
    await _lead(hub, "email", at=datetime(2026, 4, 1, tzinfo=UTC))  # after
    await _move(hub, first, Stage.CONSULTATION)

    assert await service.leads_by_source(RANGE) == [
        CountRow(key="telegram", count=2),
        CountRow(key="widget", count=1),
    ]
    by_stage = {row.key: row.count for row in await service.leads_by_stage(RANGE)}
    assert list(by_stage) == [stage.value for stage in Stage]
    assert (by_stage["new"], by_stage["consultation"], by_stage["paid"]) == (2, 1, 0)


async def test_funnel_counts_the_furthest_stage_from_the_activity_log(hub: Hub) -> None:
    service = AnalyticsService(hub.db)
    moved_back, stayed, consulted = await _lead(hub), await _lead(hub), await _lead(hub)
    await _move(hub, moved_back, Stage.CONSULTATION, Stage.TOUR_SELECTION, Stage.CONSULTATION)
    await _move(hub, consulted, Stage.CONSULTATION)
    outside = await _lead(hub, at=datetime(2026, 5, 1, tzinfo=UTC))
    await _move(hub, outside, Stage.PAID)
    del stayed

    steps = {step.stage: step for step in await service.funnel(RANGE)}

    assert [steps[s].reached for s in Stage][:5] == [3, 2, 1, 0, 0]
    assert steps[Stage.NEW].conversion is None
    assert steps[Stage.CONSULTATION].conversion == pytest.approx(2 / 3)
    assert steps[Stage.TOUR_SELECTION].conversion == pytest.approx(0.5)
    assert steps[Stage.COMMERCIAL_OFFER].conversion == 0.0
    assert steps[Stage.ADD_ONS].conversion is None  # nobody reached the stage before


# -- response times ---------------------------------------------------------------------------


async def _conversation(hub: Hub, script: list[tuple[int, str, str | None]]) -> None:
    """Messages at ``IN_RANGE + seconds``: ``in``, ``out`` or ``failed`` with an author."""
    del hub
    repo = ConversationRepository()
    address = f"chat-{next(_chats)}"
    conversation = await repo.create(
        lead_id=1, contact_id=1, channel="telegram", chat_address=address
    )
    for seconds, kind, author in script:
        message = await repo.add_message(
            conversation_id=conversation.id,
            direction=Direction.INBOUND if kind == "in" else Direction.OUTBOUND,
            channel="telegram",
            text=kind,
            status={"in": DeliveryStatus.RECEIVED, "failed": DeliveryStatus.FAILED}.get(
                kind, DeliveryStatus.SENT
            ),
            author=author,
        )
        at = IN_RANGE + timedelta(seconds=seconds)
        await MessageRow.update({MessageRow.created_at: at}).where(MessageRow.id == message.id)


async def test_response_times_per_author(hub: Hub) -> None:
    await _conversation(
        hub,
        [
            (0, "in", None),
            (30, "in", None),  # same wait: it started at 0
            (120, "out", "user:dana"),  # first response: 120 s
            (600, "in", None),
            (660, "out", "user:erik"),  # 60 s
            (700, "out", "user:erik"),  # nothing was waiting
            (1000, "in", None),
            (1050, "failed", "user:dana"),  # never reached the customer
            (1060, "out", None),  # automated, no author
            (1100, "out", "user:dana"),  # 100 s
        ],
    )
    await _conversation(hub, [(0, "in", None), (40, "out", "user:erik")])

    stats = {s.author: s for s in await AnalyticsService(hub.db).response_times(RANGE)}

    assert set(stats) == {"user:dana", "user:erik"}
    dana, erik = stats["user:dana"], stats["user:erik"]
    assert (dana.first_responses, dana.first_response_avg, dana.first_response_median) == (
        1,
        120.0,
        120.0,
    )
    assert (dana.responses, dana.response_median) == (2, 110.0)
    assert (erik.first_responses, erik.first_response_avg) == (1, 40.0)
    assert (erik.responses, erik.response_median) == (2, 50.0)


async def test_a_conversation_answered_before_the_range_has_no_first_response_in_it(
    hub: Hub,
) -> None:
    before = -int(timedelta(days=20).total_seconds())
    await _conversation(
        hub, [(before, "in", None), (before + 10, "out", "user:dana"), (0, "in", None)]
    )
    await _conversation(hub, [(0, "in", None)])  # unanswered: no time at all
    await _conversation(hub, [(before, "in", None), (5, "out", "user:erik")])  # wait began before

    assert await AnalyticsService(hub.db).response_times(RANGE) == []

    await _conversation(hub, [(3600, "out", "user:dana")])  # answers nothing: ignored
    later = DateRange(start=date(2026, 3, 10), end=date(2026, 3, 10))
    stats = await AnalyticsService(hub.db).response_times(later)
    assert stats == []


# -- revenue ----------------------------------------------------------------------------------


async def _won_booking(hub: Hub, *, price: float, currency: str, at: datetime) -> int:
    lead = await _lead(hub)
    booking = await hub.bookings.request(
        lead.id, make_offer(price=price, currency=currency), actor="user:dana"
    )
    await _move(hub, lead, Stage.PAID)
    await hub.leads.change(lead.id, LeadChanges(outcome=Outcome.WON), actor="user:dana")
    await BookingRow.update({BookingRow.created_at: at}).where(BookingRow.id == booking.id)
    return booking.id


async def test_won_revenue_by_month_and_currency(hub: Hub) -> None:
    march, april = datetime(2026, 3, 31, 23, 30, tzinfo=UTC), datetime(2026, 4, 2, tzinfo=UTC)
    await _won_booking(hub, price=1000.25, currency="USD", at=march)
    await _won_booking(hub, price=500.0, currency="USD", at=IN_RANGE)
    await _won_booking(hub, price=683210.37, currency="KZT", at=april)  # cents survive
    cancelled = await _won_booking(hub, price=999.0, currency="USD", at=IN_RANGE)
    await hub.bookings.set_status(cancelled, BookingStatus.CANCELLED, actor="user:dana")
    await _won_booking(hub, price=1.0, currency="USD", at=datetime(2026, 6, 1, tzinfo=UTC))
    open_lead = await _lead(hub)
    await hub.bookings.request(open_lead.id, make_offer(price=700.0), actor="user:dana")

    period = DateRange(start=date(2026, 3, 1), end=date(2026, 4, 30))
    assert await AnalyticsService(hub.db).won_revenue(period) == [
        RevenueRow(month="2026-03", currency="USD", bookings=2, revenue=1500.25),
        RevenueRow(month="2026-04", currency="KZT", bookings=1, revenue=683210.37),
    ]


async def test_report_holds_every_table(hub: Hub) -> None:
    await _lead(hub, "widget")
    report = await AnalyticsService(hub.db).report(RANGE)
    assert report.range == RANGE
    assert report.by_source == (CountRow(key="widget", count=1),)
    assert len(report.by_stage) == len(report.funnel) == len(Stage)
    assert (report.response_times, report.revenue) == ((), ())
