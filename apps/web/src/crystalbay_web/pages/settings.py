"""``/settings`` (administrators only): plugins, their settings forms and connection tests.

Keys and users live in :mod:`crystalbay_web.pages.settings_accounts`. Secret settings are
never sent to the browser: the form shows whether one is set and its masked tail, and an
empty secret input keeps the stored value.
"""

from __future__ import annotations

from typing import Any

from litestar import Controller, get, post
from litestar.params import FromPath
from litestar.response import Template

from crystalbay.services.settings_admin import PluginAdminService
from crystalbay.services.user_admin import UserAdminService
from crystalbay_web.deps import AnyRequest
from crystalbay_web.sessions import require_admin

__all__ = ["SettingsController", "index_context", "plugin_admin"]


_NOT_SETTINGS = frozenset({"_csrf_token", "clear"})


def plugin_admin(request: AnyRequest) -> PluginAdminService:
    """The app's plugin administration (it remembers connection-test results)."""
    hub = request.app.state.hub
    admin = request.app.state.get("plugin_admin")
    if not isinstance(admin, PluginAdminService) or admin.hub is not hub:
        admin = PluginAdminService(hub)
        request.app.state.plugin_admin = admin
    return admin


async def index_context(request: AnyRequest, **extra: object) -> dict[str, Any]:
    """Everything the settings page shows."""
    hub = request.app.state.hub
    return {
        "plugins": plugin_admin(request).plugins(),
        "api_keys": await hub.accounts.list_keys("api"),
        "widget_keys": await hub.accounts.list_keys("widget"),
        "users": await UserAdminService(hub.accounts).list_users(),
        **extra,
    }


class SettingsController(Controller):
    """Plugins and their settings."""

    path = "/settings"
    include_in_schema = False
    guards = [require_admin]  # noqa: RUF012 - Litestar's declared attribute

    @get("/")
    async def index(self, request: AnyRequest) -> Template:
        """Plugins, API keys, widget keys and users."""
        return Template("settings/index.html", context=await index_context(request))

    @get("/plugins/{name:str}")
    async def plugin(self, request: AnyRequest, name: FromPath[str]) -> Template:
        """A plugin's settings form."""
        form = await plugin_admin(request).form(name)
        return Template("settings/plugin.html", context={"form": form})

    @post("/plugins/{name:str}", status_code=200)
    async def save(self, request: AnyRequest, name: FromPath[str]) -> Template:
        """Validate and store the form; show a message next to each invalid field."""
        data = await request.form()
        submitted = {k: str(v) for k, v in data.items() if k not in _NOT_SETTINGS}
        clear = [str(v) for v in data.getall("clear", [])]
        form = await plugin_admin(request).save(name, submitted, clear=clear)
        status = 200 if form.saved else 422
        return Template("settings/plugin.html", context={"form": form}, status_code=status)

    @post("/plugins/{name:str}/test", status_code=200)
    async def test(self, request: AnyRequest, name: FromPath[str]) -> Template:
        """Run the plugin's connection checks (HTMX: the result replaces the button's box)."""
        results = await plugin_admin(request).test_connection(name)
        return Template("settings/_health.html", context={"name": name, "results": results})
