"""Login throttling: at most N failed attempts per username and IP within a window.

The counters live behind :class:`AttemptStore`: in memory for one process (the default), or
in Redis when ``REDIS_URL`` is set, so that several web processes share them.
"""

from __future__ import annotations

import time
from typing import Protocol, runtime_checkable

import msgspec

__all__ = [
    "AttemptStore",
    "LoginLimiter",
    "MemoryAttemptStore",
    "RedisAttemptStore",
    "make_attempt_store",
]


@runtime_checkable
class AttemptStore(Protocol):
    """Counts events per key within a sliding window."""

    async def count(self, key: str, window: float) -> int:
        """Events recorded for ``key`` in the last ``window`` seconds."""
        ...

    async def add(self, key: str, window: float) -> int:
        """Record one event for ``key``; return the count in the window, this one included."""
        ...

    async def clear(self, key: str) -> None:
        """Forget the events of ``key``."""
        ...

    async def close(self) -> None:
        """Release connections."""
        ...


class MemoryAttemptStore:
    """Counters in this process's memory (lost on restart, not shared between processes)."""

    def __init__(self) -> None:
        self._events: dict[str, list[float]] = {}

    def _recent(self, key: str, window: float) -> list[float]:
        since = time.monotonic() - window
        events = [at for at in self._events.get(key, ()) if at > since]
        if events:
            self._events[key] = events
        else:
            self._events.pop(key, None)
        return events

    async def count(self, key: str, window: float) -> int:  # noqa: D102 - see the Protocol
        return len(self._recent(key, window))

    async def add(self, key: str, window: float) -> int:  # noqa: D102
        events = self._recent(key, window)
        events.append(time.monotonic())
        self._events[key] = events
        return len(events)

    async def clear(self, key: str) -> None:  # noqa: D102
        self._events.pop(key, None)

    async def close(self) -> None:  # noqa: D102
        self._events.clear()


class RedisAttemptStore:
    """Counters in Redis: one key per username and IP that expires with the window.

    A fixed window that starts at the first failure (``INCR`` + ``EXPIRE NX``): simple, and
    never lets more than the limit through inside one window.
    """

    def __init__(self, url: str, prefix: str = "crystalbay:login:") -> None:
        from redis.asyncio import Redis  # noqa: PLC0415 - only needed with REDIS_URL

        self._redis = Redis.from_url(url)
        self._prefix = prefix

    async def count(self, key: str, window: float) -> int:  # noqa: D102 - see the Protocol
        del window
        value = await self._redis.get(self._prefix + key)
        return int(value or 0)

    async def add(self, key: str, window: float) -> int:  # noqa: D102
        name = self._prefix + key
        async with self._redis.pipeline(transaction=True) as pipe:
            pipe.incr(name)
            pipe.expire(name, max(1, int(window)), nx=True)
            count, _ = await pipe.execute()
        return int(count)

    async def clear(self, key: str) -> None:  # noqa: D102
        await self._redis.delete(self._prefix + key)

    async def close(self) -> None:  # noqa: D102
        await self._redis.aclose()


def make_attempt_store(redis_url: str | None) -> AttemptStore:
    """Redis-backed when ``redis_url`` is set, otherwise in memory."""
    return RedisAttemptStore(redis_url) if redis_url else MemoryAttemptStore()


class LoginLimiter(msgspec.Struct, kw_only=True):
    """Blocks a username+IP pair after ``max_failures`` failed logins within ``window`` seconds.

    Usage: ``if await limiter.blocked(user, ip)`` → refuse; after a wrong password
    ``await limiter.failed(user, ip)``; after a good one ``await limiter.succeeded(user, ip)``.
    """

    store: AttemptStore
    max_failures: int = 5
    window: float = 300.0

    @staticmethod
    def _key(username: str, ip: str) -> str:
        return f"{username.strip().lower()}|{ip}"

    async def blocked(self, username: str, ip: str) -> bool:
        """Whether this pair used up its attempts."""
        return await self.store.count(self._key(username, ip), self.window) >= self.max_failures

    async def failed(self, username: str, ip: str) -> None:
        """Record a failed attempt."""
        await self.store.add(self._key(username, ip), self.window)

    async def succeeded(self, username: str, ip: str) -> None:
        """Forget the failures of this pair after a good login."""
        await self.store.clear(self._key(username, ip))
