"""When to try an OpenAI request again, and how long to wait first.

The adapter retries itself and builds the SDK client with ``max_retries=0``. The SDK's own
loop would do much the same (contract 1.5), but its limits differ between majors (a server
wait above 60 s is replaced by back-off in 1.x, above 120 s ends retrying in 2.x/3.x) and
its back-off cannot be tuned; our loop behaves the same on every SDK version, gives up at
once when the server asks for a wait longer than ``max_retry_wait`` (the job queue can then
reschedule), and lets tests use millisecond back-offs.
"""

from __future__ import annotations

import email.utils
import math
import random
import time
from typing import TYPE_CHECKING

import openai

if TYPE_CHECKING:
    from collections.abc import Mapping

__all__ = ["MAX_BACKOFF", "backoff", "is_retryable", "server_wait"]

MAX_BACKOFF = 8.0
"""Longest back-off between attempts when the server names no wait (the SDK's cap too)."""

_RETRIED_STATUSES = frozenset({408, 409, 429})
_SERVER_ERROR = 500


def is_retryable(exc: Exception) -> bool:
    """True for timeouts, connection failures, 408/409/429 and 5xx (not an exhausted quota)."""
    if isinstance(exc, openai.APIConnectionError):  # includes APITimeoutError
        return True
    if not isinstance(exc, openai.APIStatusError):
        return False
    should = exc.response.headers.get("x-should-retry")
    if should in ("true", "false"):
        return should == "true"
    if exc.status_code == 429 and exc.code == "insufficient_quota":  # noqa: PLR2004
        return False
    return exc.status_code in _RETRIED_STATUSES or exc.status_code >= _SERVER_ERROR


def server_wait(headers: Mapping[str, str]) -> float | None:
    """Seconds the server asked us to wait: ``retry-after-ms``, else ``retry-after``.

    ``retry-after`` may be seconds (fractions allowed, as the SDK allows) or an HTTP date.
    """
    for name, scale in (("retry-after-ms", 1000.0), ("retry-after", 1.0)):
        value = headers.get(name)
        if value is None:
            continue
        try:
            seconds = float(value) / scale
        except ValueError:
            continue
        return seconds if math.isfinite(seconds) and seconds >= 0 else None
    return _http_date_wait(headers.get("retry-after"))


def backoff(attempt: int, base: float) -> float:
    """Exponential back-off for attempt 0, 1, 2, ...: ``base * 2**attempt``, capped, jittered."""
    delay = min(base * 2.0 ** min(attempt, 32), MAX_BACKOFF)
    return delay * (1 - 0.25 * random.random())  # noqa: S311 - jitter, not security


def _http_date_wait(value: str | None) -> float | None:
    if not value:
        return None
    parsed = email.utils.parsedate_tz(value)
    if parsed is None:
        return None
    return max(email.utils.mktime_tz(parsed) - time.time(), 0.0)
