"""TourSearchService: concurrency, merging, sorting, failure isolation, caching, single flight."""

from __future__ import annotations

import asyncio
import logging
import time
from datetime import date

import msgspec
import pytest

from crystalbay.domain.tours import DictionaryItem, TourOffer, TourQuery, TourSearchPage
from crystalbay.errors import ConfigurationError, IntegrationRejected, IntegrationUnavailable
from crystalbay.ports import DictionaryKind, Health
from crystalbay.services.tours import ProviderFailure, TourSearchService, TourSort
from crystalbay.testing.factories import make_offer
from crystalbay.testing.fake_tours import FakeTourProvider


class FakeClock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


class BrokenProvider:
    """A provider with a bug: it raises something that is not an IntegrationError."""

    name = "broken"

    async def search(self, query: TourQuery) -> TourSearchPage:
        raise KeyError(query.country)

    async def dictionary(
        self, kind: DictionaryKind, *, parent: str | None = None
    ) -> tuple[DictionaryItem, ...]:
        del kind, parent
        return ()

    async def check(self) -> Health:
        return Health(ok=False, detail="broken")


def query(**overrides: object) -> TourQuery:
    fields: dict[str, object] = {
        "departure_city": "Almaty",
        "country": "Egypt",
        "date_from": "2026-09-10",
        "date_to": "2026-09-20",
    }
    fields.update(overrides)
    return msgspec.convert(fields, type=TourQuery)


def offer(offer_id: str, price: float, day: int, stars: int | None = 4) -> TourOffer:
    return make_offer(offer_id=offer_id, price=price, check_in=date(2026, 9, day), stars=stars)


def service(*providers: FakeTourProvider, clock: FakeClock | None = None) -> TourSearchService:
    return TourSearchService(
        {provider.name: provider for provider in providers},
        ttl=60,
        dictionary_ttl=3600,
        clock=clock or FakeClock(),
    )


async def test_providers_are_queried_concurrently() -> None:
    providers = [
        FakeTourProvider(f"p{i}", offers=[offer(f"o{i}", 100.0 * i, 12)], latency=0.1)
        for i in range(1, 4)
    ]
    tours = service(*providers)
    await tours.dictionary(DictionaryKind.DEPARTURE_CITIES)  # warm the city check

    started = time.perf_counter()
    result = await tours.search(query())
    elapsed = time.perf_counter() - started

    assert [o.offer_id for o in result.offers] == ["o1", "o2", "o3"]
    assert all(p.calls == 1 for p in providers)
    assert elapsed < 0.25, f"three 0.1 s providers took {elapsed:.3f} s: not concurrent"


async def test_offers_are_merged_and_sorted_by_price() -> None:
    a = FakeTourProvider("a", offers=[offer("a1", 900, 15), offer("a2", 500, 18)])
    b = FakeTourProvider("b", offers=[offer("b1", 700, 11)])

    result = await service(a, b).search(query())

    assert [(o.provider, o.offer_id) for o in result.offers] == [
        ("a", "a2"),
        ("b", "b1"),
        ("a", "a1"),
    ]
    assert result.complete
    assert result.sort is TourSort.PRICE


async def test_sort_descending_and_by_other_keys() -> None:
    offers = [offer("x", 900, 15, 3), offer("y", 500, 18, 5), offer("z", 700, 11, None)]
    tours = service(FakeTourProvider("a", offers=offers))

    by_price_desc = await tours.search(query(), descending=True)
    by_date = await tours.search(query(), sort=TourSort.CHECK_IN)
    by_date_desc = await tours.search(query(), sort=TourSort.CHECK_IN, descending=True)
    by_stars_desc = await tours.search(query(), sort=TourSort.STARS, descending=True)
    by_stars = await tours.search(query(), sort=TourSort.STARS)

    assert [o.offer_id for o in by_price_desc.offers] == ["x", "z", "y"]
    assert [o.offer_id for o in by_date.offers] == ["z", "x", "y"]
    assert [o.offer_id for o in by_date_desc.offers] == ["y", "x", "z"]
    assert [o.offer_id for o in by_stars_desc.offers] == ["y", "x", "z"]  # unrated last
    assert [o.offer_id for o in by_stars.offers] == ["x", "y", "z"]


async def test_converted_price_in_the_query_currency_is_compared() -> None:
    cheap_converted = msgspec.structs.replace(
        offer("k", 2000, 12), currency="EUR", converted_price=400, converted_currency="USD"
    )
    plain = offer("p", 500, 12)
    tours = service(FakeTourProvider("a", offers=[plain, cheap_converted]))

    result = await tours.search(query(currency="usd"))

    assert [o.offer_id for o in result.offers] == ["k", "p"]
    assert result.query.currency == "USD"


