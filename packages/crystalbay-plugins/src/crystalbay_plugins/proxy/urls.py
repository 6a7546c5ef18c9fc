"""URL helpers: credential masking and the host patterns httpx mounts use."""

from __future__ import annotations

from urllib.parse import SplitResult, urlsplit

import httpx

from crystalbay.errors import ConfigurationError

__all__ = ["host_pattern", "mask_url", "parse_hosts", "url_host"]

MASK = "****"


def mask_url(url: str) -> str:
    """``url`` with its password and query values replaced by ``****``.

    ``http://alice:s3cret@vps:8888`` becomes ``http://alice:****@vps:8888``.
    """
    try:
        parts = urlsplit(url)
        netloc = parts.netloc
        if "@" in netloc:
            userinfo, _, hostport = netloc.rpartition("@")
            user = userinfo.partition(":")[0]
            netloc = f"{user}:{MASK}@{hostport}" if user else f"{MASK}@{hostport}"
        query = "&".join(f"{pair.partition('=')[0]}={MASK}" for pair in parts.query.split("&"))
        return SplitResult(
            parts.scheme, netloc, parts.path, query if parts.query else "", ""
        ).geturl()
    except ValueError:
        return MASK


def url_host(url: str, *, setting: str) -> str:
    """``host`` or ``host:port`` (port only when explicit) of an absolute http(s) URL.

    Raises:
        ConfigurationError: ``url`` is not an absolute http(s) URL (``field`` = ``setting``).
    """
    try:
        parsed = httpx.URL(url)
    except httpx.InvalidURL:
        parsed = None
    if parsed is None or parsed.scheme not in ("http", "https") or not parsed.host:
        raise ConfigurationError(
            f"{setting} must be an absolute http:// or https:// URL, got {mask_url(url)!r}.",
            field=setting,
        )
    return _join(parsed.host, parsed.port)


def parse_hosts(value: str, *, setting: str) -> tuple[str, ...]:
    """Split a comma list of hosts (``host``, ``host:port``, ``*.domain`` or URLs).

    Raises:
        ConfigurationError: An entry is not a host (``field`` = ``setting``).
    """
    hosts = (_one_host(raw.strip().lower(), setting) for raw in value.split(",") if raw.strip())
    return tuple(dict.fromkeys(hosts))


def host_pattern(host: str) -> str:
    """The httpx mount pattern that routes every scheme to ``host``."""
    return f"all://{host}"


def _one_host(item: str, setting: str) -> str:
    if "://" in item:
        return url_host(item, setting=setting)
    if "/" in item:
        raise ConfigurationError(
            f"{setting} lists hosts, not paths: write {item.partition('/')[0]!r}, not {item!r}.",
            field=setting,
        )
    if item.startswith("*."):
        return item  # httpx routes every subdomain of the rest
    return url_host(f"http://{item}", setting=setting)


def _join(host: str, port: int | None) -> str:
    shown = f"[{host}]" if ":" in host else host
    return shown.lower() if port is None else f"{shown.lower()}:{port}"
