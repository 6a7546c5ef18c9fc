"""The Litestar application factory."""

from __future__ import annotations

import contextlib
from typing import TYPE_CHECKING

from litestar import Litestar
from litestar.datastructures import State
from litestar.openapi import OpenAPIConfig
from litestar.openapi.plugins import JsonRenderPlugin

from crystalbay.hub import Hub
from crystalbay.settings import Settings
from crystalbay_web.core import WebCore

if TYPE_CHECKING:
    from collections.abc import AsyncIterator

__all__ = ["MAX_BODY_BYTES", "create_app"]

MAX_BODY_BYTES = 1_000_000
"""Largest request body accepted (webhooks with attachments included)."""


def create_app(hub: Hub | None = None) -> Litestar:
    """Build the web app around ``hub`` (a new hub from the environment by default).

    The hub is started on app start-up unless it already runs, and closed on shutdown if the
    app started it.
    """
    the_hub = hub or Hub(Settings.from_env())

    @contextlib.asynccontextmanager
    async def lifespan(app: Litestar) -> AsyncIterator[None]:
        owned = not the_hub.started
        if owned:
            await the_hub.start()
        del app
        try:
            yield
        finally:
            if owned:
                await the_hub.close()

    return Litestar(
        plugins=[WebCore(the_hub)],
        state=State({"hub": the_hub}),
        lifespan=[lifespan],
        request_max_body_size=MAX_BODY_BYTES,
        openapi_config=OpenAPIConfig(
            title="Crystal Bay hub API",
            version="1.0.0",
            path="/schema",
            render_plugins=[JsonRenderPlugin()],
        ),
    )
