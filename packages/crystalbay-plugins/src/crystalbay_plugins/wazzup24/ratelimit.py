"""A client-side limiter for Wazzup's "500 requests per 5 seconds per key" rule."""

from __future__ import annotations

import asyncio
import time
from collections import deque
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from collections.abc import Callable

__all__ = ["RATE_LIMIT", "RATE_WINDOW", "SlidingWindowLimiter"]

RATE_LIMIT = 500
"""Requests allowed per window and API key (contract 1.1)."""

RATE_WINDOW = 5.0
"""Window length in seconds; Wazzup resets its counter every 5 s (contract 1.1)."""


class SlidingWindowLimiter:
    """Allow at most ``limit`` calls in any ``window`` seconds, waiting when the budget is spent.

    Wazzup counts in fixed windows whose phase we cannot see; a sliding window is stricter
    and so can never exceed the vendor's count. It is per process: several worker processes
    with one key share the vendor's budget and may still meet a 429, which the client handles.

    Args:
        limit: Calls allowed per window.
        window: Window length in seconds.
        clock: Monotonic clock (injectable for tests).
    """

    def __init__(
        self,
        limit: int = RATE_LIMIT,
        window: float = RATE_WINDOW,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        if limit < 1 or window <= 0:
            raise ValueError("limit must be >= 1 and window > 0")
        self.limit = limit
        self.window = window
        self._clock = clock
        self._calls: deque[float] = deque()
        self._lock = asyncio.Lock()

    async def acquire(self) -> None:
        """Wait until one more call fits in the window, then count it."""
        async with self._lock:
            delay = self._delay()
            if delay > 0:
                await asyncio.sleep(delay)
                # The oldest call has left the window (the loop may wake a hair early).
                self._calls.popleft()
            self._calls.append(self._clock())

    def _delay(self) -> float:
        now = self._clock()
        while self._calls and now - self._calls[0] >= self.window:
            self._calls.popleft()
        if len(self._calls) < self.limit:
            return 0.0
        return self.window - (now - self._calls[0])
