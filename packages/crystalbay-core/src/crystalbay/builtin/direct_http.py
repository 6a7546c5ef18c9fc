"""Direct HTTP routing: the default transport for every host no routing plugin claims."""

from __future__ import annotations

from typing import TYPE_CHECKING

import httpx

from crystalbay.hookspecs import hookimpl

if TYPE_CHECKING:
    from collections.abc import Mapping

    from crystalbay.hub import Hub


@hookimpl
def register_http_mounts(hub: Hub) -> Mapping[str, httpx.AsyncBaseTransport]:
    """Route everything directly, retrying a failed connection once."""
    del hub
    return {"all://": httpx.AsyncHTTPTransport(retries=1)}
