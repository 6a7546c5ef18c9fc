"""The portal's leaky bucket, server side (contract 1.4)."""

from __future__ import annotations

import threading
import time
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from collections.abc import Callable

__all__ = ["ServerBucket"]


class ServerBucket:
    """Each request adds 1; the counter drains by ``rate`` per second; above ``capacity`` refuse.

    Args:
        capacity: ``X`` (50 on most plans).
        rate: ``Y`` per second (2 on most plans).
        clock: Monotonic clock in seconds.

    Attributes:
        refused: Requests refused so far.
    """

    def __init__(
        self, capacity: int = 50, rate: float = 2.0, clock: Callable[[], float] = time.monotonic
    ) -> None:
        self.capacity = capacity
        self.rate = rate
        self._clock = clock
        self._level = 0.0
        self._at = clock()
        self._lock = threading.Lock()
        self.refused = 0

    def admit(self) -> bool:
        """Count one request; ``False`` (and not counted) when it would overflow the bucket."""
        with self._lock:
            now = self._clock()
            self._level = max(0.0, self._level - (now - self._at) * self.rate)
            self._at = now
            # A hair of slack for float rounding between the client's and our clock readings.
            if self._level + 1 > self.capacity + 1e-6:
                self.refused += 1
                return False
            self._level += 1
            return True
