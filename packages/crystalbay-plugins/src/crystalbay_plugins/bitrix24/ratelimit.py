"""A client-side leaky bucket matching Bitrix24's request limit (contract 1.4).

Bitrix adds 1 to a per-portal counter for every request and drains it by ``rate`` per second;
a request that would push the counter above ``capacity`` is refused with
``QUERY_LIMIT_EXCEEDED``. The client keeps its own copy of that counter and waits before a
request that would overflow it, so a single hub never meets the limit. Other programs using the
same portal share the budget; :meth:`LeakyBucket.saturate` lets the client learn from a refusal.
"""

from __future__ import annotations

import asyncio
import time
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from collections.abc import Awaitable, Callable

__all__ = ["DEFAULT_CAPACITY", "DEFAULT_RATE", "LeakyBucket"]

DEFAULT_CAPACITY = 50
"""``X`` on every plan but Enterprise (250 there)."""

DEFAULT_RATE = 2.0
"""``Y`` requests per second on every plan but Enterprise (5 there)."""


class LeakyBucket:
    """Wait until one more request fits in the bucket, then count it.

    Args:
        capacity: Requests the bucket holds (``X``).
        rate: Requests drained per second (``Y``).
        clock: Monotonic clock in seconds (inject a fake one in tests).
        sleep: Async sleep (inject one that advances the fake clock).
    """

    def __init__(
        self,
        capacity: int = DEFAULT_CAPACITY,
        rate: float = DEFAULT_RATE,
        *,
        clock: Callable[[], float] = time.monotonic,
        sleep: Callable[[float], Awaitable[None]] = asyncio.sleep,
    ) -> None:
        if capacity < 1 or rate <= 0:
            raise ValueError("capacity must be >= 1 and rate > 0")
        self.capacity = capacity
        self.rate = rate
        self._clock = clock
        self._sleep = sleep
        self._level = 0.0
        self._at = clock()
        self._lock = asyncio.Lock()
        self.waited = 0.0
        """Total seconds spent waiting (for tests and diagnostics)."""

    @property
    def level(self) -> float:
        """The counter as of now."""
        self._drain()
        return self._level

    async def acquire(self) -> None:
        """Wait for room for one request, then count it (callers queue in order)."""
        async with self._lock:
            delay = self.delay()
            if delay > 0:
                self.waited += delay
                await self._sleep(delay)
                self._drain()
            self._level = min(self._level + 1, float(self.capacity))

    def delay(self) -> float:
        """Seconds until one more request fits (0 when it fits now)."""
        self._drain()
        overflow = self._level + 1 - self.capacity
        return overflow / self.rate if overflow > 0 else 0.0

    def saturate(self) -> None:
        """Mark the bucket full: the server refused a request, so its counter is at the top."""
        self._drain()
        self._level = float(self.capacity)

    def _drain(self) -> None:
        now = self._clock()
        self._level = max(0.0, self._level - (now - self._at) * self.rate)
        self._at = now
