"""Live updates: hub events pushed to open dashboard pages as server-sent events (``/events``).

The web app registers :class:`LiveEvents` on the hub's plugin manager; its ``on_event`` copies
each lead and message event to every connected page's queue. Only the event's type and ids are
sent (no lead data), so a page decides what to reload through the normal, permission-checked
routes. The fan-out is in process memory: with several web processes, a page sees the events of
the process it is connected to (Redis pub/sub would be the next step).
"""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import AsyncIterator
from typing import TYPE_CHECKING

import msgspec
from litestar import get
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
    from crystalbay.hub import Hub

__all__ = ["PLUGIN_NAME", "LiveEvents", "events_stream", "live_events"]

PLUGIN_NAME = "crystalbay-web-live"
QUEUE_SIZE = 100
KEEPALIVE_SECONDS = 20.0
_FORWARDED = (LeadCreated, LeadUpdated, LeadStageChanged, MessageReceived, MessageStatusChanged)


class LiveEvents:
    """Fans hub events out to subscribers (one bounded queue each; a slow page loses events)."""

    def __init__(self) -> None:
        self._queues: set[asyncio.Queue[dict[str, object]]] = set()

    @hookimpl
    def on_event(self, hub: Hub, event: Event) -> None:
        """Copy a lead or message event to every subscriber."""
        del hub
        if not isinstance(event, _FORWARDED):
            return
        data: dict[str, object] = {"type": type(event).__name__, **msgspec.to_builtins(event)}
        for queue in self._queues:
            with contextlib.suppress(asyncio.QueueFull):
                queue.put_nowait(data)

    @contextlib.asynccontextmanager
    async def subscribe(self) -> AsyncIterator[asyncio.Queue[dict[str, object]]]:
        """A queue receiving events while the context is open."""
        queue: asyncio.Queue[dict[str, object]] = asyncio.Queue(QUEUE_SIZE)
        self._queues.add(queue)
        try:
            yield queue
        finally:
            self._queues.discard(queue)


def live_events(hub: Hub) -> LiveEvents:
    """The hub's :class:`LiveEvents`, registered on first use."""
    plugin = hub.pm.get_plugin(PLUGIN_NAME)
    if not isinstance(plugin, LiveEvents):
        plugin = LiveEvents()
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
            yield {"event": "hub", "data": msgspec.json.encode(data).decode()}


@get("/events", include_in_schema=False)
async def events_stream(request: AnyRequest) -> ServerSentEvent:
    """Server-sent events for open dashboard pages (``event: hub``, JSON data)."""
    live = live_events(request.app.state.hub)
    return ServerSentEvent(_messages(live))
