"""The taskiq broker that wakes workers: in memory by default, a Redis list with ``REDIS_URL``.

The broker only carries job ids. What must happen lives in the jobs table, so a wake-up that
is lost (a crash, a Redis restart) delays the work until the sweeper finds it; it never drops it.
"""

from __future__ import annotations

from taskiq import AsyncBroker, InMemoryBroker
from taskiq_redis import ListQueueBroker

__all__ = ["QUEUE_NAME", "make_broker"]

QUEUE_NAME = "crystalbay:jobs"


def make_broker(redis_url: str | None, *, queue_name: str = QUEUE_NAME) -> AsyncBroker:
    """An in-process broker, or a Redis list shared by every process of the hub."""
    if redis_url:
        return ListQueueBroker(redis_url, queue_name=queue_name)
    # Few at a time: in the embedded mode jobs share the process (and SQLite's single writer)
    # with the web handlers, whose answers to vendors must stay fast.
    return InMemoryBroker(max_async_tasks=4)
