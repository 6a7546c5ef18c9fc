"""``JobQueue``: durable background work; the jobs table is the truth, taskiq wakes workers."""

from __future__ import annotations

import asyncio
import contextlib
import logging
import os
import socket
import time
import uuid
from dataclasses import dataclass
from datetime import timedelta
from typing import TYPE_CHECKING, Any

import msgspec
from taskiq import InMemoryBroker

from crystalbay.errors import ConfigurationError, IntegrationRejected
from crystalbay.jobs.backoff import retry_delay
from crystalbay.jobs.broker import QUEUE_NAME, make_broker
from crystalbay.jobs.model import Job
from crystalbay.storage.repositories._common import utcnow
from crystalbay.storage.repositories.jobs import JobRecord, JobRepository

if TYPE_CHECKING:
    from collections.abc import Awaitable, Callable, Coroutine, Mapping

    from taskiq import AsyncTaskiqDecoratedTask

__all__ = ["JobQueue", "JobSettings"]

logger = logging.getLogger("crystalbay.jobs")

_encoder = msgspec.json.Encoder()


@dataclass(frozen=True, kw_only=True)
class JobSettings:
    """Timing of the queue.

    Attributes:
        lease: Seconds a runner owns a job; a runner that dies is replaced after this.
        dispatch_lease: Seconds after a wake-up before the sweeper sends another one.
        poll: Seconds between sweeps.
        backoff_base: First retry window, in seconds.
        backoff_cap: Largest retry window, in seconds.
    """

    lease: float = 120.0
    dispatch_lease: float = 30.0
    poll: float = 1.0
    backoff_base: float = 2.0
    backoff_cap: float = 600.0
    queue_name: str = QUEUE_NAME

    @classmethod
    def from_env(cls, environ: Mapping[str, str]) -> JobSettings:
        """Read ``CRYSTALBAY_JOB_*`` overrides (seconds); unset ones keep their defaults.

        Raises:
            ConfigurationError: A value is not a positive number; the message names it.
        """
        values: dict[str, Any] = {}
        for name, field in _ENV_FIELDS.items():
            raw = environ.get(name)
            if raw:
                try:
                    values[field] = float(raw)
                except ValueError:
                    values[field] = -1.0
                if values[field] <= 0:
                    msg = f"{name} must be a positive number of seconds, not {raw!r}"
                    raise ConfigurationError(msg, field=name)
        if environ.get("CRYSTALBAY_JOB_QUEUE"):
            values["queue_name"] = environ["CRYSTALBAY_JOB_QUEUE"]
        return cls(**values)


_ENV_FIELDS = {
    "CRYSTALBAY_JOB_LEASE": "lease",
    "CRYSTALBAY_JOB_DISPATCH_LEASE": "dispatch_lease",
    "CRYSTALBAY_JOB_POLL": "poll",
    "CRYSTALBAY_JOB_BACKOFF": "backoff_base",
    "CRYSTALBAY_JOB_BACKOFF_CAP": "backoff_cap",
}


@dataclass(frozen=True)
class _Spec:
    handler: Callable[[Job], Awaitable[None]]
    on_failed: Callable[[Job, str], Awaitable[None]] | None
    max_attempts: int


