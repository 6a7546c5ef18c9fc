"""Per-customer hit counters for the throttle: in memory, or in Redis with ``REDIS_URL``.

Both count hits in a sliding window (a fixed window would let a flood that straddles its
edge through unnoticed). Throttled hits count too, so a customer who keeps flooding stays
throttled until they pause for a whole window.
"""

from __future__ import annotations

import itertools
import math
import secrets
from collections import deque
from typing import TYPE_CHECKING, Protocol, runtime_checkable

if TYPE_CHECKING:
    from redis.asyncio import Redis

__all__ = ["MemoryRateStore", "RateStore", "RedisRateStore"]


@runtime_checkable
class RateStore(Protocol):
    """Where the throttle keeps each customer's recent hits."""

    async def hit(self, key: str, *, now: float, per: float) -> int:
        """Record one hit of ``key`` at ``now``.

        Returns:
            The hits of ``key`` within the last ``per`` seconds, this one included.
        """
        ...


class MemoryRateStore:
    """Hits kept in this process (the embedded default).

    Args:
        prune_every: Forget idle customers after this many hits, so memory stays bounded.
    """

    def __init__(self, *, prune_every: int = 4096) -> None:
        self._hits: dict[str, deque[float]] = {}
        self._count = itertools.count(1)
        self._prune_every = prune_every

    async def hit(self, key: str, *, now: float, per: float) -> int:
        """See :meth:`RateStore.hit`."""
        hits = self._hits.setdefault(key, deque())
        _forget_before(hits, now - per)
        hits.append(now)
        if next(self._count) % self._prune_every == 0:
            self._prune(now - per)
        return len(hits)

    def __len__(self) -> int:
        """Customers with hits in memory."""
        return len(self._hits)

    def _prune(self, horizon: float) -> None:
        for key in [k for k, hits in self._hits.items() if not hits or hits[-1] <= horizon]:
            del self._hits[key]


class RedisRateStore:
    """Hits in a Redis sorted set per customer, shared by every bot process.

    Args:
        redis: The client (the FSM storage's).
        prefix: Key prefix; a customer's key is ``<prefix>:<key>``.
    """

    def __init__(self, redis: Redis, *, prefix: str) -> None:
        self.redis = redis
        self.prefix = prefix

    async def hit(self, key: str, *, now: float, per: float) -> int:
        """See :meth:`RateStore.hit` (one MULTI/EXEC round trip)."""
        name = f"{self.prefix}:{key}"
        member = f"{now:.6f}:{secrets.token_hex(4)}"  # two hits in one microsecond stay two
        async with self.redis.pipeline(transaction=True) as pipe:
            pipe.zremrangebyscore(name, "-inf", now - per)
            pipe.zadd(name, {member: now})
            pipe.zcard(name)
            pipe.expire(name, math.ceil(per) + 1)
            _, _, count, _ = await pipe.execute()
        return int(count)


def _forget_before(hits: deque[float], horizon: float) -> None:
    while hits and hits[0] <= horizon:
        hits.popleft()
