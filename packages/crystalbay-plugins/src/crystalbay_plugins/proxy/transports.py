"""The forward-proxy transport: httpx's own, with credentials kept out of reprs and errors."""

from __future__ import annotations

from typing import TYPE_CHECKING

import httpx

from crystalbay_plugins.proxy.urls import mask_url

if TYPE_CHECKING:
    import ssl
    from collections.abc import Iterable

__all__ = ["ProxyTransport", "masked_error"]


class ProxyTransport(httpx.AsyncHTTPTransport):
    """``httpx.AsyncHTTPTransport(proxy=...)`` whose repr and errors never show the password.

    Plain-HTTP targets are sent to the proxy as absolute-URI requests; HTTPS targets go through
    a ``CONNECT`` tunnel, so TLS stays end to end and the vendor sees the proxy's address.
    Credentials in the URL become a ``Proxy-Authorization: Basic`` header (TinyProxy
    ``BasicAuth``).

    Args:
        proxy_url: ``http://user:pass@host:port``.
        retries: Connection attempts to repeat, as in ``httpx.AsyncHTTPTransport``.
        verify: TLS verification of the target, as in ``httpx.AsyncHTTPTransport``.
    """

    def __init__(
        self, proxy_url: str, *, retries: int = 1, verify: ssl.SSLContext | bool = True
    ) -> None:
        super().__init__(proxy=httpx.Proxy(proxy_url), retries=retries, verify=verify)
        self.masked_url = mask_url(proxy_url)
        self._secrets = tuple(s for s in (httpx.URL(proxy_url).password,) if s)

    def __repr__(self) -> str:
        return f"<ProxyTransport via {self.masked_url}>"

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        """Send ``request`` through the proxy; failures name the proxy, masked."""
        try:
            return await super().handle_async_request(request)
        except httpx.TransportError as exc:
            where = f"through the forward proxy {self.masked_url} (PROXY_URL)"
            raise masked_error(exc, request, where, self._secrets) from None


def masked_error(
    exc: httpx.TransportError, request: httpx.Request, where: str, secrets: Iterable[str]
) -> httpx.TransportError:
    """A copy of ``exc`` whose message says ``where`` and contains none of ``secrets``."""
    message = f"{exc or type(exc).__name__} {where}"
    for secret in secrets:
        message = message.replace(secret, "****")
    return type(exc)(message, request=request)
