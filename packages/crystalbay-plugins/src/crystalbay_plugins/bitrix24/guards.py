"""In-process guards of the adapter: per-entity locks and the memory of stages it wrote."""

from __future__ import annotations

import asyncio
import contextlib
import time
from collections import OrderedDict
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from collections.abc import AsyncIterator, Callable

__all__ = ["KeyedLocks", "WriteLog"]


class KeyedLocks:
    """Serialize work on the same keys (e.g. the same phone) inside one process.

    Two concurrent upserts of one person would otherwise both search, both miss and both
    create. Other processes are not covered; the searches still find what they created.
    """

    def __init__(self) -> None:
        self._locks: dict[str, asyncio.Lock] = {}
        self._users: dict[str, int] = {}

    @contextlib.asynccontextmanager
    async def hold(self, *keys: str) -> AsyncIterator[None]:
        """Hold the locks of ``keys`` (taken in sorted order, so no two holders deadlock)."""
        ordered = sorted(set(keys))
        for key in ordered:
            self._users[key] = self._users.get(key, 0) + 1
        async with contextlib.AsyncExitStack() as stack:
            try:
                for key in ordered:
                    await stack.enter_async_context(self._locks.setdefault(key, asyncio.Lock()))
                yield
            finally:
                for key in ordered:
                    self._users[key] -= 1
                    if not self._users[key]:
                        del self._users[key]
                        self._locks.pop(key, None)

    def __len__(self) -> int:
        return len(self._locks)


class WriteLog:
    """The stage the hub last wrote to each deal, remembered for ``ttl`` seconds.

    An outbound ``ONCRMDEALUPDATE`` for a change the hub made itself carries only the deal id;
    after re-reading the deal, :meth:`wrote` tells whether its stage is the one just written.

    Args:
        ttl: Seconds an entry counts (events may be delayed by Bitrix's queue).
        size: Entries kept at most (oldest dropped first).
        clock: Monotonic clock.
    """

    def __init__(
        self, ttl: float = 900.0, size: int = 10_000, clock: Callable[[], float] = time.monotonic
    ) -> None:
        self.ttl = ttl
        self.size = size
        self._clock = clock
        self._entries: OrderedDict[int, tuple[str, float]] = OrderedDict()

    def record(self, deal_id: int, stage_id: str) -> None:
        """Remember that the hub set ``deal_id`` to ``stage_id`` just now."""
        self._entries.pop(deal_id, None)
        self._entries[deal_id] = (stage_id, self._clock())
        while len(self._entries) > self.size:
            self._entries.popitem(last=False)

    def wrote(self, deal_id: int, stage_id: str) -> bool:
        """True when ``stage_id`` is what the hub wrote to ``deal_id`` within ``ttl``."""
        entry = self._entries.get(deal_id)
        return entry is not None and entry[0] == stage_id and self._clock() - entry[1] < self.ttl
