"""Live updates: hub events pushed to open dashboard pages as server-sent events (``/events``).

Every process that emits hub events (web processes, ``crystalbay worker``, the bot) publishes
each lead and message event on a Litestar channel; each web process subscribes and streams the
events to its open pages. The channel lives in memory by default and in Redis pub/sub when
``REDIS_URL`` is set (its name is ``<CRYSTALBAY_JOB_QUEUE>:live``), so a message taken in by a
worker reaches a page connected to any web process. Only the event's type and ids are sent (no
lead data), so a page decides what to reload through the normal, permission-checked routes.
"""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import AsyncIterator
from typing import TYPE_CHECKING

import msgspec
from litestar import get
from litestar.channels import ChannelsPlugin
from litestar.channels.backends.memory import MemoryChannelsBackend
from litestar.channels.backends.redis import RedisChannelsPubSubBackend
from litestar.response import ServerSentEvent

from crystalbay.events import (
    Event,
    LeadCreated,
    LeadStageChanged,
    LeadUpdated,
    MessageReceived,
    MessageStatusChanged,
)
from crystalbay.hookspecs import hookimpl
from crystalbay_web.deps import AnyRequest

if TYPE_CHECKING:
    from litestar.channels.backends.base import ChannelsBackend
    from redis.asyncio import Redis

    from crystalbay.hub import Hub

__all__ = ["PLUGIN_NAME", "LiveEvents", "events_stream", "live_events"]

PLUGIN_NAME = "crystalbay-web-live"
QUEUE_SIZE = 100
KEEPALIVE_SECONDS = 20.0
# How long the Redis listener sleeps while no page is subscribed (milliseconds).
IDLE_SLEEP_MS = 250
_FORWARDED = (LeadCreated, LeadUpdated, LeadStageChanged, MessageReceived, MessageStatusChanged)


def _backend(redis_url: str | None) -> tuple[ChannelsBackend, Redis | None]:
    if not redis_url:
        return MemoryChannelsBackend(), None
    from redis.asyncio import Redis  # noqa: PLC0415 - only with REDIS_URL

    redis = Redis.from_url(redis_url)
    backend = RedisChannelsPubSubBackend(redis=redis, stream_sleep_no_subscriptions=IDLE_SLEEP_MS)
    return backend, redis


class LiveEvents:
    """Publishes hub events on the live channel and hands them to subscribed pages.

    Args:
        redis_url: Redis for a channel shared by every process; ``None`` keeps it in memory.
        channel: The channel's name.
    """

    def __init__(self, redis_url: str | None, channel: str = "crystalbay:live") -> None:
        self.channel = channel
        backend, self._redis = _backend(redis_url)
        self.channels = ChannelsPlugin(
            backend=backend,
            channels=[channel],
            subscriber_max_backlog=QUEUE_SIZE,
            subscriber_backlog_strategy="dropleft",
        )
        self._started = False
        self._closed = False
        self._starting: asyncio.Lock | None = None

    async def start(self) -> None:
        """Connect the channel (once; also done on the first event or subscription).

        Raises:
            RuntimeError: The hub has shut down.
        """
        self._starting = self._starting or asyncio.Lock()
        async with self._starting:
            if self._closed:
                raise RuntimeError("live updates have shut down with the hub")
            if not self._started:
                await self.channels.__aenter__()
                self._started = True

    @hookimpl
    async def shutdown(self, hub: Hub) -> None:
        """Flush what is being published, then disconnect."""
        del hub
        self._closed = True
        if self._started:
            self._started = False
            await self.channels.__aexit__(None, None, None)
        if self._redis is not None:
            await self._redis.aclose()

    @hookimpl
    async def on_event(self, hub: Hub, event: Event) -> None:
        """Publish a lead or message event (type and ids only)."""
        del hub
        if self._closed or not isinstance(event, _FORWARDED):
            return  # an event raised while the hub closes reaches no page anyway
        await self.start()
        data: dict[str, object] = {"type": type(event).__name__, **msgspec.to_builtins(event)}
        self.channels.publish(msgspec.json.encode(data), self.channel)

    @contextlib.asynccontextmanager
    async def subscribe(self) -> AsyncIterator[asyncio.Queue[bytes]]:
        """A queue of encoded events while the context is open (a slow page loses the oldest)."""
        await self.start()
        queue: asyncio.Queue[bytes] = asyncio.Queue(QUEUE_SIZE)

        async def put(item: bytes) -> None:
            with contextlib.suppress(asyncio.QueueFull):
                queue.put_nowait(item)

        async with (
            self.channels.start_subscription(self.channel) as subscriber,
            subscriber.run_in_background(put, join=False),
        ):
            yield queue


def live_events(hub: Hub) -> LiveEvents:
    """The hub's :class:`LiveEvents`, registered on first use."""
    plugin = hub.pm.get_plugin(PLUGIN_NAME)
    if not isinstance(plugin, LiveEvents):
        plugin = LiveEvents(hub.settings.redis_url, f"{hub.jobs.settings.queue_name}:live")
        hub.pm.register(plugin, name=PLUGIN_NAME)
    return plugin


async def _messages(live: LiveEvents) -> AsyncIterator[dict[str, str]]:
    async with live.subscribe() as queue:
        yield {"event": "ready", "data": "{}"}
        while True:
            try:
                data = await asyncio.wait_for(queue.get(), KEEPALIVE_SECONDS)
            except TimeoutError:
                yield {"event": "ping", "data": "{}"}
                continue
            yield {"event": "hub", "data": data.decode()}


@get("/events", include_in_schema=False)
async def events_stream(request: AnyRequest) -> ServerSentEvent:
    """Server-sent events for open dashboard pages (``event: hub``, JSON data)."""
    live = live_events(request.app.state.hub)
    return ServerSentEvent(_messages(live))
