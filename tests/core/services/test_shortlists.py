"""ShortlistService and migration m0004 on SQLite and PostgreSQL."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

import pytest

from crystalbay.domain.contacts import ChannelIdentity
from crystalbay.errors import InvalidValue, NotFound
from crystalbay.services.leads import LeadDraft
from crystalbay.services.shortlists import (
    MAX_SHORTLIST,
    ShortlistService,
    format_price,
    shortlist_text,
)
from crystalbay.storage.shortlists import ShortlistRow
from crystalbay.testing import make_offer

if TYPE_CHECKING:
    from crystalbay.domain.leads import Lead
    from crystalbay.hub import Hub


@pytest.fixture(name="shortlists")
async def fx_shortlists(hub: Hub) -> ShortlistService:
    # Not in ALL_TABLES yet, so the PostgreSQL truncation between tests misses it.
    await ShortlistRow.delete(force=True)
    return ShortlistService(hub.db, hub.conversations)


async def _lead(hub: Hub) -> Lead:
    return await hub.leads.create(LeadDraft(title="Vietnam", source="telegram"), actor="system")


def test_prices_are_never_rounded() -> None:
    assert [format_price(p) for p in (1450.0, 1450.5, 683210.37, 99.999)] == [
        "1450",
        "1450.50",
        "683210.37",
        "99.999",
    ]


def test_the_text_lists_every_offer_with_the_providers_values() -> None:
    first = make_offer(
        hotel="Sunrise", stars=5, price=1450.55, check_in=date(2026, 3, 1), child_ages=(4, 11)
    )
    second = make_offer(
        hotel="Sea Pearl",
        stars=None,
        price=900.0,
        converted_price=416250.0,
        converted_currency="KZT",
        departure_city="Almaty",
    )
    text = shortlist_text([first, second], "en")
    assert text.startswith("Here are the options we picked for you:")
    assert "1. Sunrise 5*, Nha Trang, Vietnam" in text
    assert "check-in 01.03.2026, 7 nights, 2 adults, children (4, 11)" in text
    assert "price: 1450.55 USD" in text
    assert "2. Sea Pearl, Nha Trang" in text
    assert "price: 900 USD (416250 KZT)" in text
    assert ", from Almaty" in text
    assert "room: Deluxe Ocean View; meal: BB" in text
    assert "Подобрали для вас варианты" in shortlist_text([first], "ru")


async def test_add_is_idempotent_logged_and_keeps_the_offer_exactly(
    hub: Hub, shortlists: ShortlistService
) -> None:
    lead = await _lead(hub)
    offer = make_offer(price=1450.55, sandbox=True, few_seats=True)

    first = await shortlists.add(lead.id, offer, actor="user:dana")
    again = await shortlists.add(lead.id, offer, actor="user:dana")
    other = await shortlists.add(lead.id, make_offer(), actor="user:dana")

    assert first.id == again.id
    assert first.offer == offer
    assert [item.id for item in await shortlists.list(lead.id)] == [first.id, other.id]
    actions = [e.action for e in await hub.leads.activity(lead.id)]
    assert actions.count("shortlist_added") == 2

    await shortlists.remove(lead.id, first.id, actor="user:dana")
    assert [item.id for item in await shortlists.list(lead.id)] == [other.id]
    with pytest.raises(NotFound):
        await shortlists.remove(lead.id, first.id, actor="user:dana")
    with pytest.raises(NotFound):
        await shortlists.add(404, offer, actor="user:dana")


async def test_a_shortlist_is_bounded(hub: Hub, shortlists: ShortlistService) -> None:
    lead = await _lead(hub)
    for _ in range(MAX_SHORTLIST):
        await shortlists.add(lead.id, make_offer(), actor="system")
    with pytest.raises(InvalidValue):
        await shortlists.add(lead.id, make_offer(), actor="system")


async def test_send_replies_in_the_leads_conversation(
    hub: Hub, shortlists: ShortlistService
) -> None:
    lead = await _lead(hub)
    contact = await hub.contacts.resolve(
        hub.contacts.normalized(identities=[ChannelIdentity(channel="telegram", address="77")])
    )
    assert contact.id is not None
    conversation = await hub.conversations.open(lead.id, "telegram", "77", contact_id=contact.id)
    with pytest.raises(InvalidValue):
        await shortlists.send(lead.id, conversation.id, actor="user:dana")
    offers = [make_offer(price=1000.0), make_offer(price=1200.5)]
    for offer in offers:
        await shortlists.add(lead.id, offer, actor="user:dana")

    message = await shortlists.send(lead.id, conversation.id, actor="user:dana", lang="en")

    assert message.text == shortlist_text(offers, "en")
    assert message.author == "user:dana"
    stored = await hub.conversations.lead_messages(lead.id)
    assert [m.text for m in stored] == [message.text]
    assert "shortlist_sent" in [e.action for e in await hub.leads.activity(lead.id)]
    with pytest.raises(NotFound):
        await shortlists.send(lead.id, conversation.id + 100, actor="user:dana")
