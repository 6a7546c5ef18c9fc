"""How a SAMO call travels: over HTTP to an operator, or in-process (the sandbox).

A transport returns the raw body of an answer that passed the access check; the client then
decodes the envelope the same way whatever the transport.
"""

from __future__ import annotations

import logging
import re
from typing import TYPE_CHECKING, Protocol, runtime_checkable
from urllib.parse import urlsplit

import httpx

from crystalbay.errors import IntegrationRejected, IntegrationUnavailable
from crystalbay_plugins.samo import faults

if TYPE_CHECKING:
    from collections.abc import Mapping

    from crystalbay_plugins.samo.config import SamoConfig

__all__ = ["HttpTransport", "SamoTransport", "install_token_redaction"]


@runtime_checkable
class SamoTransport(Protocol):
    """Carries one SAMO API call and returns the body of a 200 answer."""

    integration: str
    """Name used in errors (``"samo"``, ``"sandbox"``)."""

    async def call(self, action: str, params: Mapping[str, str]) -> bytes:
        """Call ``action`` with ``params``; raise an ``IntegrationError`` on access failures."""
        ...


class HttpTransport:
    """GET with every parameter in the query string, the verified way (POST got 500 on Anex).

    Args:
        config: The operator's settings.
        http: The hub's shared client (proxy routing lives in its mounts).
    """

    integration = "samo"

    def __init__(self, config: SamoConfig, http: httpx.AsyncClient) -> None:
        self._config = config
        self._http = http
        self._host = urlsplit(config.api_url).netloc or config.api_url
        install_token_redaction()

    async def call(self, action: str, params: Mapping[str, str]) -> bytes:
        """Send the call; map transport failures and non-200 answers to the error tree."""
        query = {
            "samo_action": "api",
            "version": "1.0",
            "type": "json",
            "action": action,
            "oauth_token": self._config.oauth_token,
            "LNG": self._config.language,
            **params,
        }
        try:
            response = await self._http.get(
                self._config.api_url, params=query, timeout=self._config.timeout
            )
        except httpx.TimeoutException as exc:
            raise IntegrationUnavailable(
                f"{action}: no answer from {self._host} within {self._config.timeout:g} s; "
                "try again later or raise SAMO_TIMEOUT",
                integration=self.integration,
            ) from exc
        except (httpx.UnsupportedProtocol, httpx.InvalidURL) as exc:
            raise IntegrationRejected(
                "SAMO_API_URL is not a usable http(s) URL", integration=self.integration
            ) from exc
        except httpx.RequestError as exc:
            detail = _unreachable(action, self._host, exc)
            raise IntegrationUnavailable(detail, integration=self.integration) from exc
        if response.status_code != 200:  # noqa: PLR2004
            raise faults.http_error(
                response.status_code,
                response.text[:500],
                response.headers.get("www-authenticate", ""),
                response.headers.get("retry-after"),
                self.integration,
            )
        return response.content


def _unreachable(action: str, host: str, exc: httpx.RequestError) -> str:
    """Say whether the operator or the forward proxy in between could not be reached.

    The proxy plugin's transport names the proxy (masked) in its errors; a 407 or a failed
    ``CONNECT`` surfaces as :class:`httpx.ProxyError`.
    """
    reason = str(exc) or type(exc).__name__
    if isinstance(exc, httpx.ProxyError) and "407" in reason:
        return (
            f"{action}: the forward proxy refused our credentials ({reason}); check the user "
            "and password in PROXY_URL"
        )
    if "PROXY_URL" in reason or isinstance(exc, httpx.ProxyError):
        return (
            f"{action}: cannot reach {host} {reason}; check that the proxy is running and "
            "PROXY_URL points at it"
        )
    return f"{action}: cannot reach {host} ({reason}); check SAMO_API_URL and the proxy routing"


_TOKEN_IN_URL = re.compile(r"(oauth_token=)[^&\s\"']+")


class _RedactToken(logging.Filter):
    """Masks ``oauth_token=...`` in httpx's request log lines (it logs the full URL)."""

    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        if "oauth_token=" in message:
            record.msg = _TOKEN_IN_URL.sub(r"\1***", message)
            record.args = ()
        return True


def install_token_redaction() -> None:
    """Install the filter on the ``httpx`` and ``httpcore`` loggers (idempotent)."""
    for name in ("httpx", "httpcore"):
        logger = logging.getLogger(name)
        if not any(isinstance(f, _RedactToken) for f in logger.filters):
            logger.addFilter(_RedactToken())
