"""BookingService: offer snapshots, the lead's stage, status rules, claim numbers, payments."""

from __future__ import annotations

import itertools
from datetime import UTC, date, datetime
from typing import TYPE_CHECKING

import pytest

from crystalbay.domain.bookings import BookingStatus, Payment, Traveller
from crystalbay.domain.contacts import ChannelIdentity
from crystalbay.domain.pipeline import Outcome, Stage
from crystalbay.errors import InvalidTransition, InvalidValue, NotFound
from crystalbay.events import BookingChanged, LeadStageChanged
from crystalbay.services.bookings import BOOKING_STAGE, check_status_move
from crystalbay.services.leads import LeadChanges, LeadDraft
from crystalbay.testing import EventRecorder, make_offer

if TYPE_CHECKING:
    from crystalbay.domain.bookings import Booking
    from crystalbay.domain.leads import Lead
    from crystalbay.hub import Hub

S = BookingStatus


async def _lead(hub: Hub, *, contact_id: int | None = None, stage: Stage = Stage.NEW) -> Lead:
    lead = await hub.leads.create(
        LeadDraft(title="Vietnam", source="telegram", contact_id=contact_id), actor="system"
    )
    for step in Stage:
        if Stage.NEW.position < step.position <= stage.position:
            lead = await hub.leads.change(lead.id, LeadChanges(stage=step), actor="system")
    return lead


async def _contact_id(hub: Hub, chat: str) -> int:
    details = hub.contacts.normalized(
        identities=[ChannelIdentity(channel="telegram", address=chat)]
    )
    contact = await hub.contacts.resolve(details)
    assert contact.id is not None
    return contact.id


# -- requesting -------------------------------------------------------------------------------


async def test_request_snapshots_the_offer_exactly_and_moves_the_lead(
    hub: Hub, recorder: EventRecorder
) -> None:
    lead = await _lead(hub)
    offer = make_offer(
        price=1450.55,
        child_ages=(4, 11),
        converted_price=683210.37,
        converted_currency="KZT",
        sandbox=True,
        few_seats=True,
        departure_city="ALMATY",
    )
    recorder.events.clear()

    booking = await hub.bookings.request(
        lead.id, offer, (Traveller(name="Anna Petrova"),), actor="telegram:555"
    )

    assert booking.offer == offer
    assert (await hub.bookings.get(booking.id)).offer == offer
    assert (booking.price, booking.currency) == (1450.55, "USD")
    assert (booking.status, booking.claim_number, booking.payments) == (S.REQUESTED, None, ())
    assert booking.travellers == (Traveller(name="Anna Petrova"),)
    assert booking.created_at.tzinfo is not None
    moved = await hub.leads.get(lead.id)
    assert (moved.stage, moved.version) == (BOOKING_STAGE, lead.version + 1)
    entries = await hub.leads.activity(lead.id)
    assert [(e.action, e.actor) for e in entries[-2:]] == [
        ("booking_requested", "telegram:555"),
        ("stage_changed", "telegram:555"),
    ]
    assert entries[-2].note is not None
    assert f"booking #{booking.id}" in entries[-2].note
    assert "Sunrise Nha Trang Beach Hotel" in entries[-2].note
    assert recorder.events == [
        LeadStageChanged(
            lead_id=lead.id, before=Stage.NEW, after=BOOKING_STAGE, actor="telegram:555"
        ),
        BookingChanged(booking_id=booking.id, lead_id=lead.id, status="requested"),
    ]


@pytest.mark.parametrize("stage", [Stage.ADD_ONS, Stage.PAID, BOOKING_STAGE])
async def test_a_lead_at_or_past_the_booking_stage_stays_where_it_is(
    hub: Hub, recorder: EventRecorder, stage: Stage
) -> None:
    lead = await _lead(hub, stage=stage)
    recorder.events.clear()

    booking = await hub.bookings.request(lead.id, make_offer(), actor="system")

    assert (await hub.leads.get(lead.id)).stage is stage
    assert recorder.events == [
        BookingChanged(booking_id=booking.id, lead_id=lead.id, status="requested")
    ]


async def test_a_lost_lead_gets_the_booking_but_does_not_move(hub: Hub) -> None:
    lead = await _lead(hub)
    lead = await hub.leads.change(
        lead.id, LeadChanges(outcome=Outcome.LOST, lost_reason="went elsewhere"), actor="system"
    )

    await hub.bookings.request(lead.id, make_offer(), actor="system")

    assert (await hub.leads.get(lead.id)).stage is Stage.NEW
    assert (await hub.bookings.list(lead_id=lead.id))[1] == 1


async def test_request_for_an_unknown_lead_writes_nothing(
    hub: Hub, recorder: EventRecorder
) -> None:
    with pytest.raises(NotFound):
        await hub.bookings.request(404, make_offer(), actor="system")
    with pytest.raises(InvalidValue):
        await hub.bookings.request((await _lead(hub)).id, make_offer(price=0.0), actor="system")
    assert await hub.bookings.list() == ([], 0)
    assert not [e for e in recorder.events if isinstance(e, BookingChanged)]


async def test_get_unknown_booking_is_not_found(hub: Hub) -> None:
    with pytest.raises(NotFound) as caught:
        await hub.bookings.get(77)
    assert caught.value.field == "booking_id"


# -- listing ----------------------------------------------------------------------------------


