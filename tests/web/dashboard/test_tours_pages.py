"""The tour search page and the lead page's tour slot, through HTTP (no browser)."""

from __future__ import annotations

import contextlib
from datetime import UTC, date, datetime, timedelta
from typing import TYPE_CHECKING

import pytest
from dashboard_http import Clients, dashboard_clients

from crystalbay.domain.leads import Budget, TripBrief
from crystalbay.domain.tours import DictionaryItem
from crystalbay.ports import DictionaryKind
from crystalbay.services.leads import LeadDraft
from crystalbay.services.shortlists import shortlist_text
from crystalbay.testing import make_offer

if TYPE_CHECKING:
    from collections.abc import AsyncIterator, Callable
    from types import SimpleNamespace

    from crystalbay.domain.leads import Lead
    from crystalbay.domain.tours import TourOffer
    from crystalbay.hub import Hub

START = datetime.now(UTC).date() + timedelta(days=30)
K = DictionaryKind


def _offers() -> list[TourOffer]:
    # Providers page their own results; the hub sorts each page it gets.
    offers = [make_offer(provider="fake", hotel="Demo Palace", price=999.5, sandbox=True)]
    offers += [
        make_offer(
            provider="fake",
            hotel=f"Hotel {n:02d}",
            price=1000.0 + n * 10.5,
            check_in=START + timedelta(days=n % 5),
            stars=4 + n % 2,
        )
        for n in range(24)
    ]
    return offers


DICTIONARIES = {
    K.COUNTRIES: [
        DictionaryItem(key="47", name="Vietnam", parent="Almaty"),
        DictionaryItem(key="4", name="Turkey", parent="Almaty"),
    ],
    K.RESORTS: [DictionaryItem(key="1600", name="Nha Trang", parent="Vietnam")],
    K.MEALS: [DictionaryItem(key="2", name="Bed & breakfast", parent="Vietnam")],
    K.STARS: [
        DictionaryItem(key="404", name="4*", parent="Vietnam"),
        DictionaryItem(key="405", name="5*", parent="Vietnam"),
        DictionaryItem(key="409", name="Villa", parent="Vietnam"),
    ],
}
SEARCH = {
    "departure_city": "Almaty",
    "country": "Vietnam",
    "date_from": START.isoformat(),
    "date_to": (START + timedelta(days=7)).isoformat(),
    "nights": "7",
}


@pytest.fixture(name="setup")
async def fx_setup(
    fakes: SimpleNamespace,
    hub_factory: Callable[..., contextlib.AbstractAsyncContextManager[Hub]],
) -> AsyncIterator[tuple[Hub, Clients]]:
    fakes.tours.offers = _offers()
    fakes.tours.dictionaries.update(DICTIONARIES)
    async with hub_factory() as hub, dashboard_clients(hub) as clients:
        yield hub, clients


# -- /tours -----------------------------------------------------------------------------------


async def test_the_form_is_fed_by_the_dictionaries(setup: tuple[Hub, Clients]) -> None:
    _, clients = setup
    page = await clients.manager.get("/tours")
    assert page.status_code == 200
    assert '<option value="Almaty">Almaty</option>' in page.text
    assert 'data-testid="search-hint"' in page.text

    countries = await clients.manager.get("/tours/countries", params={"departure_city": "Almaty"})
    assert '<option value="Vietnam">Vietnam</option>' in countries.text
    assert '<option value="Turkey">Turkey</option>' in countries.text

    options = await clients.manager.get("/tours/country-options", params={"country": "Vietnam"})
    assert 'name="resorts" value="Nha Trang"' in options.text
    assert 'name="meals" value="Bed &amp; breakfast"' in options.text
    assert 'name="stars" value="4"' in options.text
    assert 'name="stars" value="5"' in options.text
    assert "Villa" not in options.text  # no category a search could use


