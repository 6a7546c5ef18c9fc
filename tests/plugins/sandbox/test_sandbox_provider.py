"""The sandbox provider: the demo catalogue in-process, flagged and filtered like a real one."""

from __future__ import annotations

from datetime import date, timedelta

import httpx
import msgspec
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from crystalbay.domain.tours import TourQuery
from crystalbay.errors import InvalidValue
from crystalbay.ports import DictionaryKind, TourProvider
from crystalbay_plugins.samo.catalogue import CATALOGUE
from crystalbay_plugins.samo.config import SamoConfig
from crystalbay_plugins.samo.provider import SamoTourProvider
from crystalbay_plugins.samo.testing import FakeSamo
from crystalbay_plugins.sandbox.provider import SandboxTourProvider

SANDBOX = SandboxTourProvider()
RESORTS = {
    "Vietnam": {"Nha Trang", "Phu Quoc", "Da Nang"},
    "Thailand": {"Phuket", "Pattaya", "Samui"},
    "Turkey": {"Antalya", "Alanya", "Kemer", "Belek"},
    "UAE": {"Dubai", "Sharjah", "Ras Al Khaimah"},
    "Egypt": {"Hurghada", "Sharm El Sheikh"},
}
START = date(2026, 10, 5)


def _query(**changes: object) -> TourQuery:
    base: dict[str, object] = {
        "departure_city": "Almaty",
        "country": "Turkey",
        "date_from": START,
        "date_to": START + timedelta(days=13),
        "nights_min": 7,
        "nights_max": 10,
    }
    return TourQuery(**{**base, **changes})  # type: ignore[arg-type]


def test_it_is_a_tour_provider_named_sandbox() -> None:
    assert isinstance(SANDBOX, TourProvider)
    assert SANDBOX.name == "sandbox"


async def test_every_offer_is_flagged_as_sandbox() -> None:
    page = await SANDBOX.search(_query())

    assert page.offers
    assert page.has_more
    assert all(o.sandbox and o.provider == "sandbox" for o in page.offers)
    assert all(o.resort in RESORTS["Turkey"] and o.currency == "EUR" for o in page.offers)
    assert all(o.converted_price is not None for o in page.offers)
    prices = [o.converted_price or 0.0 for o in page.offers]
    assert prices == sorted(prices)


@st.composite
def queries(draw: st.DrawFn) -> TourQuery:
    """Queries across the catalogue: any country, season, stay, category, board and budget."""
    begin = date(2026, 1, 1) + timedelta(days=draw(st.integers(0, 400)))
    nights = draw(st.integers(3, 14))
    return _query(
        departure_city=draw(st.sampled_from(["Almaty", "Moscow"])),
        country=draw(st.sampled_from(sorted(RESORTS))),
        date_from=begin,
        date_to=begin + timedelta(days=draw(st.integers(0, 14))),
        nights_min=nights,
        nights_max=nights + draw(st.integers(0, 4)),
        stars=tuple(draw(st.sets(st.integers(2, 5), max_size=2))),
        meals=tuple(draw(st.sets(st.sampled_from(["BB", "HB", "AI"]), max_size=2))),
        budget=draw(st.one_of(st.none(), st.integers(500, 6000))),
    )


@settings(max_examples=20, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(queries())
async def test_offers_always_match_the_query(query: TourQuery) -> None:
    page = await SANDBOX.search(query)

    for offer in page.offers:
        assert offer.sandbox
        assert offer.country == query.country
        assert offer.resort in RESORTS[query.country]
        assert query.date_from <= offer.check_in <= query.date_to
        assert query.nights_min <= offer.nights <= query.nights_max
        assert not query.stars or offer.stars in query.stars
        assert not query.meals or offer.meal in query.meals
        assert query.budget is None or (offer.converted_price or 0) <= query.budget
        assert offer.converted_currency == "USD"


async def test_children_ages_and_party_reach_the_offers() -> None:
    alone = await SANDBOX.search(_query(adults=1, page_size=1))
    family = await SANDBOX.search(_query(adults=2, child_ages=(7, 3), page_size=1))

    assert family.offers[0].child_ages == (3, 7)
    assert family.offers[0].room.endswith("DBL+2CHD")
    assert alone.offers[0].room.endswith("SGL")
    assert (family.offers[0].converted_price or 0) > (alone.offers[0].converted_price or 0)


async def test_searches_are_reproducible_and_seeded() -> None:
    again = await SandboxTourProvider().search(_query())
    first = await SANDBOX.search(_query())
    other = await SandboxTourProvider(seed=7).search(_query())

    assert again == first
    assert [o.price for o in other.offers] != [o.price for o in first.offers]


async def test_paging_walks_through_distinct_offers() -> None:
    pages = [await SANDBOX.search(_query(page=p, page_size=15)) for p in (1, 2, 3)]

    ids = [o.offer_id for page in pages for o in page.offers]
    assert len(ids) == len(set(ids)) == 45


async def test_russian_names_on_request() -> None:
    page = await SandboxTourProvider(language="ru").search(_query(country="Турция", page_size=3))

    assert {o.country for o in page.offers} == {"Турция"}


async def test_unknown_names_are_invalid_values() -> None:
    with pytest.raises(InvalidValue) as caught:
        await SANDBOX.search(_query(country="Narnia"))

    assert caught.value.field == "country"


async def test_a_meal_plan_the_country_lacks_finds_nothing() -> None:
    page = await SANDBOX.search(_query(country="Thailand", meals=("UAI",)))

    assert page.offers == ()
    assert not page.has_more


async def test_dictionaries_cover_the_catalogue() -> None:
    cities = await SANDBOX.dictionary(DictionaryKind.DEPARTURE_CITIES)
    countries = await SANDBOX.dictionary(DictionaryKind.COUNTRIES, parent="Almaty")
    resorts = await SANDBOX.dictionary(DictionaryKind.RESORTS, parent="Turkey")
    hotels = await SANDBOX.dictionary(DictionaryKind.HOTELS, parent="UAE")
    uae = {int(r.key) for r in await SANDBOX.dictionary(DictionaryKind.RESORTS, parent="UAE")}

    assert {c.name for c in cities} >= {"ALMATY", "ASTANA", "MOSCOW"}
    assert {c.name for c in countries} == set(RESORTS)
    assert {r.name for r in resorts} == RESORTS["Turkey"]
    assert {h.name for h in hotels} == {h.name for h in CATALOGUE.hotels if h.resort in uae}
    assert {h.parent for h in hotels} == {str(r) for r in uae}


async def test_check_is_always_healthy() -> None:
    health = await SANDBOX.check()

    assert health.ok


async def test_the_sandbox_serves_exactly_what_the_fake_operator_serves() -> None:
    query = _query(country="Egypt", meals=("AI",), page_size=10)
    with FakeSamo() as fake:
        async with httpx.AsyncClient() as http:
            config = SamoConfig(api_url=fake.url, oauth_token=fake.token, language="en")
            remote = await SamoTourProvider(config, http).search(query)
    local = await SANDBOX.search(query)

    unflag = {"provider": "x", "sandbox": False}
    assert [msgspec.structs.replace(o, **unflag) for o in local.offers] == [
        msgspec.structs.replace(o, **unflag) for o in remote.offers
    ]
    assert remote.has_more == local.has_more
