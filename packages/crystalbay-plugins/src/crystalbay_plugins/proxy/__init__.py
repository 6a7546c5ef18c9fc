"""Proxy routing: send calls to IP-whitelisted vendors through a forward proxy or a relay.

SAMO tokens are bound to whitelisted caller addresses (contract ``samo.md`` section 2). This
plugin mounts transports on the hub's shared HTTP client for the affected hosts only:
``PROXY_URL`` (e.g. TinyProxy on the whitelisted VPS) or ``SAMO_RELAY_URL`` (a relay script
there, protocol in :mod:`crystalbay_plugins.proxy.relay`). Every other host stays direct.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from crystalbay.hookspecs import hookimpl
from crystalbay_plugins.proxy.config import PLUGIN, SETTINGS, ProxyConfig
from crystalbay_plugins.proxy.mounts import build_mounts

if TYPE_CHECKING:
    from collections.abc import Mapping

    import httpx

    from crystalbay.config import PluginSettings
    from crystalbay.hub import Hub


@hookimpl
def register_settings() -> PluginSettings:
    """Declare the plugin's settings (see :class:`ProxyConfig`); none is required."""
    return SETTINGS


@hookimpl
def register_http_mounts(hub: Hub) -> Mapping[str, httpx.AsyncBaseTransport] | None:
    """Mount the forward proxy or the relay on the configured hosts; nothing when unset."""
    config = hub.plugin_config(PLUGIN, ProxyConfig)
    if config is None:
        return None
    return build_mounts(config) or None
