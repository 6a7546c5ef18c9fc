"""Bearer API-key authentication for ``/api/v1``."""

from __future__ import annotations

from typing import TYPE_CHECKING

from crystalbay.errors import AuthenticationError
from crystalbay_web.deps import AnyConnection

if TYPE_CHECKING:
    from litestar.handlers.base import BaseRouteHandler

    from crystalbay.hub import Hub

__all__ = ["api_actor", "require_api_key"]


async def require_api_key(connection: AnyConnection, route_handler: BaseRouteHandler) -> None:
    """Guard: the request carries ``Authorization: Bearer <key>`` of a live key.

    A route marked ``opt={"widget_key": True}`` (the lead import) also takes a website widget
    key, when the request's ``Origin`` is one the key allows.

    Raises:
        AuthenticationError: Missing, malformed, unknown or revoked key (401).
    """
    header = connection.headers.get("authorization", "")
    scheme, _sep, secret = header.partition(" ")
    if scheme.lower() != "bearer" or not secret.strip():
        raise AuthenticationError("send your API key as 'Authorization: Bearer <key>'")
    hub: Hub = connection.app.state.hub
    origin = connection.headers.get("origin")
    if route_handler.opt.get("widget_key") and origin:
        widget = await _widget_key(hub, secret, origin)
        if widget is not None:
            connection.state.actor = f"widget:{widget}"
            connection.state.cors_origin = origin
            return
    key = await hub.accounts.check_api_key(secret)
    connection.state.actor = f"api:{key.name}"


async def _widget_key(hub: Hub, secret: str, origin: str) -> str | None:
    """The widget key's name when ``secret`` is a widget key allowed on ``origin``."""
    try:
        return (await hub.accounts.check_widget_key(secret, origin)).name
    except AuthenticationError:
        return None


def api_actor(connection: AnyConnection) -> str:
    """Who is calling, for the activity log (set by :func:`require_api_key`)."""
    return str(connection.state.get("actor", "api"))
