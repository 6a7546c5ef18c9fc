"""Bearer API-key authentication for ``/api/v1``."""

from __future__ import annotations

from typing import TYPE_CHECKING

from crystalbay.errors import AuthenticationError
from crystalbay_web.deps import AnyConnection

if TYPE_CHECKING:
    from litestar.handlers.base import BaseRouteHandler

    from crystalbay.hub import Hub

__all__ = ["api_actor", "require_api_key"]


async def require_api_key(connection: AnyConnection, _: BaseRouteHandler) -> None:
    """Guard: the request carries ``Authorization: Bearer <key>`` of a live key.

    Raises:
        AuthenticationError: Missing, malformed, unknown or revoked key (401).
    """
    header = connection.headers.get("authorization", "")
    scheme, _sep, secret = header.partition(" ")
    if scheme.lower() != "bearer" or not secret.strip():
        raise AuthenticationError("send your API key as 'Authorization: Bearer <key>'")
    hub: Hub = connection.app.state.hub
    key = await hub.accounts.check_api_key(secret)
    connection.state.actor = f"api:{key.name}"


def api_actor(connection: AnyConnection) -> str:
    """Who is calling, for the activity log (set by :func:`require_api_key`)."""
    return str(connection.state.get("actor", "api"))