class JobQueue:
    """Enqueue, run, retry and sweep jobs.

    Args:
        redis_url: With it, wake-ups go through a Redis list shared by every process and
            ``crystalbay worker`` processes run the jobs; without it, jobs run in this process.
        settings: Timing and the Redis list's name.
    """

    def __init__(
        self, redis_url: str | None = None, *, settings: JobSettings | None = None
    ) -> None:
        self.settings = settings or JobSettings()
        self.repo = JobRepository()
        self.broker = make_broker(redis_url, queue_name=self.settings.queue_name)
        self.worker = f"{socket.gethostname()}:{os.getpid()}:{uuid.uuid4().hex[:6]}"
        self._specs: dict[str, _Spec] = {}
        self._periodic: dict[str, float] = {}
        self._task: AsyncTaskiqDecoratedTask[[int], Coroutine[Any, Any, None]] = (
            self.broker.register_task(_task_for(self), task_name="crystalbay.run_job")
        )
        self._consuming = False
        self._started = False
        self._loops: list[asyncio.Task[None]] = []
        self._sweeper: asyncio.Task[None] | None = None
        self._stopping = asyncio.Event()
        self._running: set[asyncio.Task[object]] = set()

    @property
    def in_process(self) -> bool:
        """True when jobs run in this process (no Redis)."""
        return isinstance(self.broker, InMemoryBroker)

    # -- registration -----------------------------------------------------------------------

    def handler(
        self,
        kind: str,
        *,
        max_attempts: int = 8,
        on_failed: Callable[[Job, str], Awaitable[None]] | None = None,
    ) -> Callable[[Callable[[Job], Awaitable[None]]], Callable[[Job], Awaitable[None]]]:
        """Register the handler of ``kind``; ``on_failed`` runs once when the job is given up."""

        def register(func: Callable[[Job], Awaitable[None]]) -> Callable[[Job], Awaitable[None]]:
            if kind in self._specs:
                raise ValueError(f"a handler for job kind {kind!r} is already registered")
            self._specs[kind] = _Spec(func, on_failed, max_attempts)
            return func

        return register

    def every(self, seconds: float, kind: str) -> None:
        """Run ``kind`` once per ``seconds`` across all processes (its handler must exist)."""
        self._periodic[kind] = seconds

    # -- producing --------------------------------------------------------------------------

    async def add(
        self, kind: str, key: str, payload: object = None, *, delay: float = 0.0
    ) -> tuple[int, bool]:
        """Insert a job without waking anyone (use inside a transaction, then :meth:`wake`).

        With ``delay``, the job is due that many seconds from now and the sweeper starts it.

        Returns:
            The job id, and whether it is new (an existing ``(kind, key)`` is left alone).

        Raises:
            ValueError: No handler is registered for ``kind``.
        """
        spec = self._specs.get(kind)
        if spec is None:
            raise ValueError(f"no handler is registered for job kind {kind!r}")
        return await self.repo.add(
            kind,
            key,
            _encoder.encode(payload if payload is not None else {}).decode(),
            max_attempts=spec.max_attempts,
            dispatch_lease=0.0 if delay else self.settings.dispatch_lease,
            delay=delay,
        )

    async def enqueue(
        self, kind: str, key: str, payload: object = None, *, delay: float = 0.0
    ) -> int:
        """Insert a job and wake a worker for it (or let it wait ``delay`` s); return its id."""
        job_id, new = await self.add(kind, key, payload, delay=delay)
        if new and not delay:
            await self.wake(job_id)
        return job_id

    async def wake(self, job_id: int) -> None:
        """Send a wake-up; losing it only delays the job until the next sweep."""
        if self.in_process and not self._consuming:
            return  # nobody runs jobs in this process; the serving process's sweeper will
        try:
            await self._task.kiq(job_id)
        except Exception:  # noqa: BLE001 - a lost wake-up is recovered by the sweeper
            logger.warning("could not wake a worker for job %s; the sweeper will", job_id)

    # -- running ----------------------------------------------------------------------------

    async def run(self, job_id: int) -> bool:
        """Claim and run the job; False when it was not due or someone else has it."""
        current = asyncio.current_task()
        if current is not None:
            self._running.add(current)  # tracked from the claim on, so stop() can wait
        try:
            record = await self.repo.claim(job_id, self.worker, self.settings.lease)
            if record is None:
                return False
            await self._execute(record)
        finally:
            if current is not None:
                self._running.discard(current)
        return True

    async def _execute(self, record: JobRecord) -> None:
        job = Job(
            id=record.id,
            kind=record.kind,
            key=record.key,
            payload=record.payload.encode(),
            attempts=record.attempts,
            max_attempts=record.max_attempts,
        )
        spec = self._specs.get(job.kind)
        if spec is None:
            await self.repo.fail(job.id, self.worker, f"no handler for job kind {job.kind!r}")
            return
        try:
            await spec.handler(job)
        except IntegrationRejected as exc:
            await self._give_up(job, spec, str(exc))
        except Exception as exc:  # noqa: BLE001 - every failure is retried or recorded
            await self._failed(job, spec, exc)
        else:
            await self.repo.finish(job.id, self.worker)

    async def _failed(self, job: Job, spec: _Spec, exc: Exception) -> None:
        error = str(exc) or type(exc).__name__
        if job.last_attempt:
            await self._give_up(job, spec, error)
            return
        delay = retry_delay(
            job.attempts,
            base=self.settings.backoff_base,
            cap=self.settings.backoff_cap,
            retry_after=getattr(exc, "retry_after", None),
        )
        logger.warning(
            "job %s (%s) attempt %d failed, retrying in %.1f s: %s",
            job.id, job.kind, job.attempts, delay, error, exc_info=not _expected(exc),
        )  # fmt: skip
        await self.repo.retry_at(job.id, self.worker, utcnow() + timedelta(seconds=delay), error)

    async def _give_up(self, job: Job, spec: _Spec, error: str) -> None:
        logger.error("job %s (%s) failed for good: %s", job.id, job.kind, error)
        await self.repo.fail(job.id, self.worker, error)
        if spec.on_failed is not None:
            await spec.on_failed(job, error)

    # -- sweeping ---------------------------------------------------------------------------

    async def sweep(self, limit: int = 200) -> int:
        """Wake workers for due, retried and abandoned jobs, and start periodic ones."""
        for kind, seconds in self._periodic.items():
            slot = int(time.time() // seconds)
            job_id, new = await self.add(kind, f"every-{seconds:g}s-{slot}")
            if new:
                await self.wake(job_id)
        ids = await self.repo.dispatch_due(limit, self.settings.dispatch_lease)
        for job_id in ids:
            await self.wake(job_id)
        return len(ids)

    async def drain(self, within: float = 10.0) -> dict[str, int]:
        """Sweep until no job is pending or running (tests and one-shot commands).

        Raises:
            TimeoutError: Work is still outstanding after ``within`` seconds.
        """
        deadline = time.monotonic() + within
        while True:
            await self.sweep()
            counts = await self.repo.counts()
            if not counts.get("pending") and not counts.get("running") and not self._running:
                return counts
            if time.monotonic() > deadline:
                raise TimeoutError(f"jobs still outstanding after {within:g} s: {counts}")
            await asyncio.sleep(0.02)

    # -- life cycle -------------------------------------------------------------------------

    async def start(self, *, consume: bool) -> None:
        """Connect the broker; with ``consume``, run jobs here (sweeper, and receiver on Redis)."""
        await self.broker.startup()
        self._started = True
        self._consuming = consume
        if not consume:
            return
        self._stopping = asyncio.Event()
        self._sweeper = asyncio.create_task(self._sweep_forever(), name="crystalbay-sweeper")
        if not self.in_process:
            from taskiq.api import run_receiver_task  # noqa: PLC0415 - only workers need it

            self._loops.append(
                asyncio.create_task(
                    run_receiver_task(self.broker, max_async_tasks=20, run_startup=False),
                    name="crystalbay-receiver",
                )
            )

    async def stop(self, *, grace: float = 5.0) -> None:
        """Stop sweeping and receiving; let running jobs finish for up to ``grace`` seconds."""
        if self._sweeper is not None:
            # Let the current sweep finish: cancelling a query leaves its database thread
            # answering a loop that may be gone.
            self._stopping.set()
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(asyncio.shield(self._sweeper), grace)
            self._sweeper.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._sweeper
            self._sweeper = None
        for loop in self._loops:
            loop.cancel()
        for loop in self._loops:
            with contextlib.suppress(asyncio.CancelledError, Exception):
                await loop
        self._loops.clear()
        if self._running:
            await asyncio.wait(set(self._running), timeout=grace)
        self._consuming = False
        if self._started:
            self._started = False
            await self.broker.shutdown()

    async def _sweep_forever(self) -> None:
        while not self._stopping.is_set():
            try:
                await self.sweep()
            except Exception:
                logger.exception("job sweep failed; trying again")
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self._stopping.wait(), self.settings.poll)


def _task_for(queue: JobQueue) -> Callable[[int], Coroutine[Any, Any, None]]:
    """The taskiq task body (taskiq renames the function it registers, so no bound method)."""

    async def run_job(job_id: int) -> None:
        await queue.run(job_id)

    return run_job


def _expected(exc: Exception) -> bool:
    """Integration errors are expected and logged without a traceback."""
    from crystalbay.errors import IntegrationError  # noqa: PLC0415

    return isinstance(exc, IntegrationError)