async def test_list_filters_by_lead_contact_and_status_newest_first(hub: Hub) -> None:
    anna, boris = await _contact_id(hub, "1"), await _contact_id(hub, "2")
    lead_a1 = await _lead(hub, contact_id=anna)
    lead_a2 = await _lead(hub, contact_id=anna)
    lead_b = await _lead(hub, contact_id=boris)
    first = await hub.bookings.request(lead_a1.id, make_offer(), actor="system")
    second = await hub.bookings.request(lead_a2.id, make_offer(), actor="system")
    third = await hub.bookings.request(lead_b.id, make_offer(), actor="system")
    await hub.bookings.set_status(second.id, S.CONFIRMED, actor="user:anna")

    def ids(found: tuple[list[Booking], int]) -> tuple[list[int], int]:
        return [b.id for b in found[0]], found[1]

    assert ids(await hub.bookings.list()) == ([third.id, second.id, first.id], 3)
    assert ids(await hub.bookings.list(contact_id=anna)) == ([second.id, first.id], 2)
    assert ids(await hub.bookings.list(lead_id=lead_b.id)) == ([third.id], 1)
    assert ids(await hub.bookings.list(status=S.CONFIRMED)) == ([second.id], 1)
    assert ids(await hub.bookings.list(contact_id=anna, status=S.REQUESTED)) == ([first.id], 1)
    assert ids(await hub.bookings.list(limit=1, offset=1)) == ([second.id], 3)
    assert ids(await hub.bookings.list(contact_id=999)) == ([], 0)


# -- progress ---------------------------------------------------------------------------------


async def test_status_moves_forward_is_logged_and_announced(
    hub: Hub, recorder: EventRecorder
) -> None:
    lead = await _lead(hub)
    booking = await hub.bookings.request(lead.id, make_offer(), actor="system")
    recorder.events.clear()

    sent = await hub.bookings.set_status(booking.id, S.SENT_TO_OPERATOR, actor="user:anna")
    again = await hub.bookings.set_status(booking.id, S.SENT_TO_OPERATOR, actor="user:anna")
    paid = await hub.bookings.set_status(booking.id, S.PAID, actor="user:anna")

    assert (sent.status, again.status, paid.status) == (S.SENT_TO_OPERATOR,) * 2 + (S.PAID,)
    assert paid.updated_at >= booking.updated_at
    assert recorder.events == [
        BookingChanged(booking_id=booking.id, lead_id=lead.id, status="sent_to_operator"),
        BookingChanged(booking_id=booking.id, lead_id=lead.id, status="paid"),
    ]
    logged = [e for e in await hub.leads.activity(lead.id) if e.action == "booking_status"]
    assert [(c.before, c.after) for e in logged for c in e.changes] == [
        ("requested", "sent_to_operator"),
        ("sent_to_operator", "paid"),
    ]


async def test_status_cannot_go_back_and_cancelled_is_final(hub: Hub) -> None:
    booking = await hub.bookings.request((await _lead(hub)).id, make_offer(), actor="system")
    await hub.bookings.set_status(booking.id, S.CONFIRMED, actor="user:anna")

    with pytest.raises(InvalidTransition):
        await hub.bookings.set_status(booking.id, S.REQUESTED, actor="user:anna")
    await hub.bookings.set_status(booking.id, S.CANCELLED, actor="user:anna")
    with pytest.raises(InvalidTransition):
        await hub.bookings.set_status(booking.id, S.PAID, actor="user:anna")
    assert (await hub.bookings.get(booking.id)).status is S.CANCELLED


@pytest.mark.parametrize(("current", "target"), list(itertools.product(S, S)))
def test_status_rules_table(current: BookingStatus, target: BookingStatus) -> None:
    order = [S.REQUESTED, S.SENT_TO_OPERATOR, S.CONFIRMED, S.PAID]
    allowed = (
        current == target
        or (current is not S.CANCELLED and target is S.CANCELLED)
        or (S.CANCELLED not in (current, target) and order.index(target) > order.index(current))
    )
    if allowed:
        check_status_move(current, target)
    else:
        with pytest.raises(InvalidTransition):
            check_status_move(current, target)


async def test_claim_number_is_trimmed_checked_and_announced(
    hub: Hub, recorder: EventRecorder
) -> None:
    booking = await hub.bookings.request((await _lead(hub)).id, make_offer(), actor="system")
    recorder.events.clear()

    for bad in ("", "   ", "x" * 65):
        with pytest.raises(InvalidValue) as caught:
            await hub.bookings.set_claim_number(booking.id, bad, actor="user:anna")
        assert caught.value.field == "claim_number"
    updated = await hub.bookings.set_claim_number(booking.id, " 12345-A ", actor="user:anna")
    await hub.bookings.set_claim_number(booking.id, "12345-A", actor="user:anna")

    assert updated.claim_number == "12345-A"
    assert (await hub.bookings.get(booking.id)).claim_number == "12345-A"
    assert len(recorder.events) == 1


async def test_payments_are_appended_in_order(hub: Hub) -> None:
    lead = await _lead(hub)
    booking = await hub.bookings.request(lead.id, make_offer(), actor="system")
    deposit = Payment(amount=500.0, currency="USD", due_date=date(2026, 9, 1))
    rest = Payment(amount=950.55, currency="USD", paid_at=datetime(2026, 9, 2, 10, 30, tzinfo=UTC))

    await hub.bookings.add_payment(booking.id, deposit, actor="user:anna")
    updated = await hub.bookings.add_payment(booking.id, rest, actor="user:anna")

    assert updated.payments == (deposit, rest)
    assert (await hub.bookings.get(booking.id)).payments == (deposit, rest)
    logged = [e for e in await hub.leads.activity(lead.id) if e.action == "booking_payment"]
    assert len(logged) == 2
    for bad in (Payment(amount=0.0, currency="USD"), Payment(amount=5.0, currency="dollars")):
        with pytest.raises(InvalidValue):
            await hub.bookings.add_payment(booking.id, bad, actor="user:anna")
    with pytest.raises(NotFound):
        await hub.bookings.add_payment(999, deposit, actor="user:anna")
