"""Health, plugin introspection and the landing page."""

from __future__ import annotations

from litestar import Response, get
from litestar.response import Redirect

from crystalbay.plugins import PluginInfo, list_plugins
from crystalbay_web.deps import HubDep

__all__ = ["health", "index", "plugins"]


@get("/health", tags=["system"])
async def health(hub: HubDep) -> Response[dict[str, object]]:
    """Database and plugin state; 503 when the database does not answer."""
    report = await hub.health()
    return Response(report, status_code=200 if report["status"] == "ok" else 503)


@get("/-/plugins", tags=["system"])
async def plugins(hub: HubDep) -> list[PluginInfo]:
    """Registered plugins with their versions and hooks."""
    return list_plugins(hub.pm)


@get("/", include_in_schema=False)
async def index() -> Redirect:
    """The dashboard's board (the login page when there is no session)."""
    return Redirect("/leads")