async def test_search_sorts_pages_and_labels_sandbox_offers(setup: tuple[Hub, Clients]) -> None:
    _, clients = setup
    page = await clients.manager.get("/tours", params=SEARCH)
    html = page.text
    assert html.count('data-testid="offer"') == 20
    assert 'data-testid="sandbox-banner"' in html
    assert html.count('data-sandbox="1"') == 1
    assert html.index("Demo Palace") < html.index("Hotel 00")  # cheapest first
    assert 'data-testid="next-page"' in html
    assert '<option value="Vietnam" selected>' in html

    second = await clients.manager.get("/tours", params={**SEARCH, "page": "2"})
    assert second.text.count('data-testid="offer"') == 5
    assert 'data-testid="next-page"' not in second.text

    dear = await clients.manager.get(
        "/tours", params={**SEARCH, "sort": "price", "descending": "1"}
    )
    assert dear.text.index("Hotel 18") < dear.text.index("Hotel 17")
    assert dear.text.index("Hotel 00") < dear.text.index("Demo Palace")


async def test_htmx_gets_only_the_results(setup: tuple[Hub, Clients]) -> None:
    _, clients = setup
    headers = {"HX-Request": "true", "HX-Target": "tour-results"}
    partial = await clients.manager.get("/tours", params=SEARCH, headers=headers)
    assert "<html" not in partial.text
    assert 'data-testid="offers"' in partial.text


async def test_invalid_input_is_explained(setup: tuple[Hub, Clients]) -> None:
    _, clients = setup
    page = await clients.manager.get("/tours", params={**SEARCH, "nights": "10-7"})
    assert 'data-testid="search-error"' in page.text
    assert "ends before it starts" in page.text
    dates = await clients.manager.get("/tours", params={**SEARCH, "date_from": "soon"})
    assert "YYYY-MM-DD" in dates.text
    unknown = await clients.manager.get("/tours", params={**SEARCH, "departure_city": "Paris"})
    assert "Unknown departure city" in unknown.text


# -- the lead slot ----------------------------------------------------------------------------


async def _lead(hub: Hub, assignee: str | None = None) -> Lead:
    brief = TripBrief(
        departure_city="Almaty",
        country="Vietnam",
        date_from=START,
        date_to=START + timedelta(days=7),
        nights_min=7,
        nights_max=7,
        adults=2,
        budget=Budget(amount=1100, currency="USD"),
    )
    draft = LeadDraft(title="Vietnam", source="telegram", brief=brief, assignee=assignee)
    return await hub.leads.create(draft, actor="system")


async def test_the_slot_searches_the_brief_and_shortlists_offers(
    setup: tuple[Hub, Clients], fakes: SimpleNamespace
) -> None:
    hub, clients = setup
    lead = await _lead(hub)
    page = await clients.manager.get(f"/leads/{lead.id}")
    assert f'hx-get="/leads/{lead.id}/tours/"' in page.text

    panel = await clients.manager.get(f"/leads/{lead.id}/tours/", headers={"HX-Request": "true"})
    assert panel.status_code == 200
    assert '<option value="Vietnam" selected>' in panel.text
    assert 'name="budget" value="1100"' in panel.text
    assert panel.text.count('data-testid="shortlist-add"') == 11  # within the budget
    query = {**SEARCH, "budget": "1100"}
    added = await clients.manager.post(
        f"/leads/{lead.id}/tours/shortlist",
        params=query,
        data={"offer": "fake:" + _id(fakes, "Hotel 03")},
    )
    assert 'data-testid="shortlist-item"' in added.text
    assert "Hotel 03" in added.text
    forged = await clients.manager.post(
        f"/leads/{lead.id}/tours/shortlist", params=query, data={"offer": "fake:made-up"}
    )
    assert 'data-testid="shortlist-error"' in forged.text
    [item] = await _shortlist(hub, lead)
    offer = next(o for o in fakes.tours.offers if o.hotel == "Hotel 03")
    assert item.offer == offer
    assert "shortlist_added" in [e.action for e in await hub.leads.activity(lead.id)]


