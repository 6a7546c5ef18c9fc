"""The bookings list and page through HTTP: visibility, status, claim number, payments."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest
from dashboard_http import Clients, dashboard_clients

from crystalbay.domain.bookings import BookingStatus, Traveller
from crystalbay.services.leads import LeadDraft
from crystalbay.testing import make_offer
from crystalbay_web.pages.bookings import allowed_statuses

if TYPE_CHECKING:
    from collections.abc import AsyncIterator

    from crystalbay.domain.bookings import Booking
    from crystalbay.hub import Hub


@pytest.fixture(name="clients")
async def fx_clients(hub: Hub) -> AsyncIterator[Clients]:
    async with dashboard_clients(hub) as clients:
        yield clients


async def _booking(hub: Hub, *, assignee: str | None = None, hotel: str = "Sunrise") -> Booking:
    lead = await hub.leads.create(
        LeadDraft(title="Trip", source="telegram", assignee=assignee), actor="system"
    )
    offer = make_offer(hotel=hotel, price=1450.55, sandbox=hotel == "Sandbox Inn")
    travellers = (Traveller(name="Anna Petrova", passport="N1234567"),)
    return await hub.bookings.request(lead.id, offer, travellers, actor="user:dana")


def test_only_forward_moves_and_cancelling_are_offered() -> None:
    S = BookingStatus  # noqa: N806
    assert allowed_statuses(S.REQUESTED) == tuple(S)
    assert allowed_statuses(S.CONFIRMED) == (S.CONFIRMED, S.PAID, S.CANCELLED)
    assert allowed_statuses(S.CANCELLED) == (S.CANCELLED,)


async def test_managers_see_their_own_and_unassigned_bookings(hub: Hub, clients: Clients) -> None:
    free = await _booking(hub, hotel="Free Hotel")
    mine = await _booking(hub, assignee="dana", hotel="Dana Hotel")
    other = await _booking(hub, assignee="erik", hotel="Erik Hotel")

    listed = (await clients.manager.get("/bookings")).text
    assert "Free Hotel" in listed
    assert "Dana Hotel" in listed
    assert "Erik Hotel" not in listed
    assert "Erik Hotel" in (await clients.admin.get("/bookings")).text
    assert (await clients.manager.get(f"/bookings/{other.id}")).status_code == 404
    assert (await clients.manager.get(f"/bookings/{mine.id}")).status_code == 200
    refused = await clients.manager.post(f"/bookings/{other.id}/claim", data={"claim_number": "1"})
    assert refused.status_code == 404
    await hub.bookings.set_status(free.id, BookingStatus.CONFIRMED, actor="system")
    confirmed = (await clients.admin.get("/bookings", params={"status": "confirmed"})).text
    assert "Free Hotel" in confirmed
    assert "Dana Hotel" not in confirmed


async def test_the_page_shows_the_offer_travellers_and_payments(hub: Hub, clients: Clients) -> None:
    booking = await _booking(hub, hotel="Sandbox Inn")
    page = await clients.manager.get(f"/bookings/{booking.id}")
    html = page.text
    assert "1450.55 USD" in html
    assert "Anna Petrova" in html
    assert "N1234567" in html
    assert 'data-testid="sandbox-note"' in html
    assert f'href="/leads/{booking.lead_id}"' in html


async def test_status_claim_number_and_payments_change(hub: Hub, clients: Clients) -> None:
    booking = await _booking(hub)
    url = f"/bookings/{booking.id}"
    moved = await clients.manager.post(f"{url}/status", data={"status": "confirmed"})
    assert 'data-testid="status-saved"' in moved.text
    back = await clients.manager.post(f"{url}/status", data={"status": "requested"})
    assert 'data-testid="status-error"' in back.text
    claim = await clients.manager.post(f"{url}/claim", data={"claim_number": " SAMO-778812 "})
    assert 'value="SAMO-778812"' in claim.text
    empty = await clients.manager.post(f"{url}/claim", data={"claim_number": ""})
    assert 'data-testid="claim-error"' in empty.text
    due = await clients.manager.post(
        f"{url}/payments", data={"amount": "500,25", "currency": "usd", "due_date": "2030-01-15"}
    )
    assert 'data-testid="payment-saved"' in due.text
    assert "15.01.2030" in due.text
    paid = await clients.manager.post(
        f"{url}/payments", data={"amount": "200", "currency": "USD", "paid": "1"}
    )
    assert "200 USD" in paid.text
    wrong = await clients.manager.post(
        f"{url}/payments", data={"amount": "lots", "currency": "USD"}
    )
    assert 'data-testid="payment-error"' in wrong.text
    assert 'value="lots"' in wrong.text

    stored = await hub.bookings.get(booking.id)
    assert (stored.status, stored.claim_number) == (BookingStatus.CONFIRMED, "SAMO-778812")
    assert [(p.amount, p.currency, p.paid_at is not None) for p in stored.payments] == [
        (500.25, "USD", False),
        (200.0, "USD", True),
    ]
    listed = (await clients.manager.get("/bookings")).text
    assert "15.01.2030: 500.25 USD" in listed
    actions = [e.action for e in await hub.leads.activity(booking.lead_id)]
    assert {"booking_status", "booking_claim", "booking_payment"} <= set(actions)