async def test_failing_provider_is_reported_next_to_the_others() -> None:
    good = FakeTourProvider("good", offers=[offer("g1", 500, 12)])
    bad = FakeTourProvider("bad", offers=[offer("b1", 100, 12)], failing=True)

    result = await service(good, bad).search(query())

    assert [o.offer_id for o in result.offers] == ["g1"]
    assert result.failures == (
        ProviderFailure(
            provider="bad",
            detail="the fake provider is in failure mode; set failing=False",
            retryable=True,
        ),
    )
    assert not result.complete


async def test_unexpected_provider_error_is_isolated_and_logged(
    caplog: pytest.LogCaptureFixture,
) -> None:
    good = FakeTourProvider("good", offers=[offer("g1", 500, 12)])
    tours = TourSearchService({"good": good, "broken": BrokenProvider()})

    with caplog.at_level(logging.ERROR, logger="crystalbay.services.tours"):
        result = await tours.search(query())

    assert [o.offer_id for o in result.offers] == ["g1"]
    assert result.failures == (
        ProviderFailure(
            provider="broken", detail="unexpected KeyError; see the server log", retryable=False
        ),
    )
    assert "'broken' failed unexpectedly" in caplog.text


async def test_slow_provider_times_out_as_a_retryable_failure() -> None:
    slow = FakeTourProvider("slow", offers=[offer("s", 1, 12)], latency=5)
    fast = FakeTourProvider("fast", offers=[offer("f", 2, 12)])
    tours = TourSearchService({"slow": slow, "fast": fast}, timeout=0.05)

    result = await tours.search(query())

    assert [o.offer_id for o in result.offers] == ["f"]
    assert result.failures == (
        ProviderFailure(
            provider="slow", detail="no answer within 0.05 s; try again later", retryable=True
        ),
    )


async def test_cache_hit_then_ttl_expiry() -> None:
    clock = FakeClock()
    provider = FakeTourProvider("a", offers=[offer("a1", 500, 12)])
    tours = service(provider, clock=clock)

    first = await tours.search(query())
    clock.now += 59
    second = await tours.search(query())
    clock.now += 2
    third = await tours.search(query())

    assert (first.from_cache, second.from_cache, third.from_cache) == (False, True, False)
    assert second.offers == first.offers
    assert provider.calls == 2


async def test_equivalent_queries_share_the_cache() -> None:
    provider = FakeTourProvider("a", offers=[offer("a1", 500, 12)])
    tours = service(provider)

    await tours.search(query(resorts=("Hurghada", "Dahab"), child_ages=(7, 3)))
    again = await tours.search(
        query(
            departure_city=" almaty ",
            country="EGYPT",
            resorts=("dahab", "HURGHADA", "Dahab"),
            child_ages=(3, 7),
        )
    )

    assert again.from_cache
    assert provider.calls == 1
    assert provider.queries[0].resorts == ("Dahab", "Hurghada")
    assert provider.queries[0].child_ages == (3, 7)


async def test_different_sort_reuses_the_cached_offers() -> None:
    provider = FakeTourProvider("a", offers=[offer("a1", 500, 12), offer("a2", 400, 19)])
    tours = service(provider)

    await tours.search(query())
    by_date = await tours.search(query(), sort=TourSort.CHECK_IN)

    assert by_date.from_cache
    assert [o.offer_id for o in by_date.offers] == ["a1", "a2"]
    assert provider.calls == 1


async def test_results_with_a_failure_are_not_cached() -> None:
    good = FakeTourProvider("good", offers=[offer("g1", 500, 12)])
    flaky = FakeTourProvider("flaky", offers=[offer("f1", 400, 12)], failing=True)
    tours = service(good, flaky)

    first = await tours.search(query())
    flaky.failing = False
    second = await tours.search(query())

    assert first.failures
    assert not second.from_cache
    assert [o.offer_id for o in second.offers] == ["f1", "g1"]
    assert good.calls == 2


async def test_hundred_concurrent_identical_searches_make_one_upstream_call() -> None:
    provider = FakeTourProvider("a", offers=[offer("a1", 500, 12)], latency=0.05)
    tours = service(provider)

    results = await asyncio.gather(*(tours.search(query()) for _ in range(100)))

    assert provider.calls == 1
    assert provider.dictionary_calls == 1
    assert {r.offers for r in results} == {results[0].offers}
    assert len(results[0].offers) == 1


