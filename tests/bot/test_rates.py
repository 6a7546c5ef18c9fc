"""The throttle's hit counters: a sliding window, in memory and in Redis alike."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest
import redis.asyncio as aioredis

from crystalbay_bot.middlewares import MemoryRateStore, RateStore, RedisRateStore

if TYPE_CHECKING:
    from collections.abc import AsyncIterator

T0 = 1_800_000_000.0


@pytest.fixture(name="backend", params=["memory", pytest.param("redis", marks=pytest.mark.redis)])
def fx_backend(request: pytest.FixtureRequest) -> tuple[str, str] | None:
    """``None`` for memory, or the real Redis and this test's key prefix."""
    if request.param == "memory":
        return None
    return request.getfixturevalue("redis_url"), request.getfixturevalue("redis_prefix")


@pytest.fixture(name="store")
async def fx_store(backend: tuple[str, str] | None) -> AsyncIterator[RateStore]:
    if backend is None:
        yield MemoryRateStore()
        return
    redis_url, prefix = backend
    client = aioredis.from_url(redis_url)
    try:
        yield RedisRateStore(client, prefix=f"{prefix}:throttle")
    finally:
        await client.aclose()


async def test_hits_count_within_a_sliding_window(store: RateStore) -> None:
    assert isinstance(store, RateStore)
    counts = [await store.hit("555", now=T0 + n, per=10.0) for n in range(12)]

    assert counts == [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 10, 10]  # hits older than 10 s drop out
    assert await store.hit("777", now=T0 + 11, per=10.0) == 1  # each customer on their own
    assert await store.hit("555", now=T0 + 30, per=10.0) == 1  # after a pause, from scratch


async def test_a_flood_that_straddles_a_window_edge_is_still_seen(store: RateStore) -> None:
    # A fixed window from T0 + 10 would see five and five; the sliding one sees ten.
    counts = [await store.hit("555", now=T0 + 7.5 + n / 2, per=10.0) for n in range(10)]

    assert counts[-1] == 10


async def test_hits_at_the_same_instant_are_all_counted(store: RateStore) -> None:
    counts = [await store.hit("555", now=T0, per=10.0) for _ in range(5)]

    assert counts == [1, 2, 3, 4, 5]


async def test_memory_forgets_idle_customers() -> None:
    store = MemoryRateStore(prune_every=4)
    for n in range(3):
        await store.hit(str(n), now=T0, per=10.0)
    assert len(store) == 3

    await store.hit("active", now=T0 + 60, per=10.0)  # the 4th hit prunes

    assert len(store) == 1
