"""A small TTL cache and a single-flight gate, both driven by an injectable clock."""

from __future__ import annotations

import asyncio
import functools
import time
from collections import OrderedDict
from collections.abc import Callable, Coroutine, Hashable
from typing import Any, Generic, TypeVar

__all__ = ["Clock", "SingleFlight", "TtlCache"]

K = TypeVar("K", bound=Hashable)
V = TypeVar("V")

Clock = Callable[[], float]
"""Returns seconds from an arbitrary origin; ``time.monotonic`` in production."""


class TtlCache(Generic[K, V]):
    """Keep values for ``ttl`` seconds, evicting the least recently used beyond ``max_entries``.

    Args:
        ttl: Seconds a value stays fresh; ``0`` disables the cache.
        clock: Time source, injectable for tests.
        max_entries: Upper bound on stored values.
    """

    def __init__(
        self, ttl: float, *, clock: Clock = time.monotonic, max_entries: int = 1024
    ) -> None:
        self.ttl = ttl
        self._clock = clock
        self._max_entries = max_entries
        self._entries: OrderedDict[K, tuple[float, V]] = OrderedDict()

    def get(self, key: K) -> V | None:
        """The fresh value stored under ``key``, or ``None``."""
        entry = self._entries.get(key)
        if entry is None:
            return None
        expires, value = entry
        if self._clock() >= expires:
            del self._entries[key]
            return None
        self._entries.move_to_end(key)
        return value

    def put(self, key: K, value: V) -> None:
        """Store ``value`` under ``key`` for ``ttl`` seconds."""
        if self.ttl <= 0:
            return
        self._entries[key] = (self._clock() + self.ttl, value)
        self._entries.move_to_end(key)
        while len(self._entries) > self._max_entries:
            self._entries.popitem(last=False)

    def clear(self) -> None:
        """Forget every value."""
        self._entries.clear()

    def __len__(self) -> int:
        return len(self._entries)


class SingleFlight(Generic[K, V]):
    """Run one call per key at a time; concurrent callers with the same key share its result.

    The shared call runs as its own task, so a caller that is cancelled does not cancel it for
    the others.
    """

    def __init__(self) -> None:
        self._calls: dict[K, asyncio.Task[V]] = {}

    async def run(self, key: K, call: Callable[[], Coroutine[Any, Any, V]]) -> V:
        """Return ``await call()``, joining a call for ``key`` already in flight."""
        task = self._calls.get(key)
        if task is None:
            task = asyncio.create_task(call())
            self._calls[key] = task
            task.add_done_callback(functools.partial(self._forget, key))
        return await asyncio.shield(task)

    def _forget(self, key: K, task: asyncio.Task[V]) -> None:
        if self._calls.get(key) is task:
            del self._calls[key]
        if not task.cancelled():
            task.exception()  # mark it retrieved even when every caller went away

    def __len__(self) -> int:
        return len(self._calls)
