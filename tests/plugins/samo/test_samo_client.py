"""The typed client against the fake operator over real HTTP."""

from __future__ import annotations

from crystalbay_plugins.samo.client import SamoClient
from crystalbay_plugins.samo.price_models import PriceRequest
from crystalbay_plugins.samo.testing import FakeSamo

ALMATY, SHYMKENT, VIETNAM, TURKEY, USD = 1344, 1420, 47, 4, 2


def _request(**changes: object) -> PriceRequest:
    base: dict[str, object] = {
        "townfrom": ALMATY,
        "state": VIETNAM,
        "checkin_beg": "20260901",
        "checkin_end": "20260914",
        "nights_from": 7,
        "nights_till": 9,
        "adult": 2,
        "currency": USD,
    }
    return PriceRequest(**{**base, **changes})  # type: ignore[arg-type]


async def test_every_call_is_a_get_with_the_control_parameters_in_the_query(
    client: SamoClient, fake: FakeSamo
) -> None:
    await client.states(ALMATY)

    request = fake.requests[-1]
    assert request.method == "GET"
    assert request.body == b""
    assert request.arg("samo_action") == "api"
    assert request.arg("action") == "SearchTour_STATES"
    assert request.arg("oauth_token") == fake.token
    assert request.arg("type") == "json"
    assert request.arg("version") == "1.0"
    assert request.arg("TOWNFROMINC") == str(ALMATY)


async def test_townfroms_lists_departure_cities_with_their_country(client: SamoClient) -> None:
    cities = await client.townfroms()

    almaty = next(c for c in cities if c.id == ALMATY)
    assert (almaty.name, almaty.name_alt) == ("Алматы", "ALMATY")
    assert (almaty.state_from_key, almaty.state_from_name_alt) == (21, "KAZAKHSTAN")
    assert {c.name_alt for c in cities} >= {"ALMATY", "ASTANA", "MOSCOW"}
    keys = [(c.state_from_name, c.name) for c in cities]
    assert keys == sorted(keys)


async def test_states_depend_on_the_departure_city(client: SamoClient) -> None:
    from_almaty = {s.name_alt for s in await client.states(ALMATY)}
    from_shymkent = {s.name_alt for s in await client.states(SHYMKENT)}

    assert from_almaty == {"Vietnam", "Thailand", "Turkey", "UAE", "Egypt"}
    assert from_shymkent == {"Turkey", "UAE"}


async def test_resorts_hotels_meals_stars_and_currencies_of_a_country(client: SamoClient) -> None:
    towns = await client.towns(ALMATY, VIETNAM)
    nha_trang = next(t for t in towns if t.name_alt == "Nha Trang")
    hotels = await client.hotels(ALMATY, VIETNAM, towns=[nha_trang.id])
    meals = await client.meals(ALMATY, VIETNAM)
    stars = await client.stars(ALMATY, VIETNAM)
    currencies = await client.currencies(ALMATY, VIETNAM)

    assert {t.name_alt for t in towns} >= {"Nha Trang", "Phu Quoc"}
    assert hotels
    assert all(h.town_key == nha_trang.id for h in hotels)
    assert all(h.star.endswith("*") for h in hotels)
    assert {m.name for m in meals} >= {"BB"}
    assert {s.name for s in stars} >= {"4*", "5*"}
    assert {c.alias for c in currencies} >= {"USD", "EUR", "KZT"}


async def test_nights_of_a_departure_window(client: SamoClient) -> None:
    nights = await client.nights(ALMATY, VIETNAM, "20260901", "20260914")

    assert nights.nights == list(range(7, 15))
    assert set(nights.places) <= set(nights.nights)


async def test_prices_page_through_the_results_in_price_order(client: SamoClient) -> None:
    first = await client.prices(_request(page_size=10))
    second = await client.prices(_request(page_size=10, page=2))

    assert len(first.prices) == len(second.prices) == 10
    assert first.pager is not None
    assert getattr(first.pager, "total", 0) > 2
    assert not {r.id for r in first.prices} & {r.id for r in second.prices}
    amounts = [int(r.converted_price_number or 0) for r in (*first.prices, *second.prices)]
    assert amounts == sorted(amounts)


async def test_price_pages_stops_after_the_last_page(client: SamoClient, fake: FakeSamo) -> None:
    thursday = "20260903"
    narrow = _request(
        checkin_beg=thursday, checkin_end=thursday, nights_till=7, stars=(405,), page_size=3
    )
    pages = [page async for page in client.price_pages(narrow, max_pages=50)]

    total = getattr(pages[0].pager, "total", None)
    assert total == len(pages)
    assert sum(len(p.prices) for p in pages) <= 3 * len(pages)
    assert fake.actions.count("SearchTour_PRICES") == len(pages)


async def test_price_pages_respects_max_pages(client: SamoClient) -> None:
    pages = [page async for page in client.price_pages(_request(page_size=5), max_pages=3)]

    assert len(pages) == 3
    assert [getattr(p.pager, "current", None) for p in pages] == [1, 2, 3]


async def test_filters_reach_the_operator_as_comma_lists(
    client: SamoClient, fake: FakeSamo
) -> None:
    payload = await client.prices(_request(meals=(3, 2, 2), stars=(405, 404), child_ages=(12, 5)))

    request = fake.requests[-1]
    assert request.arg("MEALS") == "2,3"
    assert request.arg("STARS") == "404,405"
    assert (request.arg("CHILD"), request.arg("AGES")) == ("2", "5,12")
    assert payload.prices
    assert {r.meal for r in payload.prices} <= {"BB", "HB"}
    assert all(r.child == 2 for r in payload.prices)
