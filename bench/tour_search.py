"""Benchmark of the tour search service against its own baseline, measured in the same run.

Run: ``uv run python bench/tour_search.py [--runs N] [--latency SECONDS]``.

* overhead: median time of a cache-missing search over three fake providers (50 offers each,
  all with the same latency) minus the median time of calling one provider directly. Goal:
  under 5 ms.
* cache hit: median time of repeating a search that is cached. Goal: under 1 ms.
* single flight: 100 concurrent identical searches must cause exactly one upstream call per
  provider.

Exits with status 1 when a goal is missed.
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import sys
import time
from collections.abc import Awaitable, Callable
from datetime import date, timedelta

import msgspec

from crystalbay.domain.tours import TourQuery
from crystalbay.services.tours import TourSearchService
from crystalbay.testing.factories import make_offer
from crystalbay.testing.fake_tours import FakeTourProvider

OVERHEAD_GOAL_MS = 5.0
CACHE_HIT_GOAL_MS = 1.0
CONCURRENT = 100
START = date(2026, 9, 10)


def make_providers(latency: float) -> list[FakeTourProvider]:
    providers = []
    for index in range(3):
        offers = [
            make_offer(
                offer_id=f"p{index}-{n}",
                price=500.0 + (n * 37 + index * 11) % 900,
                check_in=START + timedelta(days=n % 10),
                stars=3 + n % 3,
            )
            for n in range(50)
        ]
        providers.append(FakeTourProvider(f"fake{index}", offers=offers, latency=latency))
    return providers


def query(budget: float = 1e9) -> TourQuery:
    return TourQuery(
        departure_city="Almaty",
        country="Egypt",
        date_from=START,
        date_to=START + timedelta(days=10),
        page_size=100,
        budget=budget,
    )


async def timed(call: Callable[[], Awaitable[object]], runs: int) -> list[float]:
    samples = []
    for _ in range(runs):
        started = time.perf_counter()
        await call()
        samples.append((time.perf_counter() - started) * 1000)
    return samples


def describe(name: str, samples: list[float]) -> str:
    p90 = statistics.quantiles(samples, n=10)[-1]
    return f"{name:<34} median {statistics.median(samples):8.3f} ms   p90 {p90:8.3f} ms"


async def measure_overhead(latency: float, runs: int) -> tuple[float, float]:
    providers = make_providers(latency)
    tours = TourSearchService({p.name: p for p in providers})
    await tours.search(query(budget=1.0))  # warm up: dictionaries, imports
    await providers[0].search(query())
    budgets = iter(range(runs * 2))

    async def direct() -> object:
        return await providers[0].search(query())

    async def service() -> object:
        return await tours.search(query(budget=1e9 + next(budgets)))  # always a cache miss

    baseline = await timed(direct, runs)
    searched = await timed(service, runs)
    print(describe("baseline: one provider directly", baseline))
    print(describe("service: 3 providers, cache miss", searched))
    return statistics.median(baseline), statistics.median(searched)


async def measure_cache_hit(latency: float, runs: int) -> float:
    providers = make_providers(latency)
    tours = TourSearchService({p.name: p for p in providers})
    await tours.search(query())

    async def cached() -> object:
        return await tours.search(query())

    samples = await timed(cached, runs)
    print(describe("service: cache hit (150 offers)", samples))
    return statistics.median(samples)


async def measure_single_flight(latency: float) -> tuple[list[int], bool]:
    providers = make_providers(latency)
    tours = TourSearchService({p.name: p for p in providers})
    same = msgspec.structs.replace(query(), nights_max=8)
    started = time.perf_counter()
    results = await asyncio.gather(*(tours.search(same) for _ in range(CONCURRENT)))
    elapsed = (time.perf_counter() - started) * 1000
    same_offers = all(r.offers == results[0].offers for r in results)
    calls = [p.calls for p in providers]
    print(
        f"{CONCURRENT} concurrent identical searches    {elapsed:8.3f} ms, upstream calls {calls}"
    )
    return calls, same_offers


async def main(runs: int, latency: float) -> int:
    print(f"provider latency {latency * 1000:.1f} ms, {runs} runs each\n")
    direct, searched = await measure_overhead(latency, runs)
    hit = await measure_cache_hit(latency, runs)
    calls, same_offers = await measure_single_flight(latency)
    overhead = searched - direct
    checks = [
        (f"search overhead {overhead:.3f} ms < {OVERHEAD_GOAL_MS} ms", overhead < OVERHEAD_GOAL_MS),
        (f"cache hit {hit:.3f} ms < {CACHE_HIT_GOAL_MS} ms", hit < CACHE_HIT_GOAL_MS),
        (
            f"cache hit is {direct / hit:.0f}x faster than one direct provider call",
            hit < direct,
        ),
        (f"single flight: upstream calls {calls} == one per provider", calls == [1, 1, 1]),
        ("single flight: every caller got the same offers", same_offers),
    ]
    print()
    for text, ok in checks:
        print(f"{'PASS' if ok else 'FAIL'}  {text}")
    return 0 if all(ok for _, ok in checks) else 1


def parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=100, help="samples per figure")
    parser.add_argument("--latency", type=float, default=0.02, help="provider latency, s")
    return parser.parse_args()


if __name__ == "__main__":
    args = parse_args()
    sys.exit(asyncio.run(main(args.runs, args.latency)))
