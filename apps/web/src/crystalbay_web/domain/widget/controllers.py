"""``GET /widget.js`` and the CORS preflight of the lead import for widget origins."""

from __future__ import annotations

from importlib import resources
from typing import TYPE_CHECKING

from litestar import Response, get

from crystalbay.services.widget_keys import WIDGET, KeyStore, normalize_origin

if TYPE_CHECKING:
    from litestar.types import (
        ASGIApp,
        HTTPResponseBodyEvent,
        HTTPResponseStartEvent,
        Receive,
        Scope,
        Send,
    )

__all__ = ["IMPORT_PATH", "origin_allowed", "preflight_middleware", "widget_js"]

_SCRIPT = resources.files(__package__).joinpath("widget.js").read_bytes()


@get("/widget.js", include_in_schema=False)
async def widget_js() -> Response[bytes]:
    """The embeddable lead form (no build step, no dependencies)."""
    return Response(
        _SCRIPT,
        media_type="application/javascript; charset=utf-8",
        headers={"Cache-Control": "public, max-age=3600"},
    )


IMPORT_PATH = "/api/v1/leads/import"


def preflight_middleware(app: ASGIApp) -> ASGIApp:
    """Answer the browser's CORS preflight of the lead import for widget-key sites.

    Litestar answers ``OPTIONS`` itself without CORS headers; the allowed origins live in
    the database (one list per widget key), so a static CORS configuration cannot serve them.
    """

    async def middleware(scope: Scope, receive: Receive, send: Send) -> None:
        if scope.get("method") != "OPTIONS" or scope["path"] != IMPORT_PATH:
            await app(scope, receive, send)
            return
        origin = next((v.decode() for k, v in scope["headers"] if k == b"origin"), "")
        allowed = await origin_allowed(origin)
        headers: list[tuple[bytes, bytes]] = [(b"vary", b"Origin"), (b"content-length", b"0")]
        if allowed:
            headers += [
                (b"access-control-allow-origin", origin.encode()),
                (b"access-control-allow-methods", b"POST"),
                (b"access-control-allow-headers", b"authorization, content-type, idempotency-key"),
                (b"access-control-max-age", b"600"),
            ]
        status = 204 if allowed else 403
        start: HTTPResponseStartEvent = {
            "type": "http.response.start",
            "status": status,
            "headers": headers,
        }
        body: HTTPResponseBodyEvent = {
            "type": "http.response.body",
            "body": b"",
            "more_body": False,
        }
        await send(start)
        await send(body)

    return middleware


async def origin_allowed(origin: str) -> bool:
    """True when a live widget key lists ``origin``."""
    try:
        wanted = normalize_origin(origin)
    except Exception:  # noqa: BLE001 - a malformed Origin is simply not allowed
        return False
    keys = await KeyStore().list(WIDGET)
    return any(wanted in key.allowed_origins and not key.revoked for key in keys)
