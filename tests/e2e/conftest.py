"""End-to-end fixtures: the real web app served over HTTP on 127.0.0.1, in the test's loop."""

from __future__ import annotations

import asyncio
import contextlib
import socket
from typing import TYPE_CHECKING

import pytest
import uvicorn

from crystalbay_web.asgi import create_app

if TYPE_CHECKING:
    from collections.abc import AsyncIterator, Callable

    from crystalbay.hub import Hub

FAST_JOBS = {
    "CRYSTALBAY_JOB_POLL": "0.05",
    "CRYSTALBAY_JOB_BACKOFF": "0.05",
    "CRYSTALBAY_JOB_DISPATCH_LEASE": "0.3",
}


def free_port() -> int:
    """A TCP port nobody listens on right now."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@contextlib.asynccontextmanager
async def serve(hub: Hub, port: int) -> AsyncIterator[str]:
    """Serve ``hub`` at ``http://127.0.0.1:port`` until the block ends."""
    config = uvicorn.Config(
        create_app(hub), host="127.0.0.1", port=port, log_level="warning", lifespan="on"
    )
    server = uvicorn.Server(config)
    task = asyncio.create_task(server.serve())
    while not server.started:
        if task.done():
            task.result()
        await asyncio.sleep(0.01)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        await task


@pytest.fixture(name="served_hub")
def fx_served_hub(
    hub_factory: Callable[..., contextlib.AbstractAsyncContextManager[Hub]],
) -> Callable[[dict[str, str]], contextlib.AbstractAsyncContextManager[tuple[Hub, str]]]:
    """``async with served_hub(env) as (hub, url)``: a started hub behind a real HTTP server.

    ``PUBLIC_URL`` is set to the served address.
    """

    @contextlib.asynccontextmanager
    async def factory(env: dict[str, str]) -> AsyncIterator[tuple[Hub, str]]:
        port = free_port()
        url = f"http://127.0.0.1:{port}"
        async with (
            hub_factory({**FAST_JOBS, "PUBLIC_URL": url, **env}, mock_http=False) as hub,
            serve(hub, port),
        ):
            yield hub, url

    return factory
