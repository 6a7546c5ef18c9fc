"""FakeTourProvider behaves like a provider and satisfies the port."""

from __future__ import annotations

from datetime import date

import msgspec
import pytest

from crystalbay.domain.tours import DictionaryItem, TourQuery
from crystalbay.errors import IntegrationUnavailable
from crystalbay.ports import DictionaryKind, TourProvider
from crystalbay.testing.factories import make_offer
from crystalbay.testing.fake_tours import DEFAULT_DEPARTURE_CITIES, FakeTourProvider


def query(**overrides: object) -> TourQuery:
    base = TourQuery(
        departure_city="Almaty",
        country="Egypt",
        date_from=date(2026, 9, 10),
        date_to=date(2026, 9, 20),
    )
    return msgspec.structs.replace(base, **overrides)


def test_satisfies_the_tour_provider_port() -> None:
    assert isinstance(FakeTourProvider(), TourProvider)


async def test_search_filters_pages_counts_and_relabels() -> None:
    offers = [
        make_offer(offer_id="in1", check_in=date(2026, 9, 12)),
        make_offer(offer_id="late", check_in=date(2026, 9, 25)),
        make_offer(offer_id="long", nights=14, check_in=date(2026, 9, 12)),
        make_offer(offer_id="dear", price=5000, check_in=date(2026, 9, 12)),
        make_offer(offer_id="in2", check_in=date(2026, 9, 20)),
    ]
    provider = FakeTourProvider("samo-fake", offers=offers)

    first = await provider.search(query(budget=2000, page_size=1))
    second = await provider.search(query(budget=2000, page_size=1, page=2))

    assert [o.offer_id for o in first.offers] == ["in1"]
    assert first.has_more
    assert [o.offer_id for o in second.offers] == ["in2"]
    assert not second.has_more
    assert first.offers[0].provider == "samo-fake"
    assert provider.calls == 2
    assert provider.queries[1].page == 2


async def test_failure_mode_raises_unavailable_and_reports_unhealthy() -> None:
    provider = FakeTourProvider("x", failing=True)

    with pytest.raises(IntegrationUnavailable) as caught:
        await provider.search(query())
    with pytest.raises(IntegrationUnavailable):
        await provider.dictionary(DictionaryKind.COUNTRIES)
    health = await provider.check()
    provider.failing = False
    recovered = await provider.check()

    assert caught.value.integration == "x"
    assert caught.value.retryable
    assert provider.calls == 1
    assert not health.ok
    assert recovered.ok


async def test_dictionaries_default_cities_and_parent_filter() -> None:
    countries = [
        DictionaryItem(key="EG", name="Egypt", parent="1344"),
        DictionaryItem(key="TR", name="Turkey", parent="832"),
    ]
    provider = FakeTourProvider(
        offers=[make_offer(departure_city="Shymkent")],
        dictionaries={DictionaryKind.COUNTRIES: countries},
    )

    cities = await provider.dictionary(DictionaryKind.DEPARTURE_CITIES)
    from_almaty = await provider.dictionary(DictionaryKind.COUNTRIES, parent="1344")
    meals = await provider.dictionary(DictionaryKind.MEALS)

    assert cities == (*DEFAULT_DEPARTURE_CITIES, DictionaryItem(key="Shymkent", name="Shymkent"))
    assert [c.name for c in from_almaty] == ["Egypt"]
    assert meals == ()
    assert provider.dictionary_calls == 3
