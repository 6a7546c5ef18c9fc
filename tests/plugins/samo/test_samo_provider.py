"""The ``samo`` tour provider against the fake operator: names resolved, pages, dictionaries."""

from __future__ import annotations

from datetime import date

import msgspec
import pytest

from crystalbay.domain.tours import TourQuery
from crystalbay.errors import InvalidValue
from crystalbay.ports import DictionaryKind, TourProvider
from crystalbay_plugins.samo.provider import SamoTourProvider
from crystalbay_plugins.samo.testing import FakeSamo


def _query(**changes: object) -> TourQuery:
    base: dict[str, object] = {
        "departure_city": "Almaty",
        "country": "Vietnam",
        "date_from": date(2026, 9, 1),
        "date_to": date(2026, 9, 14),
        "nights_min": 7,
        "nights_max": 9,
    }
    return TourQuery(**{**base, **changes})  # type: ignore[arg-type]


def _last_prices(fake: FakeSamo) -> dict[str, str]:
    request = next(r for r in reversed(fake.requests) if r.arg("action") == "SearchTour_PRICES")
    return {k: v[0] for k, v in request.query.items()}


def test_it_is_a_tour_provider(provider: SamoTourProvider) -> None:
    assert isinstance(provider, TourProvider)
    assert provider.name == "samo"


async def test_search_returns_a_page_of_samo_offers(provider: SamoTourProvider) -> None:
    page = await provider.search(_query(page_size=10))

    assert len(page.offers) == 10
    assert page.page == 1
    assert page.has_more
    assert all(o.provider == "samo" and not o.sandbox for o in page.offers)
    assert all(o.country == "Вьетнам" and o.departure_city == "Алматы" for o in page.offers)
    assert all(date(2026, 9, 1) <= o.check_in <= date(2026, 9, 14) for o in page.offers)
    assert all(7 <= o.nights <= 9 and o.currency == "USD" for o in page.offers)
    assert all(o.converted_currency == "USD" for o in page.offers)


@pytest.mark.parametrize(
    ("city", "country"),
    [("almaty", "VIETNAM"), ("1344", "47"), ("Алматы", "вьетнам"), (" ALMATY ", "Viet-nam")],
)
async def test_names_and_ids_resolve_to_the_same_search(
    provider: SamoTourProvider, fake: FakeSamo, city: str, country: str
) -> None:
    page = await provider.search(_query(departure_city=city, country=country, page_size=5))

    params = _last_prices(fake)
    assert (params["TOWNFROMINC"], params["STATEINC"]) == ("1344", "47")
    assert len(page.offers) == 5


async def test_filters_are_resolved_to_operator_ids(
    provider: SamoTourProvider, fake: FakeSamo
) -> None:
    query = _query(
        resorts=("Nha Trang", "phu quoc"), meals=("BB", "hb"), stars=(4, 5),
        child_ages=(12, 5), currency="KZT", budget=2_000_000.5,
    )  # fmt: skip

    page = await provider.search(query)

    params = _last_prices(fake)
    assert params["TOWNS"] == "1600,1601"
    assert params["MEALS"] == "2,3"
    assert params["STARS"] == "404,405"
    assert (params["CHILD"], params["AGES"]) == ("2", "5,12")
    assert (params["CURRENCY"], params["COSTMAX"]) == ("5", "2000001")
    assert page.offers
    assert {o.resort for o in page.offers} <= {"Нячанг", "Фукуок"}
    assert {o.meal for o in page.offers} <= {"BB", "HB"}
    assert all(o.stars in (4, 5) and o.child_ages == (5, 12) for o in page.offers)
    assert all((o.converted_price or 0) <= 2_000_000.5 for o in page.offers)
    assert all(o.converted_currency == "KZT" for o in page.offers)


async def test_pages_do_not_overlap_and_the_last_one_says_so(provider: SamoTourProvider) -> None:
    narrow = {"date_from": date(2026, 9, 3), "date_to": date(2026, 9, 3), "nights_max": 7}
    query = _query(**narrow, stars=(5,), page_size=10)
    first = await provider.search(query)
    rest = [await provider.search(msgspec.structs.replace(query, page=p)) for p in (2, 3, 4, 5)]

    seen = [o.offer_id for page in (first, *rest) for o in page.offers]
    assert len(seen) == len(set(seen))
    last = next(p for p in (first, *rest) if not p.has_more)
    assert last.offers
    assert last.page < 5


