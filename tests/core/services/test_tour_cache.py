"""TtlCache and SingleFlight on their own."""

from __future__ import annotations

import asyncio

import pytest

from crystalbay.services.tour_cache import SingleFlight, TtlCache


class FakeClock:
    def __init__(self) -> None:
        self.now = 0.0

    def __call__(self) -> float:
        return self.now


def test_value_expires_after_ttl() -> None:
    clock = FakeClock()
    cache: TtlCache[str, int] = TtlCache(10, clock=clock)
    cache.put("k", 1)

    clock.now = 9.99
    fresh = cache.get("k")
    clock.now = 10
    stale = cache.get("k")

    assert (fresh, stale, len(cache)) == (1, None, 0)


def test_least_recently_used_is_evicted() -> None:
    cache: TtlCache[str, int] = TtlCache(10, clock=FakeClock(), max_entries=2)
    cache.put("a", 1)
    cache.put("b", 2)
    cache.get("a")
    cache.put("c", 3)

    assert (cache.get("a"), cache.get("b"), cache.get("c")) == (1, None, 3)


def test_zero_ttl_disables_the_cache() -> None:
    cache: TtlCache[str, int] = TtlCache(0, clock=FakeClock())
    cache.put("a", 1)

    assert cache.get("a") is None


async def test_concurrent_calls_share_one_run() -> None:
    flight: SingleFlight[str, int] = SingleFlight()
    runs = 0

    async def work() -> int:
        nonlocal runs
        runs += 1
        await asyncio.sleep(0.01)
        return 42

    results = await asyncio.gather(*(flight.run("k", work) for _ in range(10)))

    assert results == [42] * 10
    assert runs == 1
    assert len(flight) == 0


async def test_error_reaches_every_caller_and_the_next_call_runs_again() -> None:
    flight: SingleFlight[str, int] = SingleFlight()
    runs = 0

    async def failing() -> int:
        nonlocal runs
        runs += 1
        await asyncio.sleep(0.01)
        raise RuntimeError("boom")

    outcomes = await asyncio.gather(
        *(flight.run("k", failing) for _ in range(3)), return_exceptions=True
    )
    with pytest.raises(RuntimeError):
        await flight.run("k", failing)

    assert all(isinstance(outcome, RuntimeError) for outcome in outcomes)
    assert runs == 2


async def test_different_keys_run_separately() -> None:
    flight: SingleFlight[str, str] = SingleFlight()

    async def echo(value: str) -> str:
        await asyncio.sleep(0)
        return value

    results = await asyncio.gather(
        flight.run("a", lambda: echo("a")), flight.run("b", lambda: echo("b"))
    )

    assert list(results) == ["a", "b"]
