"""How patient the bot is: how long an unfinished flow waits, how fast a customer may write."""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass

__all__ = ["Limits"]


@dataclass(frozen=True, kw_only=True)
class Limits:
    """The bot's patience, one value for every customer.

    Attributes:
        flow_ttl: Seconds an unfinished search or booking request waits for the customer. The
            next update after that starts afresh (dates and prices on screen are stale by then).
        rate: Updates one customer may send within ``per`` seconds; more are throttled.
        per: The throttle's sliding window, in seconds.
        clock: Wall-clock seconds. It must agree between processes that share Redis.
    """

    flow_ttl: float = 24 * 3600.0
    rate: int = 20
    per: float = 10.0
    clock: Callable[[], float] = time.time
