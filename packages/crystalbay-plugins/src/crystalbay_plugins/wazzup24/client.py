"""Typed async client for the Wazzup24 v3 API: one method per vendor call."""

from __future__ import annotations

import asyncio
import logging
from typing import TYPE_CHECKING, TypeVar

import httpx
import msgspec

from crystalbay.errors import IntegrationProtocolError, IntegrationUnavailable
from crystalbay_plugins.wazzup24.config import PLUGIN_NAME, WazzupConfig
from crystalbay_plugins.wazzup24.errors import error_for_response
from crystalbay_plugins.wazzup24.models import (
    ChannelInfo,
    SendMessageRequest,
    SentMessage,
    WebhooksRequest,
    WebhooksState,
)
from crystalbay_plugins.wazzup24.ratelimit import SlidingWindowLimiter

if TYPE_CHECKING:
    from collections.abc import Mapping

__all__ = ["WazzupClient"]

logger = logging.getLogger("crystalbay.plugins.wazzup24")

T = TypeVar("T")


class WazzupClient:
    """Calls Wazzup24 with the account API key through the hub's shared HTTP client.

    Every call first waits for the client-side limiter; a 429 is waited out (``Retry-After``
    when sent, else one window) up to ``rate_limit_retries`` times, then raised.

    Args:
        config: The plugin's configuration.
        http: The hub's shared ``httpx.AsyncClient``.
        limiter: Client-side rate limiter; by default 500 calls per 5 s.
        rate_limit_retries: How many 429 answers to wait out before giving up.
        max_wait: Longest single wait on a 429, in seconds; a longer ``Retry-After`` is raised.
        timeout: Seconds per request (Wazzup documents none; 30 s matches its webhook timeout).
    """

    def __init__(
        self,
        config: WazzupConfig,
        http: httpx.AsyncClient,
        *,
        limiter: SlidingWindowLimiter | None = None,
        rate_limit_retries: int = 2,
        max_wait: float = 10.0,
        timeout: float = 30.0,
    ) -> None:
        self.config = config
        self._http = http
        self.limiter = limiter or SlidingWindowLimiter()
        self._retries = rate_limit_retries
        self._max_wait = max_wait
        self._timeout = timeout
        base = config.api_url.rstrip("/")
        self._base = (base.removesuffix("/v3") + "/v3").rstrip("/")

    async def list_channels(self) -> list[ChannelInfo]:
        """``GET /v3/channels``: the account's channels (an empty list when there are none)."""
        return _decode("GET /channels", await self._call("GET", "/channels"), list[ChannelInfo])

    async def send_message(self, request: SendMessageRequest) -> SentMessage:
        """``POST /v3/message``: send one text or one file.

        Raises:
            RepeatedCrmMessageId: The ``crmMessageId`` was used in the last 60 s.
            ReplyWindowClosed: WhatsApp's 24-hour window is closed (if reported at once).
            WazzupRejected: Any other refusal, with the vendor's code.
            IntegrationUnavailable: Outage, timeout or rate limit.
        """
        content = await self._call("POST", "/message", request)
        return _decode("POST /message", content, SentMessage)

    async def get_webhooks(self) -> WebhooksState:
        """``GET /v3/webhooks``: the registered address and subscriptions."""
        return _decode("GET /webhooks", await self._call("GET", "/webhooks"), WebhooksState)

    async def set_webhooks(self, request: WebhooksRequest) -> None:
        """``PATCH /v3/webhooks``: Wazzup test-POSTs the address before accepting it.

        The documented success body (``{ ok }``) is not JSON, so only the status is checked.
        """
        await self._call("PATCH", "/webhooks", request)

    async def _call(self, method: str, path: str, body: object = None) -> bytes:
        response = await self._send_waiting_out_429(method, path, body)
        if not response.is_success:
            raise error_for_response(response.status_code, response.content)
        return response.content

    async def _send_waiting_out_429(self, method: str, path: str, body: object) -> httpx.Response:
        for attempt in range(self._retries + 1):
            response = await self._request(method, path, body)
            if response.status_code != 429:  # noqa: PLR2004
                return response
            wait = _retry_after(response.headers) or self.limiter.window
            if attempt == self._retries or wait > self._max_wait:
                raise error_for_response(429, response.content, retry_after=wait)
            logger.warning("wazzup24: 429 on %s %s, waiting %.1f s", method, path, wait)
            await asyncio.sleep(wait)
        raise AssertionError("unreachable")  # pragma: no cover

    async def _request(self, method: str, path: str, body: object) -> httpx.Response:
        await self.limiter.acquire()
        headers = {"Authorization": f"Bearer {self.config.api_key}"}
        content = None
        if body is not None:
            content = msgspec.json.encode(body)
            headers["Content-Type"] = "application/json"
        try:
            return await self._http.request(
                method, self._base + path, content=content, headers=headers, timeout=self._timeout
            )
        except httpx.TimeoutException as exc:
            raise IntegrationUnavailable(
                f"no answer to {method} {path} within {self._timeout:g} s; a retry with the same "
                "crmMessageId within 60 s cannot send twice",
                integration=PLUGIN_NAME,
            ) from exc
        except httpx.TransportError as exc:
            raise IntegrationUnavailable(
                f"cannot reach {self._base}: {exc}; check WAZZUP_API_URL and the network",
                integration=PLUGIN_NAME,
            ) from exc


def _decode(call: str, content: bytes, type_: type[T]) -> T:
    try:
        return msgspec.json.decode(content, type=type_)
    except msgspec.DecodeError as exc:
        raise IntegrationProtocolError(
            f"unexpected answer to {call}: {exc}", integration=PLUGIN_NAME
        ) from exc


def _retry_after(headers: Mapping[str, str]) -> float | None:
    """Seconds from a numeric ``Retry-After`` (Wazzup documents none; honoured if sent)."""
    try:
        value = float(headers.get("retry-after", ""))
    except ValueError:
        return None
    return value if value >= 0 else None
