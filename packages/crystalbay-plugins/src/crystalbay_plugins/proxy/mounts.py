"""Which hosts go where: the mounts the plugin contributes to the hub's HTTP client."""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from crystalbay.errors import ConfigurationError
from crystalbay_plugins.proxy.relay import RelayTransport
from crystalbay_plugins.proxy.transports import ProxyTransport
from crystalbay_plugins.proxy.urls import host_pattern, parse_hosts, url_host

if TYPE_CHECKING:
    from collections.abc import Set as AbstractSet

    import httpx

    from crystalbay_plugins.proxy.config import ProxyConfig

__all__ = ["build_mounts"]

logger = logging.getLogger("crystalbay_plugins.proxy")


def build_mounts(config: ProxyConfig) -> dict[str, httpx.AsyncBaseTransport]:
    """Mount patterns -> transports for ``config``; empty when nothing is to be routed.

    * ``SAMO_RELAY_URL`` set: the host of ``SAMO_API_URL`` goes to the relay.
    * ``PROXY_URL`` set: the hosts in ``PROXY_HOSTS``, and the ``SAMO_API_URL`` host unless it
      is relayed, go through the forward proxy. Every other host stays direct.

    Raises:
        ConfigurationError: A URL is malformed, or a setting has nothing to act on; ``field``
            names the environment variable.
    """
    samo_host = (
        url_host(config.samo_api_url, setting="SAMO_API_URL") if config.samo_api_url else None
    )
    mounts: dict[str, httpx.AsyncBaseTransport] = {}
    if config.relay_url:
        mounts.update(_relay_mounts(config.relay_url, config.relay_key, samo_host))
    extra = parse_hosts(config.hosts, setting="PROXY_HOSTS")
    if config.proxy_url:
        hosts = extra if config.relay_url or samo_host is None else (samo_host, *extra)
        mounts.update(_proxy_mounts(config.proxy_url, hosts, skip=mounts.keys()))
    elif extra:
        raise ConfigurationError(
            "PROXY_HOSTS lists hosts for a forward proxy, but PROXY_URL is not set;"
            " set PROXY_URL or clear PROXY_HOSTS.",
            field="PROXY_HOSTS",
        )
    return mounts


def _relay_mounts(
    relay_url: str, key: str | None, samo_host: str | None
) -> dict[str, RelayTransport]:
    url_host(relay_url, setting="SAMO_RELAY_URL")
    if samo_host is None:
        raise ConfigurationError(
            "SAMO_RELAY_URL is set but SAMO_API_URL is not; set SAMO_API_URL so the hub knows"
            " which host's calls to relay.",
            field="SAMO_API_URL",
        )
    transport = RelayTransport(relay_url, key=key)
    logger.info("relaying calls to %s through %s", samo_host, transport.masked_url)
    return {host_pattern(samo_host): transport}


def _proxy_mounts(
    proxy_url: str, hosts: tuple[str, ...], *, skip: AbstractSet[str]
) -> dict[str, ProxyTransport]:
    url_host(proxy_url, setting="PROXY_URL")
    if not hosts:
        raise ConfigurationError(
            "PROXY_URL is set but no host is routed through it; set SAMO_API_URL or"
            " PROXY_HOSTS (comma-separated hosts).",
            field="PROXY_HOSTS",
        )
    mounts = {
        pattern: ProxyTransport(proxy_url)
        for pattern in map(host_pattern, hosts)
        if pattern not in skip
    }
    if mounts:
        logger.info(
            "routing %s through %s", ", ".join(hosts), next(iter(mounts.values())).masked_url
        )
    return mounts
