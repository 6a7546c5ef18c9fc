"""The job queue on both databases: exactly-once claims, retries, give-up, sweeping, periodic."""

from __future__ import annotations

import asyncio
import random
from typing import TYPE_CHECKING

import msgspec
import pytest

from crystalbay.errors import IntegrationRejected, IntegrationUnavailable
from crystalbay.jobs import Job, retry_delay
from crystalbay.storage.repositories.jobs import JobRepository

if TYPE_CHECKING:
    import contextlib
    from collections.abc import AsyncIterator, Callable

    from crystalbay.hub import Hub

FAST = {
    "CRYSTALBAY_JOB_POLL": "0.05",
    "CRYSTALBAY_JOB_BACKOFF": "0.05",
    "CRYSTALBAY_JOB_DISPATCH_LEASE": "0.2",
    "CRYSTALBAY_JOB_LEASE": "0.5",
}


class Ping(msgspec.Struct, frozen=True):
    n: int


@pytest.fixture(name="fast_hub")
async def fx_fast_hub(
    hub_factory: Callable[..., contextlib.AbstractAsyncContextManager[Hub]],
    jobs_env: dict[str, str],
) -> AsyncIterator[Hub]:
    async with hub_factory({**FAST, **jobs_env}, run_jobs=True) as hub:
        yield hub


async def test_a_job_runs_once_even_when_enqueued_and_woken_twice(fast_hub: Hub) -> None:
    seen: list[int] = []

    @fast_hub.jobs.handler("test.ping")
    async def ping(job: Job) -> None:
        seen.append(job.decode(Ping).n)

    first = await fast_hub.jobs.enqueue("test.ping", "k1", Ping(7))
    second = await fast_hub.jobs.enqueue("test.ping", "k1", Ping(8))
    await fast_hub.jobs.wake(first)
    await fast_hub.jobs.drain()

    assert first == second
    assert seen == [7]
    row = await JobRepository().get(first)
    assert row is not None
    assert (row["status"], row["attempts"]) == ("done", 1)


async def test_concurrent_claims_run_a_job_once(fast_hub: Hub) -> None:
    runs: list[int] = []
    gate = asyncio.Event()

    @fast_hub.jobs.handler("test.slow")
    async def slow(job: Job) -> None:
        runs.append(job.id)
        await gate.wait()

    job_id, _ = await fast_hub.jobs.add("test.slow", "only")
    racers = [asyncio.create_task(fast_hub.jobs.run(job_id)) for _ in range(5)]
    await asyncio.sleep(0.1)
    gate.set()
    results = await asyncio.gather(*racers)

    assert results.count(True) == 1
    assert runs == [job_id]


async def test_unavailable_is_retried_with_backoff_until_it_succeeds(fast_hub: Hub) -> None:
    attempts: list[int] = []

    @fast_hub.jobs.handler("test.flaky")
    async def flaky(job: Job) -> None:
        attempts.append(job.attempts)
        if job.attempts < 3:
            raise IntegrationUnavailable("vendor down", integration="fake")

    job_id = await fast_hub.jobs.enqueue("test.flaky", "f")
    await fast_hub.jobs.drain()

    assert attempts == [1, 2, 3]
    row = await JobRepository().get(job_id)
    assert row is not None
    assert row["status"] == "done"
    assert row["last_error"] == "fake: vendor down"


async def test_rejected_is_given_up_at_once_and_reported(fast_hub: Hub) -> None:
    failed: list[tuple[int, str]] = []

    async def report(job: Job, error: str) -> None:
        failed.append((job.attempts, error))

    @fast_hub.jobs.handler("test.bad", on_failed=report)
    async def bad(job: Job) -> None:  # noqa: ARG001 - the signature of a handler
        raise IntegrationRejected("the number is not on WhatsApp", integration="wazzup24")

    job_id = await fast_hub.jobs.enqueue("test.bad", "b")
    await fast_hub.jobs.drain()

    assert failed == [(1, "wazzup24: the number is not on WhatsApp")]
    row = await JobRepository().get(job_id)
    assert row is not None
    assert row["status"] == "failed"


async def test_the_last_attempt_gives_up(fast_hub: Hub) -> None:
    failed: list[int] = []

    async def report(job: Job, error: str) -> None:
        del error
        failed.append(job.attempts)

    @fast_hub.jobs.handler("test.down", max_attempts=3, on_failed=report)
    async def down(job: Job) -> None:  # noqa: ARG001 - the signature of a handler
        raise RuntimeError("still down")

    await fast_hub.jobs.enqueue("test.down", "d")
    await fast_hub.jobs.drain()

    assert failed == [3]


async def test_a_lost_wake_up_is_recovered_by_the_sweeper(fast_hub: Hub) -> None:
    seen: list[str] = []

    @fast_hub.jobs.handler("test.lost")
    async def lost(job: Job) -> None:
        seen.append(job.key)

    await fast_hub.jobs.add("test.lost", "never-woken")
    await asyncio.sleep(0.5)  # the sweeper runs every 0.05 s; the dispatch lease is 0.2 s

    assert seen == ["never-woken"]


async def test_a_job_whose_runner_died_is_run_again_after_its_lease(fast_hub: Hub) -> None:
    seen: list[int] = []

    @fast_hub.jobs.handler("test.orphan")
    async def orphan(job: Job) -> None:
        seen.append(job.attempts)

    job_id, _ = await fast_hub.jobs.add("test.orphan", "o")
    # Another runner claimed it and died: the row says running, nobody runs it.
    claimed = await JobRepository().claim(job_id, "dead-worker", lease=0.2)
    assert claimed is not None
    await fast_hub.jobs.drain()

    assert seen == [2]


async def test_periodic_jobs_run_once_per_slot(fast_hub: Hub) -> None:
    ticks: list[str] = []

    @fast_hub.jobs.handler("test.tick")
    async def tick(job: Job) -> None:
        ticks.append(job.key)

    fast_hub.jobs.every(3600, "test.tick")
    for _ in range(3):
        await fast_hub.jobs.sweep()
    await fast_hub.jobs.drain()

    assert len(ticks) == 1
    assert ticks[0].startswith("every-3600s-")


async def test_enqueuing_an_unknown_kind_names_it(fast_hub: Hub) -> None:
    with pytest.raises(ValueError, match="no handler is registered for job kind 'nope'"):
        await fast_hub.jobs.enqueue("nope", "x")


def test_backoff_doubles_with_jitter_and_honours_retry_after() -> None:
    rng = random.Random(1)  # noqa: S311 - jitter, not cryptography
    delays = [retry_delay(n, base=1.0, cap=60.0, rng=rng) for n in range(1, 9)]

    for n, delay in enumerate(delays, start=1):
        window = min(60.0, 2 ** (n - 1))
        assert window / 2 <= delay <= window
    assert retry_delay(1, base=1.0, retry_after=30.0, rng=rng) == 30.0
