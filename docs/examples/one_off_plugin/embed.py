"""Embedding the hub in your own program, with the one-off plugin registered."""

from __future__ import annotations

import asyncio

# --8<-- [start:main]
import my_listener

from crystalbay.hub import Hub
from crystalbay.plugins import make_plugin_manager
from crystalbay.services.leads import LeadDraft
from crystalbay.settings import Settings


async def main(settings: Settings | None = None) -> None:
    pm = make_plugin_manager()  # built-ins + installed entry points
    pm.register(my_listener, name="my_listener")
    async with Hub(settings or Settings.from_env(), pm=pm) as hub:
        await hub.leads.create(LeadDraft(title="Bali in May"), actor="script")


# --8<-- [end:main]

if __name__ == "__main__":
    asyncio.run(main())