@pytest.mark.parametrize("changes", [{"stars": (1,)}, {"meals": ("AI", "XYZ")}])
async def test_a_category_the_operator_lacks_gives_an_empty_page_without_searching(
    provider: SamoTourProvider, fake: FakeSamo, changes: dict[str, object]
) -> None:
    page = await provider.search(_query(**changes))

    assert page.offers == ()
    assert not page.has_more
    assert "SearchTour_PRICES" not in fake.actions


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"country": "Atlantis"}, "country"),
        ({"departure_city": "Paris"}, "departure_city"),
        ({"resorts": ("Antalya",)}, "resorts"),
        ({"date_to": date(2026, 8, 1)}, "date_to"),
        ({"nights_min": 10, "nights_max": 7}, "nights_max"),
        ({"adults": 0}, "adults"),
    ],
)
async def test_impossible_queries_name_the_field(
    provider: SamoTourProvider, changes: dict[str, object], field: str
) -> None:
    with pytest.raises(InvalidValue) as caught:
        await provider.search(_query(**changes))

    assert caught.value.field == field


async def test_dictionaries_are_cached_between_searches(
    provider: SamoTourProvider, fake: FakeSamo
) -> None:
    await provider.search(_query(meals=("AI",), country="Turkey"))
    await provider.search(_query(meals=("UAI",), country="Turkey", page=2))

    assert fake.actions.count("SearchTour_TOWNFROMS") == 1
    assert fake.actions.count("SearchTour_MEALS") == 1
    assert fake.actions.count("SearchTour_PRICES") == 2


async def test_departure_cities_and_countries(provider: SamoTourProvider) -> None:
    cities = await provider.dictionary(DictionaryKind.DEPARTURE_CITIES)
    countries = await provider.dictionary(DictionaryKind.COUNTRIES, parent="Astana")

    assert {c.name for c in cities} >= {"Алматы", "Астана", "Москва"}
    assert {(c.name, c.parent) for c in countries} >= {("Вьетнам", "1386"), ("ОАЭ", "1386")}


@pytest.mark.parametrize("parent", ["Vietnam", "Almaty/Vietnam", "1344/47"])
async def test_resorts_of_a_country(provider: SamoTourProvider, parent: str) -> None:
    resorts = await provider.dictionary(DictionaryKind.RESORTS, parent=parent)

    assert {(r.name, r.parent) for r in resorts} >= {("Нячанг", "47"), ("Фукуок", "47")}


async def test_country_level_dictionaries(provider: SamoTourProvider) -> None:
    hotels = await provider.dictionary(DictionaryKind.HOTELS, parent="Egypt")
    meals = await provider.dictionary(DictionaryKind.MEALS, parent="Egypt")
    stars = await provider.dictionary(DictionaryKind.STARS, parent="Egypt")
    currencies = await provider.dictionary(DictionaryKind.CURRENCIES, parent="Egypt")

    resorts = {r.key for r in await provider.dictionary(DictionaryKind.RESORTS, parent="Egypt")}
    assert hotels
    assert {h.parent for h in hotels} <= resorts
    assert {m.name for m in meals} == {"BB", "HB", "AI", "UAI"}
    assert {s.name for s in stars} == {"3*", "4*", "5*"}
    assert {c.key for c in currencies} == {"RUB", "USD", "EUR", "KZT"}


async def test_a_country_served_only_from_another_city_is_found(provider: SamoTourProvider) -> None:
    with pytest.raises(InvalidValue):
        await provider.dictionary(DictionaryKind.RESORTS, parent="Shymkent/Egypt")

    resorts = await provider.dictionary(DictionaryKind.RESORTS, parent="Moscow/Egypt")
    assert {r.name for r in resorts} == {"Хургада", "Шарм-эль-Шейх"}


async def test_country_level_dictionaries_need_a_parent(provider: SamoTourProvider) -> None:
    with pytest.raises(InvalidValue) as caught:
        await provider.dictionary(DictionaryKind.HOTELS)

    assert caught.value.field == "parent"


async def test_check_reports_success_and_failure(
    provider: SamoTourProvider, fake: FakeSamo
) -> None:
    healthy = await provider.check()
    fake.block("35.190.139.72")
    blocked = await provider.check()

    assert healthy.ok
    assert "4 departure cities" in healthy.detail
    assert not blocked.ok
    assert "35.190.139.72" in blocked.detail
    assert "PROXY_URL" in blocked.detail
