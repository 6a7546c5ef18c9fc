"""Services and event handlers against the kit's fakes, without any vendor."""

from __future__ import annotations

from collections.abc import Callable
from contextlib import AbstractAsyncContextManager
from types import SimpleNamespace

from crystalbay.events import Event, LeadCreated
from crystalbay.hookspecs import hookimpl
from crystalbay.hub import Hub
from crystalbay.services.leads import LeadDraft

RegisterPlugin = Callable[..., None]
HubFactory = Callable[..., AbstractAsyncContextManager[Hub]]


async def test_listener_sees_new_leads(
    register_plugin: RegisterPlugin, hub_factory: HubFactory
) -> None:
    seen: list[Event] = []

    class Listener:
        @hookimpl
        def on_event(self, event: Event) -> None:
            seen.append(event)

    register_plugin(Listener(), name="listener")
    async with hub_factory() as hub:
        lead = await hub.leads.create(LeadDraft(title="Bali in May"), actor="test")
    assert LeadCreated(lead_id=lead.id, source="manual") in seen


async def test_fakes_are_registered(hub: Hub, fakes: SimpleNamespace) -> None:
    assert hub.channels["fake"] is fakes.channel
    assert "fake" in hub.tour_providers
