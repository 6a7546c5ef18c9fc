"""Live updates: hub events reach subscribed pages, in memory and across processes via Redis."""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import Callable

import msgspec
import pytest

import crystalbay_web.plugin
from crystalbay.events import BookingChanged, LeadCreated, LeadStageChanged
from crystalbay.hub import Hub
from crystalbay_web.live import LiveEvents, live_events

HubFactory = Callable[..., contextlib.AbstractAsyncContextManager[Hub]]


async def _next(queue: asyncio.Queue[bytes]) -> dict[str, object]:
    raw = await asyncio.wait_for(queue.get(), timeout=5)
    return msgspec.json.decode(raw)


async def test_events_reach_subscribers_in_memory(hub_factory: HubFactory) -> None:
    async with hub_factory() as hub:
        live = live_events(hub)
        assert live_events(hub) is live  # one per hub
        async with live.subscribe() as queue:
            await hub.emit(BookingChanged(booking_id=1, lead_id=2, status="new"))  # not forwarded
            await hub.emit(LeadCreated(lead_id=7, source="telegram"))
            event = await _next(queue)
            assert (event["type"], event["lead_id"]) == ("LeadCreated", 7)
            assert queue.empty()
        # a page that went away no longer receives anything, and nothing fails
        await hub.emit(LeadCreated(lead_id=8, source="telegram"))
    # after the hub closed, a late event neither fails nor reconnects the channel
    await live.on_event(hub, LeadCreated(lead_id=9, source="telegram"))
    assert not live._started


async def test_a_slow_page_keeps_the_newest_events(hub_factory: HubFactory) -> None:
    async with hub_factory() as hub:
        live = live_events(hub)
        async with live.subscribe() as queue:
            for n in range(queue.maxsize + 20):
                await hub.emit(LeadCreated(lead_id=n, source="api"))
            await asyncio.sleep(0.2)
            assert queue.qsize() <= queue.maxsize


async def test_a_workers_events_reach_every_web_process_through_redis(
    hub_factory: HubFactory, redis_env: dict[str, str], register_plugin: Callable[..., None]
) -> None:
    register_plugin(crystalbay_web.plugin, name="web")  # as the entry point does in a worker
    async with contextlib.AsyncExitStack() as stack:
        web_a = await stack.enter_async_context(hub_factory(redis_env, run_jobs=False))
        web_b = await stack.enter_async_context(hub_factory(redis_env, run_jobs=False))
        worker = await stack.enter_async_context(hub_factory(redis_env, run_jobs=False))
        worker_live = worker.pm.get_plugin("crystalbay-web-live")
        assert isinstance(worker_live, LiveEvents)  # registered at start-up because of REDIS_URL
        page_a = await stack.enter_async_context(live_events(web_a).subscribe())
        page_b = await stack.enter_async_context(live_events(web_b).subscribe())
        await asyncio.sleep(0.5)  # the Redis subscriptions are live
        change = LeadStageChanged(lead_id=3, before="new", after="consultation", actor="t")
        await worker.emit(change)
        for page in (page_a, page_b):
            event = await _next(page)
            assert (event["type"], event["after"]) == ("LeadStageChanged", "consultation")
        await web_a.emit(LeadCreated(lead_id=4, source="whatsapp"))  # from a web process
        assert (await _next(page_a))["lead_id"] == 4
        assert (await _next(page_b))["lead_id"] == 4
        await asyncio.sleep(0.2)
        assert page_a.empty()  # once, not once locally and once through Redis
        assert page_b.empty()


async def test_without_redis_a_worker_publishes_nothing(
    hub_factory: HubFactory, register_plugin: Callable[..., None]
) -> None:
    register_plugin(crystalbay_web.plugin, name="web")
    async with hub_factory() as hub:
        assert hub.pm.get_plugin("crystalbay-web-live") is None


@pytest.mark.parametrize("channel", ["crystalbay-test:live"])
async def test_the_channel_name_follows_the_job_queue(
    hub_factory: HubFactory, channel: str
) -> None:
    async with hub_factory({"CRYSTALBAY_JOB_QUEUE": "crystalbay-test"}) as hub:
        assert live_events(hub).channel == channel
