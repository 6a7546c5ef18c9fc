"""Health, plugin introspection and the landing page."""

from __future__ import annotations

from litestar import MediaType, Response, get

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


_INDEX = """<!doctype html>
<html lang="ru"><head><meta charset="utf-8"><title>Crystal Bay hub</title></head>
<body><h1>Crystal Bay hub</h1>
<ul>
<li><a href="/health">/health</a></li>
<li><a href="/schema/openapi.json">/schema/openapi.json</a> (API v1)</li>
<li><a href="/-/plugins">/-/plugins</a></li>
</ul></body></html>"""


@get("/", media_type=MediaType.HTML, include_in_schema=False)
async def index() -> str:
    """Links to the health check and the API description."""
    return _INDEX