def _id(fakes: SimpleNamespace, hotel: str) -> str:
    return next(o.offer_id for o in fakes.tours.offers if o.hotel == hotel)


async def _shortlist(hub: Hub, lead: Lead) -> list:  # type: ignore[type-arg]
    from crystalbay.services.shortlists import ShortlistService  # noqa: PLC0415

    return await ShortlistService(hub.db, hub.conversations).list(lead.id)


async def test_the_shortlist_is_sent_and_booked(
    setup: tuple[Hub, Clients], fakes: SimpleNamespace
) -> None:
    hub, clients = setup
    lead = await _lead(hub)
    contact = await hub.contacts.resolve(hub.contacts.normalized(phones=["+77015551234"]))
    assert contact.id is not None
    conversation = await hub.conversations.open(
        lead.id, "fake", "77015551234", contact_id=contact.id
    )
    for hotel in ("Hotel 01", "Hotel 02"):
        await clients.manager.post(
            f"/leads/{lead.id}/tours/shortlist",
            params=SEARCH,
            data={"offer": "fake:" + _id(fakes, hotel)},
        )
    sent = await clients.manager.post(
        f"/leads/{lead.id}/tours/shortlist/send",
        data={"conversation_id": str(conversation.id), "lang": "en"},
    )
    assert 'data-testid="shortlist-notice"' in sent.text
    [message] = await hub.conversations.lead_messages(lead.id)
    items = await _shortlist(hub, lead)
    assert message.text == shortlist_text([i.offer for i in items], "en")
    assert message.author == "user:dana"

    bad = await clients.manager.post(
        f"/leads/{lead.id}/tours/shortlist/{items[0].id}/book",
        data={"travellers": "Anna Petrova; 31.02.1990"},
    )
    assert 'data-testid="shortlist-error"' in bad.text
    booked = await clients.manager.post(
        f"/leads/{lead.id}/tours/shortlist/{items[0].id}/book",
        data={"travellers": "Anna Petrova; 01.05.1990; N1234567\nIvan Petrov"},
        headers={"HX-Request": "true"},
    )
    target = booked.headers["hx-redirect"]
    booking = await hub.bookings.get(int(target.rsplit("/", 1)[1]))
    assert booking.offer == items[0].offer
    assert [t.name for t in booking.travellers] == ["Anna Petrova", "Ivan Petrov"]
    assert booking.travellers[0].birth_date == date(1990, 5, 1)


async def test_another_managers_lead_has_no_slot(setup: tuple[Hub, Clients]) -> None:
    hub, clients = setup
    lead = await _lead(hub, assignee="erik")
    assert (await clients.manager.get(f"/leads/{lead.id}/tours/")).status_code == 404
    assert (await clients.admin.get(f"/leads/{lead.id}/tours/")).status_code == 200
    refused = await clients.manager.post(
        f"/leads/{lead.id}/tours/shortlist", params=SEARCH, data={"offer": "fake:x"}
    )
    assert refused.status_code == 404


async def test_the_slot_names_missing_brief_fields_in_the_managers_language(
    setup: tuple[Hub, Clients],
) -> None:
    hub, clients = setup
    draft = LeadDraft(title="?", source="telegram", brief=TripBrief(country="Vietnam"))
    lead = await hub.leads.create(draft, actor="system")
    url = f"/leads/{lead.id}/tours/"
    ru = await clients.manager.get(url, headers={"HX-Request": "true"})
    assert "Дата заезда, Ночей, Взрослых, Вылет из" in ru.text
    en = await clients.manager.get(url, params={"lang": "en"}, headers={"HX-Request": "true"})
    assert "Check-in date, Nights" in en.text
    assert "date_from" not in en.text.split('data-testid="brief-missing"')[1].split("</p>")[0]
