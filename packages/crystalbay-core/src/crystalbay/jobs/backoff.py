"""Retry delays: exponential backoff with full jitter, honouring a vendor's ``retry_after``."""

from __future__ import annotations

import random

__all__ = ["retry_delay"]


def retry_delay(
    attempt: int,
    *,
    base: float = 2.0,
    cap: float = 600.0,
    retry_after: float | None = None,
    rng: random.Random | None = None,
) -> float:
    """Seconds to wait before attempt ``attempt + 1``.

    The window doubles per attempt (``base``, ``2*base``, ...) up to ``cap``; the delay is drawn
    uniformly from its upper half so that retries of a burst spread out. A vendor's
    ``retry_after`` is a floor: we never come back sooner than asked.

    Args:
        attempt: Attempts made so far (1 after the first failure).
        base: The first window, in seconds.
        cap: The largest window.
        retry_after: Seconds the vendor asked us to wait, if it said.
        rng: Random source (tests pass a seeded one).
    """
    window = min(cap, base * 2 ** max(0, attempt - 1))
    delay = (rng or random).uniform(window / 2, window)
    return max(delay, retry_after or 0.0)
