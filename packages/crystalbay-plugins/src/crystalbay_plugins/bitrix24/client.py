"""The Bitrix24 REST transport: one POST per method through the incoming webhook.

Every call waits for the leaky bucket, posts JSON to ``<webhook>/<method>.json`` and reads the
envelope (contract 1.1-1.4). ``QUERY_LIMIT_EXCEEDED`` (HTTP 503 or inside a 200 body) and
``OPERATION_TIME_LIMIT`` mean the portal refused the call before running it, so the same call
is sent again after a growing delay, a bounded number of times. Timeouts and 5xx answers are
*not* retried here: Bitrix may have run the method, and a second ``add`` would duplicate it;
the caller's outbox retries instead, and the adapter's upserts find what was already created.
"""

from __future__ import annotations

import asyncio
import logging
from typing import TYPE_CHECKING, TypeVar

import httpx
import msgspec

from crystalbay.errors import IntegrationError, IntegrationProtocolError, IntegrationUnavailable
from crystalbay_plugins.bitrix24.config import PLUGIN_NAME, BitrixConfig
from crystalbay_plugins.bitrix24.errors import BitrixBusy, error_for
from crystalbay_plugins.bitrix24.models import Reply
from crystalbay_plugins.bitrix24.ratelimit import LeakyBucket

if TYPE_CHECKING:
    from collections.abc import Awaitable, Callable, Mapping

__all__ = ["BitrixClient", "decode_result"]

logger = logging.getLogger("crystalbay.plugins.bitrix24")

T = TypeVar("T")


class BitrixClient:
    """Calls REST methods through the incoming webhook, within the portal's request limit.

    Args:
        config: The plugin's configuration (webhook URL, limits, timeout).
        http: The hub's shared ``httpx.AsyncClient``.
        limiter: The leaky bucket; by default sized from ``config``.
        max_in_flight: Requests sent at the same time. The bucket counts a request when it is
            sent; requests queued behind others (in the HTTP pool) would reach the portal
            later and in a clump, and could overflow its bucket (contract 1.4: no parallel
            series from one address).
        retries: How many busy refusals to wait out before raising ``BitrixBusy``.
        backoff: First wait after a refusal in seconds; doubled on each further refusal.
        sleep: Async sleep used for the back-off (inject a fast one in tests).
    """

    def __init__(
        self,
        config: BitrixConfig,
        http: httpx.AsyncClient,
        *,
        limiter: LeakyBucket | None = None,
        max_in_flight: int = 4,
        retries: int = 5,
        backoff: float = 1.0,
        sleep: Callable[[float], Awaitable[None]] = asyncio.sleep,
    ) -> None:
        self.config = config
        self.endpoint = config.endpoint()
        self.limiter = limiter or LeakyBucket(config.burst, config.rate_per_second)
        self._http = http
        self._slots = asyncio.Semaphore(max_in_flight)
        self._retries = retries
        self._backoff = backoff
        self._sleep = sleep
        self.calls = 0
        """HTTP requests sent (a batch counts once, as for the portal's limit)."""

    async def call(self, method: str, params: Mapping[str, object] | None = None) -> Reply:
        """Run ``method`` and return its envelope.

        Raises:
            BitrixBusy: Still refused as busy after the retries.
            BitrixRejected: The portal refused the call (``BitrixAuthError`` for the webhook).
            IntegrationUnavailable: Timeout, network failure or a 5xx answer.
            IntegrationProtocolError: The answer is not a Bitrix24 envelope.
        """
        for attempt in range(self._retries + 1):
            async with self._slots:
                await self.limiter.acquire()
                reply, error = await self._once(method, params or {})
            if error is None:
                return reply
            if not isinstance(error, BitrixBusy) or attempt == self._retries:
                raise error
            if error.retry_after is None:  # QUERY_LIMIT_EXCEEDED: the portal's bucket is full
                self.limiter.saturate()
            wait = self._backoff * 2**attempt
            logger.warning("bitrix24: %s refused as busy, retrying in %.2f s", method, wait)
            await self._sleep(wait)
        raise AssertionError("unreachable")  # pragma: no cover

    async def result(self, method: str, params: Mapping[str, object] | None, type_: type[T]) -> T:
        """Run ``method`` and decode its ``result`` as ``type_``."""
        reply = await self.call(method, params)
        return decode_result(method, reply.result, type_)

    async def list_all(
        self, method: str, params: Mapping[str, object], type_: type[T], *, limit: int = 10_000
    ) -> list[T]:
        """Every row of a list method, following ``next`` 50 rows at a time (contract 1.5)."""
        rows: list[T] = []
        start = 0
        while len(rows) < limit:
            reply = await self.call(method, {**params, "start": start})
            rows += decode_result(method, reply.result, list[type_])  # type: ignore[valid-type]
            if reply.next is None or reply.next <= start:
                break
            start = reply.next
        return rows[:limit]

    async def _once(
        self, method: str, params: Mapping[str, object]
    ) -> tuple[Reply, IntegrationError | None]:
        response = await self._post(method, params)
        self.calls += 1
        status = response.status_code
        try:
            reply = msgspec.json.decode(response.content, type=Reply)
        except msgspec.DecodeError as exc:
            if status >= 500 or status == 429:  # noqa: PLR2004
                return Reply(), error_for(method, status, "", "")
            return Reply(), IntegrationProtocolError(
                f"{method} answered HTTP {status} with something that is not a Bitrix24 "
                f"envelope: {exc}",
                integration=PLUGIN_NAME,
            )
        if reply.error is not None:
            return reply, error_for(method, status, reply.error, reply.error_description)
        if status != 200 or not reply.result:  # noqa: PLR2004
            return reply, error_for(method, status, "", "the answer carries no result")
        return reply, None

    async def _post(self, method: str, params: Mapping[str, object]) -> httpx.Response:
        url = f"{self.endpoint.base}/{method}.json"
        try:
            return await self._http.post(
                url,
                content=msgspec.json.encode(params),
                headers={"Content-Type": "application/json"},
                timeout=self.config.timeout,
            )
        except httpx.TimeoutException as exc:
            raise IntegrationUnavailable(
                f"no answer to {method} within {self.config.timeout:g} s; it may still have "
                "run, so the sync will look for its result before writing again",
                integration=PLUGIN_NAME,
            ) from exc
        except httpx.TransportError as exc:
            raise IntegrationUnavailable(
                f"cannot reach {self.endpoint.masked} ({type(exc).__name__}); check "
                "BITRIX_WEBHOOK_URL and the network",
                integration=PLUGIN_NAME,
            ) from exc


def decode_result(method: str, raw: msgspec.Raw, type_: type[T]) -> T:
    """Decode a ``result`` (numeric strings fill ``int`` fields).

    Raises:
        IntegrationProtocolError: The result does not have the documented shape.
    """
    try:
        return msgspec.json.decode(raw, type=type_, strict=False)
    except msgspec.DecodeError as exc:
        raise IntegrationProtocolError(
            f"unexpected result of {method}: {exc}", integration=PLUGIN_NAME
        ) from exc