async def test_single_flight_survives_a_cancelled_caller() -> None:
    provider = FakeTourProvider("a", offers=[offer("a1", 500, 12)], latency=0.05)
    tours = service(provider)
    await tours.dictionary(DictionaryKind.DEPARTURE_CITIES)

    first = asyncio.create_task(tours.search(query()))
    second = asyncio.create_task(tours.search(query()))
    await asyncio.sleep(0.01)
    first.cancel()
    result = await second

    assert first.cancelled()
    assert [o.offer_id for o in result.offers] == ["a1"]
    assert provider.calls == 1


async def test_has_more_when_any_provider_has_another_page() -> None:
    many = FakeTourProvider("many", offers=[offer(f"m{i}", 100 + i, 12) for i in range(3)])
    few = FakeTourProvider("few", offers=[offer("f", 50, 12)])

    result = await service(many, few).search(query(page_size=2))

    assert result.has_more
    assert [o.offer_id for o in result.offers] == ["f", "m0", "m1"]


async def test_search_without_providers_is_a_configuration_error() -> None:
    with pytest.raises(ConfigurationError, match="No tour provider is enabled"):
        await TourSearchService({}).search(query())


async def test_dictionaries_are_merged_and_cached_longer() -> None:
    clock = FakeClock()
    resorts_a = [
        DictionaryItem(key="1", name="Hurghada", parent="EG"),
        DictionaryItem(key="2", name="Antalya", parent="TR"),
    ]
    resorts_b = [
        DictionaryItem(key="1", name="HURGHADA", parent="EG"),
        DictionaryItem(key="9", name="Dahab", parent="EG"),
    ]
    a = FakeTourProvider("a", dictionaries={DictionaryKind.RESORTS: resorts_a})
    b = FakeTourProvider("b", dictionaries={DictionaryKind.RESORTS: resorts_b})
    tours = service(a, b, clock=clock)

    first = await tours.dictionary(DictionaryKind.RESORTS, "EG")
    clock.now += 600  # long past the search TTL, within the dictionary TTL
    second = await tours.dictionary(DictionaryKind.RESORTS, "EG")
    everything = await tours.dictionary(DictionaryKind.RESORTS)
    clock.now += 3600
    await tours.dictionary(DictionaryKind.RESORTS, "EG")

    assert [item.name for item in first] == ["Hurghada", "Dahab"]
    assert second == first
    assert {item.name for item in everything} == {"Hurghada", "Antalya", "Dahab"}
    assert (a.dictionary_calls, b.dictionary_calls) == (3, 3)


async def test_dictionary_with_one_failing_provider_is_partial_and_not_cached() -> None:
    a = FakeTourProvider("a")
    b = FakeTourProvider("b", failing=True)
    tours = service(a, b)

    first = await tours.dictionary(DictionaryKind.DEPARTURE_CITIES)
    await tours.dictionary(DictionaryKind.DEPARTURE_CITIES)

    assert [item.name for item in first] == ["Almaty", "Astana", "Moscow"]
    assert a.dictionary_calls == 2


async def test_dictionary_when_every_provider_fails_raises() -> None:
    down = service(FakeTourProvider("a", failing=True), FakeTourProvider("b", failing=True))
    refusing = TourSearchService({"x": RefusingProvider()})

    with pytest.raises(IntegrationUnavailable, match="a: the fake provider is in failure mode"):
        await down.dictionary(DictionaryKind.COUNTRIES)
    with pytest.raises(IntegrationRejected, match="token refused"):
        await refusing.dictionary(DictionaryKind.COUNTRIES, "1344")


async def test_unknown_city_is_not_rejected_while_a_city_list_is_missing() -> None:
    good = FakeTourProvider("good", offers=[offer("g1", 500, 12)])
    down = FakeTourProvider("down", failing=True)

    result = await service(good, down).search(query(departure_city="Tashkent"))

    assert [f.provider for f in result.failures] == ["down"]
    assert good.calls == 1


async def test_clear_cache_forgets_searches_and_dictionaries() -> None:
    provider = FakeTourProvider("a", offers=[offer("a1", 500, 12)])
    tours = service(provider)
    await tours.search(query())

    tours.clear_cache()
    again = await tours.search(query())

    assert not again.from_cache
    assert (provider.calls, provider.dictionary_calls) == (2, 2)
    assert tours.providers == ("a",)


class RefusingProvider(BrokenProvider):
    name = "x"

    async def dictionary(
        self, kind: DictionaryKind, *, parent: str | None = None
    ) -> tuple[DictionaryItem, ...]:
        del kind, parent
        raise IntegrationRejected("token refused", integration="x")
