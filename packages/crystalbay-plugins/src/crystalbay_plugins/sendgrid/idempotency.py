"""A best-effort, in-process guard against sending the same outbox message twice.

SendGrid has no idempotency on Mail Send: posting the same body twice sends two e-mails. The
guard remembers recently sent idempotency keys and serialises concurrent sends of one key, so
a retry inside one process returns the first message id instead of mailing again. It cannot
help across processes or restarts, nor after a timeout that hid a successful send: the outbox
row (and the ``custom_args`` key echoed in events) stays the source of truth.
"""

from __future__ import annotations

import asyncio
from collections import OrderedDict
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from collections.abc import Awaitable, Callable

__all__ = ["SendOnce"]


class _Slot:
    def __init__(self) -> None:
        self.lock = asyncio.Lock()
        self.users = 0


class SendOnce:
    """Run an action at most once per key (successful runs are remembered).

    Args:
        capacity: How many recent keys to remember (oldest forgotten first).
    """

    def __init__(self, capacity: int = 10_000) -> None:
        self._capacity = capacity
        self._done: OrderedDict[str, str] = OrderedDict()
        self._slots: dict[str, _Slot] = {}

    def get(self, key: str) -> str | None:
        """The result remembered for ``key``, if any."""
        return self._done.get(key)

    async def run(self, key: str, action: Callable[[], Awaitable[str]]) -> str:
        """Return the remembered result for ``key``, or run ``action`` and remember it.

        Concurrent calls with one key wait for the first; a failed action is not remembered,
        so the next call tries again.
        """
        slot = self._slots.setdefault(key, _Slot())
        slot.users += 1
        try:
            async with slot.lock:
                if (known := self._done.get(key)) is not None:
                    self._done.move_to_end(key)
                    return known
                result = await action()
                self._remember(key, result)
                return result
        finally:
            slot.users -= 1
            if slot.users == 0:
                del self._slots[key]

    def _remember(self, key: str, result: str) -> None:
        self._done[key] = result
        while len(self._done) > self._capacity:
            self._done.popitem(last=False)
