"""Settings of the proxy routing plugin."""

from __future__ import annotations

import msgspec

from crystalbay.config import PluginSettings
from crystalbay_plugins.proxy.urls import mask_url

__all__ = ["PLUGIN", "SETTINGS", "ProxyConfig"]

PLUGIN = "proxy"


class ProxyConfig(msgspec.Struct, frozen=True, kw_only=True):
    """Where outbound calls to IP-whitelisted vendors are routed.

    Set ``proxy_url`` for a forward proxy (e.g. TinyProxy on the whitelisted VPS), or
    ``relay_url`` for a relay script there; both may be set (the relay then carries SAMO and
    the proxy carries ``hosts``). With neither, nothing is routed.

    Attributes:
        proxy_url: ``PROXY_URL``, e.g. ``http://user:pass@vps:8888``; a secret.
        relay_url: ``SAMO_RELAY_URL``, e.g. ``https://vps/samo_proxy.php``.
        relay_key: ``SAMO_RELAY_KEY``, sent as ``X-Relay-Key`` to the relay; a secret.
        samo_api_url: ``SAMO_API_URL``; its host is routed by default.
        hosts: ``PROXY_HOSTS``, comma-separated extra hosts (``host``, ``host:port``,
            ``*.example.org`` or a URL) to send through the forward proxy.
    """

    proxy_url: str | None = None
    relay_url: str | None = None
    relay_key: str | None = None
    samo_api_url: str | None = None
    hosts: str = ""

    def __repr__(self) -> str:
        proxy = mask_url(self.proxy_url) if self.proxy_url else None
        relay = mask_url(self.relay_url) if self.relay_url else None
        key = "'****'" if self.relay_key else None
        return (
            f"ProxyConfig(proxy_url={proxy!r}, relay_url={relay!r}, relay_key={key},"
            f" samo_api_url={self.samo_api_url!r}, hosts={self.hosts!r})"
        )

    __str__ = __repr__


SETTINGS = PluginSettings(
    plugin=PLUGIN,
    config_type=ProxyConfig,
    env={
        "proxy_url": "PROXY_URL",
        "relay_url": "SAMO_RELAY_URL",
        "relay_key": "SAMO_RELAY_KEY",
        "samo_api_url": "SAMO_API_URL",
        "hosts": "PROXY_HOSTS",
    },
    secrets=frozenset({"proxy_url", "relay_key"}),
)
"""The declaration returned from ``register_settings``; nothing is required."""
